"""A writer for the tests that read a set's words, files and manifest, not a PDF's or DOCX's bytes: each format's
file holds the document's plain text (no layout, no fonts), so a run that builds many documents takes a fraction of
the time. A test of the bytes themselves (determinism, parity, the writers, the publicity guard on the laid-out
PDF) uses the real writers; ``text_only`` is for a test whose point is what is built, when, and what is said."""
from __future__ import annotations

import pytest

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
