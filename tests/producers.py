"""A writer for the tests that read a set's words, files and manifest, not a PDF's or DOCX's bytes: each format's
file holds the document's plain text (no layout, no fonts), so a run that builds many documents takes a fraction of
the time. A test of the bytes themselves (determinism, parity, the writers, the publicity guard on the laid-out
PDF) uses the real writers; ``text_only`` is for a test whose point is what is built, when, and what is said, and
``real_writers_for`` for one that reads a few documents of a set as laid out."""
from __future__ import annotations

from collections.abc import Callable

import pytest

import generator.writers
from generator.render.markup import plain_text
from generator.writers.context import NO_CONTEXT


class TextWriter:
    """A document as text, one file per format, with the format named on its first line."""

    def __init__(self, fmt: str):
        self.fmt = fmt

    def write(self, document, context=NO_CONTEXT) -> bytes:
        return f"{self.fmt}: {document.spec.title}\n{document.running_header}\n{plain_text(document.blocks)}\n".encode()

    def write_counted(self, document, context=NO_CONTEXT) -> tuple[bytes, int]:
        return self.write(document, context), 1


@pytest.fixture
def text_only(monkeypatch):
    """Every document of the test's in-process runs (jobs 1, or workers forked from this process) made as text."""
    monkeypatch.setattr("generator.writers.writer_for", lambda fmt, search_path: TextWriter(fmt))


Real = Callable[[str, object], bool]      # (format, rendered document) -> made by the real writer?


def public(fmt: str, document) -> bool:
    """A public document (the press release): the publicity guard reads its PDF's pages and its Word file."""
    return bool(document.spec.public)


def word_files(fmt: str, document) -> bool:
    """Every DOCX (a test that opens a Word file with python-docx)."""
    return fmt == "docx"


def slugs(*names: str) -> Real:
    """The documents of these file names (``officers-certificate``, ``checklist``), in every format."""
    return lambda fmt, document: document.spec.slug in names


class Chosen:
    """A format's writer: the real one for the documents ``real`` names, text for the others."""

    def __init__(self, fmt: str, search_path, real: Real, real_writer_for):
        self.fmt, self.search_path, self.real, self.real_writer_for = fmt, search_path, real, real_writer_for
        self.text = TextWriter(fmt)

    def _for(self, document):
        return self.real_writer_for(self.fmt, self.search_path) if self.real(self.fmt, document) else self.text

    def write(self, document, context=NO_CONTEXT) -> bytes:
        return self._for(document).write(document, context)

    def write_counted(self, document, context=NO_CONTEXT) -> tuple[bytes, int]:
        return self._for(document).write_counted(document, context)


def real_writers_for(monkeypatch: pytest.MonkeyPatch, real: Real) -> None:
    """The test's in-process runs (jobs 1, or workers forked from this process) make the documents ``real`` names
    with the real writers, every other one as text: a test that builds a whole set (rendered, checked, produced and
    written) and reads a few of its PDFs or Word files pays WeasyPrint only for those."""
    real_writer_for = generator.writers.writer_for
    monkeypatch.setattr(generator.writers, "writer_for",
                        lambda fmt, search_path: Chosen(fmt, search_path, real, real_writer_for))
