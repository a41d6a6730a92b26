"""Breaches that cost the Standard Liquidated Damages Amount, and when each began and ended.

Where the SPA fixes the start, it is derived, never asked for:
  * s.4(h) monthly list not delivered within five business days of month end: from the day
    after the due date until delivered, for each Buyer not (timely) delivered to;
  * s.4(h) shortfall not cured within 30 days: from the day after the 30th day until the
    Authorized and Reserved Shares again reach the Reserved Amount;
  * s.4(l) information statement not filed by its deadline, or Stockholder Approval not
    obtained by the Approval Date: from the day after until filed or obtained;
  * s.2(f) opinion of counsel not accepted within three business days of delivery: from the
    day after the third business day until accepted.
Other breaches of representations (s.3(z)) or covenants (s.4(r)) are recorded in the ledger.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.model import Deal
from .reserve import shortfall_runs
from .schedule import business_calendar, list_months

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Breach:
    id: str
    section: str
    description: str
    start: dt.date                              # the first day damages accrue
    cured: dict[str, dt.date | None]            # buyer id -> the day it was cured (damages stop), or None

    def open_for(self, buyer_id: str) -> bool:
        return self.cured.get(buyer_id) is None

    @property
    def buyers(self) -> list[str]:
        return list(self.cured)


def _list_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    out = []
    for lm in list_months(deal, ended_before=as_of):
        if lm.due >= as_of:
            continue
        late = {b: day for b, day in lm.delivered.items() if day is None or day > lm.due}
        if late:
            out.append(Breach(
                f"list-{lm.month}", "Section 4(h)",
                f"the monthly list for {lm.as_of:%B} {lm.as_of.year} was not delivered within "
                f"{deal.covenants.list_due_business_days} business days of the end of the month "
                f"(due {lm.due:%B} {lm.due.day}, {lm.due.year})",
                lm.due + DAY, late))
    return out


def _shortfall_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    # s.4(h) runs the 30 days from "the date on which the number of Authorized and Reserved Shares
    # exceeds the Reserved Amount": read, as its context requires, as the date it falls below it.
    cure_days = dt.timedelta(days=deal.covenants.shortfall_cure_days)
    out = []
    for since, ended in shortfall_runs(deal, as_of):
        start = since + cure_days + DAY
        if start > as_of or (ended is not None and ended < start):
            continue
        out.append(Breach(
            f"shortfall-{start.isoformat()}", "Section 4(h)",
            f"the Authorized and Reserved Shares fell below the Reserved Amount on {since:%B} {since.day}, "
            f"{since.year} and were not restored within {deal.covenants.shortfall_cure_days} days",
            start, {b.id: ended for b in deal.buyers}))
    return out


def _approval_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    cov = deal.covenants
    out = []
    filed = next((e.date for e in deal.events("information_statement_filed")), None)
    if as_of > cov.information_statement_deadline and (filed is None or filed > cov.information_statement_deadline):
        out.append(Breach(
            "information-statement", "Section 4(l)",
            f"the information statement or proxy was not filed with the SEC by "
            f"{cov.information_statement_deadline:%B} {cov.information_statement_deadline.day}, "
            f"{cov.information_statement_deadline.year}",
            cov.information_statement_deadline + DAY, {b.id: filed for b in deal.buyers}))
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    deadline = cov.stockholder_approval_deadline
    if as_of > deadline and (obtained is None or obtained > deadline):
        out.append(Breach(
            "stockholder-approval", "Section 4(l)",
            f"the Stockholder Approval was not obtained by the Approval Date, {deadline:%B} {deadline.day}, "
            f"{deadline.year}", deadline + DAY, {b.id: obtained for b in deal.buyers}))
    return out


def _opinion_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    calendar = business_calendar(deal)
    days = deal.covenants.opinion_acceptance_business_days
    out = []
    for event in deal.events("opinion_delivered"):
        deadline = calendar.add_business_days(event.date, days)
        if as_of > deadline and (event.accepted is None or event.accepted > deadline):
            out.append(Breach(
                f"opinion-{event.date.isoformat()}-{event.buyer}", "Section 2(f)",
                f"the opinion of counsel delivered on {event.date:%B} {event.date.day}, {event.date.year} was not "
                f"accepted within {days} business days (by {deadline:%B} {deadline.day}, {deadline.year})",
                deadline + DAY, {event.buyer: event.accepted}))
    return out


def _recorded_breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    out = []
    for event in deal.events("breach"):
        if event.date > as_of:
            continue
        buyers = event.buyers or [b.id for b in deal.buyers]
        out.append(Breach(event.id, event.section, event.description, event.date,
                          {b: event.cured for b in buyers}))
    return out


def breaches(deal: Deal, as_of: dt.date) -> list[Breach]:
    """Every breach begun on or before ``as_of``, in order of its start."""
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
