"""The record of the last ``closingdocs collate``: ``output/<deal>/executed/collation.json``.

Written by ``collate`` in the same all-or-nothing set as the execution versions; read back by the checklist,
the index page and ``binder --executed``. What is read from the output folder is input like any other: the
file is read through :mod:`generator.readback` (a regular file, bounded, JSON of a known shape), and a record
that is not one closingdocs writes is said on stderr and read as no record. Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .readback import Corrupt, check, read_bytes

RECORD = Path("executed") / "collation.json"
FORMAT = 1
MAX_BYTES = 16_000_000
SIGNED, MISSING = "signed", "missing"

_SIGNATURE = {"page": str, "party": str, "signer": str, "signer_name": str, "status": str, "file": (str, None),
              "file_page": (int, None), "by": (str, None)}
_DOCUMENT = {"id": str, "title": str, "made_by": str, "file": ("rel", None), "sha256": ("sha", None),
             "signatures": [_SIGNATURE]}
_RETURNED = {"file": str, "page": int, "reason": str}
SHAPE = {"collation": int, "deal": str, "documents": [_DOCUMENT], "duplicated": [_RETURNED], "unknown": [_RETURNED]}


@dataclass(frozen=True)
class Signature:
    """One signer's page of one document, as the collation found it."""

    page: str              # the signature page's identifier
    party: str
    signer: str
    signer_name: str
    status: str            # signed, missing
    file: str | None       # the file it was returned in, and its page there
    file_page: int | None
    by: str | None         # identifier or caption

    @property
    def returned(self) -> str:
        return f"{self.file}, page {self.file_page}" if self.file else ""


@dataclass(frozen=True)
class ExecutedDocument:
    id: str
    title: str
    made_by: str           # closingdocs, counsel
    file: str | None       # executed/<id>.pdf once every page is in; None while a page is missing
    sha256: str | None
    signatures: tuple[Signature, ...]

    @property
    def executed(self) -> bool:
        return self.file is not None


@dataclass(frozen=True)
class Collation:
    deal: str
    documents: tuple[ExecutedDocument, ...]
    duplicated: tuple[dict, ...]
    unknown: tuple[dict, ...]
    sha256: str             # of the record's bytes: what a set made from it records

    def signature(self, page_id: str) -> Signature | None:
        return next((s for d in self.documents for s in d.signatures if s.page == page_id), None)

    def document(self, document_id: str) -> ExecutedDocument | None:
        return next((d for d in self.documents if d.id == document_id), None)


def dumps(record: dict) -> bytes:
    check(record, SHAPE)     # what is written is what is read back
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def read_checked(folder: Path, deal_id: str) -> Collation | None:
    """The deal folder's record, or None when there is none; Corrupt when it is not one closingdocs writes (a
    link, a pipe, too large, not JSON of its shape, another deal's)."""
    path = Path(folder) / RECORD
    if Path(folder).joinpath("executed").is_symlink():
        raise Corrupt(f"{path.parent} is a symbolic link")
    try:
        raw = read_bytes(path, MAX_BYTES)
    except OSError as exc:
        raise Corrupt(f"{path} cannot be read: {exc.strerror or exc}") from None
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise Corrupt(f"{path}: not JSON ({type(exc).__name__})") from None
    if isinstance(data, dict) and data.get("collation") != FORMAT:
        raise Corrupt(f"{path}: not a collation record of format {FORMAT}")
    try:
        check(data, SHAPE)
    except Corrupt as exc:
        raise Corrupt(f"{path}: {exc}") from None
    if data["deal"] != deal_id:
        raise Corrupt(f"{path}: the record of deal {data['deal']!r}, in the folder of {deal_id!r}")
    for d in data["documents"]:
        if d["file"] is not None and d["file"] != f"executed/{d['id']}.pdf":
            raise Corrupt(f"{path}: {d['id']}: file {d['file']!r} is not where collate writes it")
        for s in d["signatures"]:
            if s["status"] not in (SIGNED, MISSING) or (s["status"] == SIGNED) != (s["file"] is not None):
                raise Corrupt(f"{path}: {d['id']}: page {s['page']}: status {s['status']!r} with file "
                              f"{s['file']!r}")
    documents = tuple(ExecutedDocument(d["id"], d["title"], d["made_by"], d["file"], d["sha256"],
                                       tuple(Signature(**s) for s in d["signatures"])) for d in data["documents"])
    return Collation(data["deal"], documents, tuple(data["duplicated"]), tuple(data["unknown"]),
                     hashlib.sha256(raw).hexdigest())


_SAID: set[str] = set()


def read(folder: Path, deal_id: str) -> Collation | None:
    """The record, or None (none, or corrupt: said once on stderr, and read as none)."""
    try:
        return read_checked(folder, deal_id)
    except Corrupt as exc:
        if str(folder) not in _SAID:
            _SAID.add(str(folder))
            print(f"closingdocs: the collation record is not one closingdocs writes ({exc}); signature status "
                  "shown as not collated: run closingdocs collate again", file=sys.stderr)
        return None


def fingerprint(folder: Path, deal_id: str) -> str:
    """What a set made from the record records among its options: the record's SHA-256, or "none"."""
    found = read(folder, deal_id)
    return found.sha256 if found else "none"
