"""Breaches that cost the liquidated damages, and when each began and ended.

Where the agreement fixes the start, it is derived from the covenants the deal has, never asked for:
  * share reserve, monthly list not delivered within its business days of month end: from the
    day after the due date until delivered, for each Buyer not (timely) delivered to;
  * share reserve, shortfall not cured within its cure days: from the day after the last day of
    the cure period until the Authorized and Reserved Shares again reach the Reserved Amount;
  * stockholder approval: the information statement not filed by its deadline, or the approval
    not obtained by its deadline: from the day after until filed or obtained;
  * opinion acceptance: an opinion of counsel not accepted within its business days of delivery:
    from the day after the last business day until accepted.
Breaches of the representations or covenants are recorded in the ledger.

Where the deal reads deadlines under New York General Construction Law s.25 (``Readings``), a
deadline stated as a date or a number of calendar days that ends on a weekend or holiday moves
to the next business day, and the breach says so.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import cite, long_date
from ..deal.model import Deal, OpinionDelivered
from .business_days import business_calendar, deadline_as_read
from .reserve import shortfall_cure_deadline, shortfall_runs
from .schedule import list_months

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Breach:
    id: str
    section: str                                # as the documents cite it (deal.citation.cite)
    description: str
    start: dt.date                              # the first day damages accrue
    cured: dict[str, dt.date | None]            # buyer id -> the day it was cured (damages stop), or None
    deadline_note: str | None = None            # why the deadline moved, where it did

    def open_for(self, buyer_id: str) -> bool:
        return self.cured.get(buyer_id) is None

    @property
    def buyers(self) -> list[str]:
        return list(self.cured)


def _list_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    covenant = deal.covenants.share_reserve
    out = []
    for lm in list_months(deal, ended_before=as_of):
        if lm.due >= as_of:
            continue
        late = {b: day for b, day in lm.delivered.items() if day is None or day > lm.due}
        if late:
            out.append(Breach(
                f"list-{lm.month}", cite(covenant.section),
                f"the monthly list for {lm.as_of:%B} {lm.as_of.year} was not delivered within "
                f"{covenant.list_due_business_days} business days of the end of the month "
                f"(due {long_date(lm.due)})",
                lm.due + DAY, late))
    return out


def _shortfall_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    # The SPA runs the cure days from "the date on which the number of Authorized and Reserved Shares
    # exceeds the Reserved Amount": read, as its context requires, as the date it falls below it.
    covenant = deal.covenants.share_reserve
    out = []
    for since, ended in shortfall_runs(deal, as_of):
        plain_end = since + dt.timedelta(days=covenant.shortfall_cure_days)
        last_day, note = deadline_as_read(deal, plain_end, "the cure")
        start = shortfall_cure_deadline(deal, since) + DAY
        assert start == last_day + DAY
        if start > as_of or (ended is not None and ended < start):
            continue
        out.append(Breach(
            f"shortfall-{start.isoformat()}", cite(covenant.section),
            f"the Authorized and Reserved Shares fell below the Reserved Amount on {long_date(since)} and were not "
            f"restored within {covenant.shortfall_cure_days} days",
            start, {b.id: ended for b in deal.buyers}, note))
    return out


def _approval_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    covenant = deal.covenants.stockholder_approval
    if covenant is None:
        return []
    out = []
    filed = next((e.date for e in deal.events("information_statement_filed")), None)
    deadline, note = deadline_as_read(deal, covenant.information_statement_deadline, "the filing")
    if as_of > deadline and (filed is None or filed > deadline):
        out.append(Breach(
            "information-statement", cite(covenant.section),
            f"the information statement or proxy was not filed with the SEC by "
            f"{long_date(covenant.information_statement_deadline)}",
            deadline + DAY, {b.id: filed for b in deal.buyers}, note))
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    deadline, note = deadline_as_read(deal, covenant.approval_deadline, f"the {covenant.defined_term}")
    if as_of > deadline and (obtained is None or obtained > deadline):
        by = f"the {covenant.deadline_term}, " if covenant.deadline_term else ""
        out.append(Breach(
            "stockholder-approval", cite(covenant.section),
            f"the {covenant.defined_term} was not obtained by {by}{long_date(covenant.approval_deadline)}",
            deadline + DAY, {b.id: obtained for b in deal.buyers}, note))
    return out


def opinion_deadlines(deal: Deal) -> list[tuple[OpinionDelivered, dt.date]]:
    """Each opinion of counsel delivered, with the last business day to accept it (the opinion covenant)."""
    covenant = deal.covenants.opinion_acceptance
    if covenant is None:
        return []
    calendar = business_calendar(deal)
    return [(event, calendar.add_business_days(event.date, covenant.business_days))
            for event in deal.events("opinion_delivered")]


def _opinion_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    covenant = deal.covenants.opinion_acceptance
    if covenant is None:
        return []
    out = []
    for event, deadline in opinion_deadlines(deal):
        if as_of > deadline and (event.accepted is None or event.accepted > deadline):
            out.append(Breach(
                f"opinion-{event.date.isoformat()}-{event.buyer}", cite(covenant.section),
                f"the opinion of counsel delivered on {long_date(event.date)} was not accepted within "
                f"{covenant.business_days} business days (by {long_date(deadline)})",
                deadline + DAY, {event.buyer: event.accepted}))
    return out


def _recorded_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    out = []
    for event in deal.events("breach"):
        if event.date > as_of:
            continue
        buyers = event.buyers or [b.id for b in deal.buyers]
        out.append(Breach(event.id, cite(event.section), event.description, event.date,
                          {b: event.cured for b in buyers}))
    return out


def breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    """Every breach begun on or before ``as_of``, in order of its start, as the ledger stood that day: a cure
    recorded later is not yet known (``Deal.as_of``)."""
    deal = deal.as_of(as_of)
    found = (_list_breaches(deal, as_of) + _shortfall_breaches(deal, as_of) + _approval_breaches(deal, as_of)
             + _opinion_breaches(deal, as_of) + _recorded_breaches(deal, as_of))
    return sorted(found, key=lambda b: (b.start, b.id))


def latest_fact_date(deal: Deal) -> dt.date:
    """The last date the deal data records: a cure or acceptance can lie beyond its entry's date."""
    dates = [deal.closing_date]
    for event in deal.ledger:
        dates += [d for d in (event.date, getattr(event, "cured", None), getattr(event, "accepted", None))
                  if isinstance(d, dt.date)]
    return max(dates)


def find_breach(deal: Deal, breach_id: str, as_of: dt.date) -> Breach | None:
    return next((b for b in breaches(deal, as_of) if b.id == breach_id), None)
