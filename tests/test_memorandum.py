"""The closing memorandum (issue 21, item 5): true on its date, its funds flow's figures checked by the consistency
stage like every document's, the wire instructions only where its distribution allows, and a final one refused
while a figure it prints is derived from a fact still to be confirmed."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.consistency import check_set
from generator.deal.load import load
from generator.errors import PendingFactsError, RequestError
from generator.plan.memorandum import closing_memorandum_documents, memorandum_date
from generator.render.environment import Renderer
from generator.render.locate import BUILTIN_TEMPLATES, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from .conftest import AMNIS, EXAMPLE, ROOT, mutate
from .made_once import documents_made_once  # noqa: F401  (a fixture: each document made once)

# Every document is made by the real writers; one made again in this process (the same document of a second build,
# of the packets and the collation, of another module) is made once (tests/made_once.py)
pytestmark = pytest.mark.usefixtures("documents_made_once")

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
TEMPLATE = "closing/closing-memorandum.html.j2"


def _memo(path, dated=None, draft=True, templates=()):
    from generator.compute.validate import validate

    loaded = load(path)
    deal = validate(loaded)
    (document,) = render_all(Renderer(search_path(list(templates))),
                             closing_memorandum_documents(deal, dated), deal, draft=draft, loaded=loaded)
    return deal, document, plain_text(document.blocks)


def test_dated_the_day_the_closing_record_is_complete():
    from generator.compute.validate import validate

    assert memorandum_date(validate(load(SIERRA))) == dt.date(2024, 9, 3)     # the release, received September 3
    assert memorandum_date(validate(load(AMNIS))) == dt.date(2003, 5, 9)      # nothing recorded: the Closing Date


def test_true_on_its_date():
    # on the Closing Date the press release (released September 3) was still to be issued; the memorandum of that
    # day has it on the agenda and pending, the one of September 3 neither
    _, _, text = _memo(SIERRA, dt.date(2024, 8, 30))
    assert "DATE:\nAugust 30, 2024" in text and "4 of 4 received" in text
    # (the fifteen items and the three third parties' deliverables: the opinion came in on September 6)
    assert "Issue the closing press release" in text and "three of the eighteen conditions and deliverables" in text
    _, _, later = _memo(SIERRA)
    assert "Issue the closing press release" not in later and "two of the eighteen" in later


def test_not_before_the_closing():
    from generator.compute.validate import validate

    with pytest.raises(RequestError, match="before the Closing Date"):
        closing_memorandum_documents(validate(load(SIERRA)), dt.date(2024, 8, 29) - dt.timedelta(days=1))


def test_the_funds_flow_as_printed_by_hand():
    # Sierra: 2,400,000 = 7,500 (Harbor Point's counsel, from its wire) + 2,392,500 wired; 2,392,500 = 2,500 (the
    # transfer agent's fee) + 2,390,000 net proceeds
    deal, document, text = _memo(SIERRA, draft=False)
    assert ("The purchase price, $2,400,000.00 in the aggregate, equals the wires of $2,392,500.00 plus the amounts "
            "paid at the Closing by the Buyers themselves of $7,500.00; the wires equal the amounts paid out of them "
            "at the Closing of $2,500.00 and the net proceeds to the Company of $2,390,000.00.") in text
    assert "$492,500.00" in text                                 # Harbor Point's wire
    assert check_set(deal, [document]) == []                     # figures and both tables' totals agree


def test_wire_instructions_only_for_the_working_group():
    _, _, working = _memo(SIERRA, draft=False)
    assert "7702115840" in working                               # the working group: printed
    _, _, parties = _memo(EXAMPLE)
    assert "000123456789" not in parties                         # to the parties: not reproduced
    assert "not reproduced" in parties


def test_printed_beyond_the_working_group_only_when_the_deal_says_so(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "amnis-2003.yaml").write_text(AMNIS.read_text())
    path = tmp_path / "examples" / "example.yaml"
    path.write_text(mutate(EXAMPLE.read_text(), "print_wire_instructions: false", "print_wire_instructions: true"))
    _, _, text = _memo(path)
    assert "000123456789" in text and "not reproduced" not in text


def test_a_draft_marks_the_figures_derived_from_a_fee_still_to_be_confirmed():
    _, document, text = _memo(EXAMPLE)
    # the transaction fee's source is still to be confirmed: it and the total paid out of escrow print [●]
    assert "the wires equal the amounts paid out of them at the Closing of [●]" in text
    fee = [p for p in document.pending if p.path == "funds_flow.paid_at_closing[2].amount"]
    assert fee and fee[0].line > 0                               # named at its line in the deal file


def test_a_final_memorandum_refuses_it():
    with pytest.raises(PendingFactsError) as info:
        _memo(EXAMPLE, draft=False)
    assert any(p.path == "funds_flow.paid_at_closing[2].amount" and p.line for p in info.value.problems)


def test_a_final_memorandum_refuses_a_filing_whose_rule_has_no_source_yet(tmp_path):
    """The agenda dates a state notice filing by the period its rule gives: with that rule's source still to be
    confirmed, the date is a figure derived from an unconfirmed fact, so a final memorandum is refused at the
    rule's line, and a draft says what it relies on."""
    path = tmp_path / "sierra.yaml"
    text = SIERRA.read_text()
    path.write_text(text.replace(
        'source: {document: "blue sky memorandum of Whitcombe Ostrander LLP (the Company\'s counsel), August 26, 2024"}',
        'source: {unconfirmed: "Arizona\'s notice filing period, to be confirmed with blue sky counsel"}', 1))
    assert path.read_text() != text
    with pytest.raises(PendingFactsError) as info:
        _memo(path, draft=False)
    (problem,) = info.value.problems
    assert problem.path == "filings[2].source" and problem.line > 0
    _, document, _ = _memo(path)
    assert "filings[2].source" in [p.path for p in document.pending]


@pytest.mark.parametrize("old, new, says", [
    ("net proceeds to the Company of {{ funds.net_proceeds.shown|money(cents=True) }}",
     "net proceeds to the Company of $2,391,000.00", "the net proceeds to the Company is $2,390,000.00"),
    ("equals the wires of {{ funds.wires.shown|money(cents=True) }}", "equals the wires of $2,400,000.00",
     "the wires at closing is $2,392,500.00"),
    ('<tr class="total"><td>Total</td><td>the aggregate purchase price</td><td></td><td class="num">'
     '{{ funds.purchase_price.shown|money(cents=True) }}</td></tr>',
     '<tr class="total"><td>Total</td><td>the aggregate purchase price</td><td></td><td class="num">'
     '$2,500,000.00</td></tr>', "the total is 2,500,000.00"),
])
def test_the_consistency_stage_checks_the_memorandum(tmp_path, old, new, says):
    folder = tmp_path / "templates"
    (folder / TEMPLATE).parent.mkdir(parents=True)
    (folder / TEMPLATE).write_text(mutate((BUILTIN_TEMPLATES / TEMPLATE).read_text(), old, new))
    deal, document, _ = _memo(SIERRA, draft=False, templates=[folder])
    found = check_set(deal, [document])
    assert any(says in m.message for m in found), found


def test_the_command_writes_it(tmp_path, capsys):
    assert main(["memorandum", str(SIERRA), "--final", "--output", str(tmp_path), "--jobs", "1", "-q"]) == 0
    folder = tmp_path / "sierra-lumen-2024" / "closing"
    assert sorted(p.name for p in folder.iterdir()) == ["closing-memorandum.docx", "closing-memorandum.pdf"]
    # a second run with nothing changed writes nothing
    assert main(["memorandum", str(SIERRA), "--final", "--output", str(tmp_path), "--jobs", "1"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_the_signature_status_of_the_last_collation():
    """With the last collation's record, each document says how many of its signature pages are in and who has
    not signed; without one, that its signatures are not yet collated."""
    from generator.collation import MISSING, SIGNED, Collation, ExecutedDocument, Signature
    from generator.compute.validate import validate
    from generator.plan.signatures import signature_pages

    deal = validate(load(SIERRA))
    pages = signature_pages(deal)
    by_document: dict[str, list] = {}
    for page in pages:
        by_document.setdefault(page.document, []).append(page)
    documents = []
    for ident, own in by_document.items():
        # the Note Purchase Agreement: every page signed but Pena's; every other document: every page signed
        status = [MISSING if ident == "note-purchase-agreement" and p.signer == "pena" else SIGNED for p in own]
        signatures = tuple(Signature(p.id, p.party, p.signer, p.signer_name, s, "signed/all.pdf" if s == SIGNED
                                     else None, 1 if s == SIGNED else None, "identifier" if s == SIGNED else None)
                           for p, s in zip(own, status, strict=True))
        executed = None if MISSING in status else f"executed/{ident}.pdf"
        documents.append(ExecutedDocument(ident, own[0].document_title, own[0].made_by, executed, None, signatures))
    record = Collation(deal.id, tuple(documents), (), (), "0" * 64)
    (document,) = render_all(Renderer(search_path([])), closing_memorandum_documents(deal, None, record), deal,
                             draft=False)
    text = plain_text(document.blocks)
    npa = len(by_document["note-purchase-agreement"])
    assert f"{npa - 1} of {npa} signature pages in; awaiting Ramón Peña, Manager" in text
    assert f"EXECUTED: all {len(by_document['officers-certificate'])} signature page" in text
    assert "as the last collation of the signed pages found them" in text
    _, _, without = _memo(SIERRA, draft=False)
    assert "SIGNATURES NOT YET COLLATED" in without and "signature pages in" not in without


@pytest.mark.slow
def test_after_the_signed_pages_are_collated(tmp_path):
    """The closing end to end: packets signed and returned in three files, collated, and the memorandum made
    again: every document executed."""
    from .collate.signing import shuffled_into_files, signed_packets

    out = tmp_path / "out"
    pages = list(signed_packets(SIERRA, out, "--final").values())
    returned = []
    for n, content in enumerate(shuffled_into_files(pages, files=3, seed=7)):
        (tmp_path / f"returned-{n}.pdf").write_bytes(content)
        returned.append(str(tmp_path / f"returned-{n}.pdf"))
    common = ["--output", str(out), "--jobs", "1", "-q"]
    assert main(["memorandum", str(SIERRA), "--final", *common]) == 0
    before = (out / "sierra-lumen-2024" / "closing" / "closing-memorandum.pdf").read_bytes()
    assert main(["collate", str(SIERRA), *returned, "--final", *common]) == 0    # final pages, a final collation
    assert main(["memorandum", str(SIERRA), "--final", *common]) == 0      # made again: a new collation
    after = (out / "sierra-lumen-2024" / "closing" / "closing-memorandum.pdf").read_bytes()
    assert after != before
    import io

    from pypdf import PdfReader

    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(after)).pages)
    assert "NOT YET COLLATED" not in " ".join(text.split())
    from generator.compute.validate import validate
    from generator.plan.signatures import transaction_documents

    assert " ".join(text.split()).count("EXECUTED: all") == len(transaction_documents(validate(load(SIERRA))))
