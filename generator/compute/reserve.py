"""The share reserve (the deal's ``covenants.share_reserve``; SPA s.4(h)) on any date, from the ledger.

For each Buyer: outstanding principal, accrued unpaid interest, the Conversion Price in
effect, shares issuable on conversion, on exercise and for one year of interest, the
Reserved Amount (the multiple x conversion and exercise shares, and interest shares where the
agreement counts them), its pro-rata part of the shares the Company has reserved for the
Buyers, and the surplus or shortfall. For the Company: headroom under its authorized capital,
the aggregate shortfall, since when, and the end of its cure period. And the state of the
financing: outstanding, ended, past maturity, or in default.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..deal.model import Buyer, Deal
from .business_days import business_calendar, deadline_as_read
from .interest import PRINCIPAL_EVENTS, accrued_interest, income_paid, last_payment_date, next_interest_payment
from .payment_dates import PaymentDate, moved_note
from .rounding import allocate, reserved_amount, shares_for


@dataclass(frozen=True)
class PriceInEffect:
    price: Decimal
    effective: dt.date
    basis: str


@dataclass(frozen=True)
class BuyerPosition:
    buyer: Buyer
    original_principal: Decimal
    principal_converted: Decimal
    principal_repaid: Decimal            # repaid or redeemed
    outstanding_principal: Decimal
    accrued_interest: Decimal            # exact, since the Closing Date
    interest_paid: Decimal
    accrued_unpaid_interest: Decimal     # exact
    warrants_outstanding: int
    conversion_shares: int               # SHARES_UP of outstanding principal at the Conversion Price
    warrant_shares: int
    one_year_interest: Decimal           # outstanding principal x rate, one 365-day year
    interest_shares: int                 # SHARES_UP of one year of interest
    reserved_amount: int                 # multiple x (conversion + warrant [+ interest] shares), rounded up
    allocated: int                       # its pro-rata part of the shares reserved for the Buyers
    shares_issued: int                   # to date: conversions, exercises, interest paid in shares

    @property
    def total_issuable(self) -> int:
        return self.conversion_shares + self.warrant_shares + self.interest_shares

    @property
    def surplus(self) -> int:
        """Positive: reserved beyond the Reserved Amount; negative: a shortfall."""
        return self.allocated - self.reserved_amount

    @property
    def shortfall(self) -> int:
        return max(0, -self.surplus)


@dataclass(frozen=True)
class Capital:
    """The Company's common stock on the date (s.3(c) restated by the ledger)."""

    authorized_common: int
    common_outstanding: int
    reserved_for_others: int
    reserved_for_buyers: int

    @property
    def headroom(self) -> int:
        """Authorized shares neither outstanding nor reserved for others: what the Buyers' reserve can use."""
        return self.authorized_common - self.common_outstanding - self.reserved_for_others

    @property
    def unreserved(self) -> int:
        return self.headroom - self.reserved_for_buyers


@dataclass(frozen=True)
class Shortfall:
    shares: int                          # aggregate Reserved Amount less shares reserved for the Buyers
    since: dt.date | None                # start of the current, unbroken shortfall
    cure_deadline: dt.date | None        # since + cure days (s.4(h))
    tolled_until: dt.date | None = None  # a shortfall whose cure period has not begun: the approval is pending

    def cure_period_ended(self, on: dt.date) -> bool:
        return self.cure_deadline is not None and on > self.cure_deadline


@dataclass(frozen=True)
class Approval:
    """The approval covenant (SPA s.4(l)) and its information statement."""

    obtained_on: dt.date | None
    deadline: dt.date
    information_statement_filed_on: dt.date | None
    information_statement_deadline: dt.date
    deadline_note: str | None = None                      # where the deal's reading moved the deadline
    information_statement_note: str | None = None


@dataclass(frozen=True)
class Position:
    as_of: dt.date
    price: PriceInEffect
    buyers: tuple[BuyerPosition, ...]
    aggregate_principal: Decimal
    aggregate_conversion_shares: int     # on the aggregate principal, as s.3(c) computes it
    aggregate_warrant_shares: int
    aggregate_interest_shares: int
    aggregate_reserved_amount: int
    capital: Capital
    shortfall: Shortfall
    approval: Approval | None            # None: the deal has no approval covenant
    reserve_multiple: Decimal
    interest_shares_counted: bool
    interest_rate_percent: Decimal
    day_count: str
    lifecycle: Lifecycle
    next_interest_payment: PaymentDate | None   # None once no principal is outstanding: no interest is owed after it
    next_interest_moved: str | None      # the sentence when the next payment date moved for a business day

    @property
    def next_interest_date(self) -> dt.date | None:
        """The day the next interest payment is due (as moved for business days)."""
        return self.next_interest_payment.due if self.next_interest_payment else None

    @property
    def whole_multiple(self) -> bool:
        return self.reserve_multiple == self.reserve_multiple.to_integral_value()

    @property
    def reserved_for_buyers(self) -> int:
        return self.capital.reserved_for_buyers

    @property
    def outstanding(self) -> bool:
        """Anything still to reserve for: principal or warrants outstanding."""
        return self.aggregate_principal > 0 or self.aggregate_warrant_shares > 0

    def for_buyer(self, buyer_id: str) -> BuyerPosition:
        return next(p for p in self.buyers if p.buyer.id == buyer_id)


def price_in_effect(deal: Deal, on: dt.date) -> PriceInEffect:
    initial = deal.securities.convertible.conversion_price
    current = PriceInEffect(initial.price, initial.effective, initial.basis)
    for event in deal.events("conversion_price"):
        if event.date <= on:
            current = PriceInEffect(event.price, event.date, event.basis)
    return current


def derived_from(deal: Deal, on: dt.date, price: bool = False, interest: bool = False) -> tuple[str, ...]:
    """The deal's facts (dotted paths) a figure dated ``on`` is derived from: the Conversion Price in effect
    while it is the deal's own (until a ledger entry changes it), and the interest terms (rate, day count,
    payment dates and maturity, which also ends the monthly lists). A final document made from such figures
    is refused while one of these facts is still to be confirmed (``deal.provenance``)."""
    out = []
    if price and not any(e.date <= on for e in deal.events("conversion_price")):
        out.append("securities.convertible.conversion_price")
    if interest:
        out += [f"securities.convertible.{k}" for k in deal.securities.convertible.ACCRUAL_KEYS]
    return tuple(out)


def _shares_issued(event) -> int:
    """Shares of Common Stock a ledger event issued to a Buyer."""
    return event.shares if event.event == "warrant_exercise" else (event.shares_issued or 0)


ISSUING_EVENTS = ("conversion", "warrant_exercise", "interest_payment", "dividend_payment", "redemption")


def _issuances(deal: Deal, after: dt.date | None, through: dt.date, buyer_id: str | None = None,
               from_reserve: bool = False) -> int:
    """Shares issued to the Buyers (or one Buyer) after ``after`` (exclusive) through ``through`` (inclusive);
    with ``from_reserve``, only those that come out of the Buyers' reserve (Readings: interest_shares_from)."""
    kinds: tuple[str, ...] = ISSUING_EVENTS
    if from_reserve and deal.readings.interest_shares_from == "unreserved-shares":
        kinds = tuple(k for k in kinds if k not in ("interest_payment", "dividend_payment"))
    return sum(_shares_issued(e) for e in deal.events(*kinds)
               if (after is None or e.date > after) and e.date <= through
               and (buyer_id is None or e.buyer == buyer_id))


def outstanding_principal(deal: Deal, buyer: Buyer, on: dt.date) -> Decimal:
    """The Buyer's principal less what was converted, repaid or redeemed on or before ``on``."""
    return deal.amount(buyer) - sum((deal.amount(e) for e in deal.events(*PRINCIPAL_EVENTS)
                                     if e.buyer == buyer.id and e.date <= on), Decimal(0))


def _principal_by(deal: Deal, buyer: Buyer, on: dt.date, *kinds: str) -> Decimal:
    return sum((deal.amount(e) for e in deal.events(*kinds) if e.buyer == buyer.id and e.date <= on), Decimal(0))


def reserved_for_buyers(deal: Deal, on: dt.date) -> int:
    """The last reserve recorded, less shares issued to the Buyers out of it since."""
    if deal.readings.allocation == "fixed-when-reserved":
        return sum(allocations(deal, on).values())
    reserves = [e for e in deal.events("reserve") if e.date <= on]
    if not reserves:
        return 0
    last = reserves[-1]
    return max(0, last.shares - _issuances(deal, last.date, on, from_reserve=True))


def buyer_reserved_amounts(deal: Deal, on: dt.date) -> dict[str, int]:
    """Each Buyer's Reserved Amount on a date (its own shares issuable, rounded for that Buyer)."""
    now = outstanding(deal, on)
    reserve = deal.covenants.share_reserve
    out = {}
    for buyer in deal.buyers:
        left = now.principal[buyer.id]
        issuable = shares_for(left, now.price.price) + now.warrants[buyer.id]
        if reserve.interest_shares_counted:
            issuable += shares_for(left * _rate(deal), now.price.price)
        out[buyer.id] = reserved_amount(reserve.multiple, issuable)
    return out


def allocations(deal: Deal, on: dt.date) -> dict[str, int]:
    """Each Buyer's part of the shares reserved for the Buyers (LARGEST_REMAINDER) under the deal's
    allocation reading: fixed when the last reservation was made, less the Buyer's own issuances out of
    it since; or the remaining reserve re-split on ``on`` by the Reserved Amounts of that day."""
    reserves = [e for e in deal.events("reserve") if e.date <= on]
    if not reserves:
        return {b.id: 0 for b in deal.buyers}
    last = reserves[-1]
    if deal.readings.allocation == "re-split":
        weights = buyer_reserved_amounts(deal, on)
        return dict(zip(weights, allocate(reserved_for_buyers(deal, on), list(weights.values())), strict=True))
    weights = buyer_reserved_amounts(deal, last.date)
    base = dict(zip(weights, allocate(last.shares, list(weights.values())), strict=True))
    left = {b: n - _issuances(deal, last.date, on, b, from_reserve=True) for b, n in base.items()}
    if all(n >= 0 for n in left.values()):
        return left
    # a Buyer drew beyond its part (the reading that lets it use all shares available): the others' parts
    # bear the excess pro rata, so the parts still add up to what remains reserved
    remaining = max(0, sum(left.values()))
    return dict(zip(left, allocate(remaining, [max(0, n) for n in left.values()]), strict=True))


def capital(deal: Deal, on: dt.date) -> Capital:
    cap = deal.capitalization
    authorized = cap.authorized_common
    for event in deal.events("authorized_shares"):
        if event.date <= on:
            authorized = event.authorized_common
    outstanding, others, base_date = cap.common_outstanding, sum(r.shares for r in cap.reserved), None
    for event in deal.events("capitalization"):
        if event.date <= on:
            outstanding, others, base_date = event.common_outstanding, event.reserved_for_others, event.date
    outstanding += _issuances(deal, base_date, on)
    return Capital(authorized, outstanding, others, reserved_for_buyers(deal, on))


def _warrants_outstanding(deal: Deal, buyer: Buyer, on: dt.date) -> int:
    """Shares under the Buyer's Warrants not exercised and not expired (by their terms or the ledger)."""
    warrants = deal.securities.warrants
    if warrants is None:
        return 0
    expiry = warrants.expiration_date
    if isinstance(expiry, dt.date) and on >= expiry:
        return 0
    if any(e.buyer in (None, buyer.id) and e.date <= on for e in deal.events("warrant_expiry")):
        return 0
    return (buyer.warrants or 0) - sum(e.shares for e in deal.events("warrant_exercise")
                                            if e.buyer == buyer.id and e.date <= on)


@dataclass(frozen=True)
class Outstanding:
    """What is outstanding on a date and the aggregate Reserved Amount it calls for (no interest, no
    allocation)."""

    price: PriceInEffect
    principal: dict[str, Decimal]          # buyer id -> outstanding principal
    warrants: dict[str, int]               # buyer id -> shares under Warrants outstanding
    total_principal: Decimal
    aggregate_reserved_amount: int         # on the aggregate principal, as the capitalization section does

    @property
    def anything(self) -> bool:
        return self.total_principal > 0 or sum(self.warrants.values()) > 0


def outstanding(deal: Deal, on: dt.date) -> Outstanding:
    price = price_in_effect(deal, on)
    principal = {b.id: outstanding_principal(deal, b, on) for b in deal.buyers}
    warrants = {b.id: _warrants_outstanding(deal, b, on) for b in deal.buyers}
    reserve = deal.covenants.share_reserve
    total_principal = sum(principal.values(), Decimal(0))
    issuable = shares_for(total_principal, price.price) + sum(warrants.values())
    if reserve.interest_shares_counted:
        issuable += shares_for(total_principal * _rate(deal), price.price)
    return Outstanding(price, principal, warrants, total_principal, reserved_amount(reserve.multiple, issuable))


def _rate(deal: Deal) -> Decimal:
    return deal.securities.convertible.accrual.rate_percent / Decimal(100)


def shortfall_runs(deal: Deal, as_of: dt.date) -> list[tuple[dt.date, dt.date | None]]:
    """Each unbroken period the Authorized and Reserved Shares were below the Reserved Amount:
    (first day, first day it was not), the end None while it lasts. The figures change only on
    ledger dates, so those are the days looked at (the ledger as it stood on ``as_of``)."""
    deal = deal.as_of(as_of)
    pending_until = approval_pending_until(deal)
    points = {deal.closing_date, *(e.date for e in deal.ledger if deal.closing_date <= e.date <= as_of)}
    if pending_until is not None and pending_until < as_of:
        points.add(pending_until + dt.timedelta(days=1))
    runs: list[tuple[dt.date, dt.date | None]] = []
    since = None
    for day in sorted(points):
        short = outstanding(deal, day).aggregate_reserved_amount > reserved_for_buyers(deal, day)
        short = short and not (pending_until is not None and day <= pending_until)
        if short and since is None:
            since = day
        elif not short and since is not None:
            runs.append((since, day))
            since = None
    if since is not None:
        runs.append((since, None))
    return runs


def approval_pending_until(deal: Deal) -> dt.date | None:
    """Under the reading that a shortfall is tolled while the approval is pending: the last day it is
    pending (the day before it was obtained, or its deadline as the deal reads deadlines); else None."""
    covenant = deal.covenants.stockholder_approval
    if covenant is None or deal.readings.shortfall_before_approval != "tolled":
        return None
    deadline, _ = deadline_as_read(deal, covenant.approval_deadline, covenant.defined_term)
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    return min(deadline, obtained - dt.timedelta(days=1)) if obtained else deadline


def shortfall(deal: Deal, as_of: dt.date) -> Shortfall:
    """Aggregate shortfall on ``as_of`` and the date the unbroken shortfall began (from the ledger as it
    stood that day: a tolled shortfall's period begins when the approval pending that day ends)."""
    deal = deal.as_of(as_of)
    short = max(0, outstanding(deal, as_of).aggregate_reserved_amount - reserved_for_buyers(deal, as_of))
    runs = shortfall_runs(deal, as_of)
    since = runs[-1][0] if short and runs and runs[-1][1] is None else None
    deadline = shortfall_cure_deadline(deal, since) if since else None
    pending_until = approval_pending_until(deal)
    tolled = pending_until if short and since is None and pending_until is not None and as_of <= pending_until \
        else None
    return Shortfall(short, since, deadline, tolled)


def shortfall_cure_deadline(deal: Deal, since: dt.date) -> dt.date:
    """The last day of the cure period: ``since`` plus the cure days, moved to the next business day
    where the deal reads deadlines that way (Readings)."""
    end = since + dt.timedelta(days=deal.covenants.share_reserve.shortfall_cure_days)
    return business_calendar(deal).on_or_after(end) if deal.rolls_deadlines else end


def approval(deal: Deal, as_of: dt.date) -> Approval | None:
    """Where the deal has the approval covenant: its status on ``as_of``."""
    covenant = deal.covenants.stockholder_approval
    if covenant is None:
        return None
    obtained = next((e.date for e in deal.events("authorized_shares")
                     if e.stockholder_approval and e.date <= as_of), None)
    filed = next((e.date for e in deal.events("information_statement_filed") if e.date <= as_of), None)
    _, deadline_note = deadline_as_read(deal, covenant.approval_deadline, f"the {covenant.defined_term}", as_of)
    _, filing_note = deadline_as_read(deal, covenant.information_statement_deadline, "the filing", as_of)
    return Approval(obtained, covenant.approval_deadline, filed, covenant.information_statement_deadline,
                    deadline_note, filing_note)


@dataclass(frozen=True)
class Balance:
    """What the Company owes one Buyer on its convertible security on a date."""

    outstanding_principal: Decimal
    accrued_interest: Decimal      # exact, since the Closing Date
    interest_paid: Decimal

    @property
    def accrued_unpaid_interest(self) -> Decimal:
        return max(Decimal(0), self.accrued_interest - self.interest_paid)


def balance(deal: Deal, buyer: Buyer, on: dt.date) -> Balance:
    """Interest (or cumulative dividends) accrued since the Closing Date and paid; non-cumulative dividends
    count only since the last dividend payment date before ``on``: what was not paid by then lapsed."""
    principal = outstanding_principal(deal, buyer, on)
    since = None if deal.securities.convertible.accrual.cumulative else last_payment_date(deal, on)
    paid = sum((a for d, a in income_paid(deal, buyer) if d <= on and (since is None or d > since)), Decimal(0))
    accrued = accrued_interest(deal, buyer, on)
    if since is not None:
        accrued -= accrued_interest(deal, buyer, since)
    return Balance(principal, accrued, paid)


def position(deal: Deal, as_of: dt.date) -> Position:
    """Every s.4(h) figure on ``as_of`` (events dated on ``as_of`` included, none later: ``Deal.as_of``)."""
    deal = deal.as_of(as_of)
    now = outstanding(deal, as_of)
    price, warrants = now.price, now.warrants
    terms = deal.securities.convertible
    rate = _rate(deal)
    reserve = deal.covenants.share_reserve
    multiple = reserve.multiple
    partial: list[dict[str, Any]] = []     # each Buyer's BuyerPosition, but its allocation
    interest_to = as_of + dt.timedelta(days=1) if deal.readings.as_of == "end-of-day" else as_of
    for buyer in deal.buyers:
        owed = balance(deal, buyer, interest_to)
        left = owed.outstanding_principal
        conversion_shares = shares_for(left, price.price)
        one_year = left * rate
        issued = _issuances(deal, None, as_of, buyer.id)
        partial.append(dict(
            buyer=buyer, original_principal=deal.amount(buyer),
            principal_converted=_principal_by(deal, buyer, as_of, "conversion"),
            principal_repaid=_principal_by(deal, buyer, as_of, "repayment", "redemption"),
            outstanding_principal=left, accrued_interest=owed.accrued_interest,
            interest_paid=owed.interest_paid, accrued_unpaid_interest=owed.accrued_unpaid_interest,
            warrants_outstanding=warrants[buyer.id],
            conversion_shares=conversion_shares, warrant_shares=warrants[buyer.id], one_year_interest=one_year,
            interest_shares=shares_for(one_year, price.price),
            reserved_amount=reserved_amount(multiple, conversion_shares + warrants[buyer.id] + (
                shares_for(one_year, price.price) if reserve.interest_shares_counted else 0)),
            shares_issued=issued))
    cap = capital(deal, as_of)
    parts = allocations(deal, as_of)
    buyers = tuple(BuyerPosition(allocated=parts[p["buyer"].id], **p) for p in partial)
    next_payment = next_interest_payment(deal, as_of) if now.total_principal > 0 else None
    return Position(
        as_of=as_of, price=price, buyers=buyers, aggregate_principal=now.total_principal,
        aggregate_conversion_shares=shares_for(now.total_principal, price.price),
        aggregate_warrant_shares=sum(warrants.values()),
        aggregate_interest_shares=shares_for(now.total_principal * rate, price.price),
        aggregate_reserved_amount=now.aggregate_reserved_amount, capital=cap, shortfall=shortfall(deal, as_of),
        approval=approval(deal, as_of), reserve_multiple=multiple,
        interest_shares_counted=reserve.interest_shares_counted, interest_rate_percent=terms.accrual.rate_percent,
        day_count=terms.accrual.day_count, lifecycle=lifecycle(deal, as_of), next_interest_payment=next_payment,
        next_interest_moved=moved_note(next_payment, terms.accrual.payments) if next_payment else None)


@dataclass(frozen=True)
class Lifecycle:
    """Where the financing stands: ``outstanding``; ``ended`` (no principal and no Warrant left);
    ``past-maturity`` (principal unpaid after maturity and nothing recorded: the ledger must say
    what happened); ``in-default`` (an event of default recorded: the covenants continue)."""

    state: str
    maturity: dt.date
    since: dt.date | None          # ended on / past maturity from / default recorded on

    @property
    def lists_continue(self) -> bool:
        return self.state in ("outstanding", "in-default")


def lifecycle(deal: Deal, on: dt.date) -> Lifecycle:
    maturity = deal.securities.convertible.end_date
    now = outstanding(deal, on)
    if not now.anything:
        ended = max((e.date for e in deal.ledger if e.date <= on), default=deal.closing_date)
        for day in sorted({e.date for e in deal.ledger if e.date <= on}, reverse=True):
            if outstanding(deal, day).anything:
                break
            ended = day
        return Lifecycle("ended", maturity, ended)
    if now.total_principal > 0 and on > maturity:
        default = next((e.date for e in deal.events("default") if e.date <= on), None)
        if default is not None:
            return Lifecycle("in-default", maturity, default)
        return Lifecycle("past-maturity", maturity, maturity + dt.timedelta(days=1))
    return Lifecycle("outstanding", maturity, None)
