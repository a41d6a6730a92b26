"""The liquidated damages invoice (templates/invoices/damages.html.j2) says what the agreement's clause says:
its rate schedule, its base and its cap, from the deal's data (the figures: tests/compute/test_damages.py)."""
from __future__ import annotations

import datetime as dt

from generator.plan.documents import damages_invoice_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from .compute.test_damages import flat_capped


def _invoice(deal, breach: str, through: dt.date, buyer: str) -> str:
    docs = render_all(Renderer(search_path([])), damages_invoice_documents(deal, breach, through), deal, draft=True)
    return plain_text(next(d for d in docs if d.spec.slug == f"{breach}-{buyer}").blocks)


def test_a_flat_rate_of_the_purchase_price_with_a_cap_is_invoiced_in_its_words():
    text = _invoice(flat_capped(), "list-2003-08", dt.date(2004, 3, 23), "bristol")
    assert ("2% of the purchase price the Buyer paid for its Debentures for each month, prorated for partial "
            "months, the damages for all the Buyer’s breaches together not to exceed 12% of the purchase price "
            "the Buyer paid, from September 9, 2003") in text
    assert "for the first month" not in text and "Outstanding principal" not in text
    assert "accrued and unpaid interest" not in text
    assert "12% of $150,000.00 ($18,000.00), less $1,183.87 for earlier breaches" in text and "$16,816.13" in text and "$19,451.61" in text and "$1,183.87" in text
    assert "Base: the purchase price the Buyer paid for its Debentures." in text
    assert "3,363,226" in text                    # the share alternative of what is owed, not of what accrued


def test_a_preferred_deal_invoice_speaks_of_stated_value_and_dividends():
    from .compute.test_damages import preferred_flat
    text = _invoice(preferred_flat(), "list-2025-12", dt.date(2026, 1, 29), "monongahela")
    assert ("1.5% of the Stated Value of the Buyer’s Preferred Shares outstanding plus accrued and unpaid "
            "dividends for each month, prorated for partial months, the damages for all the Buyer’s breaches "
            "together not to exceed 9% of the Stated Value of the Buyer’s Preferred Shares") in text
    assert "$6,775.70" in text and "Accrued unpaid dividends" in text
    for word in ("principal", "interest", "Debenture"):
        assert word not in text, word


def test_the_company_summary_states_the_cap_in_the_security_s_words():
    from generator.plan.documents import reserve_list_documents

    from .compute.test_damages import flat_capped, preferred_flat
    for deal, month, words in ((preferred_flat(), "2026-02", "the Stated Value of each Buyer’s Preferred Shares"),
                               (flat_capped(), "2003-09", "each Buyer’s purchase price")):
        docs = render_all(Renderer(search_path([])), reserve_list_documents(deal, month), deal, draft=True)
        summary = plain_text(next(d for d in docs if d.spec.slug == "summary").blocks)
        assert f"after the cap of {deal.covenants.liquidated_damages.cap_percent}% of {words}" in summary
