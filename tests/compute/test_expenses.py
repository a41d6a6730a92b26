"""Interest on expenses reimbursed late (s.4(f)): a consequence of a failure, owed only once the failure has
happened on the statement's date, counted through that date, on one reading stated once.

SDS's $26,500 invoice of May 9, 2003 is due in full by May 16 (five business days); $15,000 is paid May 23
and $11,500 June 30. s.4(f): "If the Company fails to reimburse the Buyer in full within five (5) business
days ..., the Company shall pay interest on the total amount of fees to be reimbursed at a rate of 15% per
annum."
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from generator.compute.expenses import expense_statement
from generator.compute.figures import figures
from generator.deal.validate import validate
from generator.errors import RequestError
from generator.plan.documents import damages_invoice_documents, expense_invoice_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text

from ..conftest import EXAMPLE, with_readings
from ..deals import validated

D = dt.date
INVOICE = "sds-closing-costs"


def c(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def example(**chosen):
    return with_readings(validated(EXAMPLE, validate), **chosen)


def test_on_or_before_the_deadline_no_interest_is_owed_whatever_the_reading():
    for chosen in ({}, {"expense_interest_on": "unpaid-balance", "expense_interest_from": "after-deadline"}):
        for day in (D(2003, 5, 9), D(2003, 5, 12), D(2003, 5, 16)):
            s = expense_statement(example(**chosen), INVOICE, day)
            assert (s.interest_lines, s.failed_on, s.amount_due) == ((), None, Decimal("26500.00")), (chosen, day)


def test_the_day_after_the_deadline_interest_is_owed_from_the_submission_on_the_total():
    s = expense_statement(example(), INVOICE, D(2003, 5, 17))
    assert s.failed_on == D(2003, 5, 17)
    # May 9 through May 17, both counted: 9 days on $26,500
    assert [(l.start, l.last_day, l.unpaid, l.days) for l in s.interest_lines] == [
        (D(2003, 5, 9), D(2003, 5, 17), Decimal("26500.00"), 9)]
    assert s.interest == c(Decimal(26500) * Decimal("0.15") * 9 / 365) == Decimal("98.01")


def test_or_from_the_day_after_the_deadline_on_the_unpaid_balance_where_the_deal_reads_it_so():
    s = expense_statement(example(expense_interest_on="unpaid-balance", expense_interest_from="after-deadline"),
                          INVOICE, D(2003, 7, 1))
    # May 17 to May 23 (7 days, the payment day counted) on $26,500; May 24 to June 30 (38 days) on $11,500
    assert [(l.start, l.last_day, l.unpaid, l.days) for l in s.interest_lines] == [
        (D(2003, 5, 17), D(2003, 5, 23), Decimal("26500.00"), 7),
        (D(2003, 5, 24), D(2003, 6, 30), Decimal("11500.00"), 38)]
    assert s.interest == c(Decimal(26500) * Decimal("0.15") * 7 / 365) + c(Decimal(11500) * Decimal("0.15") * 38 / 365) \
        == Decimal("255.82")


def test_a_statement_knows_only_the_payments_made_by_the_day_it_counts_through():
    s = expense_statement(example(), INVOICE, D(2003, 5, 31))
    assert s.payments == ((D(2003, 5, 23), Decimal("15000.00")),) and s.unpaid == Decimal("11500.00")
    # still owed on the total from submission (the words): May 9 through May 31 = 23 days
    assert [(l.start, l.last_day, l.days) for l in s.interest_lines] == [
        (D(2003, 5, 9), D(2003, 5, 23), 15), (D(2003, 5, 24), D(2003, 5, 31), 8)]


@pytest.fixture(scope="module")
def renderer():
    return Renderer(search_path([]))


def text(renderer, deal, spec) -> str:
    return plain_text(renderer.render(spec, {"deal": deal}, True, spec.date, deal.company.name, deal.example).blocks)


def test_the_statement_states_the_reading_once_and_its_table_applies_it(renderer):
    deal = example()
    (spec,) = expense_invoice_documents(deal, INVOICE, D(2003, 7, 1))
    words = text(renderer, deal, spec)
    assert words.count("interest runs on the total amount to be reimbursed from the submission of the invoice") == 1
    assert "on any amount not reimbursed" not in words
    assert "$577.20" in words
    other = example(expense_interest_on="unpaid-balance", expense_interest_from="after-deadline")
    (spec,) = expense_invoice_documents(other, INVOICE, D(2003, 7, 1))
    words = text(renderer, other, spec)
    assert "interest runs on the unpaid balance from the day after the payment deadline" in words
    assert "$255.82" in words and "$577.20" not in words


def test_a_statement_dated_on_the_deadline_charges_no_interest_and_says_when_it_would_run(renderer):
    deal = example()
    (spec,) = expense_invoice_documents(deal, INVOICE, D(2003, 5, 16))
    words = text(renderer, deal, spec)
    assert "No interest is owed as of May 16, 2003: the Company may reimburse the Buyer in full until the end of " \
           "May 16, 2003." in words
    assert "Amount due\nTwenty-Six Thousand Five Hundred Dollars ($26,500)." in words


def test_a_document_counts_no_day_after_its_own_date():
    with pytest.raises(RequestError, match="after the statement's date"):
        expense_invoice_documents(example(), INVOICE, D(2003, 7, 1), dated=D(2003, 6, 30))
    with pytest.raises(RequestError, match="after the invoice's date"):
        damages_invoice_documents(example(), "list-2003-08", D(2003, 10, 15), dated=D(2003, 10, 1))


def test_through_a_date_and_as_of_a_date_count_that_day_alike():
    # the open breach of August's list (due September 8, never delivered): the invoice through October 15
    # and the figures as of October 15 count the same days and the same amount for each Buyer
    deal = example()
    as_of = {b["buyer"]: b for b in next(x for x in figures(deal, D(2003, 10, 15))["liquidated_damages"]
                                       if x["id"] == "list-2003-08")["buyers"]}
    specs = damages_invoice_documents(deal, "list-2003-08", D(2003, 10, 15))
    assert specs
    for spec in specs:
        d = spec.context["damages"]
        assert (d.days, d.total) == (as_of[d.buyer_id]["days"], as_of[d.buyer_id]["amount"])
        assert d.lines[-1].last_day == D(2003, 10, 15)
    # September 9 through October 15: 37 days
    assert specs[0].context["damages"].days == 37
