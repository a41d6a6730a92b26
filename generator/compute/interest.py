"""Interest on the convertible security, or dividends on Preferred Shares: its day count and its payment dates.

Accrual runs from and including the Closing Date to but excluding the day it is measured on,
on the outstanding principal (less what was converted, repaid or redeemed), or on the Stated Value of
the Preferred Shares outstanding, at the stated rate (``Deal.amount``, ``ConvertibleTerms.accrual``),
under the security's day count (``day_count.py``: the 2006 ISDA Definitions s.4.16; the Termination
Date of 30E/360 (ISDA) is the maturity or mandatory redemption date). Principal x days is summed exactly for each year basis;
the one division by the year is the only inexact step (28 significant digits, far below a cent).
The payment dates, moved for business days as the terms say, come from ``payment_dates.py``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..deal.model import Buyer, Deal
from .business_days import business_calendar
from .day_count import period_days
from .payment_dates import PaymentDate, payment_dates
from .rounding import cents

PRINCIPAL_EVENTS = ("conversion", "repayment", "redemption")
INCOME_EVENTS = ("interest_payment", "dividend_payment")   # what accrues, paid: interest (debt) or dividends


def accrued_interest(deal: Deal, buyer: Buyer, as_of: dt.date) -> Decimal:
    """Interest accrued on the Buyer's principal from the Closing Date to but excluding ``as_of``."""
    terms = deal.securities.convertible
    accrual, termination = terms.accrual, terms.end_date
    rate = accrual.rate_percent / Decimal(100)
    principal = deal.amount(buyer)
    start = deal.closing_date
    principal_days: dict[int, Decimal] = {}

    def accrue(amount: Decimal, end: dt.date) -> None:
        if end <= start:
            return
        for basis, days in period_days(accrual.day_count, start, end, termination).items():
            principal_days[basis] = principal_days.get(basis, Decimal(0)) + amount * days

    for event in deal.events(*PRINCIPAL_EVENTS):
        if event.buyer != buyer.id or event.date >= as_of:
            continue
        accrue(principal, event.date)
        principal -= deal.amount(event)
        start = event.date
    if as_of > start:
        accrue(principal, as_of)
    return sum((total * rate / basis for basis, total in sorted(principal_days.items())), Decimal(0))


def interest_schedule(deal: Deal) -> list[PaymentDate]:
    """The interest (or dividend) payment dates of the convertible security, from the first through maturity
    or the mandatory redemption (that date itself included), each as fixed and as moved for business days."""
    terms = deal.securities.convertible
    return payment_dates(terms.accrual.payments, terms.end_date, business_calendar(deal))


def interest_dates(deal: Deal) -> list[dt.date]:
    """The days interest payments are due (moved for business days as the terms say), through maturity."""
    return [p.due for p in interest_schedule(deal)]


def next_interest_payment(deal: Deal, after: dt.date) -> PaymentDate | None:
    """The first interest payment due after ``after`` (as fixed and as moved for business days)."""
    return next((p for p in interest_schedule(deal) if p.due > after), None)


def next_interest_date(deal: Deal, after: dt.date) -> dt.date | None:
    """The day the next interest payment is due (moved for business days as the terms say)."""
    found = next_interest_payment(deal, after)
    return found.due if found else None


@dataclass(frozen=True)
class MissedInterest:
    """An interest payment date that ended with a Buyer's interest accrued to it not paid in full."""

    date: dt.date                  # the interest payment date (the day payment was due, as moved for business days)
    buyer_id: str
    unpaid: Decimal                # interest accrued to that date less all interest paid by its end, to the cent
    paid_on: dt.date | None        # the day later payments made it up, if they did by the as-of date
    accrued_to: dt.date | None = None   # where its accrual period ended, when not on ``date`` (a moved date, unadjusted)


def income_paid(deal: Deal, buyer: Buyer) -> list[tuple[dt.date, Decimal]]:
    """What was paid of the interest or dividends accrued to a Buyer, in date order: each payment, and
    dividends converted with Preferred Shares (a conversion's ``dividends``)."""
    return [(e.date, e.amount if e.event in INCOME_EVENTS else e.dividends)
            for e in deal.events(*INCOME_EVENTS, "conversion")
            if e.buyer == buyer.id and (e.event in INCOME_EVENTS or getattr(e, "dividends", None))]


def last_payment_date(deal: Deal, before: dt.date) -> dt.date | None:
    """The accrual end of the last payment date due strictly before ``before`` (where non-cumulative
    dividends lapse)."""
    return max((p.accrual_end for p in interest_schedule(deal) if p.due < before), default=None)


def missed_interest(deal: Deal, as_of: dt.date) -> list[MissedInterest]:
    """Each interest payment date that ended before ``as_of`` (the Company may pay until the end of the day)
    on which a Buyer's interest accrued to it, less the interest paid by then, was not paid (to the cent); from
    the ledger as it stood on ``as_of`` (``Deal.as_of``). In date order, then the Buyers' order."""
    deal = deal.as_of(as_of)
    if not deal.securities.convertible.accrual.cumulative:
        return []          # non-cumulative dividends not paid on a payment date lapse: nothing is owed
    out = []
    for scheduled in interest_schedule(deal):
        day = scheduled.due
        if day >= as_of:
            break
        for buyer in deal.buyers:
            owed = accrued_interest(deal, buyer, scheduled.accrual_end)
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
            out.append(MissedInterest(day, buyer.id, unpaid, paid_on,
                                      scheduled.accrual_end if scheduled.accrual_end != day else None))
    return out
