"""A set that agrees with itself (generator/consistency.py): both example deals' sets pass; each kind of mismatch
of issue 18, planted in a copy of a deal file or a template, is caught, naming both places; a final set that
disagrees is refused with nothing written, a draft warns."""
from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest

from generator import consistency
from generator.build import checklist_documents
from generator.cli import main
from generator.consistency import InconsistentSetError, check_set, consistency_stage
from generator.deal.load import load
from generator.deal.validate import validate
from generator.errors import ExitCode
from generator.plan.documents import (
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from generator.render.environment import Renderer
from generator.render.locate import BUILTIN_TEMPLATES, search_path
from generator.render.set import render_all

from .conftest import AMNIS, EXAMPLE, ROOT, mutate

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


_SETS: dict[tuple[str, str], tuple] = {}


def _closing_set(path, templates=()):
    """The deal's closing set and checklist, rendered as drafts; with the built-in templates, once per deal file
    and text (the deal, the loaded file and the rendered documents are only read by the checks)."""
    if templates:
        return _rendered(path, templates)
    key = (str(path), path.read_text(encoding="utf-8"))
    if key not in _SETS:
        _SETS[key] = _rendered(path)
    return _SETS[key]


def _rendered(path, templates=()):
    loaded = load(path)
    deal = validate(loaded)
    renderer = Renderer(search_path(list(templates)))
    documents = render_all(renderer, closing_documents(deal), deal, draft=True)
    documents += render_all(renderer, checklist_documents(deal, documents), deal, draft=True)
    return deal, loaded, documents


def _copy(tmp_path, source, *edits, name="deal.yaml"):
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        text = mutate(text, old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _override(tmp_path, template, old, new):
    """A template folder holding one built-in template with one change."""
    folder = tmp_path / "templates"
    (folder / template).parent.mkdir(parents=True, exist_ok=True)
    text = (BUILTIN_TEMPLATES / template).read_text(encoding="utf-8")
    (folder / template).write_text(mutate(text, old, new), encoding="utf-8")
    return folder


# -- the example deals agree with themselves -----------------------------------------------------------------

@pytest.mark.parametrize("path", [AMNIS, SIERRA, EXAMPLE], ids=["amnis", "sierra", "amnis-example"])
def test_each_example_deals_closing_set_agrees_with_itself(path):
    deal, loaded, documents = _closing_set(path)
    assert check_set(deal, documents, loaded) == []


@pytest.mark.parametrize("path, months", [(EXAMPLE, ["2003-05", "2003-08"]), (SIERRA, ["2024-11", "2025-01"])],
                         ids=["amnis-example", "sierra"])
def test_the_demo_lists_and_invoices_agree_with_themselves(path, months):
    deal = validate(load(path))
    renderer = Renderer(search_path([]))
    sets = [reserve_list_documents(deal, m) for m in months]
    if path == EXAMPLE:
        sets += [damages_invoice_documents(deal, "list-2003-07", dt.date(2003, 8, 13)),
                 expense_invoice_documents(deal, "sds-closing-costs", dt.date(2003, 7, 1))]
    else:
        sets += [damages_invoice_documents(deal, "list-2024-12", dt.date(2025, 1, 24)),
                 expense_invoice_documents(deal, "brevent-closing-costs", dt.date(2024, 10, 15))]
    for specs in sets:
        assert check_set(deal, render_all(renderer, specs, deal, draft=True)) == []


# -- each planted mismatch is caught -------------------------------------------------------------------------

def _raised_principal(tmp_path):
    """The sample deal with one Buyer's principal raised to $550,000 (its purchase price and the aggregate with
    it, so the deal file itself still adds up): the headline typed in the deal file still says $1,000,000, and
    s.3(c)'s 295,714,286 shares is no longer the Reserved Amount."""
    return _copy(tmp_path, AMNIS,
                 ("    principal: 500000\n    warrants: 2500000\n    purchase_price: 500000",
                  "    principal: 550000\n    warrants: 2500000\n    purchase_price: 550000"),
                 ("aggregate_principal: 1000000", "aggregate_principal: 1050000"))


@pytest.fixture(scope="module")
def raised(tmp_path_factory):
    """``_raised_principal``, one file for the module's tests that read it."""
    return _raised_principal(tmp_path_factory.mktemp("raised"))


def test_a_headline_typed_in_the_deal_file_against_the_body(raised):
    deal, loaded, documents = _closing_set(raised)
    found = [m for m in check_set(deal, documents, loaded) if m.kind == "figure" and "$1,000,000" in m.here]
    assert len(found) == 1
    (m,) = found
    # both places: the headline, and the release's own body stating the figure the deal gives
    assert m.here.startswith("press-release, paragraph") and "Completes $1,000,000 Private Placement" in m.here
    assert m.there.startswith("press-release, paragraph") and "$1,050,000 principal amount" in m.there
    assert "the aggregate principal amount is $1,050,000, not $1,000,000" in m.message


def test_the_reserved_amount_against_the_shares_to_be_reserved_on_approval(raised):
    # the templates state both from one figure; the deal file's s.3(c) figure is checked against it
    deal, loaded, documents = _closing_set(raised)
    (m,) = [m for m in check_set(deal, documents, loaded) if "reserve_on_approval" in m.here]
    assert f"{raised}:" in m.here and raised.name == "deal.yaml"
    assert "transfer-agent-instructions" in m.there and "is 310,000,000 shares" in m.there
    assert m.message == ("the deal file states 295,714,286 shares to be reserved once the Stockholder Approval is "
                         "obtained (Section 4(l)); the Reserved Amount at closing its figures give is 310,000,000")


def test_two_figures_for_the_reserved_amount_in_one_document(tmp_path, raised):
    # a template that prints the deal file's figure beside the computed one, as the instructions once did
    templates = _override(tmp_path, "closing/transfer-agent-instructions.html.j2",
                          "will reserve an aggregate of {{ position.aggregate_reserved_amount|shares }}",
                          "will reserve an aggregate of {{ approval.reserve_on_approval|shares }}")
    deal, loaded, documents = _closing_set(raised, [templates])
    found = [m for m in check_set(deal, documents, loaded)
             if m.kind == "figure" and m.here.startswith("transfer-agent-instructions")]
    (m,) = found
    assert "will reserve an aggregate of 295,714,286 shares" in m.here
    assert "Reserved Amount under Section 4(h) is 310,000,000 shares" in m.there
    assert "the Reserved Amount at closing is 310,000,000, not 295,714,286" in m.message


def test_a_table_total_that_is_not_its_rows(tmp_path):
    templates = _override(tmp_path, "closing/transfer-agent-instructions.html.j2",
                          '<td class="num">{{ position.reserved_for_buyers|shares }}</td></tr>\n</tbody>',
                          '<td class="num">{{ (position.reserved_for_buyers + 1)|shares }}</td></tr>\n</tbody>')
    deal, loaded, documents = _closing_set(AMNIS, [templates])
    (m,) = check_set(deal, documents, loaded)
    assert m.kind == "total" and m.here.startswith("transfer-agent-instructions, table 1, row 5")
    assert "Total 20,000,001" in m.here and "the 3 row(s) above it" in m.there
    assert "the total is 20,000,001; the rows above it add up to 20,000,000" in m.message


def test_the_release_dated_after_the_checklist_records_it_released(tmp_path):
    # the second deal's release was dated the day it was due (September 4) though released on September 3
    path = _copy(tmp_path, SIERRA, ("  release_date: 2024-09-03", "  release_date: 2024-09-04"))
    deal, loaded, documents = _closing_set(path)
    (m,) = check_set(deal, documents, loaded)
    assert m.kind == "date" and m.here == "press-release: dated September 4, 2024"
    assert m.there == "checklist, Section 4.10 (press-release): received September 3, 2024 (closing.deliveries[3])"


def test_a_certificate_received_before_its_date(tmp_path):
    path = _copy(tmp_path, SIERRA, ("{item: officers-certificate, status: received, date: 2024-08-30}",
                                    "{item: officers-certificate, status: received, date: 2024-08-29}"))
    deal, loaded, documents = _closing_set(path)
    (m,) = check_set(deal, documents, loaded)
    assert m.here == "officers-certificate: dated August 30, 2024"
    assert "satisfied August 29, 2024" not in m.there and "received August 29, 2024" in m.there
    assert "cannot be received before the date it bears" in m.message


def test_the_calendar_and_index_page_against_the_checklist(monkeypatch):
    # the calendar and the index page show what compute.deadlines gives; as it gave before it read the checklist
    deal, loaded, documents = _closing_set(SIERRA)
    real = consistency.deadlines

    def as_before(d):
        return [x if x.kind != "press-release" else x.__class__(**{**x.__dict__, "status": "open"}) for x in real(d)]

    monkeypatch.setattr(consistency, "deadlines", as_before)
    (m,) = check_set(deal, documents, loaded)
    assert m.kind == "date" and "the release deadline September 4, 2024 shown open" in m.here
    assert m.there == "checklist, Section 4.10: received September 3, 2024"


def test_a_certificate_citing_another_purpose(tmp_path):
    # the Amnis s.3(c) pattern (capitalization and every condition) for both certificates, as the model once did
    templates = _override(tmp_path, "closing/officers-certificate.html.j2",
                          "pursuant to {{ document.section }}",
                          "pursuant to {{ ([sections.capitalization] + sections.closing_conditions)|cite }}")
    deal, loaded, documents = _closing_set(SIERRA, [templates])
    (m,) = check_set(deal, documents, loaded)
    assert m.kind == "citation" and m.here.startswith("officers-certificate, paragraph")
    assert "pursuant to Sections 3.3, 6.2(d) and 6.2(e)" in m.here
    assert "is Section 6.2(d), not Sections 3.3, 6.2(d) and 6.2(e)" in m.message
    assert "closing.items naming the certificate" in m.there


def test_another_agreements_defined_term(tmp_path):
    path = _copy(tmp_path, SIERRA, ("each Buyer's completed accredited", "each Holder's completed accredited"))
    deal, loaded, documents = _closing_set(path)
    (m,) = check_set(deal, documents, loaded)
    assert m.kind == "term" and m.here.startswith("checklist, table 1") and "each Holder's completed" in m.here
    assert "the deal's defined term is “Buyer”, not “Holder's”" in m.message
    notes = _copy(tmp_path, AMNIS, ("title: the Debentures and Warrants duly executed",
                                    "title: the Notes and Warrants duly executed"), name="notes.yaml")
    deal, loaded, documents = _closing_set(notes)
    (m,) = check_set(deal, documents, loaded)
    assert "the deal's defined term is “Debenture”, not “Notes”" in m.message


# -- final refuses, draft warns; build and check run the stage -------------------------------------------------

def test_final_refuses_and_draft_warns(raised):
    deal, loaded, documents = _closing_set(raised)
    with pytest.raises(InconsistentSetError) as info:
        consistency_stage(deal, documents, final=True, loaded=loaded)
    assert info.value.exit_code == ExitCode.INCONSISTENT == 11
    assert "nothing was written" in info.value.report() and "$1,000,000" in info.value.report()
    out = io.StringIO()
    assert len(consistency_stage(deal, documents, final=False, loaded=loaded, warn=out)) == 2
    assert out.getvalue().startswith("closingdocs: WARNING amnis-2003: the documents of this draft do not agree (2)")


def test_a_final_build_that_disagrees_writes_nothing(tmp_path, capsys):
    path = _copy(tmp_path, SIERRA, ("  release_date: 2024-09-03", "  release_date: 2024-09-04"))
    out = tmp_path / "out"
    assert main(["build", str(path), "--final", "--output", str(out), "--jobs", "1", "-q"]) == 11
    err = capsys.readouterr().err
    assert "the documents of the set do not agree (1); nothing was written" in err
    assert "press-release: dated September 4, 2024" in err and not out.exists()
    assert main(["check", str(path), "--final"]) == 11
    assert "press-release: dated September 4, 2024" in capsys.readouterr().err


def test_a_draft_build_and_check_warn(tmp_path, capsys, raised, text_only):
    # the subject is the warning and that a draft is still written: its documents are made as text
    path = raised
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    assert main(["check", str(path), "-q"]) == 0
    err = capsys.readouterr().err
    assert "WARNING amnis-2003: the documents of this draft do not agree (2)" in err
    assert main(["build", str(path), "--output", str(tmp_path / "out"), "--jobs", "1", "-q"]) == 0
    assert "the aggregate principal amount is $1,050,000, not $1,000,000" in capsys.readouterr().err
    assert (tmp_path / "out" / "amnis-2003" / "closing" / "press-release.pdf").is_file()
