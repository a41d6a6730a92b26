"""Day count fractions as the 2006 ISDA Definitions (s.4.16) define them, for any accrual: interest on
debt, dividends on preferred stock.

An accrual period runs from and including its start to but excluding its end. Each convention gives
the period's days over a year basis; Actual/Actual (ISDA) splits the period at each January 1 into
days over 365 and days over 366, so a count is a mapping ``{year basis: days}`` and the division by
the year basis is left to the caller (one division, after the amounts x days are summed exactly).

  * ``actual/365``: Actual/365 (Fixed), s.4.16(d): actual days over 365;
  * ``actual/360``: Actual/360, s.4.16(e): actual days over 360;
  * ``actual/actual (ISDA)``: Actual/Actual (ISDA), s.4.16(b): days in a leap year over 366, the
    others over 365;
  * ``30/360``: 30/360, Bond Basis, s.4.16(f): a D1 of 31 is 30; a D2 of 31 is 30 when D1 is
    (then) 30 (the US bond basis without the end-of-February rules of the SIA variant);
  * ``30E/360``: 30E/360, Eurobond Basis, s.4.16(g): any 31st is the 30th;
  * ``30E/360 (ISDA)``: 30E/360 (ISDA), s.4.16(h): the last day of any month is the 30th, except an
    end that is the last day of February and the Termination Date (the maturity or redemption date).
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from decimal import Decimal
from typing import get_args

from ..deal.model import DayCount

DAY_COUNTS: tuple[str, ...] = get_args(DayCount)

# the sentence the documents print for each convention
RULES = {
    "actual/365": "actual days over a 365-day year",
    "actual/360": "actual days over a 360-day year",
    "actual/actual (ISDA)": "actual days over a 365-day year, and those in a leap year over 366 "
                            "(Actual/Actual (ISDA))",
    "30/360": "30-day months over a 360-day year (30/360, US bond basis)",
    "30E/360": "30-day months over a 360-day year (30E/360, Eurobond basis)",
    "30E/360 (ISDA)": "30-day months over a 360-day year (30E/360 (ISDA))",
}
# where the 2006 ISDA Definitions define each
ISDA_SECTION = {"actual/365": "4.16(d)", "actual/360": "4.16(e)", "actual/actual (ISDA)": "4.16(b)",
                "30/360": "4.16(f)", "30E/360": "4.16(g)", "30E/360 (ISDA)": "4.16(h)"}
assert set(RULES) == set(DAY_COUNTS) == set(ISDA_SECTION)


def _last_day(day: dt.date) -> bool:
    return day.day == _calendar.monthrange(day.year, day.month)[1]


def _thirty(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> int:
    return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)


def period_days(convention: str, start: dt.date, end: dt.date,
                termination: dt.date | None = None) -> dict[int, int]:
    """The days of the accrual period from ``start`` (counted) to ``end`` (not counted) under the
    convention, by year basis: ``{360: 75}``; Actual/Actual (ISDA) ``{365: 61, 366: 121}``.
    ``termination`` is the Termination Date 30E/360 (ISDA) needs (the maturity or redemption date)."""
    if convention not in RULES:
        raise ValueError(f"unknown day count {convention!r}: one of {', '.join(DAY_COUNTS)}")
    if end < start:
        raise ValueError(f"an accrual period cannot end ({end}) before it starts ({start})")
    if convention == "actual/365":
        return {365: (end - start).days}
    if convention == "actual/360":
        return {360: (end - start).days}
    if convention == "actual/actual (ISDA)":
        out = {365: 0, 366: 0}
        day = start
        while day < end:
            year_end = min(end, dt.date(day.year + 1, 1, 1))
            out[366 if _calendar.isleap(day.year) else 365] += (year_end - day).days
            day = year_end
        return out
    d1, d2 = start.day, end.day
    if convention == "30/360":
        d1 = min(d1, 30)
        if d2 == 31 and d1 == 30:
            d2 = 30
    elif convention == "30E/360":
        d1, d2 = min(d1, 30), min(d2, 30)
    else:   # 30E/360 (ISDA)
        if _last_day(start):
            d1 = 30
        if _last_day(end) and not (end.month == 2 and end == termination):
            d2 = 30
    return {360: _thirty(start.year, start.month, d1, end.year, end.month, d2)}


def day_count(convention: str, start: dt.date, end: dt.date, termination: dt.date | None = None) -> int:
    """The period's days under the convention (all of them, whatever their year basis)."""
    return sum(period_days(convention, start, end, termination).values())


def year_fraction(convention: str, start: dt.date, end: dt.date, termination: dt.date | None = None) -> Decimal:
    """The Day Count Fraction of the period (28 significant digits)."""
    return sum((Decimal(days) / basis for basis, days in sorted(period_days(convention, start, end, termination).items())),
               Decimal(0))
