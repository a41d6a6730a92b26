"""Signing as a test does it: each page of a packet stamped "/s/ <signer>" (an overlay with a text layer, as an
e-signature PDF has), then shuffled and split into files as pages come back from a closing; and the defects of a
real return: a page twice, another deal's page, a page whose footer (its identifier) is cropped off."""
from __future__ import annotations

import atexit
import io
import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject, NameObject

from ..pdftext import page_texts


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def stamp(page: PageObject, words: str, x: float = 90, y: float = 330) -> PageObject:
    """``page`` with ``words`` written on it in Helvetica (a signature, as e-signature services add it)."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    overlay = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    overlay[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/FSig"): font})})
    content = DecodedStreamObject()
    content.set_data(f"BT /FSig 16 Tf {x:g} {y:g} Td ({_escaped(words)}) Tj ET".encode("cp1252", errors="replace"))
    overlay[NameObject("/Contents")] = content
    page.merge_page(overlay)
    return page


def pages_of(pdf: bytes) -> list[PageObject]:
    """The pages of a PDF, each editable (pypdf edits only a writer's pages)."""
    return list(PdfWriter(clone_from=PdfReader(io.BytesIO(pdf))).pages)


def pdf_of(pages: Sequence[PageObject]) -> bytes:
    writer = PdfWriter()
    for page in pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def crop_text(page: PageObject, cut: Callable[[str], bool]) -> PageObject:
    """``page`` without each text object (BT ... ET) whose words ``cut`` says to remove: as a scan whose footer
    was cropped off loses the identifier printed there."""
    reader_page = page
    texts: dict[int, str] = {}
    block = [-1]

    def before(operator, operands, cm, tm):
        if operator == b"BT":
            block[0] += 1

    def text(words, cm, tm, font, size):
        texts[block[0]] = texts.get(block[0], "") + words

    reader_page.extract_text(visitor_operand_before=before, visitor_text=text)
    drop = {n for n, words in texts.items() if cut(words)}
    assert drop, "nothing to crop: the words are not on the page"
    stream = ContentStream(reader_page.get_contents(), reader_page.pdf)
    kept, n, inside = [], -1, False
    for operands, operator in stream.operations:
        if operator == b"BT":
            n += 1
            inside = n in drop
        if not inside:
            kept.append((operands, operator))
        if operator == b"ET":
            inside = False
    stream.operations = kept
    reader_page.replace_contents(stream)
    return reader_page


def shuffled_into_files(pages: list[PageObject], files: int, seed: int) -> list[bytes]:
    """The pages in a shuffled order, split into ``files`` PDFs of one or more pages each."""
    order = list(pages)
    random.Random(seed).shuffle(order)
    cuts = sorted(random.Random(seed + 1).sample(range(1, len(order)), min(files, len(order)) - 1))
    bounds = [0, *cuts, len(order)]
    return [pdf_of(order[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


_SIGNED: dict[tuple, tuple[Path, bytes, list[str]]] = {}   # (deal file, its text, flags) -> packets, signed pages


def signed_packets(deal_file: Path, out: Path, *flags: str) -> dict[str, PageObject]:
    """Every signature page of the deal's packets (``closingdocs binder``, its files written under ``out``), signed
    by its signer ("/s/ <name>"), by its page identifier. The packets are made and signed once per test process for
    a deal file as it reads and its flags; a later call has its own copy of them under ``out`` and of the pages."""
    deal_file = Path(deal_file).resolve()
    key = (deal_file, deal_file.read_text(encoding="utf-8"), flags)
    if key not in _SIGNED:
        made = Path(tempfile.mkdtemp(prefix="signed-packets-"))
        atexit.register(shutil.rmtree, made, True)
        signed = _signed(deal_file, made / "output", *flags)
        _SIGNED[key] = (made / "output", pdf_of(list(signed.values())), list(signed))
    made, pdf, idents = _SIGNED[key]
    shutil.copytree(made, out, symlinks=True, dirs_exist_ok=True)
    return dict(zip(idents, pages_of(pdf), strict=True))


def _signed(deal_file: Path, out: Path, *flags: str) -> dict[str, PageObject]:
    from generator.cli import main

    assert main(["binder", str(deal_file), "--output", str(out), "--jobs", "1", "-q", *flags]) == 0
    return packets_signed(deal_file, out)


def packets_signed(deal_file: Path, out: Path) -> dict[str, PageObject]:
    """Every signature page of the packets ``closingdocs binder`` wrote under ``out`` for the deal, signed by its
    signer, by its page identifier (each page in some packet)."""
    from generator.deal.load import load
    from generator.deal.validate import validate
    from generator.plan.signatures import signature_pages

    deal = validate(load(deal_file))
    names = {p.id: signature_of(p) for p in signature_pages(deal)}
    signed: dict[str, PageObject] = {}
    for packet in sorted((out / deal.id).rglob("*.pdf")):
        if "packet" not in packet.as_posix():
            continue
        _sign(packet.read_bytes(), names, signed)
    assert set(signed) == set(names), f"pages in no packet: {sorted(set(names) - set(signed))}"
    return signed


def signed_pages(deal_file: Path) -> dict[str, PageObject]:
    """Every signature page of the deal's closing set as closingdocs makes it (a draft, by the real writer), signed by
    its signer, by its page identifier: the pages a signer returns, without the packets they came in (another
    deal's pages, for a test of this deal's packets)."""
    from generator import writers
    from generator.compute.validate import validate
    from generator.deal.load import load
    from generator.plan.documents import signature_page_documents
    from generator.plan.signatures import signature_pages
    from generator.render.environment import Renderer
    from generator.render.locate import search_path
    from generator.render.set import render_all

    loaded = load(deal_file)
    deal = validate(loaded)
    paths = search_path([])
    names = {p.id: signature_of(p) for p in signature_pages(deal)}
    signed: dict[str, PageObject] = {}
    for document in render_all(Renderer(paths), signature_page_documents(deal), deal, draft=True, loaded=loaded):
        _sign(writers.writer_for("pdf", paths).write(document), names, signed)
    assert set(signed) == set(names), f"pages made by no document: {sorted(set(names) - set(signed))}"
    return signed


def _sign(content: bytes, names: dict[str, str], signed: dict[str, PageObject]) -> None:
    """Each page of the PDF ``content`` whose identifier ``names`` holds, and not yet in ``signed``, signed into it
    with its signer's words."""
    from generator.plan.signatures import parse_page_id

    for page, words in zip(pages_of(content), page_texts(content), strict=True):
        ident = parse_page_id(words)
        if ident in names and ident not in signed:
            signed[ident] = stamp(page, names[ident])


def signature_of(page) -> str:
    """What a test's signer writes on its page: "/s/ <name>" ("/s/ Authorized Signatory" where the name is to be
    written in or still TBC)."""
    name = page.signer_name if page.signer_name and "[" not in page.signer_name else "Authorized Signatory"
    return f"/s/ {name}"
