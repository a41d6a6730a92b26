"""The checks that need figures (compute/validate.py), run after the facts' own (deal/validate.py).

By hand: SDS holds $500,000 of the Debentures at 12% a year, actual/365, from the May 9, 2003 closing.
Interest accrued through June 30, 2003 is 53 days' (May 9 to July 1): 500,000 x 0.12 x 53 / 365 =
$8,712.3287..., $8,712.33 to the cent.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.validate import validate
from generator.deal.load import load
from generator.deal.validate import validate as validate_facts
from generator.errors import DealDataError

from ..conftest import mutate

PAID = "  - {date: 2003-06-30, event: interest_payment, buyer: sds, amount: AMOUNT, method: cash}\n"


def _deal_file(tmp_path, text: str, amount: str):
    path = tmp_path / "deal.yaml"
    path.write_text(text.rstrip("\n") + "\n" + PAID.replace("AMOUNT", amount), encoding="utf-8")
    return path


def test_interest_paid_is_no_more_than_has_accrued_to_the_cent(tmp_path, amnis_text):
    assert validate(load(_deal_file(tmp_path, amnis_text, "8712.33"))).ledger[-1].amount == Decimal("8712.33")
    with pytest.raises(DealDataError) as info:
        validate(load(_deal_file(tmp_path, amnis_text, "8712.34")))
    (problem,) = info.value.problems
    assert problem.path == "ledger[1].amount"
    assert "pays 8,712.34 of interest, but only 8,712.33 has accrued unpaid" in problem.message


def test_the_facts_alone_compute_no_figure(tmp_path, amnis_text):
    deal = validate_facts(load(_deal_file(tmp_path, amnis_text, "8712.34")))
    assert deal.ledger[-1].amount == Decimal("8712.34")


def test_the_figures_are_reported_with_the_facts_problems_once_the_ledger_holds_together(tmp_path, amnis_text):
    uneven = mutate(amnis_text, "warrants: 750000", "warrants: 760000")
    with pytest.raises(DealDataError) as info:
        validate(load(_deal_file(tmp_path, uneven, "8712.34")))
    assert {p.path for p in info.value.problems} == {"securities.warrants.aggregate_shares", "ledger[1].amount"}
    early = amnis_text.rstrip("\n") + "\n  - {date: 2003-06-20, event: list_delivered, month: 2003-06}\n"
    with pytest.raises(DealDataError) as info:
        validate(load(_deal_file(tmp_path, early, "8712.34")))
    assert {p.path for p in info.value.problems} == {"ledger[1].date"}   # the ledger first adds up
