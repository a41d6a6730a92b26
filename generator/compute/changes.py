"""What moved on a monthly reserve list since the last one, and why: the ledger entries between the two
month ends (a conversion, a price change, a new reservation ...) and each figure they moved."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import long_date
from ..deal.model import Deal
from .business_days import month_end
from .reserve import position

# (figure's label, how to read it from a BuyerPosition) shown per Buyer when it moved
BUYER_FIGURES = (
    ("Outstanding principal", "outstanding_principal"),
    ("Shares issuable upon conversion", "conversion_shares"),
    ("Shares issuable upon exercise", "warrant_shares"),
    ("Shares issuable for one year of interest", "interest_shares"),
    ("Reserved Amount", "reserved_amount"),
    ("Shares reserved for the Buyer", "allocated"),
)


@dataclass(frozen=True)
class Moved:
    label: str
    buyer: str | None          # None: a Company figure
    before: object
    after: object
    money: bool = False


@dataclass(frozen=True)
class ListChanges:
    since: dt.date             # the previous list's as-of date (or the Closing Date for the first list)
    events: tuple[str, ...]    # what happened, in date order, in words
    moved: tuple[Moved, ...]


def _describe(deal: Deal, event) -> str | None:
    names = {b.id: b.name for b in deal.buyers}
    who = names.get(getattr(event, "buyer", None) or "", "")
    term = deal.securities.convertible.defined_term
    kind = event.event
    when = long_date(event.date)
    if kind == "conversion" and event.preferred_shares is not None:
        plus = f" (with ${event.dividends:,} of accrued dividends)" if event.dividends else ""
        return f"{when}: {who} converted {event.preferred_shares:,} {term}{plus} into {event.shares_issued:,} shares"
    if kind == "conversion":
        return f"{when}: {who} converted ${event.principal:,} of its {term} into {event.shares_issued:,} shares"
    if kind == "warrant_exercise":
        return f"{when}: {who} exercised Warrants for {event.shares:,} shares"
    if kind in ("interest_payment", "dividend_payment"):
        how = f"in {event.shares_issued:,} shares" if event.method == "shares" else "in cash"
        what = "interest" if kind == "interest_payment" else "dividends"
        return f"{when}: ${event.amount:,} of {what} paid to {who} {how}"
    if kind == "conversion_price":
        return f"{when}: the Conversion Price became ${event.price} ({event.basis})"
    if kind == "reserve":
        return f"{when}: the Company reserved {event.shares:,} shares for the Buyers ({event.basis})"
    if kind == "authorized_shares":
        return f"{when}: the authorized common stock became {event.authorized_common:,} shares ({event.basis})"
    if kind == "capitalization":
        return f"{when}: the capitalization was restated ({event.basis})"
    if kind == "information_statement_filed":
        return f"{when}: the information statement was filed"
    if kind == "default":
        return f"{when}: an event of default was recorded ({event.basis})"
    if kind == "redemption" and event.preferred_shares is not None:
        how = f"in {event.shares_issued:,} shares" if event.method == "shares" else "in cash"
        return f"{when}: {event.preferred_shares:,} of {who}'s {term} redeemed {how}"
    if kind in ("repayment", "redemption"):
        verb = "repaid" if kind == "repayment" else "redeemed"
        return f"{when}: ${event.principal:,} of {who}'s {term} {verb}"
    if kind == "warrant_expiry":
        return f"{when}: " + (f"{who}'s Warrants expired" if who else "the Warrants expired")
    return None


def changes_since_last_list(deal: Deal, month: str) -> ListChanges | None:
    """From the previous list's month end to this month's end; None for the first list (nothing before it)."""
    as_of = month_end(month)
    since = month_end(f"{int(month[:4]) - (month[5:] == '01')}-{(int(month[5:]) - 2) % 12 + 1:02d}")
    if since < deal.closing_date or month <= deal.first_list_month:
        return None
    before, after = position(deal, since), position(deal, as_of)
    events = tuple(text for e in sorted(deal.ledger, key=lambda e: e.date) if since < e.date <= as_of
                   for text in [_describe(deal, e)] if text)
    moved = []
    for b_before, b_after in zip(before.buyers, after.buyers, strict=True):
        for label, attr in BUYER_FIGURES:
            old, new = getattr(b_before, attr), getattr(b_after, attr)
            if old != new:
                moved.append(Moved(label, b_after.buyer.name, old, new, attr == "outstanding_principal"))
    for label, old, new in (("Conversion Price", before.price.price, after.price.price),
                            ("Aggregate Reserved Amount", before.aggregate_reserved_amount,
                             after.aggregate_reserved_amount),
                            ("Shares reserved for the Buyers", before.reserved_for_buyers, after.reserved_for_buyers)):
        if old != new:
            moved.append(Moved(label, None, old, new))
    return ListChanges(since, events, tuple(moved))
