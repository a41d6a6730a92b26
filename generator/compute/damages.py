"""The liquidated damages (``covenants.liquidated_damages``; in the SPA, s.2(f)'s Standard Liquidated
Damages Amount) for one Buyer and one breach, as the agreement words them.

A monthly rate, the first month's and the later months' (two and three percent in the SPA) or one flat
rate for every month, applies of a base, prorated for partial months. Monthly periods run from the
breach's first day to the same day of the next month (the last day of a shorter month when that day does
not exist). The base of a period is, as the agreement says, the Buyer's outstanding amount of the
security plus its accrued and unpaid return (debt: principal plus interest, the interest to the cent) at
the start of the period, or the purchase price it paid. A partial period counts its actual days over the
days of that monthly period. Each line is rounded half-up to the cent once; the total is the sum of the
lines. A period that starts with nothing outstanding for the Buyer (no principal, no Warrants) owes
nothing and has no line.

Where the agreement caps each Buyer's damages (a percentage of its original amount of the security or of
its purchase price, to the cent), the cap holds for all its breaches together: a breach's damages are
what the cap leaves after the Buyer's breaches that began before it (to the same day), so the breaches'
amounts add up to no more than the cap. The share alternative is the total at the Conversion Price in
effect on the invoice date, rounded up to the whole share.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import overload

from ..deal.model import Deal
from .breaches import Breach, breaches
from .business_days import add_months
from .reserve import PriceInEffect, balance, outstanding, price_in_effect
from .rounding import cents, shares_for

FRACTION_RULE = ("A partial month counts its actual days over the number of days in that monthly period, "
                 "which runs from the breach's day of the month to the same day of the next month.")
CAP_RULE = ("Cap: the percentage of the Buyer's original amount or purchase price, to the cent, for all its "
            "breaches together; each breach takes what the breaches that began before it leave.")


@dataclass(frozen=True)
class DamagesLine:
    number: int                    # 1 = first month
    start: dt.date
    end: dt.date                   # exclusive: the first day of the next period, or the cure / through date
    period_days: int               # days in the full monthly period
    days: int                      # days counted
    principal: Decimal             # outstanding at the start of the period
    accrued_interest: Decimal      # to the cent
    base: Decimal                  # what the rate is of (LiquidatedDamages.base)
    rate_percent: Decimal
    amount: Decimal                # to the cent, half-up

    @property
    def partial(self) -> bool:
        return self.days != self.period_days

    @property
    def fraction(self) -> tuple[int, int]:
        return (self.days, self.period_days)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


@dataclass(frozen=True)
class Cap:
    """A cap on a Buyer's damages, all breaches together, and what the breaches before this one used of it."""

    percent: Decimal
    of: Decimal                    # the Buyer's original amount or purchase price (LiquidatedDamages.cap_of)
    limit: Decimal                 # percent of it, to the cent
    before: Decimal                # the damages of the Buyer's breaches that began earlier, to the same day

    @property
    def left(self) -> Decimal:
        return max(self.limit - self.before, Decimal("0.00"))


@dataclass(frozen=True)
class Damages:
    breach: Breach
    buyer_id: str
    through: dt.date               # damages counted up to (not including) this day
    cured: dt.date | None
    lines: tuple[DamagesLine, ...]
    price: PriceInEffect           # at the invoice date: for the share alternative
    cap: Cap | None = None         # where the agreement caps the Buyer's damages

    @property
    def accrued(self) -> Decimal:
        """The sum of the lines, before any cap."""
        return sum((line.amount for line in self.lines), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        """What is owed for the breach: the sum of the lines, or what the cap leaves of it."""
        return self.accrued if self.cap is None else min(self.accrued, self.cap.left)

    @property
    def capped(self) -> bool:
        return self.total != self.accrued

    @property
    def share_alternative(self) -> int:
        return shares_for(self.total, self.price.price)

    @property
    def days(self) -> int:
        return sum(line.days for line in self.lines)


@overload
def cure_end(deal: Deal, cured: dt.date) -> dt.date: ...


@overload
def cure_end(deal: Deal, cured: dt.date | None) -> dt.date | None: ...


def cure_end(deal: Deal, cured: dt.date | None) -> dt.date | None:
    """The first day a cured breach no longer counts: the day after its cure where the cure day is
    counted (Readings: cure_day), else the cure day itself."""
    if cured is None:
        return None
    return cured + dt.timedelta(days=1) if deal.readings.cure_day == "counted" else cured


def monthly_period_end(deal: Deal, start: dt.date, months: int) -> dt.date:
    """The first day after the ``months``-th monthly period from ``start``. Where the later month has no
    day numbered like ``start`` (a period from January 31), the governing-law reading ends the period on
    that month's last day (NY GCL s.30); the other starts the next period on it."""
    corresponding = add_months(start, months)
    clipped = corresponding.day < start.day
    if clipped and deal.readings.short_months == "governing-law":
        return corresponding + dt.timedelta(days=1)
    return corresponding


def cap_limit(deal: Deal, buyer_id: str) -> tuple[Decimal, Decimal] | None:
    """(what the cap is a percentage of, the cap to the cent) for the Buyer, where the agreement has a cap."""
    terms = deal.covenants.liquidated_damages
    if terms.cap_percent is None:
        return None
    buyer = deal.buyer(buyer_id)
    of = buyer.purchase_price if terms.cap_of == "purchase-price" else deal.amount(buyer)
    return of, cents(of * terms.cap_percent / 100)


def damages(deal: Deal, breach: Breach, buyer_id: str, through: dt.date, priced_on: dt.date | None = None) -> Damages:
    """Damages for ``buyer_id`` from the breach's start to its cure or to ``through``,
    whichever is earlier (``through`` itself not counted), within the cap where there is one."""
    found = _accrued(deal, breach, buyer_id, through, priced_on)
    limit = cap_limit(deal, buyer_id)
    if limit is None:
        return found
    earlier = [b for b in breaches(deal, through - dt.timedelta(days=1))
               if buyer_id in b.cured and (b.start, b.id) < (breach.start, breach.id)]
    before = sum((_accrued(deal, b, buyer_id, through).accrued for b in earlier), Decimal("0.00"))
    terms = deal.covenants.liquidated_damages
    assert terms.cap_percent is not None   # cap_limit found one
    return replace(found, cap=Cap(terms.cap_percent, limit[0], limit[1], min(before, limit[1])))


def _accrued(deal: Deal, breach: Breach, buyer_id: str, through: dt.date, priced_on: dt.date | None = None) -> Damages:
    """Damages for the breach alone, line by line, before any cap."""
    cured = breach.cured.get(buyer_id)
    end = min(d for d in (cure_end(deal, cured), through) if d is not None)
    terms = deal.covenants.liquidated_damages
    buyer = deal.buyer(buyer_id)
    lines = []
    number = 0
    period_start = breach.start
    while period_start < end:
        period_end = monthly_period_end(deal, breach.start, number + 1)
        line_end = min(period_end, end)
        holder = balance(deal, buyer, period_start)
        if holder.outstanding_principal == 0 and not outstanding(deal, period_start).warrants[buyer_id]:
            number += 1               # nothing outstanding for the Buyer: nothing is owed for the period
            period_start = period_end
            continue
        accrued = cents(holder.accrued_unpaid_interest)
        base = buyer.purchase_price if terms.base == "purchase-price" else holder.outstanding_principal + accrued
        rate = terms.rate(number + 1)
        days, period_days = (line_end - period_start).days, (period_end - period_start).days
        amount = cents(base * rate / 100 * days / period_days)
        lines.append(DamagesLine(number + 1, period_start, line_end, period_days, days,
                                 holder.outstanding_principal, accrued, base, rate, amount))
        number += 1
        period_start = period_end
    return Damages(breach, buyer_id, end, cured if cured is not None and cure_end(deal, cured) <= through else None,
                   tuple(lines), price_in_effect(deal, priced_on or through))
