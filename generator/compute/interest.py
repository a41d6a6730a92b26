"""Interest on the convertible security, or dividends on Preferred Shares: its day count and its payment dates.

Accrual runs from and including the Closing Date to but excluding the day it is measured on,
on the outstanding principal (less what was converted, repaid or redeemed), or on the Stated Value of
the Preferred Shares outstanding, at the stated rate (``Deal.amount``, ``ConvertibleTerms.accrual``):
  * ``actual/365`` and ``actual/360``: actual days over a 365- or 360-day year;
  * ``30/360``: every month counts 30 days (US bond basis: a 31st is the 30th, and an end on the
    31st stays the 31st unless the start is the 30th or 31st).
Principal x days is summed exactly; the one division by the year is the only inexact step
(28 significant digits, far below a cent).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..deal.model import Buyer, Deal
from .business_days import business_calendar, month_end
from .rounding import cents

YEAR_DAYS = {"actual/365": Decimal(365), "actual/360": Decimal(360), "30/360": Decimal(360)}
DAY_COUNT_RULE = {
    "actual/365": "actual days over a 365-day year",
    "actual/360": "actual days over a 360-day year",
    "30/360": "30-day months over a 360-day year (30/360, US bond basis)",
}
PRINCIPAL_EVENTS = ("conversion", "repayment", "redemption")
INCOME_EVENTS = ("interest_payment", "dividend_payment")   # what accrues, paid: interest (debt) or dividends


def days_between(basis: str, start: dt.date, end: dt.date) -> int:
    """Days from ``start`` (counted) to ``end`` (not counted) under the day count."""
    if basis != "30/360":
        return (end - start).days
    d1 = min(start.day, 30)
    d2 = 30 if end.day == 31 and d1 == 30 else end.day
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def accrued_interest(deal: Deal, buyer: Buyer, as_of: dt.date) -> Decimal:
    """Interest accrued on the Buyer's principal from the Closing Date to but excluding ``as_of``."""
    terms = deal.securities.convertible.accrual
    rate = terms.rate_percent / Decimal(100)
    principal = deal.amount(buyer)
    start = deal.closing_date
    principal_days = Decimal(0)
    for event in deal.events(*PRINCIPAL_EVENTS):
        if event.buyer != buyer.id or event.date >= as_of:
            continue
        principal_days += principal * days_between(terms.day_count, start, event.date)
        principal -= deal.amount(event)
        start = event.date
    if as_of > start:
        principal_days += principal * days_between(terms.day_count, start, as_of)
    return principal_days * rate / YEAR_DAYS[terms.day_count]


def interest_dates(deal: Deal) -> list[dt.date]:
    """The payment dates of the convertible security, from the first through maturity (the maturity
    date itself included): in each listed month, on its end, its first business day or a fixed day."""
    terms = deal.securities.convertible
    schedule, last = terms.accrual.payments, terms.end_date
    calendar = business_calendar(deal)
    dates = []
    for year in range(schedule.first.year, last.year + 1):
        for month in sorted(schedule.months):
            end = month_end(f"{year}-{month:02d}")
            if schedule.day == "month-end":
                day = end
            elif schedule.day == "first-business-day":
                day = calendar.next_business_day(end.replace(day=1) - dt.timedelta(days=1))
            else:
                day = end.replace(day=min(schedule.day, end.day))
            if schedule.first <= day < last:
                dates.append(day)
    return dates + [last]


def next_interest_date(deal: Deal, after: dt.date) -> dt.date | None:
    return next((d for d in interest_dates(deal) if d > after), None)


@dataclass(frozen=True)
class MissedInterest:
    """An interest payment date that ended with a Buyer's interest accrued to it not paid in full."""

    date: dt.date                  # the interest payment date
    buyer_id: str
    unpaid: Decimal                # interest accrued to that date less all interest paid by its end, to the cent
    paid_on: dt.date | None        # the day later payments made it up, if they did by the as-of date


def income_paid(deal: Deal, buyer: Buyer) -> list[tuple[dt.date, Decimal]]:
    """What was paid of the interest or dividends accrued to a Buyer, in date order: each payment, and
    dividends converted with Preferred Shares (a conversion's ``dividends``)."""
    return [(e.date, e.amount if e.event in INCOME_EVENTS else e.dividends)
            for e in deal.events(*INCOME_EVENTS, "conversion")
            if e.buyer == buyer.id and (e.event in INCOME_EVENTS or getattr(e, "dividends", None))]


def last_payment_date(deal: Deal, before: dt.date) -> dt.date | None:
    """The last payment date strictly before ``before`` (where non-cumulative dividends lapse)."""
    return max((d for d in interest_dates(deal) if d < before), default=None)


def missed_interest(deal: Deal, as_of: dt.date) -> list[MissedInterest]:
    """Each interest payment date that ended before ``as_of`` (the Company may pay until the end of the day)
    on which a Buyer's interest accrued to it, less the interest paid by then, was not paid (to the cent); from
    the ledger as it stood on ``as_of`` (``Deal.as_of``). In date order, then the Buyers' order."""
    deal = deal.as_of(as_of)
    if not deal.securities.convertible.accrual.cumulative:
        return []          # non-cumulative dividends not paid on a payment date lapse: nothing is owed
    out = []
    for day in interest_dates(deal):
        if day >= as_of:
            break
        for buyer in deal.buyers:
            owed = accrued_interest(deal, buyer, day)
            paid = income_paid(deal, buyer)
            running = sum((a for d, a in paid if d <= day), Decimal(0))
            unpaid = cents(owed - running)
            if unpaid <= 0:
                continue
            paid_on = None
            for d, a in paid:
                if d > day:
                    running += a
                    if cents(owed - running) <= 0:
                        paid_on = d
                        break
            out.append(MissedInterest(day, buyer.id, unpaid, paid_on))
    return out
