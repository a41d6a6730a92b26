"""The closing binder and the signature packets, made from the closing set's PDFs in memory.

``closing/binder.pdf``: a cover (the deal, the agreement, the closing date, the parties) with an index whose
entries link to each document's first page, every document of the closing set in order with a bookmark each,
the deal file(s) attached, and a last page with the SHA-256 of each document's PDF. The cover and the hash page
are documents like the others (``templates/binder/``), rendered and laid out by the same writer; the pieces are
merged with pypdf, with a fixed file identifier and no dates of its own, so the same inputs give the same bytes.

``closing/signature-packets/<signer>.pdf``: for each signer of the documents signed at closing
(``plan.signatures``), a cover listing what to sign and where, then that signer's captioned signature pages;
``index.csv`` beside them says who signs what, with each page's identifier and its page in the packet.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import collation
from .build import Made, Plan, checklist_documents, deal_files, lay_out, no_documents, run
from .errors import CorruptManifestError, ModifiedOutputError, OutputError, SignaturesMissingError, TemplateError
from .limits import MAX_SIGNED_FILE_BYTES
from .options import Options
from .output import OutputFile
from .plan import sets
from .plan.documents import SIGNATURE_PAGES, closing_documents
from .plan.signatures import SignaturePage, Signer, signers
from .plan.signatures import signature_pages as deal_signature_pages
from .plan.spec import DocumentSpec
from .readback import Corrupt, inside, read_bytes
from .writers.csv import csv_bytes

BINDER = Path("closing") / "binder.pdf"
EXECUTED_BINDER = Path("executed") / "binder.pdf"
PACKETS = Path("closing") / "signature-packets"
PACKET_INDEX = PACKETS / "index.csv"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Bound:
    """One document of the closing set as bound: its title, file, PDF bytes and pages."""

    slug: str
    title: str
    file: str
    pdf: bytes
    pages: int


def build_binder(options: Options, producer=None):
    """The binder and the signature packets, written as one set (the closing set's own files are not)."""
    return run(Plan(sets.BINDER, closing_documents, options, extras=binder_files, later=checklist_documents,
                    formats=("pdf",), write_documents=False, collation=True), producer)


def build_executed_binder(options: Options, producer=None):
    """``executed/binder.pdf``: the execution versions ``collate`` wrote, bound as the closing binder is."""
    return run(Plan(sets.EXECUTED_BINDER, no_documents, options, extras=executed_binder_files, formats=("pdf",)),
               producer)


def executed_binder_files(made: Made) -> list[OutputFile]:
    """The execution versions as the collation record lists them, each read back from the deal folder as
    untrusted input (a regular file, bounded, its SHA-256 as recorded); refused while a document is not executed
    or the record is not of the deal file as it is now."""
    from pypdf import PdfReader  # imported when a binder is made
    from pypdf.errors import PyPdfError  # (as above)

    deal, folder = made.deal, made.folder
    try:
        record = collation.read_checked(folder, deal.id)
    except Corrupt as exc:
        raise CorruptManifestError(f"{exc}; run closingdocs collate again") from None
    if record is None:
        raise OutputError(f"{folder / collation.RECORD} is missing: collate the signed pages first "
                          "(closingdocs collate DEAL SIGNED...)")
    now = [(p.document, p.id) for p in deal_signature_pages(deal)]
    recorded = [(d.id, s.page) for d in record.documents for s in d.signatures]
    if now != recorded:
        raise OutputError(f"{folder / collation.RECORD} is of another version of the deal's documents or signers: "
                          "collate the signed pages again")
    waiting = [d for d in record.documents if not d.executed]
    if waiting:
        raise SignaturesMissingError([f"{d.title}: {s.party}, by {s.signer_name} [{s.page}]" for d in waiting
                                      for s in d.signatures if s.status != collation.SIGNED])
    bound = []
    for document in record.documents:
        assert document.file is not None
        target = inside(folder, document.file)
        try:
            content = read_bytes(target, MAX_SIGNED_FILE_BYTES) if target is not None else None
        except (Corrupt, OSError) as exc:
            raise ModifiedOutputError(f"{document.file}: {exc}; run closingdocs collate again") from None
        if content is None or hashlib.sha256(content).hexdigest() != document.sha256:
            why = "missing" if content is None else "not as collate wrote it (its SHA-256 differs from the record)"
            raise ModifiedOutputError(f"{folder / document.file} is {why}: run closingdocs collate again")
        try:
            pages = len(PdfReader(io.BytesIO(content)).pages)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
            raise ModifiedOutputError(f"{folder / document.file} cannot be read as a PDF ({exc}); run closingdocs "
                                       "collate again") from None
        bound.append(Bound(document.id, document.title, document.file, content, pages))
    return [OutputFile(EXECUTED_BINDER, binder_pdf(made, bound, _attachments(made), executed=True))]


def binder_files(made: Made) -> list[OutputFile]:
    from pypdf import PdfReader  # imported when a binder is made

    bound = []
    pdfs = {Path(f.relative).as_posix(): f.content for f in made.files}
    for document in made.documents:
        if document.spec.folder == SIGNATURE_PAGES:   # bound in the packets, and by collate in execution versions
            continue
        name = f"{document.spec.folder}/{document.spec.slug}.pdf"
        content = pdfs[name]
        bound.append(Bound(document.spec.slug, document.spec.title, name, content,
                           len(PdfReader(io.BytesIO(content)).pages)))
    attachments = _attachments(made)
    return [OutputFile(BINDER, binder_pdf(made, bound, attachments)), *packet_files(made)]


def _attachments(made: Made) -> list[tuple[str, bytes]]:
    """The deal file and the files it extends, each by its file name (numbered should two share one)."""
    out: list[tuple[str, bytes]] = []
    for path in deal_files(made.loaded):
        name = Path(path).name
        taken = {n for n, _ in out}
        stem, n = name, 2
        while name in taken:
            name, n = f"{n}-{stem}", n + 1
        out.append((name, Path(path).read_bytes()))
    return out


def binder_pdf(made: Made, bound: list[Bound], attachments: list[tuple[str, bytes]], executed: bool = False) -> bytes:
    """The binder: its cover and index, the documents, the hash page; ``executed``: of the execution versions."""
    from pypdf import PdfReader  # on use: only binders need pypdf

    deal = made.deal
    names = [n for n, _ in attachments]

    def entries(cover_pages: int) -> list[dict]:
        out, page = [], cover_pages + 1
        for tab, b in enumerate(bound, 1):
            out.append({"tab": tab, "title": b.title, "page": page, "pages": b.pages, "file": b.file,
                        "sha256": hashlib.sha256(b.pdf).hexdigest(), "slug": b.slug})
            page += b.pages
        return out

    def cover(pages: int, total: int) -> bytes:
        return lay_out(made, DocumentSpec("binder-cover", "Executed Closing Binder" if executed else "Closing Binder",
                                           "binder/cover.html.j2", "closing", "",
                                           {"entries": entries(pages), "attachments": names, "total": total,
                                            "executed": executed},
                                           deal.closing_date, page_numbers=(1, total)))

    def hash_page(first: int, total: int) -> bytes:
        return lay_out(made, DocumentSpec(
            "binder-hashes", "Document Hashes", "binder/hashes.html.j2", "closing", "",
            {"entries": entries(1), "attachments": [{"name": n, "sha256": hashlib.sha256(c).hexdigest()}
                                                    for n, c in attachments],   # (no page numbers printed)
             "executed": executed},
            deal.closing_date, page_numbers=(first, total)))

    def count(pdf: bytes) -> int:
        return len(PdfReader(io.BytesIO(pdf)).pages)

    # The cover and the hash page count the binder's pages ("Page 1 of 20"), as its index does: lay them out
    # until the numbers they print and the pages they take agree (a long index: more cover pages).
    body = sum(b.pages for b in bound)
    pages, tail = 1, count(hash_page(1, 1))
    cover_pdf = cover(pages, pages + body + tail)
    while count(cover_pdf) != pages:
        pages = count(cover_pdf)
        cover_pdf = cover(pages, pages + body + tail)
    total = pages + body + tail
    hashes = hash_page(pages + body + 1, total)
    if count(hashes) != tail:
        raise TemplateError("binder/hashes.html.j2: the hash page takes another number of pages once numbered")
    listed = entries(pages)
    return merge(cover_pdf, bound, listed, hashes, attachments)


def merge(cover_pdf: bytes, bound: list[Bound], listed: list[dict], hashes: bytes,
          attachments: list[tuple[str, bytes]]) -> bytes:
    """The pieces as one PDF: bookmarks, the index's links, the attachments, the cover's metadata."""
    from pypdf import PdfReader, PdfWriter  # on use: only binders need pypdf
    from pypdf.annotations import Link  # on use: only binders need pypdf
    from pypdf.generic import ArrayObject, NameObject  # on use: only binders need pypdf

    cover = PdfReader(io.BytesIO(cover_pdf))
    writer = PdfWriter()
    for piece in [cover_pdf, *(b.pdf for b in bound), hashes]:
        writer.append(PdfReader(io.BytesIO(piece)), import_outline=False)
    for entry in listed:
        writer.add_outline_item(title=entry["title"], page_number=entry["page"] - 1)
    for page_index, rect, target in _index_links(cover, listed):
        writer.add_annotation(page_index, Link(rect=rect, target_page_index=target))
    # PDF/A-3: each attachment is an associated file of the document (/AF), its relationship stated.
    associated = ArrayObject()
    for name, content in attachments:
        embedded = writer.add_attachment(name, content)
        embedded.subtype = NameObject("/application/yaml")   # written /application#2Fyaml
        spec = embedded.pdf_object
        spec[NameObject("/AFRelationship")] = NameObject("/Source")
        spec[NameObject("/UF")] = spec.get("/F", spec.get("/UF"))
        associated.append(_indirect(writer, spec))
    root = writer.root_object
    if associated:
        root[NameObject("/AF")] = associated
    # The cover's XMP metadata, output intent and document information stand for the whole.
    catalog = cover.trailer["/Root"]
    for key in ("/Metadata", "/OutputIntents", "/MarkInfo", "/Lang"):
        if key in catalog:
            value = catalog[key]
            root[NameObject(key)] = value.clone(writer) if not hasattr(value, "indirect_reference") or \
                value.indirect_reference is None else value.get_object().clone(writer).indirect_reference
    info = cover.metadata or {}
    writer.add_metadata({k: v for k, v in info.items() if isinstance(k, str)})
    digest = hashlib.sha256(b"".join([cover_pdf, *(b.pdf for b in bound), hashes,
                                      *(c for _, c in attachments)])).digest()[:16]
    _identify(writer, digest)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- pypdf's internals, here only ------------------------------------------------------------------------------
# pypdf has no public call for two things the binder needs: a reference to an object it holds (the attachment's
# file specification, which pypdf 7.1.1 already adds as an indirect object) and a file identifier (/ID) of our
# choosing (``generate_file_identifiers`` draws random bytes, so the same inputs would not give the same bytes).
# Written against pypdf 7.1.1 (constraints.txt; pyproject.toml allows <8); tests/test_binder.py pins both.

def _indirect(writer, obj):
    """A reference to ``obj`` in ``writer``: its own when pypdf made it indirect, else one made for it."""
    reference = getattr(obj, "indirect_reference", None)     # a new object has none at all
    return reference if reference is not None else writer._add_object(obj)


def _identify(writer, identifier: bytes) -> None:
    """The file identifier the trailer carries, both halves ``identifier`` (a new file: ISO 32000 s.14.4)."""
    from pypdf.generic import ArrayObject, ByteStringObject  # on use: only binders need pypdf

    writer._ID = ArrayObject([ByteStringObject(identifier), ByteStringObject(identifier)])


def _index_links(cover, listed: list[dict]) -> list[tuple[int, tuple[float, float, float, float], int]]:
    """Where each index entry is on the cover, as a link to the document's first page: its row (the line that
    begins with its tab number and the first word of its title, down to the next row), across the page."""
    out = []
    wanted = list(listed)
    for page_index, page in enumerate(cover.pages):
        width = float(page.mediabox.width)
        lines: list[tuple[str, float, float, float]] = []   # text, x, baseline, height (PDF points)

        def visit(text, cm, tm, font, size, lines=lines):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines.append((_SPACE.sub(" ", text).strip(), x, y, (size or 10) * abs(cm[3] or 1) * abs(tm[3] or 1)))

        page.extract_text(visitor_text=visit)
        at = next((i for i, line in enumerate(lines) if line[0] == "Index"), None)
        if at is None:
            continue
        rows = []
        for entry in list(wanted):
            lead, word = str(entry["tab"]), entry["title"].split()[0]
            after = lines[at + 1:]
            # the row: its tab number and its title's first word, in one text chunk or in two cells
            hit = next((line for n, line in enumerate(after)
                        if line[0] == f"{lead} {word}" or line[0].startswith(f"{lead} {word} ")
                        or (line[0] == lead and n + 1 < len(after) and after[n + 1][0].split()[:1] == [word])),
                       None)
            if hit is None:
                break
            rows.append((entry, hit))
            wanted.remove(entry)
        for n, (entry, (_, x, y, height)) in enumerate(rows):
            top = y + height
            bottom = rows[n + 1][1][2] + rows[n + 1][1][3] if n + 1 < len(rows) else y - height * 0.4
            left = max(0.0, x - height)
            out.append((page_index, (round(left, 2), round(bottom, 2), round(width - left, 2), round(top, 2)),
                        entry["page"] - 1))
    if wanted:
        raise TemplateError("binder/cover.html.j2: the index does not show "
                            + ", ".join(e["title"] for e in wanted) + "; each document needs its line")
    return out


# -- signature packets ------------------------------------------------------------------------------
def packet_files(made: Made) -> list[OutputFile]:
    """A packet for each signer: a cover that lists what to sign and where, then that signer's signature pages
    (``plan.signatures``, as the closing set made them in ``closing/signature-pages/``); and ``index.csv``."""
    from pypdf import PdfReader, PdfWriter  # on use: only binders need pypdf

    pdfs = {Path(f.relative).as_posix(): f.content for f in made.files}
    files, rows = [], []
    for person in signers(deal_signature_pages(made.deal)):
        pieces = [pdfs[f"{SIGNATURE_PAGES}/{p.slug}.pdf"] for p in person.pages]
        first = 1   # the cover's own pages count in the packet's: lay it out again until the count holds
        while True:
            cover = _packet_cover(made, person, first)
            laid_out = len(PdfReader(io.BytesIO(cover)).pages)
            if laid_out == first:
                break
            first = laid_out
        total = first + len(pieces)
        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(cover)), import_outline=False)
        writer.add_outline_item(title="What to sign, and where", page_number=0)
        for n, (page, piece) in enumerate(zip(person.pages, pieces, strict=True)):
            writer.append(PdfReader(io.BytesIO(piece)), import_outline=False)
            writer.add_outline_item(title=page.caption.strip("[]"), page_number=first + n)
            rows.append([person.key, person.name, person.capacity, person.party, _titled(page), page.id,
                         f"{SIGNATURE_PAGES}/{page.slug}.pdf", first + n + 1])
        assert len(writer.pages) == total
        writer.add_metadata({"/Title": f"Signature packet: {person.name or person.capacity}, {person.party}"})
        _identify(writer, hashlib.sha256(b"".join([cover, *pieces])).digest()[:16])
        out = io.BytesIO()
        writer.write(out)
        files.append(OutputFile(PACKETS / f"{person.key}.pdf", out.getvalue()))
    return [*files, OutputFile(PACKET_INDEX, _index_csv(rows))]


def _titled(page: SignaturePage) -> str:
    return page.document_title + (f" issued to {page.counterpart_name}" if page.counterpart else "") + (
        " (incumbency specimen signature)" if page.kind == "specimen" else "")


def _packet_cover(made: Made, person: Signer, cover_pages: int) -> bytes:
    rows = [{"page": cover_pages + n + 1, "title": _titled(p), "party": p.party, "id": p.id,
             "where": "specimen signature, in the box beside your name" if p.kind == "specimen"
             else "at By:, and the date"} for n, p in enumerate(person.pages)]
    total = cover_pages + len(person.pages)
    return lay_out(made, DocumentSpec(f"packet-{person.key}", "Signature Packet", "binder/packet-cover.html.j2",
                                       "closing", "", {"signer": person, "rows": rows}, made.deal.closing_date,
                                       page_numbers=(1, total)))


INDEX_COLUMNS = ("signatory", "name", "capacity", "for", "document", "page id", "file", "page in packet")


def _index_csv(rows: list[list]) -> bytes:
    return csv_bytes(INDEX_COLUMNS, rows)


__all__ = ["build_binder", "binder_files", "packet_files", "BINDER", "PACKETS", "PACKET_INDEX"]
