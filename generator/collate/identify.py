"""Each page returned, found its place: the signature page of the deal it is, or why it has none.

A page is known by its page identifier (``deal-id/CODE`` in its footer: ``plan.signatures.parse_page_id``);
where the footer is cropped, by the anchor strings left at its fields (each names its page's code); where those
are gone too, by its caption ("[Signature Page to ...]") and the party and signer it names, when they fit one
page of the deal only.

A packet's cover returned with its pages is *set aside* (nothing to bind). A page is *placed* on the first page returned that is a given signature page (in the order the files were
given, then page order); a later one for the same signature page is *duplicated* and not bound. A page that is
no signature page of the deal is *unknown*: another deal's, one of this deal's that it no longer has (a
document or signer taken out, or changed), a signature page to a document the deal does not have, or a page
with neither identifier nor caption. A signature page of the deal that no page returned is is *missing*.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .returned import ReturnedPage

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_CAPTION = re.compile(r"\[\s*(?:Incumbency\s+Specimen\s+)?Signature\s+Page\s+to\s+(?:the\s+)?(?P<title>[^\]]{1,300}?)"
                      r"(?:\s+issued\s+to\s+[^\]]{1,300})?\s*\]", re.IGNORECASE)
_UNKNOWN_NAMES = {"", "[●]"}
# a packet's cover (templates/binder/packet-cover.html.j2), returned with the signed pages: nothing to bind
_PACKET_COVER = ("Signature Packet", "What to sign, and where")
_DRAFT_MARK = "DRAFT: not for signature"          # templates/base.html.j2: every page of a draft


class SignaturePageLike(Protocol):
    """What collate needs of a signature page (``generator.plan.signatures.SignaturePage``)."""

    @property
    def id(self) -> str: ...
    @property
    def code(self) -> str: ...
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
    @property
    def capacity(self) -> str: ...
    @property
    def counterpart_name(self) -> str: ...
    @property
    def made_by(self) -> str: ...


@dataclass(frozen=True)
class Placed:
    page: SignaturePageLike
    returned: ReturnedPage
    by: str                       # identifier, anchor (the footer cropped) or caption (the anchors gone too)


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
    set_aside: list[ReturnedPage] = field(default_factory=list)   # packets' covers: returned, nothing to bind

    @property
    def complete(self) -> bool:
        return not (self.missing or self.duplicated or self.unknown)


def words(text: str) -> str:
    """Text compared as words: spaces and line breaks as one space, typographic quotes as plain ones."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Readers:
    """How a page's text names its signature page (``generator.plan.signatures``)."""

    page_id: Callable[[str], str | None]            # the footer's identifier, deal-id/CODE
    anchor_codes: Callable[[str], list[str]]        # the codes the anchor strings name


def identify(returned: Sequence[ReturnedPage], pages: Sequence[SignaturePageLike], deal_id: str,
             readers: Readers, final: bool = False) -> Identified:
    """Each page returned against the deal's signature ``pages``; ``final``: a page of a draft packet (marked
    DRAFT: not for signature) is unknown, never bound into a final execution version."""
    placed: dict[str, Placed] = {}
    duplicated, unknown, set_aside = [], [], []
    finder = _Finder(pages, deal_id, readers)
    for page in returned:
        if all(mark in page.text for mark in _PACKET_COVER) and readers.page_id(page.text) is None:
            set_aside.append(page)
            continue
        found, by, reason = finder.find(page.text)
        if found is not None and final and _DRAFT_MARK in words(page.text):
            found, reason = None, (f"page {found.id} of a draft packet (marked \"{_DRAFT_MARK}\"): a final execution "
                                   "version binds pages of the final packets (closingdocs binder --final)")
        if found is None:
            unknown.append(Unknown(page, reason))
        elif found.id in placed:
            duplicated.append(Duplicated(found, page, placed[found.id].returned))
        else:
            placed[found.id] = Placed(found, page, by)
    order = {p.id: n for n, p in enumerate(pages)}
    return Identified(sorted(placed.values(), key=lambda p: order[p.page.id]), duplicated, unknown,
                      [p for p in pages if p.id not in placed], set_aside)


class _Finder:
    def __init__(self, pages: Sequence[SignaturePageLike], deal_id: str, readers: Readers):
        self.pages, self.deal_id, self.readers = pages, deal_id, readers
        self.by_id = {p.id: p for p in pages}
        self.by_code = {p.code: p for p in pages}
        self.titles = {words(p.document_title).casefold() for p in pages}

    def find(self, raw: str) -> tuple[SignaturePageLike | None, str, str]:
        """(the signature page, how it was found, why not)."""
        text = words(raw)
        caption = _CAPTION.search(text)
        named = words(caption.group("title")) if caption else None
        ours = named is None or named.casefold() in self.titles
        identifier = self.readers.page_id(raw)
        if identifier is not None:
            if identifier in self.by_id:
                return self.by_id[identifier], "identifier", ""
            deal = identifier.rpartition("/")[0]
            to = f", a signature page to the {named}" if named else ""
            if deal != self.deal_id:
                return None, "", f"a page of another deal ({deal}: page identifier {identifier}{to})"
            if not ours:
                return None, "", f"page identifier {identifier}{to}: a document this deal does not have"
            return None, "", (f"page identifier {identifier}{to}: no signature page of this deal has it now (a "
                              "document or signer taken out or changed since the packets were made: make them again)")
        codes = self.readers.anchor_codes(raw)
        if codes:
            known = list(dict.fromkeys(self.by_code[c].id for c in codes if c in self.by_code))
            if len(known) == 1:
                return self.by_id[known[0]], "anchor", ""
            if not known:
                return None, "", (f"no page identifier (cropped?); its anchor strings name {', '.join(codes)}, no "
                                  "signature page of this deal (another deal's page, or a document it does not have)")
            return None, "", f"no page identifier; its anchor strings name {len(known)} pages: {', '.join(known)}"
        return self._by_caption(text, named, ours)

    def _by_caption(self, text: str, named: str | None, ours: bool) -> tuple[SignaturePageLike | None, str, str]:
        if named is None:
            return None, "", ("no page identifier and no \"[Signature Page to ...]\" caption: not a signature page "
                              "closingdocs made, or a scan without a text layer (run it through OCR)")
        if not ours:
            return None, "", f"a signature page to the {named}: a document this deal does not have"
        folded = text.casefold()
        candidates = [p for p in self.pages if words(p.caption).casefold() in folded]

        def names(p, *which: str) -> bool:
            values = [words(getattr(p, w)) for w in which]   # a block prints the party's name in capitals
            return all(v not in _UNKNOWN_NAMES and v.casefold() in folded for v in values)

        narrowed = ([p for p in candidates if names(p, "signer_name", "party")]
                    or [p for p in candidates if names(p, "signer_name")]
                    or [p for p in candidates if names(p, "party")])
        if len(narrowed) == 1:
            return narrowed[0], "caption", ""
        if not narrowed:
            return None, "", (f"a signature page to the {named} without its page identifier, naming no party or "
                              "signer of it this deal has (another deal's page)")
        return None, "", (f"a signature page to the {named} without its page identifier; its caption and names fit "
                          f"{len(narrowed)} pages ({', '.join(p.id for p in narrowed)}): give a copy with its footer")
