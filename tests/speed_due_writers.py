"""The real writers for the documents a test reads, the plain text of ``text_only`` (tests/producers.py) for the
others: a test whose subject is one document's laid-out pages (the publicity guard on the press release, a name in
the shipped font) still builds the whole set (rendered, checked, produced and written) through ``build`` or
``main``, and pays WeasyPrint only for the pages it reads."""
from __future__ import annotations

from collections.abc import Callable

import pytest

import generator.writers
from generator.writers.context import NO_CONTEXT

from .producers import TextWriter


class LaidOutOnly:
    """A format's writer: the real one for a document ``keep(document)`` says the test reads, text for the rest."""

    def __init__(self, real, fmt: str, search_path, keep: Callable):
        self.real, self.fmt, self.search_path, self.keep = real, fmt, search_path, keep

    def _writer(self, document):
        return self.real(self.fmt, self.search_path) if self.keep(document) else TextWriter(self.fmt)

    def write(self, document, context=NO_CONTEXT) -> bytes:
        return self._writer(document).write(document, context)

    def write_counted(self, document, context=NO_CONTEXT) -> tuple[bytes, int]:
        return self._writer(document).write_counted(document, context)


def laid_out_only(monkeypatch: pytest.MonkeyPatch, keep: Callable) -> None:
    """In the test's in-process runs (jobs 1, or workers forked from this process), the documents ``keep``
    selects are made by the real writers, the others as text."""
    real = generator.writers.writer_for
    monkeypatch.setattr(generator.writers, "writer_for",
                        lambda fmt, search_path: LaidOutOnly(real, fmt, search_path, keep))
