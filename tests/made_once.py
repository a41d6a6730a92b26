"""Each document made once per test process by the real writers: for the tests whose subject comes after the
documents are made (a binder, a collation, a checklist after one, the words of every file), so that the second
run of a set that makes the same document again takes the bytes the real writer made of it the first time.

The writers are deterministic (the same document, the same bytes: the product's promise, tested with real bytes
by the determinism and parity tests, which never use this); a document is the same when everything a writer is
given is: its format, the template search path, what the formats before it found (the PDF's page count) and the
whole rendered document (its HTML, the spec, the marks, the dates; the element tree is parsed from the HTML). A
document rendered differently (a new collation in the checklist, a draft mark, another date) is made again, for
real; an error is never remembered (each run raises it again). Workers forked while it is on inherit it; a test
of a build with workers (the same bytes with --jobs 2) makes its documents with it off."""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator import writers
from generator.writers.context import NO_CONTEXT

_MADE: dict[bytes, tuple[bytes, int]] = {}     # what a document's key was made into: its bytes and page count
STATS = {"made": 0, "again": 0}


def _key(fmt: str, search_path: tuple, document, context) -> bytes | None:
    """Everything the writer is given, as text (the blocks and the element tree are parsed from the HTML); None
    where a part has no text of its own (an object shown by its address): such a document is always made."""
    whole = repr((fmt, tuple(str(p) for p in search_path), context,
                  dataclasses.replace(document, tree=None, blocks=())))
    return None if " at 0x" in whole else hashlib.sha256(whole.encode("utf-8")).digest()


class _Once:
    """A real writer, remembering what it made of each document."""

    def __init__(self, real, fmt: str, search_path: tuple):
        self.real, self.fmt, self.search_path = real, fmt, search_path

    def _made(self, document, context, make) -> tuple[bytes, int]:
        key = _key(self.fmt, self.search_path, document, context)
        if key is None:
            return make()
        if key in _MADE:
            STATS["again"] += 1
        else:
            _MADE[key] = make()
            STATS["made"] += 1
        return _MADE[key]

    def write(self, document, context=NO_CONTEXT) -> bytes:
        if self.fmt == "pdf":
            return self.write_counted(document, context)[0]
        return self._made(document, context, lambda: (self.real.write(document, context), 0))[0]

    def write_counted(self, document, context=NO_CONTEXT) -> tuple[bytes, int]:
        return self._made(document, context, lambda: self.real.write_counted(document, context))

    def __getattr__(self, name):       # anything else a caller asks of the writer: the real one's
        return getattr(self.real, name)


@contextmanager
def made_once() -> Iterator[None]:
    """While on, a document made again in this process is the bytes the real writer made of it before."""
    real = writers.writer_for
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writers, "writer_for", lambda fmt, search_path: _Once(real(fmt, search_path), fmt,
                                                                            tuple(search_path)))
        yield


@pytest.fixture(scope="module")
def documents_made_once() -> Iterator[None]:
    """``made_once`` for every test of a module (and its module fixtures that ask for it)."""
    with made_once():
        yield
