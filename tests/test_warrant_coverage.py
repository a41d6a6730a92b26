"""Warrant coverage in the documents: the Warrants derived from a coverage (tests/compute/test_warrants.py has
the hand calculation: 50% of the conversion shares at $0.007, rounded down) are the figures the Transfer Agent
Instructions, the press release, the lists and the figures JSON print, each saying how they are derived; a
final document that prints them is refused while the coverage is still to be confirmed."""
from __future__ import annotations

import pytest

from generator.compute.figures import figures
from generator.compute.validate import validate
from generator.deal.load import load
from generator.errors import PendingFactsError
from generator.plan.documents import closing_documents, reserve_list_documents
from generator.plan.memorandum import closing_memorandum_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from .compute.test_warrants import _coverage, _untyped
from .conftest import filled_in

SENTENCE = ("Each Buyer’s Warrants cover 50% of the shares of Common Stock issuable upon conversion of its "
            "Debentures at the initial Conversion Price of $0.007 per share, rounded down to a whole share "
            "(Section 1(a) of the Agreement).")


def _deal(tmp_path, text: str, source: str = ""):
    text = _untyped(text).replace("  warrants:\n    title:", "  warrants:\n" + _coverage("50") + source
                                  + "    title:", 1)
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    return validate(load(path))


def _texts(docs) -> dict[str, str]:
    return {d.spec.slug: plain_text(d.blocks) for d in docs}


def test_the_derived_warrants_and_their_derivation_are_printed(tmp_path, amnis_text):
    deal = _deal(tmp_path, filled_in(amnis_text))
    texts = _texts(render_all(Renderer(search_path([])), closing_documents(deal), deal, draft=False))
    tai = texts["transfer-agent-instructions"]
    assert "warrants to purchase an aggregate of Seventy-One Million Four Hundred Twenty-Eight Thousand Five " \
           "Hundred Seventy (71,428,570) shares" in tai
    assert "35,714,285" in tai and "25,000,000" in tai and "10,714,285" in tai and SENTENCE in tai
    assert "warrants to purchase 71,428,570 shares of its common stock (50% warrant coverage)" in texts["press-release"]
    lists = _texts(render_all(Renderer(search_path([])), reserve_list_documents(deal, "2003-05"), deal, draft=True))
    assert SENTENCE in lists["buyer-sds"] and SENTENCE in lists["summary"]
    report = figures(deal, deal.closing_date)["warrants"]
    assert report["coverage"]["rule"] == "rounded down to a whole share" and report["aggregate_shares"] == 71_428_570
    assert report["buyers"][0] == {"buyer": "sds", "shares": 35_714_285, "source": (
        "derived: 50% of the shares issuable on conversion of its Debentures ($500,000.00 at the initial "
        "Conversion Price of $0.007), rounded down to a whole share")}


def test_typed_warrants_print_no_derivation(tmp_path, amnis_text):
    path = tmp_path / "deal.yaml"
    path.write_text(filled_in(amnis_text), encoding="utf-8")
    deal = validate(load(path))
    texts = _texts(render_all(Renderer(search_path([])), closing_documents(deal), deal, draft=False))
    assert "initial Conversion Price" not in texts["transfer-agent-instructions"]
    assert "warrant coverage" not in texts["press-release"]
    assert figures(deal, deal.closing_date)["warrants"]["buyers"][0]["source"] == "typed in the deal file"


def test_a_final_document_printing_warrants_from_an_unconfirmed_coverage_is_refused(tmp_path, amnis_text):
    source = "    sources: {coverage: {unconfirmed: \"the coverage, from the executed Warrants\"}}\n"
    deal = _deal(tmp_path, filled_in(amnis_text), source)
    specs = [s for s in closing_documents(deal) if s.slug in ("transfer-agent-instructions", "press-release")]
    for spec in specs:
        with pytest.raises(PendingFactsError) as info:
            render_all(Renderer(search_path([])), [spec], deal, draft=False)
        assert any(p.path == "securities.warrants.coverage" for p in info.value.problems), spec.slug
    (memo,) = closing_memorandum_documents(deal)
    assert "securities.warrants.coverage" in memo.relies_on             # it states the Warrants' aggregate too
    officers = [s for s in closing_documents(deal) if s.slug == "officers-certificate"]
    assert render_all(Renderer(search_path([])), officers, deal, draft=False)     # prints no warrant count
