"""True on its date: a document dated D reads the same whether built from the whole ledger or from the
ledger as it stood on D (``Deal.as_of``), so a delivered document never changes when later events are
recorded. Checked exhaustively on every monthly list of the example deals, rendered to text."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.compute.business_days import month_end, month_of
from generator.compute.schedule import list_months
from generator.deal.load import load
from generator.deal.validate import validate
from generator.render.documents import reserve_list_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text

from .conftest import AMNIS, ROOT

DEALS = [AMNIS, *sorted((ROOT / "deal_data" / "examples").glob("*.yaml"))]


@pytest.fixture(scope="module")
def renderer():
    return Renderer(search_path([]))


def texts(renderer, deal, specs) -> list[str]:
    return [plain_text(renderer.render(s, {"deal": deal}, True, s.date, deal.company.name, deal.example).blocks)
            for s in specs]


def every_list_month(deal):
    maturity = deal.securities.convertible.maturity_date
    return list_months(deal, ended_before=month_end(month_of(maturity)) + dt.timedelta(days=1))


@pytest.mark.parametrize("path", DEALS, ids=lambda p: p.stem)
def test_every_monthly_list_reads_the_same_from_the_whole_ledger_and_from_the_ledger_at_its_month_end(
        path, renderer):
    deal = validate(load(path))
    compared = 0
    for lm in every_list_month(deal):
        cut = deal.as_of(lm.as_of)
        if cut is deal:
            continue          # nothing recorded after this month end: the same deal, the same text
        full = texts(renderer, deal, reserve_list_documents(deal, lm.month, changes=True))
        assert full == texts(renderer, cut, reserve_list_documents(cut, lm.month, changes=True)), lm.month
        compared += 1
    assert compared or path == AMNIS     # the base deal records nothing after its closing


def test_the_may_list_speaks_of_the_approval_as_a_condition_not_as_the_day_the_ledger_later_records(renderer):
    deal = validate(load(ROOT / "deal_data" / "examples" / "amnis-2003-example.yaml"))
    (summary,) = [s for s in reserve_list_documents(deal, "2003-05") if s.slug == "summary"]
    (text,) = texts(renderer, deal, [summary])
    assert "August 25, 2003" not in text         # the day the approval was obtained, recorded in August
    assert ("the period begins on the day the Stockholder Approval is obtained, which has not occurred, or, if it "
            "has not been obtained by the Approval Date, on December 2, 2003.") in text
