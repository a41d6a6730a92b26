"""``closingdocs figures``: every computed figure on a date, as JSON for checking and other tools.

Money and prices are strings of their exact decimal value (money also rounded to the cent,
under the name ``..._cents``); share counts are integers; dates are ISO strings.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from ..deal.model import Deal
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
from .schedule import list_months


def figures(deal: Deal, as_of: dt.date) -> dict:
    p = position(deal, as_of)
    buyers = []
    for b in p.buyers:
        buyers.append({
            "id": b.buyer.id,
            "name": b.buyer.name,
            "original_principal": b.original_principal,
            "principal_converted": b.principal_converted,
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
        })
    cap = p.capital
    owed = list_months(deal, ended_before=as_of + dt.timedelta(days=1))
    return {
        "deal": deal.id,
        "as_of": as_of,
        "conversion_price": {"price": p.price.price, "effective": p.price.effective, "basis": p.price.basis},
        "next_interest_date": p.next_interest_date,
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
        "stockholder_approval": {
            "obtained_on": p.approval.obtained_on, "approval_date": p.approval.deadline,
            "information_statement_filed_on": p.approval.information_statement_filed_on,
            "information_statement_deadline": p.approval.information_statement_deadline,
        },
        "reserve_lists": [{"month": m.month, "as_of": m.as_of, "due": m.due, "delivered": m.delivered}
                          for m in owed],
        "liquidated_damages": _damages(deal, as_of),
        "rounding": {"shares": SHARES_UP, "money": CENTS_HALF_UP, "allocation": LARGEST_REMAINDER,
                     "partial_month": FRACTION_RULE},
    }


def _damages(deal: Deal, as_of: dt.date) -> list[dict]:
    """Every breach begun by ``as_of``, with each Buyer's damages accrued to the end of that day."""
    out = []
    through = as_of + dt.timedelta(days=1)
    for breach in breaches(deal, as_of):
        per_buyer = []
        for buyer_id in breach.buyers:
            d = damages(deal, breach, buyer_id, through)
            per_buyer.append({"buyer": buyer_id, "cured": breach.cured[buyer_id], "days": d.days,
                              "amount": d.total, "share_alternative": d.share_alternative if d.lines else 0})
        out.append({"id": breach.id, "section": breach.section, "description": breach.description,
                    "start": breach.start, "buyers": per_buyer,
                    "total": sum((b["amount"] for b in per_buyer), Decimal("0.00"))})
    return out


def _default(value):
    if isinstance(value, Decimal):
        return format(value, "f")   # plain digits: 0.00000001, never 1E-8
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: dict) -> str:
    return json.dumps(data, default=_default, indent=2, ensure_ascii=False)
