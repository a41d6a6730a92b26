"""The liquidated damages (``covenants.liquidated_damages``; in the SPA, s.2(f)'s Standard Liquidated
Damages Amount) for one Buyer and one breach.

The first month's rate (two percent in the SPA) and the later months' rate (three percent) apply of the Buyer's
outstanding principal plus accrued and unpaid interest, prorated for partial months.
Monthly periods run from the breach's first day to the same day of the next month (the
last day of a shorter month when that day does not exist). Each period's base is the
Buyer's outstanding principal plus accrued unpaid interest (to the cent) at the start of
the period. A partial period counts its actual days over the days of that monthly period.
Each line is rounded half-up to the cent once; the total is the sum of the lines. A period that starts with
nothing outstanding for the Buyer (no principal, no Warrants) owes nothing and has no line. The
share alternative is the total at the Conversion Price in effect on the invoice date,
rounded up to the whole share.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from ..deal.model import Deal
from .breaches import Breach
from .business_days import add_months
from .reserve import PriceInEffect, balance, outstanding, price_in_effect
from .rounding import cents, shares_for

FRACTION_RULE = ("A partial month counts its actual days over the number of days in that monthly period, "
                 "which runs from the breach's day of the month to the same day of the next month.")


@dataclass(frozen=True)
class DamagesLine:
    number: int                    # 1 = first month
    start: dt.date
    end: dt.date                   # exclusive: the first day of the next period, or the cure / through date
    period_days: int               # days in the full monthly period
    days: int                      # days counted
    principal: Decimal
    accrued_interest: Decimal      # to the cent
    rate_percent: Decimal
    amount: Decimal                # to the cent, half-up

    @property
    def base(self) -> Decimal:
        return self.principal + self.accrued_interest

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
class Damages:
    breach: Breach
    buyer_id: str
    through: dt.date               # damages counted up to (not including) this day
    cured: dt.date | None
    lines: tuple[DamagesLine, ...]
    price: PriceInEffect           # at the invoice date: for the share alternative

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))

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


def damages(deal: Deal, breach: Breach, buyer_id: str, through: dt.date, priced_on: dt.date | None = None) -> Damages:
    """Damages for ``buyer_id`` from the breach's start to its cure or to ``through``,
    whichever is earlier (``through`` itself not counted)."""
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
        rate = terms.first_month_percent if number == 0 else terms.later_months_percent
        days, period_days = (line_end - period_start).days, (period_end - period_start).days
        amount = cents((holder.outstanding_principal + accrued) * rate / 100 * days / period_days)
        lines.append(DamagesLine(number + 1, period_start, line_end, period_days, days,
                                 holder.outstanding_principal, accrued, rate, amount))
        number += 1
        period_start = period_end
    return Damages(breach, buyer_id, end, cured if cured is not None and cure_end(deal, cured) <= through else None,
                   tuple(lines), price_in_effect(deal, priced_on or through))
