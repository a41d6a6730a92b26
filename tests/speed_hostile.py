"""Writers for a test that needs the real bytes of some files of a set only: those the test reads or whose
writer holds its subject (the publicity guard reads the press release as laid out on its pages; a Word file
read back with python-docx) are made by the real writers, every other file as text (tests/producers.py), so
a run that builds a whole set pays for the few files its test is about."""
from __future__ import annotations

from collections.abc import Callable

import pytest

import generator.writers as writers
from generator.writers.context import NO_CONTEXT

from .producers import TextWriter

Real = Callable[[str, object], bool]      # (format, rendered document) -> made by the real writer?


def public(fmt: str, document) -> bool:
    """A public document (the press release): the publicity guard reads its PDF's pages and its Word file."""
    return bool(document.forbidden)


def word_files(fmt: str, document) -> bool:
    """Every DOCX (a test that opens a Word file with python-docx)."""
    return fmt == "docx"


class _Chosen:
    """The real writer of a format for the documents ``real`` names, the text writer for the others."""

    def __init__(self, fmt: str, search_path, real: Real, real_writer_for):
        self.fmt, self.search_path, self.real, self.real_writer_for = fmt, search_path, real, real_writer_for
        self.text = TextWriter(fmt)

    def _for(self, document):
        return self.real_writer_for(self.fmt, self.search_path) if self.real(self.fmt, document) else self.text

    def write(self, document, context=NO_CONTEXT) -> bytes:
        return self._for(document).write(document, context)

    def write_counted(self, document, context=NO_CONTEXT) -> tuple[bytes, int]:
        return self._for(document).write_counted(document, context)


def made_as_text_except(monkeypatch: pytest.MonkeyPatch, real: Real) -> None:
    """The test's in-process runs (jobs 1, or workers forked from this process) make the documents ``real``
    names with the real writers and every other one as text."""
    real_writer_for = writers.writer_for
    monkeypatch.setattr(writers, "writer_for",
                        lambda fmt, search_path: _Chosen(fmt, search_path, real, real_writer_for))
