"""Each page returned, found its place: the signature page of the deal it is (by the page identifier in its
footer, or where that is cropped by its caption and signer), or why it has none.

A page is *placed* on the first page returned that is a given signature page (in the order the files were
given, then page order); a later one for the same signature page is *duplicated* and not bound. A page that
is no signature page of the deal is *unknown*: its identifier is another deal's, its caption names a document
the deal does not have, or it carries neither. A signature page of the deal that no page returned is is
*missing*.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from .returned import ReturnedPage

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_CAPTION = re.compile(r"\[\s*Signature\s+Page\s+to\s+(?P<title>[^\]]{1,200}?)\s*\]", re.IGNORECASE)


class SignaturePageLike(Protocol):
    """What collate needs of a signature page (``generator.plan.signatures.SignaturePage``)."""

    @property
    def id(self) -> str: ...
    @property
    def document(self) -> str: ...
    @property
    def document_title(self) -> str: ...
    @property
    def party(self) -> str: ...
    @property
    def signer(self) -> str: ...
    @property
    def signer_name(self) -> str: ...
    @property
    def caption(self) -> str: ...


@dataclass(frozen=True)
class Placed:
    page: SignaturePageLike
    returned: ReturnedPage
    by: str                       # "identifier" or "caption" (the identifier was not found on the page)


@dataclass(frozen=True)
class Duplicated:
    page: SignaturePageLike
    returned: ReturnedPage
    first: ReturnedPage           # the copy bound


@dataclass(frozen=True)
class Unknown:
    returned: ReturnedPage
    reason: str


@dataclass(frozen=True)
class Identified:
    """Every page returned placed, duplicated or unknown; and the deal's signature pages still missing."""

    placed: list[Placed]
    duplicated: list[Duplicated]
    unknown: list[Unknown]
    missing: list[SignaturePageLike]

    @property
    def complete(self) -> bool:
        return not (self.missing or self.duplicated or self.unknown)


def words(text: str) -> str:
    """Text compared as words: spaces and line breaks as one space, typographic quotes as plain ones."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def identify(returned: Sequence[ReturnedPage], pages: Sequence[SignaturePageLike],
             identifier_in: Callable[[str], str | None]) -> Identified:
    """Each page returned against the deal's signature ``pages``; ``identifier_in`` finds a page identifier in a
    page's text (``generator.plan.signatures``)."""
    by_id = {p.id: p for p in pages}
    titles = {words(p.document_title).casefold() for p in pages}
    placed: dict[str, Placed] = {}
    duplicated, unknown = [], []
    for page in returned:
        text = words(page.text)
        found, by, reason = _find(text, identifier_in(page.text), by_id, pages, titles)
        if found is None:
            unknown.append(Unknown(page, reason))
        elif found.id in placed:
            duplicated.append(Duplicated(found, page, placed[found.id].returned))
        else:
            placed[found.id] = Placed(found, page, by)
    order = {p.id: n for n, p in enumerate(pages)}
    return Identified(sorted(placed.values(), key=lambda p: order[p.page.id]), duplicated, unknown,
                      [p for p in pages if p.id not in placed])


def _find(text: str, identifier: str | None, by_id: dict, pages: Sequence[SignaturePageLike],
          titles: set[str]) -> tuple[SignaturePageLike | None, str, str]:
    """(the signature page, how it was found, why not)."""
    caption = _CAPTION.search(text)
    named = words(caption.group("title")) if caption else None
    if identifier is not None:
        if identifier in by_id:
            return by_id[identifier], "identifier", ""
        if named is not None and named.casefold() not in titles:
            return None, "", (f"page identifier {identifier}, a signature page to the {named}: a document this deal "
                              "does not have")
        return None, "", (f"page identifier {identifier} is not a signature page of this deal (another deal's, or "
                          "a page made before the deal file changed: make the packets again)")
    if named is None:
        return None, "", ("no page identifier and no \"[Signature Page to ...]\" caption: not a signature page "
                          "closingdocs made, or a scan without a text layer (run it through OCR)")
    if named.casefold() not in titles:
        return None, "", f"a signature page to the {named}: a document this deal does not have"
    candidates = [p for p in pages if words(p.caption) in text]
    narrowed = [p for p in candidates if words(p.signer_name) in text and words(p.party) in text] or \
        [p for p in candidates if words(p.signer_name) in text] or \
        [p for p in candidates if words(p.party) in text]
    if len(narrowed) == 1:
        return narrowed[0], "caption", ""
    if not narrowed:
        return None, "", (f"a signature page to the {named} without its page identifier, for no signer of it this "
                          "deal has (another deal's page)")
    return None, "", (f"a signature page to the {named} without its page identifier; its caption and names fit "
                      f"{len(narrowed)} pages ({', '.join(p.id for p in narrowed)}): give a copy with the footer")
