"""When the monthly reserve lists of the share-reserve covenant are due, and which are late.

A list is due for every month end from the Closing Date on while anything is outstanding at
the start of that month (principal of the convertible security, or Warrants), within
``list_due_business_days`` business days of the month end. Past maturity with principal
unpaid and nothing recorded, no list is owed until the ledger says what happened (a
repayment, a conversion, or a default under which lists continue): see ``reserve.lifecycle``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.model import Deal
from .business_days import business_calendar, month_end, month_of, next_month
from .reserve import lifecycle


@dataclass(frozen=True)
class ListMonth:
    month: str               # YYYY-MM
    as_of: dt.date           # the month end
    due: dt.date             # five business days later
    delivered: dict[str, dt.date | None]   # buyer id -> date recorded as delivered

    @property
    def undelivered(self) -> list[str]:
        return [b for b, day in self.delivered.items() if day is None]

    def late_deliveries(self) -> dict[str, dt.date]:
        return {b: day for b, day in self.delivered.items() if day is not None and day > self.due}




def list_due_date(deal: Deal, month: str) -> dt.date:
    days = deal.covenants.share_reserve.list_due_business_days
    return business_calendar(deal).add_business_days(month_end(month), days)


def list_month(deal: Deal, month: str) -> ListMonth:
    delivered: dict[str, dt.date | None] = {b.id: None for b in deal.buyers}
    for event in deal.events("list_delivered"):
        if event.month == month:
            for buyer in ([event.buyer] if event.buyer else delivered):
                if delivered[buyer] is None:
                    delivered[buyer] = event.date
    return ListMonth(month, month_end(month), list_due_date(deal, month), delivered)


def list_months(deal: Deal, ended_before: dt.date) -> list[ListMonth]:
    """Every month whose list is owed and whose end is before ``ended_before``."""
    out = []
    month = month_of(deal.closing_date)
    start = deal.closing_date
    while month_end(month) < ended_before:
        if not lifecycle(deal, start).lists_continue:
            break
        out.append(list_month(deal, month))
        start = month_end(month) + dt.timedelta(days=1)
        month = next_month(month)
    return out


def is_list_month(deal: Deal, month: str) -> bool:
    """A month for which a list is owed (on or after the Closing Date's month)."""
    return month >= month_of(deal.closing_date) and lifecycle(
        deal, max(deal.closing_date, month_end(month).replace(day=1))).lists_continue
