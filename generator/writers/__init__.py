"""Writers turn one rendered document into the bytes of one file format; all share one interface."""
from __future__ import annotations

from typing import Protocol

from ..render import RenderedDocument


class Writer(Protocol):
    """Makes a file's bytes from a rendered document, deterministically (same input, same bytes)."""

    suffix: str

    def write(self, document: RenderedDocument) -> bytes: ...


def default_writers(search_path) -> list[Writer]:
    from .docx import DocxWriter
    from .pdf import PdfWriter

    return [PdfWriter(search_path), DocxWriter()]
