"""Business days for the agreement's deadlines: New York bank days by default.

The default calendar is the Federal Reserve's holidays (``holidays`` package, market
``XFED``): banks close on Columbus Day and Veterans Day, when the NYSE is open, and stay
open on Good Friday, when the NYSE closes. A deal may name ``XNYS`` instead and list extra
closures (a storm, a national day of mourning).
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

from ..deal.fields import month_end as month_end  # a month's last day: the deal's months are facts
from ..deal.fields import month_of as month_of
from ..deal.jurisdictions import US_STATES, deadline_moved_note

NAMES = {"XFED": "Federal Reserve (New York bank) holidays", "XNYS": "New York Stock Exchange holidays",
         "SEC": "the SEC's holidays (the federal holidays of 5 U.S.C. 6103, with Inauguration Day, and the days "
                "executive orders close federal offices)"}


class SecHolidays:
    """The days the SEC is closed on a weekday, for Rule 0-3 under the Securities Act and the Exchange Act
    (17 CFR 230.0-3, 240.0-3) and Regulation D's Rule 503: the federal holidays of 5 U.S.C. 6103(a), on the
    days 6103(b) observes them (a Saturday holiday on the Friday before, a Sunday one on the Monday after),
    Inauguration Day for employees in the District of Columbia (6103(c): the SEC's offices are there), and
    the whole days executive orders close federal offices (Christmas Eve in some years, national days of
    mourning), as the ``holidays`` package lists them (its ``government`` category; half-day closings, when
    the SEC is open in the morning, are not whole days)."""

    def __init__(self) -> None:
        self._federal = holidays.US(categories=("public", "government"))
        self._dc = holidays.US(subdiv="DC")

    def get(self, day: dt.date) -> str | None:
        name = self._federal.get(day)
        if name is not None:
            whole = [n for n in name.split("; ") if "half-day" not in n]
            if whole:
                return "; ".join(whole)
        dc = self._dc.get(day) or ""
        return "Inauguration Day" if "Inauguration Day" in dc else None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.get(day) is not None


STATES = US_STATES   # "Connecticut" -> "CT": the holidays package's own names


def state_market(state: str) -> str | None:
    """The calendar of a state's offices ("US-CT": its public holidays, ``holidays`` package), or None where the
    name is not a state or territory of the United States."""
    code = STATES.get(state)
    return f"US-{code}" if code else None


def market_name(market: str) -> str:
    if market.startswith("US-"):
        state = next(name for name, code in STATES.items() if code == market[3:])
        return f"{state}'s public holidays"
    return NAMES[market]


@lru_cache(maxsize=16)
def _holidays(market: str):
    if market == "SEC":
        return SecHolidays()
    if market.startswith("US-"):
        return holidays.US(subdiv=market[3:])
    return holidays.financial_holidays(market)


@dataclass(frozen=True)
class BusinessCalendar:
    market: str = "XFED"
    extra_closures: frozenset[dt.date] = field(default_factory=frozenset)

    @property
    def description(self) -> str:
        extra = f", and {len(self.extra_closures)} other closure(s) listed in the deal data" \
            if self.extra_closures else ""
        return f"{market_name(self.market)}, Saturdays and Sundays{extra}"

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in _holidays(self.market) and day not in self.extra_closures

    def add_business_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th business day after ``start`` (``start`` itself is not counted)."""
        day = start
        while count > 0:
            day += dt.timedelta(days=1)
            if self.is_business_day(day):
                count -= 1
        return day

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day after ``day``."""
        return self.add_business_days(day, 1)

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` itself if a business day, else the next one."""
        return day if self.is_business_day(day) else self.next_business_day(day)

    def closures_between(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Weekday closures after ``start`` up to and including ``end``, with their names."""
        out = []
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and not self.is_business_day(day):
                out.append((day, _holidays(self.market).get(day) or "closure listed in the deal data"))
        return out


SEC = BusinessCalendar("SEC")


def holiday_name(market: str, day: dt.date) -> str | None:
    """The name of the holiday ``day`` is on the calendar ``market``, if it is one."""
    return _holidays(market).get(day)


def differing_days(first: BusinessCalendar, second: BusinessCalendar, start: dt.date,
                   end: dt.date) -> list[tuple[dt.date, str]]:
    """The weekdays after ``start`` up to and including ``end`` that are a business day on one calendar and
    not the other, each with what it is and which calendar is open ("Columbus Day: the SEC closed, the NYSE
    open")."""
    out = []
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() >= 5 or first.is_business_day(day) == second.is_business_day(day):
            continue
        closed, open_ = (first, second) if not first.is_business_day(day) else (second, first)
        name = _holidays(closed.market).get(day) or "closure listed in the deal data"
        out.append((day, f"{name}: {_short(closed.market)} closed, {_short(open_.market)} open"))
    return out


SHORT = {"XFED": "the Federal Reserve", "XNYS": "the NYSE", "SEC": "the SEC"}


def _short(market: str) -> str:
    return SHORT.get(market) or market_name(market).removesuffix("'s public holidays") + "'s offices"


def next_month(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day-of-month ``months`` later, clipped to the month's last day (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def business_calendar(deal) -> BusinessCalendar:
    """The deal's calendar: the holidays it names and any extra closures it lists."""
    return BusinessCalendar(deal.calendar.name, frozenset(deal.calendar.extra_closures))


def deadline_as_read(deal, deadline: dt.date, what: str, on: dt.date | None = None) -> tuple[dt.date, str | None]:
    """The deadline as the deal reads it, and the sentence that explains a move (or None); the sentence
    speaks of the past when ``on`` (the document's date) is after the moved deadline, or is not given."""
    if not deal.rolls_deadlines:
        return deadline, None
    moved = business_calendar(deal).on_or_after(deadline)
    if moved == deadline:
        return deadline, None
    return moved, deadline_moved_note(deadline, moved, what, past=on is None or on > moved)
