"""The signature pages of the closing: one for each signer of each document (Buyers included), identifiers
unique and deterministic, and read back from a page's text."""
from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from generator.deal.load import load
from generator.deal.validate import validate
from generator.plan.documents import closing_documents
from generator.plan.signatures import (
    FOOTER_LABEL,
    SignaturePage,
    pages_by_signer,
    parse_anchor_codes,
    parse_page_id,
    signature_pages,
    transaction_documents,
)
from generator.render.environment import Renderer
from generator.render.locate import search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from ..conftest import AMNIS, EXAMPLE, mutate

SIERRA = Path(AMNIS).parent / "examples" / "sierra-lumen-2024.yaml"
DEALS = [AMNIS, EXAMPLE, SIERRA]


@pytest.fixture(scope="module", params=DEALS, ids=lambda p: Path(p).stem)
def pages(request) -> list[SignaturePage]:
    return signature_pages(validate(load(request.param)))


def test_identifiers_and_files_are_unique(pages):
    assert len({p.id for p in pages}) == len(pages)
    assert len({p.slug for p in pages}) == len(pages)
    anchors = [a.text for p in pages for a in p.anchors]
    assert len(set(anchors)) == len(anchors)


def test_identifiers_are_deterministic():
    first = signature_pages(validate(load(AMNIS)))
    again = signature_pages(validate(load(AMNIS)))
    assert [p.id for p in first] == [p.id for p in again]
    # the grammar, from its words: base32 of the first 40 bits of SHA-256 over the parts, each ended by "\n"
    spa = next(p for p in first if p.document == "securities-purchase-agreement" and p.signer == "sds")
    digest = hashlib.sha256(b"amnis-2003\nsecurities-purchase-agreement\n\nsds\nsds\nsignature\n").digest()
    assert spa.id == "amnis-2003/" + base64.b32encode(digest[:5]).decode()
    assert spa.id == "amnis-2003/FNH4EKJ6"   # stable: printed on pages already sent out


def test_another_deal_gives_other_identifiers(tmp_path, amnis_text):
    path = tmp_path / "other.yaml"
    path.write_text(mutate(amnis_text, "id: amnis-2003", "id: amnis-2003-b"), encoding="utf-8")
    other = signature_pages(validate(load(path)))
    mine = signature_pages(validate(load(AMNIS)))
    assert not {p.code for p in other} & {p.code for p in mine}
    assert {p.slug for p in other} == {p.slug for p in mine}


def test_identifier_round_trip(pages):
    for page in pages:
        assert parse_page_id(f"some words\n{FOOTER_LABEL} {page.id}\nPage 1 of 1") == page.id
        assert parse_page_id(f"{FOOTER_LABEL}\n{page.id.replace('/', ' / ')}") == page.id   # text as extracted
        assert parse_anchor_codes(" ".join(a.text for a in page.anchors)) == [page.code]
        assert page.deal + "/" + page.code == page.id


def test_no_identifier_where_none_is_printed():
    assert parse_page_id("[Signature Page to Securities Purchase Agreement] By: Name: Title:") is None
    assert parse_page_id(f"{FOOTER_LABEL} amnis-2003/ABC") is None         # cropped
    assert parse_page_id(f"{FOOTER_LABEL} amnis-2003/ABCDEFGHX") is None   # one character too many
    assert parse_anchor_codes("no anchors here \\sig-\\") == []


def test_every_signer_of_every_document_has_a_page():
    deal = validate(load(AMNIS))
    pages = signature_pages(deal)
    spa = [p for p in pages if p.document == "securities-purchase-agreement"]
    assert [(p.party, p.signer) for p in spa] == [
        ("Amnis Systems Inc.", "ceo"), ("SDS Merchant Fund, LP", "sds"),
        ("Alpha Capital Aktiengesellschaft", "alpha"), ("Bristol Investment Fund, Ltd.", "bristol")]
    assert spa[0].caption == "[Signature Page to Securities Purchase Agreement]"
    assert spa[1].label == "BUYER:" and spa[0].label == "COMPANY:"
    assert spa[2].signer_name == "[●]"            # TBC: blank on the page
    debentures = [p for p in pages if p.document == "debentures"]
    assert [p.counterpart for p in debentures] == ["sds", "alpha", "bristol"]
    assert debentures[0].caption == "[Signature Page to 12% Convertible Debenture issued to SDS Merchant Fund, LP]"
    agent = next(p for p in pages if p.signer == "transfer-agent")
    assert agent.label == "ACKNOWLEDGED AND AGREED:" and agent.signer_name == "" and agent.made_by == "closingdocs"
    escrow = next(p for p in pages if p.party_key == "escrow-agent")
    assert escrow.label == "ESCROW AGENT:" and escrow.signer == "escrow-agent"
    assert len(pages) == 4 * 4 + 1 + 3 + 3 + 2 + 1 + 2 + 2   # SPA, RRA, pledge, escrow (+agent), instruments, certificates


def test_several_signatories_through_a_general_partner_and_the_incumbency():
    pages = signature_pages(validate(load(SIERRA)))
    npa = [p for p in pages if p.document == "note-purchase-agreement"]
    assert [p.signer for p in npa] == ["ceo", "brevent", "muller", "harbor", "harbor-2", "pena"]
    assert npa[1].through == (("Brévent & Associés GP, LLC", "its general partner"),)
    assert npa[4].signer_name == "Nigel Okonkwo-Barnes" and npa[4].capacity == "Director"
    packets = pages_by_signer(pages)
    # the Chief Financial Officer signs the Security Agreement and gives a specimen for the incumbency
    assert [(p.document, p.kind) for p in packets["cfo"]] == [("security-agreement", "signature"),
                                                             ("secretarys-certificate", "specimen")]
    assert {p.kind for p in packets["harbor-2"]} == {"signature"}
    assert set(packets) >= {"ceo", "cfo", "secretary", "brevent", "muller", "harbor", "harbor-2", "pena",
                            "transfer-agent"}


def test_without_a_list_the_closing_sets_documents_are_signed_as_their_templates_say(tmp_path, amnis_text):
    start = amnis_text.index("  documents:                            # what is signed at closing")
    end = amnis_text.index("\ncalendar:")
    path = tmp_path / "deal.yaml"
    path.write_text(amnis_text[:start] + amnis_text[end:], encoding="utf-8")
    deal = validate(load(path))
    assert [d.id for d in transaction_documents(deal)] == ["transfer-agent-instructions", "officers-certificate",
                                                           "secretarys-certificate"]
    assert [(p.document, p.signer, p.kind) for p in signature_pages(deal)] == [
        ("transfer-agent-instructions", "ceo", "signature"),
        ("transfer-agent-instructions", "transfer-agent", "signature"),
        ("officers-certificate", "ceo", "signature"),
        ("secretarys-certificate", "secretary", "signature"), ("secretarys-certificate", "ceo", "signature"),
        ("secretarys-certificate", "ceo", "specimen"), ("secretarys-certificate", "secretary", "specimen")]


def test_an_officer_only_on_the_incumbency_has_a_packet_of_their_own():
    """The preferred example lists no documents: the closing set's, as their templates sign them; its Chief
    Financial Officer signs nothing but the incumbency specimen, and has a packet for it."""
    from generator.compute.validate import validate as validate_deal  # derives the Warrants from the coverage
    deal = validate_deal(load(Path(AMNIS).parent / "examples" / "allegheny-vireo-2025.yaml"))
    packets = pages_by_signer(signature_pages(deal))
    only = [o.id for o in deal.company.officers if {p.kind for p in packets.get(o.id, [])} == {"specimen"}]
    assert only, "the example has an officer who signs only the incumbency"
    for officer in only:
        (page,) = packets[officer]
        assert page.caption == "[Incumbency Specimen Signature Page to Secretary's Certificate]"
        assert [a.field for a in page.anchors] == ["sig", "name"]


@pytest.mark.parametrize("deal_file", DEALS, ids=lambda p: Path(p).stem)
def test_a_certificates_signature_page_repeats_the_certificates_own_testimonium(deal_file):
    """An officer signs a certificate for the Company as of the Closing Date, as its body says; an agreement's
    "as of the date first written above" would point at nothing a certificate has."""
    deal = validate(load(deal_file))
    documents = {d.spec.slug: d for d in render_all(Renderer(search_path([])), closing_documents(deal), deal,
                                                     draft=True)}

    def testimonium(slug: str) -> str:
        (line,) = [t for t in plain_text(documents[slug].blocks).splitlines() if t.startswith("IN WITNESS WHEREOF")]
        return line

    certificate_pages = [p for p in signature_pages(deal) if p.certificate and p.kind == "signature"]
    assert {p.document for p in certificate_pages} == {"officers-certificate", "secretarys-certificate"}
    for page in certificate_pages:
        assert testimonium(page.slug) == testimonium(page.document), page.slug
        assert "first written above" not in testimonium(page.slug)
    others = [p for p in signature_pages(deal) if not p.certificate and p.kind == "signature"]
    assert others and all("first written above" in testimonium(p.slug) for p in others)
