"""Payment dates of an accrual (interest on debt, dividends on preferred stock) from its schedule.

The schedule fixes each date (in each payment month: its end, its first business day or a fixed day,
the month end where the month is shorter); a fixed date that is not a business day of the deal's
calendar then moves under the schedule's business-day convention (2006 ISDA Definitions s.4.12):
  * ``none``: the payment is due on the date as fixed;
  * ``following``: on the first following business day;
  * ``modified-following``: on the first following business day, unless it falls in the next
    calendar month, then on the first preceding business day.
Each accrual period ends on the date as fixed ("unadjusted", the default: the amount of each payment
does not depend on weekends and holidays, as for bonds), or on the date as moved ("adjusted": as
for swaps), when the schedule says ``accrual: adjusted``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import long_date
from ..deal.model import PaymentSchedule
from .business_days import BusinessCalendar, month_end

CONVENTION_WORDS = {"none": "not moved for weekends or holidays",
                    "following": "the following business day convention",
                    "modified-following": "the modified following business day convention"}


@dataclass(frozen=True)
class PaymentDate:
    """One payment date: as the schedule fixes it, the day payment is due, and where its accrual ends."""

    scheduled: dt.date       # as fixed by the schedule (unadjusted)
    due: dt.date             # the day payment is due: ``scheduled`` moved by the business-day convention
    accrual_end: dt.date     # the accrual period ends here (not counted): ``scheduled``, or ``due`` if adjusted

    @property
    def moved(self) -> bool:
        return self.due != self.scheduled


def roll(day: dt.date, convention: str, calendar: BusinessCalendar) -> dt.date:
    """``day`` moved under the business-day convention (none, following, modified-following)."""
    if convention == "none" or calendar.is_business_day(day):
        return day
    following = calendar.next_business_day(day)
    if convention == "following" or following.month == day.month:
        return following
    if convention != "modified-following":
        raise ValueError(f"unknown business-day convention {convention!r}")
    before = day - dt.timedelta(days=1)
    while not calendar.is_business_day(before):
        before -= dt.timedelta(days=1)
    return before


def fixed_date(schedule: PaymentSchedule, year: int, month: int, calendar: BusinessCalendar) -> dt.date:
    """The payment date the schedule fixes in a month."""
    end = month_end(f"{year}-{month:02d}")
    if schedule.day == "month-end":
        return end
    if schedule.day == "first-business-day":
        return calendar.on_or_after(end.replace(day=1))
    return end.replace(day=min(int(schedule.day), end.day))


def payment_dates(schedule: PaymentSchedule, last: dt.date, calendar: BusinessCalendar) -> list[PaymentDate]:
    """Every payment date from the schedule's first through ``last`` (the maturity or redemption date,
    itself a payment date, moved under the same convention), in order."""
    def date(day: dt.date) -> PaymentDate:
        due = roll(day, schedule.business_day, calendar)
        return PaymentDate(day, due, due if schedule.accrual == "adjusted" else day)

    out = []
    for year in range(schedule.first.year, last.year + 1):
        for month in schedule.payment_months:
            day = fixed_date(schedule, year, month, calendar)
            if schedule.first <= day < last:
                out.append(date(day))
    return out + [date(last)]


def moved_note(payment: PaymentDate, schedule: PaymentSchedule) -> str | None:
    """The sentence that says a payment date moved, and to what (None if it did not move)."""
    if not payment.moved:
        return None
    accrues = "" if payment.accrual_end == payment.scheduled else \
        f"; the period accrues to {long_date(payment.accrual_end)}"
    return (f"{long_date(payment.scheduled)} is not a business day: payment is due {long_date(payment.due)} "
            f"under {CONVENTION_WORDS[schedule.business_day]}{accrues}")


def describe(schedule: PaymentSchedule) -> str:
    """The schedule in words: "day 15 of the month, every month, from July 15, 2024 (...)"."""
    on = {"month-end": "the last day of the month", "first-business-day": "the first business day of the month"}
    day = on[schedule.day] if isinstance(schedule.day, str) else f"day {schedule.day} of the month"
    months = schedule.payment_months
    every = "every month" if len(months) == 12 else "months " + ", ".join(
        dt.date(2000, m, 1).strftime("%B") for m in months)
    moved = "" if schedule.business_day == "none" or schedule.day == "first-business-day" else \
        f"; a date that is not a business day moves under {CONVENTION_WORDS[schedule.business_day]}" + \
        (", and the period accrues to the date as moved" if schedule.accrual == "adjusted" else "")
    return f"{day}, {every}, from {long_date(schedule.first)}{moved}"
