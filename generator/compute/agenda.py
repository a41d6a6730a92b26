"""The post-closing agenda a closing memorandum states: what the Company must do after a date, from the deadline
calendar (``compute/deadlines.py``), each one-off obligation once and each recurring one (the monthly lists,
the interest or dividend payments) by its first date and how many follow."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.model import Deal
from .deadlines import Deadline, deadlines

# Obligations that recur on a schedule: the agenda states the first and counts the rest.
RECURRING = frozenset({"list", "interest", "dividend"})   # dividends: on Preferred Shares


@dataclass(frozen=True)
class AgendaItem:
    deadline: Deadline                   # the first (or only) one
    later: int                           # how many more of the same kind follow
    last: dt.date | None                 # the last of them


def agenda(deal: Deal, day: dt.date) -> list[AgendaItem]:
    """Every obligation still open on or after ``day`` as the deal stood at its end (``Deal.as_of``), in date
    order (one due that day and not yet met is still to be done)."""
    found = [d for d in deadlines(deal, day) if d.date >= day and d.status == "open"]
    out: list[AgendaItem] = []
    seen: set[str] = set()
    for d in found:
        if d.kind in RECURRING:
            if d.kind in seen:
                continue
            seen.add(d.kind)
            rest = [x for x in found if x.kind == d.kind and x is not d]
            out.append(AgendaItem(d, len(rest), rest[-1].date if rest else None))
        else:
            out.append(AgendaItem(d, 0, None))
    return out
