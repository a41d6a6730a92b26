"""The execution version of each document: the document as closingdocs makes it with each of its signature
pages replaced by the page signed and returned (found by the page identifier on the page it replaces; a signed
page the document does not carry follows its last page), or, for a document counsel prepares, a cover saying so
followed by its signed pages. Every page as returned, never redrawn; the same inputs give the same bytes."""
from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Sequence

from .identify import Placed


def execution_version(title: str, placed: Sequence[Placed], identifier_in: Callable[[str], str | None],
                      generated: bytes | None = None, cover: bytes | None = None) -> bytes:
    """One document's execution version, from its signed pages (in the order of its signers) and either the PDF
    closingdocs makes of it (``generated``) or a cover (``cover``, for a document counsel prepares)."""
    from pypdf import PdfReader, PdfWriter  # on use: only collate binds signed pages
    from pypdf.generic import ArrayObject, ByteStringObject  # (as above)

    signed = {p.page.id: p for p in placed}
    writer = PdfWriter()
    bound: list[str] = []
    for piece in (generated, cover):
        if piece is None:
            continue
        for page in PdfReader(io.BytesIO(piece)).pages:
            ident = identifier_in(page.extract_text() or "") if generated is piece else None
            if ident in signed:
                _add_signed(writer, signed[ident])
                bound.append(ident)
            else:
                writer.add_page(page)
    for p in placed:                      # signed pages the document does not carry: after its last page
        if p.page.id not in bound:
            _add_signed(writer, p)
            bound.append(p.page.id)
    writer.add_metadata({"/Title": f"{title} (execution version)"})
    digest = hashlib.sha256("|".join([title, *(f"{p.page.id}:{p.returned.file_sha256}:{p.returned.number}"
                                               for p in placed)]).encode()
                            + hashlib.sha256(generated or cover or b"").digest()).digest()[:16]
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_signed(writer, placed: Placed) -> None:
    number = len(writer.pages)
    writer.add_page(placed.returned.source)
    writer.add_outline_item(title=f"Signature page: {placed.page.party}", page_number=number)
