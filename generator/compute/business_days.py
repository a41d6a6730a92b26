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
from ..deal.jurisdictions import deadline_moved_note

NAMES = {"XFED": "Federal Reserve (New York bank) holidays", "XNYS": "New York Stock Exchange holidays"}


@lru_cache(maxsize=8)
def _holidays(market: str) -> holidays.HolidayBase:
    return holidays.financial_holidays(market)


@dataclass(frozen=True)
class BusinessCalendar:
    market: str = "XFED"
    extra_closures: frozenset[dt.date] = field(default_factory=frozenset)

    @property
    def description(self) -> str:
        extra = f", and {len(self.extra_closures)} other closure(s) listed in the deal data" \
            if self.extra_closures else ""
        return f"{NAMES[self.market]}, Saturdays and Sundays{extra}"

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
