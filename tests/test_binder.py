"""The closing binder and the signature packets: bookmarks, linked index, attached deal file, hash page,
the same bytes twice, and each signer's packet (a cover listing what to sign and where, then that signer's
signature pages); on both example deals."""
from __future__ import annotations

import csv
import hashlib
import io
import re

import pypdf
import pytest

from generator.build import build
from generator.cli import main
from generator.deal.load import load
from generator.deal.validate import validate
from generator.options import Options
from generator.plan.documents import SIGNATURE_PAGES, closing_documents
from generator.plan.signatures import parse_page_id, signature_pages, signers

from .conftest import AMNIS, ROOT
from .made_once import made_once
from .pdftext import page_texts

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _text(page) -> str:
    return re.sub(r"\s+", " ", _words(page)).strip()


_READ: dict[int, tuple] = {}     # each page of the files this module opens, and its words


def _words(page) -> str:
    """The words of a page of a file ``_pdf`` opened (tests/pdftext.py)."""
    return _READ[id(page)][1]


_PDFS: dict = {}


def _pdf(path) -> pypdf.PdfReader:
    """One reader per file of this module's sets (the files are never changed), its pages' words read with it."""
    if path not in _PDFS:
        reader = _PDFS[path] = pypdf.PdfReader(path)
        for page, words in zip(reader.pages, page_texts(path), strict=True):
            _READ[id(page)] = (page, words)
    return _PDFS[path]


@pytest.fixture(scope="module", params=[AMNIS, SIERRA], ids=["amnis", "sierra"])
def made(request, tmp_path_factory):
    deal_file = request.param
    deal = validate(load(deal_file))
    first, second, separate = (tmp_path_factory.mktemp(n) for n in ("binder", "again", "closing"))
    # the closing set's documents made by the real writers twice, each time in full: in this process, then in two
    # workers (the same bytes twice); the closing set built apart has the same documents, made once (see
    # tests/made_once.py): the subject is what the binder does with them
    with made_once():
        assert main(["binder", str(deal_file), "--output", str(first), "--jobs", "1", "-q"]) == 0
        build(Options(deal_file=deal_file, output_root=separate, jobs=1))
    assert main(["binder", str(deal_file), "--output", str(second), "--jobs", "2", "-q"]) == 0
    return {"deal": deal, "file": deal_file, "closing": first / deal.id / "closing",
            "again": second / deal.id / "closing", "separate": separate / deal.id / "closing"}


def _documents(made) -> list[tuple[str, str]]:
    """(slug, title) of the closing set in order, the checklist last where the deal has closing items."""
    docs = [(s.slug, s.title) for s in closing_documents(made["deal"]) if s.folder != SIGNATURE_PAGES]
    return docs + ([("checklist", "Closing Checklist")] if made["deal"].closing else [])


def test_bookmarks_are_the_documents_in_order_each_at_its_first_page(made):
    reader = _pdf(made["closing"] / "binder.pdf")
    assert [o.title for o in reader.outline] == [t for _, t in _documents(made)]
    for outline, (slug, _) in zip(reader.outline, _documents(made), strict=True):
        own = _pdf(made["separate"] / f"{slug}.pdf")
        start = reader.get_destination_page_number(outline)
        assert _text(reader.pages[start]) == _text(own.pages[0])
        assert _text(reader.pages[start + len(own.pages) - 1]) == _text(own.pages[-1])


def test_the_cover_names_the_deal_and_its_index_links_to_each_document(made):
    reader = _pdf(made["closing"] / "binder.pdf")
    deal = made["deal"]
    cover = _text(reader.pages[0])
    assert deal.company.name.upper() in cover and deal.agreement.title in cover and "Closing Binder" in cover
    assert all(b.name in cover for b in deal.buyers)
    links = [a.get_object() for a in reader.pages[0]["/Annots"]]
    links = [a for a in links if a["/Subtype"] == "/Link"]
    targets = [reader.get_page_number(a["/Dest"][0].get_object()) for a in links]
    assert targets == [reader.get_destination_page_number(o) for o in reader.outline]
    # each link's rectangle is on the line of its entry, top to bottom in index order
    tops = [float(a["/Rect"][3]) for a in links]
    assert tops == sorted(tops, reverse=True)
    for tab, ((_, title), target) in enumerate(zip(_documents(made), targets, strict=True), 1):
        assert re.search(rf"\b{tab} {re.escape(title.split()[0])}.*? {target + 1} ", cover)


def test_the_binders_own_pages_count_the_whole_binder(made):
    """The cover and the hash page are numbered as pages of the binder ("Page 1 of 21"), not of themselves alone
    ("Page 1 of 1" inside a 21-page PDF); the documents bound keep their own numbers, byte for byte."""
    reader = _pdf(made["closing"] / "binder.pdf")
    total = len(reader.pages)
    first_document = reader.get_destination_page_number(reader.outline[0])
    for n in range(first_document):
        assert f"Page {n + 1} of {total}" in _text(reader.pages[n])
    assert _text(reader.pages[-1]).endswith(f"Page {total} of {total}")
    own = _pdf(made["separate"] / f"{_documents(made)[0][0]}.pdf")
    assert f"Page 1 of {len(own.pages)}" in _text(reader.pages[first_document])


def test_the_deal_file_is_attached_byte_for_byte(made):
    reader = _pdf(made["closing"] / "binder.pdf")
    assert reader.attachments == {made["file"].name: [made["file"].read_bytes()]}
    root = reader.trailer["/Root"]
    spec = root["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Source"   # PDF/A-3: an associated file, with its MIME type
    assert b"/Subtype /application#2Fyaml" in (made["closing"] / "binder.pdf").read_bytes()


def test_the_last_page_has_each_documents_sha256(made):
    reader = _pdf(made["closing"] / "binder.pdf")
    last = re.sub(r"\s+", "", _words(reader.pages[-1]))
    for slug, _ in _documents(made):
        assert hashlib.sha256((made["separate"] / f"{slug}.pdf").read_bytes()).hexdigest() in last
    assert hashlib.sha256(made["file"].read_bytes()).hexdigest() in last


def test_two_builds_give_the_same_bytes(made):
    names = sorted(p.relative_to(made["closing"]) for p in made["closing"].rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(made["again"]) for p in made["again"].rglob("*") if p.is_file())
    for name in names:
        assert (made["closing"] / name).read_bytes() == (made["again"] / name).read_bytes(), name
    assert b"/ID" in (made["closing"] / "binder.pdf").read_bytes()


def test_a_binder_writes_only_its_own_files_and_verify_accepts_them(made):
    assert sorted(p.name for p in made["closing"].iterdir()) == ["binder.pdf", "signature-packets"]
    assert main(["verify", str(made["file"]), "--output", str(made["closing"].parent.parent), "-q"]) == 0


def test_each_signer_gets_a_cover_and_the_pages_they_sign(made):
    deal = made["deal"]
    people = signers(signature_pages(deal))
    packets = made["closing"] / "signature-packets"
    assert sorted(p.name for p in packets.iterdir()) == sorted([f"{p.key}.pdf" for p in people] + ["index.csv"])
    text = (packets / "index.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    for person in people:
        packet = _pdf(packets / f"{person.key}.pdf")
        mine = [r for r in rows if r["signatory"] == person.key]
        assert len(mine) == len(person.pages)
        cover = len(packet.pages) - len(person.pages)
        assert cover >= 1 and "What to sign, and where" in _text(packet.pages[0])
        listed = " ".join(_text(packet.pages[n]) for n in range(cover))
        assert [o.title for o in packet.outline] == ["What to sign, and where",
                                                     *(p.caption.strip("[]") for p in person.pages)]
        for row, page, signed in zip(mine, packet.pages[cover:], person.pages, strict=True):
            own = _pdf(made["separate"].parent / row["file"])
            assert _text(page) == _text(own.pages[0])                  # the signature page, as built
            assert parse_page_id(_words(page)) == signed.id == row["page id"]
            assert signed.caption in _text(page)
            assert int(row["page in packet"]) == cover + 1 + mine.index(row)
            assert signed.id in listed                                 # the cover lists each page by its id
    ceo = deal.chief_executive_officer
    assert {"Irrevocable Transfer Agent Instructions", "Officer's Certificate", "Secretary's Certificate"} <= {
        r["document"] for r in rows if r["signatory"] == ceo.id}
    assert {r["document"] for r in rows if r["signatory"] == "transfer-agent"} == {
        "Irrevocable Transfer Agent Instructions"}
    buyer = deal.buyers[0]
    assert {r["for"] for r in rows if r["signatory"] == buyer.signer_keys[0]} == {buyer.name}   # Buyers sign too


def test_an_officer_only_on_the_incumbency_gets_a_packet(made):
    deal = made["deal"]
    signing = {p.signer for p in signature_pages(deal) if p.kind == "signature"}
    specimen_only = [o.id for o in deal.company.officers if o.id not in signing]
    if deal.id == "sierra-lumen-2024":
        assert specimen_only == [] and "cfo" in signing   # the CFO signs the Security Agreement too
    packets = made["closing"] / "signature-packets"
    for officer in deal.company.officers:
        assert (packets / f"{officer.id}.pdf").is_file()
