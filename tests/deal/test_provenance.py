"""Every fact has a source; a final document prints no unconfirmed fact nor a figure derived from one."""
from __future__ import annotations

import pytest

from generator.deal.load import load
from generator.deal.provenance import unconfirmed
from generator.deal.validate import validate
from generator.errors import DealDataError, PendingFactsError
from generator.plan.documents import (
    closing_documents,
    damages_invoice_documents,
    press_release_documents,
    reserve_list_documents,
)
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from ..conftest import AMNIS, EXAMPLE, ROOT, filled_in, line_of, mutate

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
DEBENTURE_TERMS = ("securities.convertible.day_count", "securities.convertible.interest_payments",
                   "securities.convertible.maturity_date")
PRICE = "securities.convertible.conversion_price"
ADOPTED_BY = "corporate_records.resolutions.adopted_by"
STATE_NOTICE = "filings[2].source"    # the state notice filing's period: no source yet (blue sky counsel)


def _deal(tmp_path, text, name="deal.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load(path)
    return validate(loaded), loaded


def _refused(documents_of, deal, loaded):
    with pytest.raises(PendingFactsError) as info:
        render_all(Renderer(search_path([])), documents_of(deal), deal, draft=False, loaded=loaded)
    return info.value


def test_the_sample_deal_says_which_terms_are_still_to_be_confirmed(amnis_text):
    loaded = load(AMNIS)
    facts = unconfirmed(validate(loaded), loaded)
    assert set(facts) == {*DEBENTURE_TERMS, PRICE, ADOPTED_BY, STATE_NOTICE}
    # each at the line of the fact itself, in the deal file
    assert facts["securities.convertible.maturity_date"].line == line_of(amnis_text, "maturity_date: 2005-05-09")
    assert facts[ADOPTED_BY].line == line_of(amnis_text, "adopted_by: written-consent")
    assert "Debentures (Exhibit A)" in facts["securities.convertible.day_count"].note
    assert "Section 3(c)" in facts[PRICE].note        # the derivation of the inferred price
    # a confirmed source is no open fact
    assert "securities.convertible.interest_rate_percent" not in facts


def test_a_final_reserve_list_refuses_every_unconfirmed_fact_its_figures_come_from(amnis_text):
    loaded = load(AMNIS)
    deal = validate(loaded)
    error = _refused(lambda d: reserve_list_documents(d, "2003-05"), deal, loaded)
    assert error.exit_code == 4
    refused = {p.path: p for p in error.problems}
    # the Conversion Price drives every share count; interest follows the Debentures' own terms
    assert set(refused) == {PRICE, *DEBENTURE_TERMS}
    assert refused[PRICE].line == line_of(amnis_text, "conversion_price:") and refused[PRICE].file == str(AMNIS)


def test_a_later_recorded_price_frees_the_lists_of_the_inferred_one():
    loaded = load(EXAMPLE)
    deal = validate(loaded)
    june = {p.path for p in _refused(lambda d: reserve_list_documents(d, "2003-06"), deal, loaded).problems}
    assert PRICE in june          # the ledger records a new price from July 15, 2003
    august = {p.path for p in _refused(lambda d: reserve_list_documents(d, "2003-08"), deal, loaded).problems}
    assert PRICE not in august and set(august) == set(DEBENTURE_TERMS)


def test_a_draft_list_is_marked_with_the_facts_its_figures_come_from():
    loaded = load(AMNIS)
    deal = validate(loaded)
    documents = render_all(Renderer(search_path([])), reserve_list_documents(deal, "2003-05"), deal, draft=True,
                           loaded=loaded)
    for document in (d for d in documents if not d.spec.working):      # the working copy lists them itself
        text = plain_text(document.blocks)
        assert "Figures here are derived from facts still to be confirmed: " + PRICE in text
        assert {p.path for p in document.pending} >= {PRICE, *DEBENTURE_TERMS}


def test_the_closing_set_refuses_the_maturity_the_price_and_how_the_resolutions_were_adopted(tmp_path, amnis_text):
    """With every TBC filled in, what is left is what the deal file marks unconfirmed: the press release's
    maturity date, the Transfer Agent Instructions' Reserved Amount (from the inferred price) and the
    Secretary's Certificate's "by unanimous written consent"."""
    text = filled_in(amnis_text).replace("confirmed: true", "confirmed: false")
    text = mutate(text, "adopted_by: {document: the Board's written consent}",
                  "adopted_by: {unconfirmed: how the Board adopted them}")
    deal, loaded = _deal(tmp_path, text)
    error = _refused(closing_documents, deal, loaded)
    assert {p.path for p in error.problems} == {PRICE, ADOPTED_BY, "securities.convertible.maturity_date"}
    drafts = render_all(Renderer(search_path([])), closing_documents(deal), deal, draft=True, loaded=loaded)
    by_slug = {d.spec.slug: plain_text(d.blocks) for d in drafts}
    assert "duly adopted by the Board of Directors of the Company [●] on" in by_slug["secretarys-certificate"]
    assert "unanimous written consent" not in by_slug["secretarys-certificate"]
    assert "mature on [●]" in by_slug["press-release"]


def test_once_confirmed_the_final_documents_are_made(tmp_path, amnis_text):
    deal, loaded = _deal(tmp_path, filled_in(amnis_text))
    assert unconfirmed(deal, loaded) == {}
    renderer = Renderer(search_path([]))
    final = render_all(renderer, closing_documents(deal) + reserve_list_documents(deal, "2003-05"), deal,
                       draft=False, loaded=loaded)
    secretary = next(plain_text(d.blocks) for d in final if d.spec.slug == "secretarys-certificate")
    assert "by unanimous written consent dated" in secretary
    assert all(not d.pending for d in final)


def test_the_release_marks_an_inferred_price_and_its_cover_note_names_it(tmp_path):
    text = mutate(SIERRA.read_text(), "      basis: the fixed Conversion Price under Section 3.1 of the Notes\n",
                  "      basis: the fixed Conversion Price under Section 3.1 of the Notes\n      confirmed: false\n")
    deal, loaded = _deal(tmp_path, text)
    # the release states every material term (s.4(q)): a draft marks the price [●], a final one is refused at
    # the price's line; the cover note is a working note that names it as inferred
    made = render_all(Renderer(search_path([])), press_release_documents(deal), deal, draft=True, loaded=loaded)
    release, note = plain_text(made[0].blocks), plain_text(made[1].blocks)
    assert "$0.85" not in release and "at a conversion price of [●] per share" in release and "$0.85" in note
    refused = _refused(press_release_documents, deal, loaded)
    assert [(p.path, p.line) for p in refused.problems] == [(PRICE, line_of(text, "conversion_price:"))]
    # the Transfer Agent Instructions' Reserved Amount comes from it, and so do the invoice's shares
    assert {p.path for p in _refused(closing_documents, deal, loaded).problems} == {PRICE}
    refused = _refused(lambda d: damages_invoice_documents(d, "list-2024-12", __import__("datetime").date(2025, 1, 24)),
                       deal, loaded)
    assert {p.path for p in refused.problems} == {PRICE}


# (id, edit of the Amnis file, key path, message fragment, text of the reported line)
BAD_SOURCES = [
    ("source-for-an-id", ("    aliases: [SDS]\n", "    aliases: [SDS]\n    sources: {id: {section: 1(a)}}\n"),
     "buyers[0].sources.id", "not a fact here", "    sources: {id: {section: 1(a)}}"),
    ("source-for-an-unknown-key", ("      aggregate_principal: {section: 1(a)}",
                                   "      aggregate_prinicpal: {section: 1(a)}"),
     "securities.convertible.sources.aggregate_prinicpal", "not a fact here", "aggregate_prinicpal"),
    ("source-for-a-fact-not-given", ("      aggregate_principal: {section: 1(a)}",
                                     "      aggregate_principal: {section: 1(a)}\n      delivery_business_days: "
                                     "{section: 2(a)}"),
     "securities.convertible.sources.delivery_business_days", "does not give", "delivery_business_days: {section"),
    ("two-kinds", ("      aggregate_principal: {section: 1(a)}",
                   "      aggregate_principal: {section: 1(a), document: Schedule I}"),
     "securities.convertible.sources.aggregate_principal", "exactly one of", "aggregate_principal: {section"),
    ("unconfirmed-but-confirmed", ('{unconfirmed: "how the Board adopted the resolutions, to be confirmed with the '
                                   'Company\'s counsel"}', '{unconfirmed: "how", confirmed: true}'),
     "corporate_records.resolutions.sources.adopted_by", "cannot be confirmed", 'unconfirmed: "how"'),
    ("confirmed-on-a-tbc", ("    adopted_by: written-consent\n    sources:\n",
                            "    adopted_by: written-consent\n    sources:\n      adopted_on: {document: minutes, "
                            "confirmed: true}\n"),
     "corporate_records.resolutions.sources.adopted_on", "written TBC", "adopted_on: {document: minutes"),
    ("confirmed-flag-beside-the-fact", ("    maturity_date: 2005-05-09\n",
                                        "    maturity_date: 2005-05-09\n    confirmed: false\n"),
     "securities.convertible.confirmed", "goes under securities.convertible.sources", "    confirmed: false"),
    ("source-on-a-reading", ("calendar:                               # New York bank business days\n",
                             "readings:\n  sources: {as_of: {section: 4(h)}}\ncalendar:\n"),
     "readings.sources", "holds no fact that can have a source", "  sources: {as_of"),
    ("source-for-the-conversion-price", ("      aggregate_principal: {section: 1(a)}",
                                         "      aggregate_principal: {section: 1(a)}\n      conversion_price: "
                                         "{derived: Section 3(c)}"),
     "securities.convertible.sources.conversion_price", "carries its own source", "conversion_price: {derived"),
]


@pytest.mark.parametrize("case", BAD_SOURCES, ids=[c[0] for c in BAD_SOURCES])
def test_a_source_where_no_fact_can_have_one_is_reported_with_its_line(case, tmp_path, amnis_text):
    _id, (old, new), key_path, fragment, line_text = case
    text = mutate(amnis_text, old, new)
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DealDataError) as info:
        validate(load(path))
    problem = next((p for p in info.value.problems if p.path == key_path), None)
    assert problem is not None, [str(p) for p in info.value.problems]
    assert fragment in problem.message
    assert problem.line == line_of(text, line_text)


def test_bad_sources_are_reported_all_at_once(tmp_path, amnis_text):
    text = mutate(amnis_text, "      aggregate_principal: {section: 1(a)}", "      aggregate_prinicpal: {section: 1(a)}")
    text = mutate(text, "    adopted_by: written-consent\n    sources:\n",
                  "    adopted_by: written-consent\n    sources:\n      adopted_on: {document: minutes, confirmed: true}\n")
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DealDataError) as info:
        validate(load(path))
    paths = {p.path for p in info.value.problems}
    assert {"securities.convertible.sources.aggregate_prinicpal", "corporate_records.resolutions.sources.adopted_on"} <= paths


def test_figures_json_lists_the_facts_still_to_be_confirmed_with_their_lines(capsys, amnis_text):
    import json

    from generator.cli import main

    assert main(["figures", str(AMNIS), "--as-of", "2003-06-30", "--json"]) == 0
    listed = {f["fact"]: f for f in json.loads(capsys.readouterr().out)["still_to_be_confirmed"]}
    assert set(listed) == {*DEBENTURE_TERMS, PRICE, ADOPTED_BY, STATE_NOTICE}
    assert listed["securities.convertible.maturity_date"]["line"] == line_of(amnis_text, "maturity_date: 2005-05-09")
