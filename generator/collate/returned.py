"""The signed pages returned: PDF files from outside (scans, e-signature PDFs), read as untrusted input.

Each file is opened as a regular file (a pipe or a device is refused without being read), at most
:data:`~generator.limits.MAX_SIGNED_FILE_BYTES`, parsed by pypdf (its own bounds on decompression apply),
decrypted only when it opens without a password, and its pages' text layer read, at most
:data:`~generator.limits.MAX_SIGNED_PAGES` pages in all and :data:`~generator.limits.MAX_PAGE_TEXT`
characters a page. Every file that cannot be read is named, all at once (:class:`SignedFileError`).
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SignedFileError
from ..limits import MAX_PAGE_TEXT, MAX_SIGNED_FILE_BYTES, MAX_SIGNED_FILES, MAX_SIGNED_PAGES
from ..readback import NotReadable, read_named

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ReturnedPage:
    """One page returned: the file it came in (as given), its page number there (from 1), and its text."""

    file: str
    number: int
    text: str
    file_sha256: str = ""          # of the file it came in: what the execution version's identifier is made from
    source: Any = field(default=None, compare=False, repr=False)   # the pypdf page, to bind as it came

    def __str__(self) -> str:
        return f"{self.file}, page {self.number}"


def read_returned(paths: list[Path]) -> list[ReturnedPage]:
    """Every page of every file, in the order given; SignedFileError naming every file that cannot be read."""
    if len(paths) > MAX_SIGNED_FILES:
        raise SignedFileError([f"{len(paths)} files given: at most {MAX_SIGNED_FILES:,} a run"])
    pages: list[ReturnedPage] = []
    problems: list[str] = []
    seen: dict[tuple[int, int], str] = {}
    budget = MAX_SIGNED_PAGES
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)      # a damaged file's repairs are not the user's concern; its failure is
    try:
        for path in paths:
            shown = str(path)
            try:
                data, identity = _read(Path(path))
                if identity in seen:
                    problems.append(f"{shown}: the same file as {seen[identity]}, given twice")
                    continue
                seen[identity] = shown
                found = _pages(shown, data, budget)
            except _Unreadable as exc:
                problems.append(f"{shown}: {exc}")
                continue
            budget -= len(found)
            pages += found
    finally:
        pypdf_log.setLevel(level)
    if problems:
        raise SignedFileError(problems)
    return pages


class _Unreadable(Exception):
    """Why one file cannot be read."""


def _read(path: Path) -> tuple[bytes, tuple[int, int]]:
    """The bytes of a regular file (links followed: the user named it), at most the limit; and its identity."""
    try:
        data, info = read_named(path, MAX_SIGNED_FILE_BYTES)
    except NotReadable as exc:
        raise _Unreadable({
            "absent": "no such file",
            "folder": "is a folder: give the PDF files in it (e.g. signed/*.pdf)",
            "special": "is not a regular file (a pipe or a device): give a PDF file",
            "too-large": f"is larger than {MAX_SIGNED_FILE_BYTES:,} bytes",
        }.get(exc.reason, f"cannot be read: {exc.detail}")) from None
    return data, (info.st_dev, info.st_ino)


def _pages(shown: str, data: bytes, budget: int) -> list[ReturnedPage]:
    """The pages of one file's bytes, with their text."""
    from pypdf import PdfReader  # on use: only collate reads returned PDFs
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError  # (as above)

    if not data.lstrip()[:5] == b"%PDF-":
        raise _Unreadable("is not a PDF (it does not begin with %PDF-): scan or save the pages as PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Unreadable("is protected by a password: save it again without one (the signatures stay)")
        count = len(reader.pages)
        if count == 0:
            raise _Unreadable("has no pages")
        if count > budget:
            raise _Unreadable(f"has {count:,} pages: with the files before it, beyond the {MAX_SIGNED_PAGES:,} pages "
                              "a run reads")
        out, digest = [], hashlib.sha256(data).hexdigest()
        for index, page in enumerate(reader.pages):
            text = page.extract_text() or ""
            if len(text) > MAX_PAGE_TEXT:
                raise _Unreadable(f"page {index + 1}: more than {MAX_PAGE_TEXT:,} characters of text: not a "
                                  "signature page")
            out.append(ReturnedPage(shown, index + 1, _SPACE.sub(" ", text).strip(), digest, page))
        return out
    except _Unreadable:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise _Unreadable("is encrypted in a way closingdocs cannot open (AES without the cryptography package): "
                          "save it again without protection") from None
    except RecursionError:
        raise _Unreadable("is damaged: its objects refer to each other without end") from None
    except PyPdfError as exc:
        raise _Unreadable(f"is damaged: {_short(exc)}") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, ZeroDivisionError,
            OverflowError, UnicodeError, MemoryError) as exc:   # pypdf on malformed objects
        raise _Unreadable(f"is damaged ({type(exc).__name__}: {_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
