"""The facts that changed between two deal files: key path, old value, new value, line in each file.

Mappings are compared key by key; a list of mappings that carry an ``id`` (the Buyers, the
officers) is compared entry by entry by id, so adding a Buyer does not move the others; other
lists (the ledger) are aligned on their entries, and an entry changed in place is compared field
by field.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from ..deal.load import LoadedDeal, Path_, Pending, dotted


@dataclass(frozen=True)
class FactChange:
    path: str                 # the key path, as the NEW file has it (the OLD one's where removed)
    old: Any                  # None where the fact is new
    new: Any                  # None where the fact was removed
    old_at: str | None        # file:line in the OLD deal file
    new_at: str | None

    @property
    def kind(self) -> str:
        return "added" if self.old_at is None else "removed" if self.new_at is None else "changed"


@dataclass(frozen=True)
class _Side:
    loaded: LoadedDeal
    label: Any                # file name as shown: a function of the file the loader read

    def at(self, path: Path_) -> str:
        line, _ = self.loaded.where(path)
        return f"{self.label(self.loaded.file_of(path))}:{line}"


def fact_changes(old: LoadedDeal, new: LoadedDeal, old_label=str, new_label=str) -> list[FactChange]:
    """Every fact that differs, in the NEW file's order; ``*_label`` names a file as the report shows it."""
    out: list[FactChange] = []
    _compare(_Side(old, old_label), _Side(new, new_label), old.data, new.data, (), (), out)
    return out


def _plain(value: Any) -> Any:
    """A value as a hashable, comparable whole (a Decimal keeps its written digits: 500000 = 500000.00)."""
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, Pending):
        return ("TBC", value.note)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return ("number", Decimal(value).normalize())
    return (type(value).__name__, value)


def _compare(old: _Side, new: _Side, a: Any, b: Any, pa: Path_, pb: Path_, out: list[FactChange]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in b.items():
            if key in a:
                _compare(old, new, a[key], value, pa + (key,), pb + (key,), out)
            else:
                out.append(FactChange(dotted(pb + (key,)), None, value, None, new.at(pb + (key,))))
        for key, value in a.items():
            if key not in b:
                out.append(FactChange(dotted(pa + (key,)), value, None, old.at(pa + (key,)), None))
        return
    if isinstance(a, list) and isinstance(b, list):
        for i, j in _pair_items(a, b):
            if i is None:
                out.append(FactChange(dotted(pb + (j,)), None, b[j], None, new.at(pb + (j,))))
            elif j is None:
                out.append(FactChange(dotted(pa + (i,)), a[i], None, old.at(pa + (i,)), None))
            else:
                _compare(old, new, a[i], b[j], pa + (i,), pb + (j,), out)
        return
    if _plain(a) != _plain(b):
        out.append(FactChange(dotted(pb), a, b, old.at(pa), new.at(pb)))


def _ids(items: list) -> list | None:
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    return ids if all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids) else None


def _pair_items(a: list, b: list) -> list[tuple[int | None, int | None]]:
    """Index pairs: by id where every entry of both lists has one; else aligned on the entries, an
    entry changed in place paired with the one it replaces (the same number of entries replaced)."""
    ids_a, ids_b = _ids(a), _ids(b)
    if ids_a is not None and ids_b is not None:
        where = {k: i for i, k in enumerate(ids_a)}
        pairs = [(where.get(k), j) for j, k in enumerate(ids_b)]
        return pairs + [(i, None) for i, k in enumerate(ids_a) if k not in set(ids_b)]
    pairs: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, [_plain(x) for x in a], [_plain(x) for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            pairs += [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    return pairs


def shown(value: Any) -> str:
    """A fact as the report prints it: as the deal file would write it."""
    if value is None:
        return "(none)"
    if isinstance(value, Pending):
        return f"TBC: {value.note}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(shown(v) for v in value) + "]"
    return str(value)


def as_json(value: Any) -> Any:
    """A fact as JSON: numbers as exact decimal strings, dates as ISO strings, TBC facts as "TBC: ..."."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (Decimal, dt.date, Pending)):
        return shown(value)
    return value
