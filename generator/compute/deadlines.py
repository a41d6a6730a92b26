"""Every dated obligation the deal data implies, for the deadline calendar (``deadlines.ics``).

Each deadline has a stable key (the calendar event's UID comes from it, so re-importing updates an
event instead of doubling it), its date as the deal reads it, the person who must act, what to do,
the section it comes from and the rule that fixed the date. Obligations whose date depends on what
has happened (a shortfall's cure period, an open breach), and every status, are taken from the ledger as
it stood on one date (by default the last date the deal data records, so the same deal file always gives
the same calendar): an entry recorded for a later day never shows.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import cite, long_date
from ..deal.load import Pending
from ..deal.model import Deal
from .breaches import breaches, latest_fact_date, opinion_deadlines
from .business_days import add_months, business_calendar, deadline_as_read
from .expenses import expense_statement
from .filings import filings
from .interest import interest_schedule, missed_interest
from .payment_dates import describe, moved_note
from .reserve import lifecycle, shortfall
from .schedule import list_months

DATE_MAX = dt.date(2199, 12, 31)


@dataclass(frozen=True)
class Deadline:
    key: str                 # stable, unique in the deal: "list-2003-05", "interest-2003-06"
    kind: str                # list, interest, press-release, information-statement, approval, opinion,
    #                          expense, shortfall-cure, breach-cure, maturity, warrant-expiry, and the filings'
    #                          form-d, form-d-copy, form-8-k, state-notice, lock-up, survival (compute/filings.py)
    date: dt.date            # as the deal reads it (moved to a business day where the deal says so)
    person: str              # who must act
    what: str                # what to do, for that person
    section: str             # "Section 4(h)"
    rule: str                # how the date was fixed: the business-day rule, or the date in the agreement
    status: str              # "open", or what the ledger records ("delivered June 5, 2003")


def _name(value) -> str | None:
    return None if value is None or isinstance(value, Pending) else str(value)


def company_person(deal: Deal) -> str:
    """Who acts for the Company: its chief executive officer, or whom its notices are addressed to."""
    ceo = deal.chief_executive_officer
    name = _name(ceo.name)
    if name:
        return f"{name} ({deal.company.name})"
    return _name(deal.company.notice.attention) or deal.company.name


def deadlines(deal: Deal, as_of: dt.date | None = None) -> list[Deadline]:
    """Every dated obligation, in date order (ties by key), each with its status as the ledger stood at the end
    of ``as_of`` (``Deal.as_of``; default: the last date the deal data records)."""
    as_of = as_of or latest_fact_date(deal)
    deal = deal.as_of(as_of)
    found = (_press_release(deal) + _lists(deal) + _interest(deal, as_of) + _approval(deal) + _opinions(deal)
             + _expenses(deal) + _cures(deal, as_of) + _end(deal) + _filings(deal))
    return sorted(found, key=lambda d: (d.date, d.key))


def _filings(deal: Deal) -> list[Deadline]:
    """The filings and period ends that have a date (a Form 8-K item the rule of its date does not require has none),
    each with its rule, the rule's source and the business days it counts on."""
    out = []
    for f in filings(deal):
        if f.date is None:
            continue
        person = company_person(deal) if f.by == "the Company" else f.by
        rule = f.rule + (f" (the rule applies from {long_date(f.applies_from)})" if f.applies_from else "")
        if f.calendar:
            rule += f" (business days: {f.calendar})"
        if f.differs:
            rule += "; on other calendars: " + "; ".join(f.differs)
        out.append(Deadline(f.key, f.kind, f.date, person, f.title, f.section or f.source, rule, f.status))
    return out


def _press_release(deal: Deal) -> list[Deadline]:
    publicity = deal.covenants.publicity
    if publicity is None:
        return []
    calendar = business_calendar(deal)
    due = calendar.add_business_days(deal.closing_date, publicity.business_days)
    return [Deadline("press-release", "press-release", due, company_person(deal),
                     "issue the closing press release, after the Buyers' review",
                     cite(publicity.governing_section),
                     f"within {publicity.business_days} business day(s) after the Closing Date, "
                     f"{long_date(deal.closing_date)} (business days: {calendar.description})",
                     release_status(deal))]


def release_status(deal: Deal) -> str:
    """"open", or what the closing checklist records for the press release (the item that names it)."""
    if deal.closing is None:
        return "open"
    items = {i.id for i in deal.closing.items if "press-release" in i.documents}
    done = next((d for d in deal.closing.deliveries if d.item in items and d.status != "pending"), None)
    if done is None:
        return "open"
    word = "released" if done.status == "received" else done.status
    return f"{word} {long_date(done.date)}" if done.date is not None else word


def _lists(deal: Deal) -> list[Deadline]:
    covenant = deal.covenants.share_reserve
    calendar = business_calendar(deal)
    out = []
    for lm in list_months(deal, ended_before=DATE_MAX):
        delivered = [day for day in lm.delivered.values() if day is not None]
        status = "open" if lm.undelivered else f"delivered {long_date(max(delivered))}"
        out.append(Deadline(
            f"list-{lm.month}", "list", lm.due, company_person(deal),
            f"deliver the monthly reserve list for {lm.as_of:%B} {lm.as_of.year} to each Buyer",
            cite(covenant.section),
            f"within {covenant.list_due_business_days} business days after the end of the month, "
            f"{long_date(lm.as_of)} (business days: {calendar.description})", status))
    return out


def _interest(deal: Deal, as_of: dt.date) -> list[Deadline]:
    """Each interest (or dividend) payment date while the financing lasts: open until it has ended, then paid,
    or not paid to the Buyers the ledger records no payment in full to (``interest.missed_interest``)."""
    terms = deal.securities.convertible
    words = terms.words
    schedule = terms.accrual.payments
    names = {b.id: b.name for b in deal.buyers}
    missed: dict[dt.date, list[str]] = {}
    for m in missed_interest(deal, as_of):
        missed.setdefault(m.date, []).append(names[m.buyer_id] + (f" (paid {long_date(m.paid_on)})"
                                                                  if m.paid_on else ""))
    a = "a" if words.kind == "preferred" else "an"
    out = []
    for scheduled in interest_schedule(deal):
        day = scheduled.due
        if scheduled.scheduled >= terms.end_date or not lifecycle(deal, day - dt.timedelta(days=1)).lists_continue:
            continue
        rule = (f"{a} {words.income_of} payment date fixed by the terms of the {terms.defined_term} "
                f"({describe(schedule)})")
        moved = moved_note(scheduled, schedule)
        if moved:
            rule += f"; {moved}"
        out.append(Deadline(
            f"{words.income_of}-{scheduled.scheduled:%Y-%m}", words.income_of, day, company_person(deal),
            f"pay {words.income} on the {terms.defined_term} ({terms.accrual.rate_percent}% a year, "
            f"{terms.accrual.day_count})",
            f"the terms of the {terms.defined_term}", rule,
            "open" if day >= as_of else f"not paid when due to {', '.join(missed[day])}" if day in missed
            else "paid"))
    return out


def _as_read(deal: Deal, deadline: dt.date, what: str) -> tuple[dt.date, str]:
    moved, note = deadline_as_read(deal, deadline, what)
    if note:
        return moved, f"{long_date(deadline)} in the agreement; {note}"
    literal = "" if deal.rolls_deadlines else " (not moved for weekends or holidays under this deal's reading)"
    return deadline, f"the date the agreement fixes{literal}"


def _approval(deal: Deal) -> list[Deadline]:
    covenant = deal.covenants.stockholder_approval
    if covenant is None:
        return []
    filed = next((e.date for e in deal.events("information_statement_filed")), None)
    obtained = next((e.date for e in deal.events("authorized_shares") if e.stockholder_approval), None)
    filing, filing_rule = _as_read(deal, covenant.information_statement_deadline, "the filing")
    approval, approval_rule = _as_read(deal, covenant.approval_deadline, f"the {covenant.defined_term}")
    return [
        Deadline("information-statement", "information-statement", filing, company_person(deal),
                 "file the information statement (or proxy) with the SEC", cite(covenant.section), filing_rule,
                 f"filed {long_date(filed)}" if filed else "open"),
        Deadline("approval", "approval", approval, company_person(deal),
                 f"obtain the {covenant.defined_term}", cite(covenant.section), approval_rule,
                 f"obtained {long_date(obtained)}" if obtained else "open")]


def _opinions(deal: Deal) -> list[Deadline]:
    covenant = deal.covenants.opinion_acceptance
    if covenant is None:
        return []
    calendar = business_calendar(deal)
    out = []
    for event, due in opinion_deadlines(deal):
        buyer = deal.buyer(event.buyer)
        out.append(Deadline(
            f"opinion-{event.date.isoformat()}-{event.buyer}", "opinion", due, company_person(deal),
            f"accept the opinion of counsel delivered by {buyer.name}", cite(covenant.section),
            f"within {covenant.business_days} business days after delivery on {long_date(event.date)} "
            f"(business days: {calendar.description})",
            f"accepted {long_date(event.accepted)}" if event.accepted else "open"))
    return out


def _expenses(deal: Deal) -> list[Deadline]:
    covenant = deal.covenants.expense_reimbursement
    if covenant is None:
        return []
    calendar = business_calendar(deal)
    out = []
    for invoice in deal.events("expense_invoice"):
        statement = expense_statement(deal, invoice.id, DATE_MAX)
        assert statement is not None   # the invoice is in the ledger and the covenant in the deal
        buyer = deal.buyer(invoice.buyer)
        paid = statement.payments[-1][0] if statement.payments and statement.unpaid == 0 else None
        out.append(Deadline(
            f"expense-{invoice.id}", "expense", statement.due, company_person(deal),
            f"reimburse {buyer.name}'s expense invoice {invoice.id}", cite(covenant.section),
            f"within {covenant.business_days} business days after submission on {long_date(invoice.date)}, then "
            f"interest at {covenant.interest_percent}% a year (business days: {calendar.description})",
            f"paid in full {long_date(paid)}" if paid else "open"))
    return out


def _cures(deal: Deal, as_of: dt.date) -> list[Deadline]:
    """As of ``as_of``: the current shortfall's cure deadline, and for each breach still open, the last day of
    its first month of damages (after it, the later months' rate applies)."""
    out = []
    short = shortfall(deal, as_of)
    covenant = deal.covenants.share_reserve
    if short.cure_deadline is not None and short.since is not None:   # (a cure deadline runs from a since)
        rule = f"{covenant.shortfall_cure_days} days after the shortfall began on {long_date(short.since)}"
        if deal.rolls_deadlines:
            rule += ", moved to the next business day where it ends on a weekend or holiday"
        out.append(Deadline(f"shortfall-cure-{short.since.isoformat()}", "shortfall-cure", short.cure_deadline,
                            company_person(deal), "restore the shares reserved for the Buyers to the Reserved Amount",
                            cite(covenant.section), rule, "open"))
    ld = deal.covenants.liquidated_damages
    for breach in breaches(deal, as_of):
        if not any(breach.open_for(b) for b in breach.buyers):
            continue
        first_month_end = add_months(breach.start, 1) - dt.timedelta(days=1)
        out.append(Deadline(
            f"cure-{breach.id}", "breach-cure", first_month_end, company_person(deal),
            f"cure {breach.id}: {breach.description}", breach.section,
            f"the {ld.defined_term} ({cite(ld.section)}) accrues from {long_date(breach.start)} until cured, at "
            + (f"{ld.monthly_percent}% a month, the first month ending on this day" if ld.flat else
               f"{ld.first_month_percent}% for the first month, which ends on this day, and "
               f"{ld.later_months_percent}% for each later month"), "open"))
    return out


def _end(deal: Deal) -> list[Deadline]:
    terms = deal.securities.convertible
    if terms.kind == "preferred":
        end = Deadline("redemption", "redemption", terms.end_date, company_person(deal),
                       f"redeem the {terms.defined_term} still outstanding at their Stated Value with accrued and "
                       f"unpaid dividends (mandatory redemption)", f"the terms of the {terms.defined_term}",
                       f"the mandatory redemption date fixed by the terms of the {terms.defined_term}", _ended(deal))
    else:
        end = Deadline("maturity", "maturity", terms.maturity_date, company_person(deal),
                       f"repay the {terms.defined_term}' outstanding principal with accrued interest (maturity)",
                       f"the terms of the {terms.defined_term}", f"the maturity date fixed by the terms of the "
                       f"{terms.defined_term}", _ended(deal))
    out = [end]
    warrants = deal.securities.warrants
    expiry = warrants.expiration_date if warrants is not None else None
    if warrants is not None and expiry is not None and not isinstance(expiry, Pending):
        for buyer in deal.buyers:
            if not buyer.warrants:
                continue
            person = _name(buyer.signers[0].name) or buyer.name
            out.append(Deadline(
                f"warrant-expiry-{buyer.id}", "warrant-expiry", expiry, f"{person} ({buyer.name})",
                f"the {warrants.defined_term} expire: exercise before the end of the day",
                f"the {warrants.defined_term}", f"the expiration date of the {warrants.defined_term}", "open"))
    return out


def _ended(deal: Deal) -> str:
    state = lifecycle(deal, DATE_MAX)
    return f"ended {long_date(state.since)}" if state.state == "ended" and state.since else "open"
