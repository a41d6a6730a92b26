"""A certified document says only what its signer certifies: no readings, tool hints or working notes on a
list or an invoice; breaches named by the covenant breached; the Buyers' reserve on its own line."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.deal.load import load
from generator.deal.validate import validate
from generator.plan.documents import (
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from generator.render.environment import Renderer, search_path
from generator.render.markup import Table, plain_text
from generator.render.set import render_all

from .conftest import EXAMPLE, ROOT

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
WORKING_WORDS = ("How this deal reads", "closingdocs", "details:", "Working notes")


def _documents(path, specs_of):
    loaded = load(path)
    deal = validate(loaded)
    return {d.spec.slug: d for d in render_all(Renderer(search_path([])), specs_of(deal), deal, draft=True,
                                                loaded=loaded)}


@pytest.fixture(scope="module")
def example_set():
    made = _documents(EXAMPLE, lambda d: reserve_list_documents(d, "2003-08")
                      + damages_invoice_documents(d, "list-2003-07", dt.date(2003, 8, 13))
                      + expense_invoice_documents(d, "sds-closing-costs", dt.date(2003, 7, 1)))
    return {slug: plain_text(d.blocks) for slug, d in made.items()}


@pytest.fixture(scope="module")
def sierra_set():
    made = _documents(SIERRA, lambda d: reserve_list_documents(d, "2024-11")
                      + damages_invoice_documents(d, "list-2024-12", dt.date(2025, 1, 24)) + closing_documents(d))
    return {slug: d for slug, d in made.items()}


def test_no_list_or_damages_invoice_carries_a_reading_or_a_tool_hint(example_set, sierra_set):
    certified = {s: t for s, t in example_set.items() if s != "summary-working-copy" and not s.startswith("expenses")}
    certified |= {s: plain_text(d.blocks) for s, d in sierra_set.items()
                  if s.startswith(("buyer-", "summary", "list-")) and s != "summary-working-copy"}
    assert len(certified) >= 10
    for slug, text in certified.items():
        assert not [w for w in WORKING_WORDS if w in text], slug


def test_the_summarys_working_copy_carries_the_working_notes_and_no_signature(example_set):
    working, certified = example_set["summary-working-copy"], example_set["summary"]
    assert "How this deal reads the Securities Purchase Agreement: While the Stockholder Approval is pending" in working
    assert "closingdocs figures --as-of 2003-08-31" in working
    assert "Still to be confirmed, and the figures above derived from it: securities.convertible.day_count" in working
    assert "Prepared and certified by" in certified and "Prepared and certified by" not in working
    # the same figures: everything the certified summary says before its rules, the working copy says too
    figures = certified.split("How these figures are computed")[0].splitlines()
    lines = working.splitlines()
    assert [line for line in figures if line not in lines and not line.startswith("DRAFT")] == [
        "Monthly Reserve List: Company Summary"]          # its title says it is the working copy


def test_a_breach_is_named_by_the_covenant_breached_with_the_section_that_sets_the_amount(example_set):
    summary = example_set["summary"]
    assert ("Through August 31, 2003, $3,131.39 in all of the Standard Liquidated Damages Amount (Section 2(f)) "
            "has accrued for one breach of Section 4(h) of the Agreement.") in summary
    assert "breach under Section 2(f)" not in summary
    invoice = example_set["list-2003-07-sds"]
    assert "Under Section 4(h) of the Agreement, the monthly list for July 2003 was not delivered" in invoice
    assert "the Standard Liquidated Damages Amount defined in Section 2(f)" in invoice


def _rows(document) -> dict[str, int]:
    table = next(b for b in document.blocks if isinstance(b, Table) and "Authorized" in plain_text([b]))
    def text(cell) -> str:
        return " ".join(p.text for p in cell.paragraphs).strip()
    return {text(row[0]): int(text(row[1]).replace(",", "")) for row in table.rows[1:]}


@pytest.mark.parametrize("deal_file, buyers", [(ROOT / "deal_data" / "amnis-2003.yaml", 20_000_000),
                                               (SIERRA, 5_000_000)])
def test_the_capitalization_table_shows_the_buyers_reserve_on_its_own_line_and_adds_up(deal_file, buyers):
    officer = _documents(deal_file, closing_documents)["officers-certificate"]
    rows = _rows(officer)
    reserved = next(v for k, v in rows.items() if k.startswith("Reserved for the Buyers"))
    assert reserved == buyers
    others = sum(v for k, v in rows.items() if k.startswith("Reserved for") and not k.startswith("Reserved for the Buyers"))
    left = rows["Authorized"] - rows["Issued and outstanding"] - others - reserved
    assert rows["Authorized and neither outstanding nor reserved"] == left
    # and the sentence after it says the same number is reserved for the Buyers
    assert f"the Company has reserved {buyers:,} shares of Common Stock for issuance" in plain_text(officer.blocks)
