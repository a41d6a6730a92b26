"""The consistency checks that need figures, and :func:`validate`: a deal's facts (with the Warrants derived
from their coverage, ``warrants.py``), then these.

``deal/validate.py`` checks the facts (their structure, the sums and orderings the facts themselves
hold); what the ledger records must also agree with the figures computed from it (interest paid is no
more than has accrued, shares issued or reserved are authorized and free). Those checks run once the
ledger's own entries hold together, and are reported with the facts' problems, all at once.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..deal.load import LoadedDeal
from ..deal.model import Deal
from ..deal.validate import unmatched
from ..deal.validate import validate as validate_facts
from ..errors import Problem
from .business_days import business_calendar
from .funds_flow import discrepancies
from .interest import accrued_interest
from .payment_dates import describe, fixed_date, payment_dates
from .reserve import allocations, capital
from .rounding import cents
from .warrants import derive


def validate(loaded: LoadedDeal, final: bool = False) -> Deal:
    """The deal, its facts and its figures checked; raise with all problems found (see deal/validate.py)."""
    return validate_facts(loaded, final, figures=check_figures, derive=derive, sums=check_sums)


def check_sums(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The sums compute makes of the facts themselves, whatever the ledger holds: the funds flow's; and the
    first payment date, which must be one the payment schedule fixes."""
    return [*(loaded.problem(d.path, f"the funds flow does not add up: {d.message}") for d in discrepancies(deal)),
            *_check_first_payment(deal, loaded)]


def _check_first_payment(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The schedule's ``first`` is a date it fixes (before any move for a business day): a first date on
    another day than ``day`` says, or in a month the schedule skips, is a typing error, not a schedule."""
    terms = deal.securities.convertible
    schedule = terms.accrual.payments
    path = ("securities", "convertible", "interest_payments") if terms.kind == "debt" else \
        ("securities", "convertible", "dividends", "payments")
    first = schedule.first
    if first >= terms.end_date:
        return []          # deal/validate says where the first date stands against the end
    fixed = fixed_date(schedule, first.year, first.month, business_calendar(deal))
    if first.month in schedule.payment_months and fixed == first:
        return []
    words = describe(schedule).rsplit(", from ", 1)[0]
    nearest = next((p.scheduled for p in payment_dates(schedule, terms.end_date, business_calendar(deal))), None)
    hint = f": the first date it fixes on or after it is {nearest}" if nearest and nearest != terms.end_date else ""
    return [loaded.problem(path + ("first",), f"{first} is not a payment date of this schedule ({words}){hint}; "
                           "write the first payment date as the terms fix it")]


def check_figures(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """What the ledger records, against the figures computed from it."""
    return [*_check_interest_payments(deal, loaded), *_check_authorized(deal, loaded), *_check_reserves(deal, loaded)]


def _check_interest_payments(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """Interest paid is no more than has accrued unpaid, and interest shares match the amount and price."""
    out = []
    paid: dict[str, Decimal] = {}
    income = deal.securities.convertible.words.income
    for i, event in sorted(enumerate(deal.ledger), key=lambda pair: pair[1].date):
        if event.event == "conversion" and event.dividends:
            paid[event.buyer] = paid.get(event.buyer, Decimal(0)) + event.dividends
        if event.event not in ("interest_payment", "dividend_payment"):
            continue
        path = ("ledger", i)
        buyer = deal.buyer(event.buyer)
        # interest accrued through the payment date itself, to the cent, less what was paid before
        accrued = accrued_interest(deal, buyer, event.date + dt.timedelta(days=1))
        unpaid = cents(accrued - paid.get(buyer.id, Decimal(0)))
        if event.amount > unpaid:
            out.append(loaded.problem(path + ("amount",), f"pays {event.amount:,.2f} of {income}, but only "
                                      f"{max(unpaid, Decimal(0)):,.2f} has accrued unpaid on {buyer.id}'s {deal.securities.convertible.defined_term} "
                                      f"by {event.date}"))
        paid[buyer.id] = paid.get(buyer.id, Decimal(0)) + event.amount
        if event.method == "cash":
            extra = [k for k in ("conversion_price", "shares_issued") if getattr(event, k) is not None]
            if extra:
                out.append(loaded.problem(path + (extra[0],), f"{income} paid in cash issues no shares: remove "
                                          f"{' and '.join(extra)}, or set method: shares"))
        elif event.conversion_price is not None and event.shares_issued is not None:
            exact = unmatched(event.amount, event.conversion_price, event.shares_issued)
            if exact is not None:
                out.append(loaded.problem(path + ("shares_issued",), f"{event.shares_issued:,} shares does not match "
                                          f"the {income} paid divided by the conversion price ({exact:,.4f} shares)"))
    return out


def _check_authorized(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """After a change of the authorized shares or a restated capitalization, the authorized common stock
    still covers what is outstanding and reserved (for others and for the Buyers)."""
    out = []
    for i, event in enumerate(deal.ledger):
        if event.event not in ("authorized_shares", "capitalization"):
            continue
        cap = capital(deal, event.date)
        key = "authorized_common" if event.event == "authorized_shares" else "common_outstanding"
        needed = cap.common_outstanding + cap.reserved_for_others
        if cap.headroom < 0:
            out.append(loaded.problem(("ledger", i, key), f"leaves {cap.authorized_common:,} authorized shares of "
                                      f"common stock on {event.date}, fewer than the {needed:,} outstanding and "
                                      "reserved for others"))
        elif cap.unreserved < 0:
            out.append(loaded.problem(("ledger", i, key), f"leaves {cap.authorized_common:,} authorized shares of "
                                      f"common stock on {event.date}, fewer than the {needed:,} outstanding and "
                                      f"reserved for others plus the {cap.reserved_for_buyers:,} reserved for the "
                                      "Buyers; record a smaller reserve first"))
    return out


def _check_reserves(deal: Deal, loaded: LoadedDeal) -> list[Problem]:
    """The Company cannot reserve for the Buyers more shares than it has authorized and free."""
    out = []
    for i, event in enumerate(deal.ledger):
        if event.event in ("conversion", "warrant_exercise", "interest_payment", "redemption"):
            free = capital(deal, event.date).headroom
            if free < 0:
                out.append(loaded.problem(("ledger", i), f"shares issued on {event.date} leave the Company "
                                          f"{-free:,} shares beyond its authorized, unreserved common stock: the "
                                          "Company cannot issue shares it has not authorized"))
        if event.event in ("conversion", "warrant_exercise"):
            out += _check_own_allocation(deal, loaded, i, event)
        if event.event != "reserve":
            continue
        free = capital(deal, event.date).headroom
        if event.shares > free:
            out.append(loaded.problem(("ledger", i, "shares"), f"reserves {event.shares:,} shares for the Buyers "
                                      f"on {event.date}, but only {free:,} authorized shares are neither "
                                      "outstanding nor reserved for others then"))
    return out


def _check_own_allocation(deal: Deal, loaded: LoadedDeal, index: int, event) -> list[Problem]:
    """Before the approval, a Buyer converts or exercises only against its own allocation, where the
    deal reads the agreement that way (Readings: conversions_before_approval)."""
    covenant = deal.covenants.stockholder_approval
    if covenant is None or deal.readings.conversions_before_approval != "own-allocation":
        return []
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    if obtained is not None and obtained <= event.date:
        return []
    allocated = allocations(deal, event.date - dt.timedelta(days=1))[event.buyer]
    issued = sum((e.shares if e.event == "warrant_exercise" else e.shares_issued)
                 for e in deal.events("conversion", "warrant_exercise")
                 if e.buyer == event.buyer and e.date == event.date)
    if issued <= allocated:
        return []
    return [loaded.problem(("ledger", index), f"{event.buyer} is issued {issued:,} shares on {event.date}, but "
                           f"before the {covenant.defined_term} it may convert or exercise only against the "
                           f"{allocated:,} shares allocated to it (readings.conversions_before_approval: "
                           "own-allocation)")]
