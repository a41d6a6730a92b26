"""When the monthly reserve lists of the share-reserve covenant are due, and which are late.

A list is due for every month end from the first list month on (the Closing Date's month, or the
first full calendar month after it: ``covenants.share_reserve.lists_start``) while anything is outstanding at
the start of that month (principal of the convertible security, or Warrants), to each Buyer
with something still outstanding at the month end (none to a Buyer that has converted or been
repaid everything, and no list at all when no Buyer has anything left), within
``list_due_business_days`` business days of the month end. Past maturity with principal
unpaid and nothing recorded, no list is owed until the ledger says what happened (a
repayment, a conversion, or a default under which lists continue): see ``reserve.lifecycle``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.model import Deal
from .business_days import business_calendar, month_end, next_month
from .reserve import lifecycle, outstanding


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


def owed_to(deal: Deal, on: dt.date) -> list[str]:
    """The Buyers a list is owed to on ``on``: those with something outstanding (principal or Warrants);
    a Buyer that has converted, been repaid or exercised everything is owed nothing."""
    now = outstanding(deal, on)
    return [b.id for b in deal.buyers if now.principal[b.id] > 0 or now.warrants[b.id] > 0]


def list_month(deal: Deal, month: str) -> ListMonth:
    """The month's list: its due date and, for each Buyer it is owed to (``owed_to`` at the month end), the
    day the ledger records its delivery (None: not recorded)."""
    delivered: dict[str, dt.date | None] = {b: None for b in owed_to(deal, month_end(month))}
    for event in deal.events("list_delivered"):
        if event.month == month:
            for buyer in ([event.buyer] if event.buyer else list(delivered)):
                if buyer in delivered and delivered[buyer] is None:
                    delivered[buyer] = event.date
    return ListMonth(month, month_end(month), list_due_date(deal, month), delivered)


def list_months(deal: Deal, ended_before: dt.date) -> list[ListMonth]:
    """Every month whose list is owed and whose end is before ``ended_before``."""
    out = []
    month = deal.first_list_month
    start = max(deal.closing_date, month_end(month).replace(day=1))
    while month_end(month) < ended_before:
        if not lifecycle(deal, start).lists_continue:
            break
        lm = list_month(deal, month)
        if lm.delivered:              # owed to a Buyer with something outstanding at the month end
            out.append(lm)
        start = month_end(month) + dt.timedelta(days=1)
        month = next_month(month)
    return out


def is_list_month(deal: Deal, month: str) -> bool:
    """A month for which a list is owed (from the first list month on, ``Deal.first_list_month``, to a Buyer
    with something outstanding at its end)."""
    return month >= deal.first_list_month and lifecycle(
        deal, max(deal.closing_date, month_end(month).replace(day=1))).lists_continue \
        and bool(owed_to(deal, month_end(month)))
