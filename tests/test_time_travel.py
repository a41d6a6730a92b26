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
from generator.plan.documents import reserve_list_documents
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
    maturity = deal.securities.convertible.end_date
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


EXAMPLES = sorted((ROOT / "deal_data" / "examples").glob("*.yaml"))


def checkpoints(deal) -> list[dt.date]:
    """Every day the ledger records something, the day before it and the day after it."""
    days = {deal.closing_date}
    for event in deal.ledger:
        for day in (event.date, getattr(event, "cured", None), getattr(event, "accepted", None)):
            if isinstance(day, dt.date):
                days |= {day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)}
    return sorted(d for d in days if d >= deal.closing_date)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_damages_invoice_and_expense_statement_reads_the_same_from_the_ledger_at_its_date(path, renderer):
    from generator.compute import breaches
    from generator.plan.documents import damages_invoice_documents, expense_invoice_documents

    deal = validate(load(path))
    last = max(checkpoints(deal))
    compared = 0
    for breach in breaches(deal, last):
        for day in [d for d in checkpoints(deal) if d >= breach.start][:4]:
            cut = deal.as_of(day)
            full = texts(renderer, deal, damages_invoice_documents(deal, breach.id, day))
            assert full == texts(renderer, cut, damages_invoice_documents(cut, breach.id, day)), (breach.id, day)
            compared += 1
    for invoice in deal.events("expense_invoice"):
        for day in [d for d in checkpoints(deal) if d >= invoice.date][:6]:
            cut = deal.as_of(day)
            full = texts(renderer, deal, expense_invoice_documents(deal, invoice.id, day))
            assert full == texts(renderer, cut, expense_invoice_documents(cut, invoice.id, day)), (invoice.id, day)
            compared += 1
    assert compared >= 10     # every breach and expense invoice of the deal, on four to six days each


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_calendars_status_on_a_day_is_the_same_from_the_whole_ledger_and_from_the_ledger_of_that_day(path):
    from generator.compute.deadlines import deadlines

    deal = validate(load(path))
    for day in checkpoints(deal):
        assert deadlines(deal, day) == deadlines(deal.as_of(day), day), day


def test_missed_interest_is_flagged_on_the_buyers_list_and_the_calendar(renderer):
    from generator.compute.deadlines import deadlines
    from generator.due import missed_interest_messages

    deal = validate(load(ROOT / "deal_data" / "examples" / "amnis-2003-example.yaml"))
    specs = {s.slug: s for s in reserve_list_documents(deal, "2003-07")}
    (alpha,) = texts(renderer, deal, [specs["buyer-alpha"]])
    assert ("Interest not paid when due: $5,983.56 of interest accrued to June 30, 2003, an interest payment date, "
            "had not been paid by the end of that day.") in alpha
    (sds,) = texts(renderer, deal, [specs["buyer-sds"]])
    assert "Interest not paid when due" not in sds          # SDS was paid $8,317.81 on June 30
    status = {d.key: d.status for d in deadlines(deal, dt.date(2003, 7, 1))}
    assert status["interest-2003-06"] == ("not paid when due to Alpha Capital Aktiengesellschaft, "
                                          "Bristol Investment Fund, Ltd.")
    assert {d.key: d.status for d in deadlines(deal, dt.date(2003, 6, 30))}["interest-2003-06"] == "open"
    assert missed_interest_messages(deal, dt.date(2003, 6, 30)) == []   # payable until the end of the day
    (message,) = missed_interest_messages(deal, dt.date(2003, 7, 1))
    assert "due June 30, 2003" in message and "Alpha" in message and "SDS" not in message


SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _sierra(tmp_path, name, *edits):
    from .conftest import mutate

    text = SIERRA.read_text(encoding="utf-8")
    for old, new in edits:
        text = mutate(text, old, new)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def _release_texts(renderer, path) -> list[str]:
    from generator.plan.documents import press_release_documents
    from generator.render.set import render_all

    deal = validate(load(path))
    return [plain_text(d.blocks) for d in render_all(renderer, press_release_documents(deal), deal, draft=True)]


CONSENT = "    consents_to_be_named: true\n    consent_recorded_on: 2024-08-29\n"
REVIEW = "  reviewed_by_buyers_on: 2024-08-29\n"


def test_a_consent_or_review_recorded_after_the_release_date_changes_nothing_the_release_says(tmp_path, renderer):
    # the release bears September 3, 2024: Brévent's consent and the Buyers' review recorded on September 5 were
    # not given on that day, so the release and its cover note read as if neither were recorded at all
    later = _sierra(tmp_path, "later.yaml", (CONSENT, CONSENT.replace("2024-08-29", "2024-09-05")),
                    (REVIEW, REVIEW.replace("2024-08-29", "2024-09-05")))
    never = _sierra(tmp_path, "never.yaml", (CONSENT, "    consents_to_be_named: false\n"), (REVIEW, ""))
    release, cover = _release_texts(renderer, later)
    assert [release, cover] == _release_texts(renderer, never)
    assert "Brévent" not in release and "The investors in the private placement include" not in release
    assert "NOT RECORDED: subject to the Buyers’ prior review" in cover
    assert "none recorded: not named" in cover and "September 5, 2024" not in cover
    # recorded on time, the same file names Brévent and reports the review
    release, cover = _release_texts(renderer, SIERRA)
    assert "The investors in the private placement include Brévent & Associés Capital Partners, L.P." in release
    assert "reviewed by the Buyers on August 29, 2024" in cover


def test_a_final_release_dated_before_the_buyers_review_is_refused(tmp_path, capsys):
    from generator.cli import main

    later = _sierra(tmp_path, "later.yaml", (REVIEW, REVIEW.replace("2024-08-29", "2024-09-05")))
    line = SIERRA.read_text(encoding="utf-8").splitlines().index(REVIEW.rstrip("\n")) + 1
    out = tmp_path / "out"
    for command in (["check", str(later), "--final"],
                    ["build", str(later), "--final", "--output", str(out), "--jobs", "1", "-q"]):
        assert main(command) == 4
        err = capsys.readouterr().err
        assert f"{later}:{line}:26: press_release.reviewed_by_buyers_on:" in err
        assert ("the Buyers' review of the press release is recorded on 2024-09-05, after the date the release "
                "bears (2024-09-03)") in err and not out.exists()
