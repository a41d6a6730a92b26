"""The figures and dates that move when the facts change: ``figures`` and the deal's deadlines, old and new.

Each deal is reported at its own closing (so a closing date that moves compares closing with
closing), with its deadlines (the press release, every monthly list, the approval covenant's), and
on each further date asked for (by default the last date either ledger records, where that is after
both closings: damages, conversions and deliveries by then).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..compute import latest_fact_date
from ..compute.figures import deadlines, figures, to_json
from ..deal.model import Deal

# figures that name the moment rather than measure anything
_SKIPPED = {("deal",), ("as_of",), ("rounding",), ("readings",)}
# the key that names each entry of a list of figures, in order of preference
_NAMES = ("id", "month", "buyer")


@dataclass(frozen=True)
class Moment:
    name: str                  # "closing", "deadlines" or "as-of YYYY-MM-DD"
    old_date: dt.date | None
    new_date: dt.date | None

    @property
    def label(self) -> str:
        if self.name == "deadlines":
            return "deadlines"
        if self.name != "closing":
            return self.name
        if self.old_date == self.new_date:
            return f"{self.name} ({self.new_date.isoformat()})"
        return f"{self.name} ({_iso(self.old_date)} -> {_iso(self.new_date)})"


@dataclass(frozen=True)
class FigureChange:
    moment: Moment
    path: str
    old: Any                  # JSON values: exact decimal strings, ISO dates, integers; None where absent
    new: Any


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


def moments(old: Deal, new: Deal, as_of: list[dt.date]) -> list[Moment]:
    out = [Moment("closing", old.closing_date, new.closing_date), Moment("deadlines", None, None)]
    dates = list(as_of)
    if not dates:
        last = max(latest_fact_date(old), latest_fact_date(new))
        if last > max(old.closing_date, new.closing_date):
            dates = [last]
    out += [Moment(f"as of {d.isoformat()}", d, d) for d in sorted(set(dates))]
    return out


def _report(deal: Deal, moment: Moment, day: dt.date | None) -> Any:
    if moment.name == "deadlines":
        data = deadlines(deal)
    elif day is None or day < deal.closing_date:
        return None
    else:
        data = figures(deal, day)
    return json.loads(to_json(data))      # the JSON values `figures --json` prints


def figure_changes(old: Deal, new: Deal, as_of: list[dt.date] | None = None) -> list[FigureChange]:
    """Every figure and date that differs, moment by moment."""
    out: list[FigureChange] = []
    for moment in moments(old, new, as_of or []):
        a, b = _report(old, moment, moment.old_date), _report(new, moment, moment.new_date)
        entries_a, entries_b = {}, {}
        flat_a, flat_b = _flatten(a, entries=entries_a), _flatten(b, entries=entries_b)
        # an entry of a list (a month's list, a breach) on one side only is one change, not one a figure
        whole = {p for p in entries_a.keys() ^ entries_b.keys()}
        reported: set[str] = set()
        for path in list(flat_b) + [p for p in flat_a if p not in flat_b]:
            entry = next((w for w in whole if path.startswith(w + ".") or path == w), None)
            if entry is not None:
                if entry not in reported:
                    reported.add(entry)
                    out.append(FigureChange(moment, entry, entries_a.get(entry), entries_b.get(entry)))
            elif flat_a.get(path) != flat_b.get(path):
                out.append(FigureChange(moment, path, flat_a.get(path), flat_b.get(path)))
    return out


def _flatten(value: Any, path: tuple = (), out: dict | None = None, entries: dict | None = None) -> dict[str, Any]:
    """path -> leaf value; entries of a list named by their id, month or buyer where they have one (and
    each entry's path -> the entry, in ``entries``)."""
    out = {} if out is None else out
    entries = {} if entries is None else entries
    if path in _SKIPPED:
        return out
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, path + (key,), out, entries)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            name = next((item[k] for k in _NAMES if isinstance(item, dict) and isinstance(item.get(k), str)), None)
            entry = path + (f"[{name if name is not None else index}]",)
            entries[_dotted(entry)] = item
            _flatten(item, entry, out, entries)
    else:
        out[_dotted(path)] = value
    return out


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += part if part.startswith("[") else (f".{part}" if text else part)
    return text
