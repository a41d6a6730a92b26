"""``closingdocs figures``: every computed figure on a date, as JSON for checking and other tools.

Money and prices are strings of their exact decimal value (money also rounded to the cent,
under the name ``..._cents``); share counts are integers; dates are ISO strings. ``security`` names the
kind of convertible security and its words; a preferred deal's keys say its words (``PREFERRED_KEYS``:
Stated Value, dividends, mandatory redemption) where a debt deal's say principal, interest and maturity.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ..deal.model import Deal, Source
from . import (
    CENTS_HALF_UP,
    FRACTION_RULE,
    LARGEST_REMAINDER,
    SHARES_UP,
    breaches,
    cents,
    damages,
    position,
)
from .business_days import business_calendar, deadline_as_read, month_end, month_of
from .checklist import stale
from .damages import CAP_RULE, cap_limit, cure_end
from .expenses import expense_statement
from .filings import filings
from .interest import interest_schedule, missed_interest
from .payment_dates import PaymentDate
from .rounding import COVERAGE_RULES
from .schedule import list_months

# A preferred deal's figures under its own words: each debt key -> the preferred key (docs/commands.md: figures).
PREFERRED_KEYS = {
    "original_principal": "original_stated_value",
    "principal_converted": "stated_value_converted",
    "principal_repaid": "stated_value_redeemed",
    "outstanding_principal": "outstanding_stated_value",
    "accrued_interest": "accrued_dividends",
    "interest_paid": "dividends_paid",
    "accrued_unpaid_interest": "accrued_unpaid_dividends",
    "accrued_unpaid_interest_cents": "accrued_unpaid_dividends_cents",
    "one_year_interest": "one_year_dividends",
    "shares_issuable_for_one_year_of_interest": "shares_issuable_for_one_year_of_dividends",
    "next_interest_date": "next_dividend_date",
    "next_interest_payment": "next_dividend_payment",
    "interest_payment_dates": "dividend_payment_dates",
    "missed_interest": "missed_dividends",
    "maturity": "mandatory_redemption",
}
# Sections of the figures that are the security's own (an expense invoice's late interest is not renamed).
_SECURITY_SECTIONS = ("buyers", "aggregate", "lifecycle", "deadlines")


def in_words(deal: Deal, data: dict) -> dict:
    """The figures with the security's kind (and, for preferred stock, its keys in its own words)."""
    terms = deal.securities.convertible
    w = terms.words
    security: dict[str, Any] = {"kind": terms.kind, "defined_term": terms.defined_term, "title": terms.title,
                                "amount": w.amount, "accrues": w.income, "ends_by": w.end,
                                "ends_on": terms.end_date}
    if terms.kind == "preferred":
        security |= {"stated_value": terms.stated_value, "aggregate_shares": terms.aggregate_shares,
                     "aggregate_stated_value": terms.aggregate_amount,
                     "dividends_cumulative": terms.dividends.cumulative,
                     "dividends_convert_with_shares": terms.dividends.convert_with_shares,
                     "liquidation_preference_per_share": terms.liquidation_amount}
    else:
        security |= {"aggregate_principal": terms.aggregate_principal}

    def rename(value: Any, top: bool = False) -> Any:
        if isinstance(value, dict):
            return {PREFERRED_KEYS.get(k, k): (rename(v) if not top or k in _SECURITY_SECTIONS
                                               or k in PREFERRED_KEYS else v) for k, v in value.items()}
        if isinstance(value, list):
            return [rename(v) for v in value]
        return value

    out = {"deal": data["deal"], "as_of": data.get("as_of"), "security": security,
           **{k: v for k, v in data.items() if k not in ("deal", "as_of")}}
    return rename(out, top=True) if terms.kind == "preferred" else out


def figures(deal: Deal, as_of: dt.date) -> dict:
    """Every figure as of the end of ``as_of``, from the ledger as it stood that day (``Deal.as_of``), in the
    security's words (``in_words``)."""
    return in_words(deal, _figures(deal, as_of))


def _figures(deal: Deal, as_of: dt.date) -> dict:
    deal = deal.as_of(as_of)
    p = position(deal, as_of)
    buyers = []
    for b in p.buyers:
        buyers.append({
            "id": b.buyer.id,
            "name": b.buyer.name,
            "original_principal": b.original_principal,
            "principal_converted": b.principal_converted,
            "principal_repaid": b.principal_repaid,
            "outstanding_principal": b.outstanding_principal,
            "accrued_interest": b.accrued_interest,
            "interest_paid": b.interest_paid,
            "accrued_unpaid_interest": b.accrued_unpaid_interest,
            "accrued_unpaid_interest_cents": cents(b.accrued_unpaid_interest),
            "warrants_outstanding": b.warrants_outstanding,
            "shares_issuable_on_conversion": b.conversion_shares,
            "shares_issuable_on_exercise": b.warrant_shares,
            "one_year_interest": b.one_year_interest,
            "shares_issuable_for_one_year_of_interest": b.interest_shares,
            "reserved_amount": b.reserved_amount,
            "authorized_and_reserved": b.allocated,
            "surplus": b.surplus,
            "shortfall": b.shortfall,
            "shares_issued_to_date": b.shares_issued,
            **({"preferred_shares_outstanding": int(b.outstanding_principal / deal.securities.convertible.stated_value),
                "dividends_converting_with_shares": b.converting_dividends}
               if deal.securities.convertible.kind == "preferred" else {}),
        })
    cap = p.capital
    owed = list_months(deal, ended_before=as_of + dt.timedelta(days=1))
    return {
        "deal": deal.id,
        "as_of": as_of,
        "conversion_price": {"price": p.price.price, "effective": p.price.effective, "basis": p.price.basis},
        "next_interest_date": p.next_interest_date,
        "next_interest_payment": None if p.next_interest_payment is None else _payment(p.next_interest_payment),
        "interest_payment_dates": [_payment(d) for d in interest_schedule(deal)],
        "missed_interest": [{"date": m.date, "buyer": m.buyer_id, "unpaid": m.unpaid, "paid_on": m.paid_on,
                             "accrued_to": m.accrued_to or m.date}
                            for m in missed_interest(deal, as_of)],
        "buyers": buyers,
        "aggregate": {
            "outstanding_principal": p.aggregate_principal,
            "shares_issuable_on_conversion": p.aggregate_conversion_shares,
            "shares_issuable_on_exercise": p.aggregate_warrant_shares,
            "shares_issuable_for_one_year_of_interest": p.aggregate_interest_shares,
            "reserved_amount": p.aggregate_reserved_amount,
            "sum_of_buyers_reserved_amounts": sum(b.reserved_amount for b in p.buyers),
            "authorized_and_reserved_for_buyers": cap.reserved_for_buyers,
            "shortfall": p.shortfall.shares,
            "shortfall_since": p.shortfall.since,
            "shortfall_cure_deadline": p.shortfall.cure_deadline,
        },
        "company": {
            "authorized_common": cap.authorized_common,
            "common_outstanding": cap.common_outstanding,
            "reserved_for_others": cap.reserved_for_others,
            "headroom": cap.headroom,
            "reserved_for_buyers": cap.reserved_for_buyers,
            "unreserved": cap.unreserved,
        },
        "stockholder_approval": None if p.approval is None else {
            "obtained_on": p.approval.obtained_on, "approval_date": p.approval.deadline,
            "information_statement_filed_on": p.approval.information_statement_filed_on,
            "information_statement_deadline": p.approval.information_statement_deadline,
            "information_statement_due": deadline_as_read(deal, p.approval.information_statement_deadline, "")[0],
            "approval_due": deadline_as_read(deal, p.approval.deadline, "")[0],
        },
        "press_release_due": _press_release_due(deal),
        "opinions": _opinions(deal, as_of),
        "expense_invoices": _expense_invoices(deal, as_of),
        "warrant_expiration": _warrant_expiration(deal),
        "warrants": _warrants(deal),
        "lifecycle": {"state": p.lifecycle.state, "maturity": p.lifecycle.maturity, "since": p.lifecycle.since},
        "readings": {**deal.readings.model_dump(), "roll_deadlines_to_business_day": deal.rolls_deadlines},
        "reserve_lists": [{"month": m.month, "as_of": m.as_of, "due": m.due, "delivered": m.delivered}
                          for m in owed],
        "liquidated_damages": (found := _damages(deal, as_of)),
        "liquidated_damages_total": concurrent(deal, found, as_of),
        "filings": _filings(deal, as_of),
        "third_party": _third_party(deal),
        "rounding": {"shares": SHARES_UP, "money": CENTS_HALF_UP, "allocation": LARGEST_REMAINDER,
                     "partial_month": FRACTION_RULE, "damages_cap": CAP_RULE},
    }


def _filings(deal: Deal, as_of: dt.date) -> list[dict]:
    """Each filing and period end (compute/filings.py) with its status as the deal data stood at the end of ``as_of``."""
    return [{"key": f.key, "kind": f.kind, "title": f.title, "by": f.by, "due": f.date, "rule": f.rule,
             "source": f.source, "applies_from": f.applies_from, "business_days": f.calendar or None,
             "calendars_differ": list(f.differs), "section": f.section or None, "status": f.status}
            for f in filings(deal, as_of)]


def _third_party(deal: Deal) -> list[dict]:
    """Each third party's deliverable (``closing.third_party``) as it stood on the figures' date."""
    if deal.closing is None:
        return []
    return [{"id": t.id, "kind": t.kind, "section": t.section, "due": t.due, "dated": t.dated,
             "received": t.received, "flag": stale(deal, t)} for t in deal.closing.third_party]


def _payment(day: PaymentDate) -> dict:
    return {"scheduled": day.scheduled, "due": day.due, "accrual_end": day.accrual_end}


def _press_release_due(deal: Deal) -> dt.date | None:
    publicity = deal.covenants.publicity
    if publicity is None:
        return None
    return business_calendar(deal).add_business_days(deal.closing_date, publicity.business_days)


def _opinions(deal: Deal, as_of: dt.date) -> list[dict]:
    """Each opinion of counsel delivered by ``as_of``: when it had to be accepted, and when it was."""
    covenant = deal.covenants.opinion_acceptance
    if covenant is None:
        return []
    calendar = business_calendar(deal)
    return [{"buyer": e.buyer, "delivered": e.date, "accept_by": calendar.add_business_days(e.date, covenant.business_days),
             "accepted": e.accepted} for e in deal.events("opinion_delivered") if e.date <= as_of]


def _expense_invoices(deal: Deal, as_of: dt.date) -> list[dict]:
    """Each expense invoice submitted by ``as_of``: when it had to be reimbursed, what was paid and is unpaid."""
    out = []
    for invoice in deal.events("expense_invoice"):
        if invoice.date > as_of:
            continue
        statement = expense_statement(deal, invoice.id, as_of)
        assert statement is not None   # the invoice is in the ledger and the covenant in the deal
        out.append({"id": invoice.id, "buyer": invoice.buyer, "submitted": invoice.date, "due": statement.due,
                    "total": statement.total, "paid": statement.paid})
    return out


def _warrants(deal: Deal) -> dict | None:
    """The shares each Buyer's Warrants cover at closing, with where the figure comes from: typed in the deal,
    or derived from the warrant coverage (its percentage, rounding rule and source)."""
    war = deal.securities.warrants
    if war is None:
        return None
    return {
        "coverage": None if war.coverage is None else {
            "percent": war.coverage.percent, "rounding": war.coverage.rounding,
            "rule": COVERAGE_RULES[war.coverage.rounding], "section": war.coverage.section},
        "buyers": [{"buyer": b.id, "shares": b.warrants,
                    "source": _source(b.sources.get("warrants"), "typed in the deal file")} for b in deal.buyers],
        "aggregate_shares": war.aggregate_shares,
        "aggregate_source": _source(war.sources.get("aggregate_shares"), "typed in the deal file"),
    }


def _source(source: Source | None, otherwise: str) -> str:
    return source.describe() if source is not None else otherwise


def _warrant_expiration(deal: Deal) -> dt.date | None:
    warrants = deal.securities.warrants
    expiry = warrants.expiration_date if warrants is not None else None
    return expiry if isinstance(expiry, dt.date) else None


def _damages(deal: Deal, as_of: dt.date) -> list[dict]:
    """Every breach begun by ``as_of``, with each Buyer's damages accrued to the end of that day."""
    out = []
    through = as_of + dt.timedelta(days=1) if deal.readings.as_of == "end-of-day" else as_of
    for breach in breaches(deal, as_of):
        per_buyer: list[dict[str, Any]] = []
        for buyer_id in breach.buyers:
            d = damages(deal, breach, buyer_id, through)
            per_buyer.append({"buyer": buyer_id, "cured": breach.cured[buyer_id], "days": d.days,
                              "amount": d.total, "share_alternative": d.share_alternative if d.lines else 0})
        out.append({"id": breach.id, "section": breach.section, "description": breach.description,
                    "start": breach.start, "deadline_note": breach.deadline_note, "buyers": per_buyer,
                    "total": sum((b["amount"] for b in per_buyer), Decimal("0.00"))})
    return out


def damages_to_date(deal: Deal, as_of: dt.date) -> dict:
    """Every breach's damages accrued to the end of ``as_of``, all breaches together."""
    return concurrent(deal, _damages(deal, as_of), as_of)


def concurrent(deal: Deal, found: list[dict], as_of: dt.date) -> dict:
    """All breaches together: each Buyer's damages to date (capped where the agreement caps them), the
    total, and how many breaches ran at once (a flag when they overlap)."""
    terms = deal.covenants.liquidated_damages
    per_buyer: dict[str, Decimal] = {b.id: Decimal("0.00") for b in deal.buyers}
    for breach in found:
        for line in breach["buyers"]:
            per_buyer[line["buyer"]] += line["amount"]
    capped = {}
    for buyer in deal.buyers:
        limit = cap[1] if (cap := cap_limit(deal, buyer.id)) is not None else None
        capped[buyer.id] = min(per_buyer[buyer.id], limit) if limit is not None else per_buyer[buyer.id]
    edges = []
    for breach in found:
        ends = [cure_end(deal, b["cured"]) for b in breach["buyers"]]
        cured = [e for e in ends if e is not None]
        end = as_of + dt.timedelta(days=1) if len(cured) < len(ends) else max(cured)
        edges += [(breach["start"], 1), (end, -1)]
    most = running = 0
    for _, step in sorted(edges, key=lambda e: (e[0], e[1])):
        running += step
        most = max(most, running)
    return {"per_buyer": capped, "total": sum(capped.values(), Decimal("0.00")), "cap_percent": terms.cap_percent,
            "cap_of": terms.cap_of if terms.cap_percent is not None else None,
            "breaches": len(found), "most_at_once": most, "overlapping": most > 1,
            "sections": list(dict.fromkeys(b["section"] for b in found))}   # the covenants breached, as cited


def deadlines(deal: Deal) -> dict:
    """The dates the deal's facts fix, whatever the ledger says later: the press release's due date
    (the publicity covenant), each monthly list's month end and due date from the closing to the month
    of maturity (fewer where the ledger ends the lists sooner), and the approval covenant's deadlines."""
    calendar = business_calendar(deal)
    publicity = deal.covenants.publicity
    maturity = deal.securities.convertible.end_date
    months = list_months(deal, ended_before=month_end(month_of(maturity)) + dt.timedelta(days=1))
    approval = deal.covenants.stockholder_approval
    return {
        "closing_date": deal.closing_date,
        "press_release_due": calendar.add_business_days(deal.closing_date, publicity.business_days)
        if publicity else None,
        "press_release_date": deal.press_release.release_date if deal.press_release else None,
        ("mandatory_redemption" if deal.securities.convertible.kind == "preferred" else "maturity"): maturity,
        "reserve_lists": [{"month": m.month, "as_of": m.as_of, "due": m.due} for m in months],
        "stockholder_approval": None if approval is None else {
            "information_statement_deadline": approval.information_statement_deadline,
            "approval_deadline": approval.approval_deadline},
    }


def _default(value):
    if isinstance(value, Decimal):
        return format(value, "f")   # plain digits: 0.00000001, never 1E-8
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: dict) -> str:
    return json.dumps(data, default=_default, indent=2, ensure_ascii=False)
