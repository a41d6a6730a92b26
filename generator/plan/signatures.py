"""The signature pages of the closing: one captioned page for each signer of each document signed at closing
(``closing.documents``), each with a short page identifier and an e-signature anchor per field.

Page identifier (printed in the page's footer as ``Signature page ID: <id>``)::

    id    = deal-id "/" code                 e.g. amnis-2003/K7Q2M9XA
    code  = 8 characters of the RFC 4648 base32 alphabet (A-Z, 2-7): the first 40 bits of the SHA-256 of
            deal-id, document id, counterpart (the Buyer's id of an instrument issued to each Buyer, else
            empty), party key, signer key and page kind, each followed by a newline

The same deal, document, counterpart, party, signer and kind always give the same identifier; any change
to one of them gives another. ``parse_page_id`` finds it in a page's extracted text.

Anchor strings (invisible text: white, 1pt, at each field, for DocuSign's anchor tabs and Acrobat Sign's
anchor text; docs/signature-pages.md)::

    anchor = "\\" field "-" code "\\"         e.g. \\sig-K7Q2M9XA\\
    field  = "sig" | "name" | "title" | "date"       (a specimen page: "sig" and "name")

Each anchor names its page, so one signer's tabs never land on another signer's page.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..deal.load import Pending
from ..deal.model import Deal, DocumentParty, TransactionDocument
from ..errors import TemplateError

FOOTER_LABEL = "Signature page ID:"
FIELDS = ("sig", "name", "title", "date")
SPECIMEN_FIELDS = ("sig", "name")
_CODE = r"[A-Z2-7]{8}"
_DEAL = r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"
_PAGE_ID = re.compile(rf"{re.escape(FOOTER_LABEL)}\s*({_DEAL})\s*/\s*({_CODE})(?![A-Za-z0-9])")
_ANCHOR = re.compile(rf"\\({'|'.join(FIELDS)})-({_CODE})\\")

# Who signs the documents of the closing set, where the deal file does not list the documents signed at
# closing (closing.documents): the signature blocks of their templates.
DEFAULT_LABELS = {"company": "COMPANY:", "buyers": "BUYER:", "transfer-agent": "TRANSFER AGENT:"}


@dataclass(frozen=True)
class Anchor:
    """One field's anchor string: where an e-signature platform places that field's tab."""

    field: str          # sig, name, title, date
    text: str           # \sig-K7Q2M9XA\


@dataclass(frozen=True)
class SignaturePage:
    """One captioned signature page: one signer's block for one party to one document (or one counterpart)."""

    id: str                          # amnis-2003/K7Q2M9XA (the footer's page identifier; grammar above)
    document: str                    # the document's id in closing.documents
    document_title: str
    party: str                       # the party's name, as its block prints it ("[●]" while TBC)
    signer: str                      # the signer's stable key: an officer's id, a Buyer's signer key, transfer-agent
    signer_name: str                 # "[●]" while TBC; "" where the signer writes it in (the transfer agent's)
    caption: str                     # [Signature Page to Securities Purchase Agreement]
    anchors: tuple[Anchor, ...]
    party_key: str = ""              # company, transfer-agent, a Buyer's id, or another party's id
    signer_title: str = ""           # "" where the signer writes it in
    capacity: str = ""               # the capacity in which the signer signs (default: the title)
    kind: str = "signature"          # signature, or specimen (an officer's specimen signature for an incumbency)
    counterpart: str = ""            # the Buyer's id, for an instrument issued to each Buyer
    counterpart_name: str = ""
    made_by: str = "counsel"         # closingdocs or counsel: who makes the document the page goes with
    certificate: bool = False        # one of closingdocs' certificates: an officer certifies for the Company
    label: str = ""                  # the words above the party's block: COMPANY:, BUYER:, ACKNOWLEDGED AND AGREED:
    through: tuple[tuple[str, str], ...] = ()   # (entity, capacity), outermost first
    slug: str = ""                   # the file's name: <document>[-<counterpart>]-<signer>[-specimen]
    # the facts as the deal file has them, for the page's template (a fact still TBC prints as [●] and keeps a
    # final page from being made): party, name, title (None where the signer writes it in)
    facts: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def code(self) -> str:
        return self.id.rpartition("/")[2]

    @property
    def deal(self) -> str:
        return self.id.rpartition("/")[0]


# closingdocs' certificates: each signed by an officer on behalf of the Company, as of the Closing Date, in the
# certificate's own words (templates/closing/*-certificate.html.j2), not an agreement's "date first written above"
CERTIFICATES = ("officers-certificate", "secretarys-certificate")


def page_code(deal_id: str, document: str, counterpart: str, party: str, signer: str, kind: str) -> str:
    digest = hashlib.sha256("".join(f"{part}\n" for part in (deal_id, document, counterpart, party, signer, kind))
                            .encode("utf-8")).digest()
    return base64.b32encode(digest[:5]).decode("ascii")


def anchors(code: str, kind: str = "signature") -> tuple[Anchor, ...]:
    return tuple(Anchor(f, f"\\{f}-{code}\\") for f in (SPECIMEN_FIELDS if kind == "specimen" else FIELDS))


def parse_page_id(text: str) -> str | None:
    """The page identifier in a page's extracted text (``deal-id/CODE``), or None where none is found."""
    found = _PAGE_ID.search(text)
    return f"{found.group(1)}/{found.group(2)}" if found else None


def parse_anchor_codes(text: str) -> list[str]:
    """The page codes the anchor strings in a page's text name, each once, in order (where the footer is lost)."""
    return list(dict.fromkeys(m.group(2) for m in _ANCHOR.finditer(text)))


def _text(value) -> str:
    return "[●]" if isinstance(value, Pending) else str(value)


def transaction_documents(deal: Deal) -> list[TransactionDocument]:
    """The documents signed at closing: ``closing.documents``; where the deal file lists none, the closing
    set's documents as their templates sign them."""
    if deal.closing is not None and deal.closing.documents:
        return list(deal.closing.documents)
    company = deal.company
    return [
        TransactionDocument(id="transfer-agent-instructions", title="Irrevocable Transfer Agent Instructions",
                            made_by="closingdocs", parties=[
                                DocumentParty(party="company", signers=[company.chief_executive_officer],
                                              label="Very truly yours,"),
                                DocumentParty(party="transfer-agent", label="ACKNOWLEDGED AND AGREED:")]),
        TransactionDocument(id="officers-certificate", title="Officer's Certificate", made_by="closingdocs",
                            parties=[DocumentParty(party="company", signers=[company.chief_executive_officer])]),
        TransactionDocument(id="secretarys-certificate", title="Secretary's Certificate", made_by="closingdocs",
                            parties=[DocumentParty(party="company",
                                                   signers=[company.secretary, company.chief_executive_officer],
                                                   specimens=[o.id for o in company.officers])]),
    ]


@dataclass(frozen=True)
class _Signer:
    key: str
    name: str
    title: str
    capacity: str
    through: tuple[tuple[str, str], ...] = ()
    facts: tuple[Any, Any] = (None, None)     # name and title as the deal file has them (None: written in)


def other_parties(deal: Deal) -> dict[str, DocumentParty]:
    """The parties the documents describe themselves (an escrow agent), by id, as first described."""
    out: dict[str, DocumentParty] = {}
    for document in transaction_documents(deal):
        for party in document.parties:
            if party.name is not None:
                out.setdefault(party.party, party)
    return out


def _signers(deal: Deal, party: DocumentParty, party_key: str) -> list[_Signer]:
    """Who signs for ``party_key`` (a Buyer's id where the party is each Buyer), as the document names them."""
    other = other_parties(deal).get(party_key)
    if other is not None:
        people = list(zip(other.signer_keys, other.signatories, strict=True))
    elif party_key == "company":
        return [_Signer(o.id, _text(o.name), o.title, o.title, facts=(o.name, o.title))
                for o in (deal.officer(i) for i in party.signers)]
    elif party_key == "transfer-agent":
        agent = deal.transfer_agent
        if not agent.signatories:
            return [_Signer("transfer-agent", "", "", "authorized signatory")]
        people = list(zip(agent.signer_keys, agent.signatories, strict=True))
    else:
        buyer = deal.buyer(party_key)
        people = list(zip(buyer.signer_keys, buyer.signers, strict=True))
    wanted = party.signers if party.party != "buyers" else []
    return [_Signer(key, _text(s.name), _text(s.title), s.capacity or _text(s.title),
                    tuple((e.name, e.capacity) for e in s.through), (s.name, s.title))
            for key, s in people if not wanted or key in wanted]


def _party_name(deal: Deal, key: str) -> str:
    return _text(_party_fact(deal, key))


def _party_fact(deal: Deal, key: str) -> Any:
    other = other_parties(deal).get(key)
    if other is not None:
        return other.name
    if key == "company":
        return deal.company.name
    if key == "transfer-agent":
        return deal.transfer_agent.name
    return deal.buyer(key).name


def signature_pages(deal: Deal) -> list[SignaturePage]:
    """Every signature page of the closing, in order: by document, counterpart, party and signer; each
    document's specimen pages after its signature pages."""
    pages: list[SignaturePage] = []
    buyer_ids = {b.id for b in deal.buyers}
    for document in transaction_documents(deal):
        counterparts = [(b.id, b.name) for b in deal.buyers] if document.issued_to == "each-buyer" else [("", "")]
        for counterpart, counterpart_name in counterparts:
            to = f" issued to {counterpart_name}" if counterpart else ""
            for party in document.parties:
                keys = [b.id for b in deal.buyers] if party.party == "buyers" else [party.party]
                label = party.label or _label(deal, party.party, buyer_ids)
                for key in keys:
                    for signer in _signers(deal, party, key):
                        pages.append(_page(deal, document, counterpart, counterpart_name, key, signer, "signature",
                                           f"[Signature Page to {document.title}{to}]", label))
            for party in document.parties:
                for officer in (deal.officer(i) for i in party.specimens):
                    signer = _Signer(officer.id, _text(officer.name), officer.title, officer.title,
                                     facts=(officer.name, officer.title))
                    pages.append(_page(deal, document, counterpart, counterpart_name, "company", signer, "specimen",
                                       f"[Incumbency Specimen Signature Page to {document.title}{to}]", "INCUMBENCY"))
    seen: dict[str, SignaturePage] = {}
    for page in pages:
        for key in (page.id, page.slug):
            if key in seen:   # never expected (40 bits; ids without hyphens): refused, never two pages alike
                raise TemplateError(f"two signature pages share the identifier or file name {key}: "
                                    f"{seen[key].caption} ({seen[key].signer}) and {page.caption} ({page.signer})")
            seen[key] = page
    return pages


def _label(deal: Deal, party: str, buyer_ids: set[str]) -> str:
    if party in DEFAULT_LABELS:
        return DEFAULT_LABELS[party]
    return "BUYER:" if party in buyer_ids else f"{_party_name(deal, party).upper()}:"


def _page(deal: Deal, document: TransactionDocument, counterpart: str, counterpart_name: str, party_key: str,
          signer: _Signer, kind: str, caption: str, label: str) -> SignaturePage:
    code = page_code(deal.id, document.id, counterpart, party_key, signer.key, kind)
    slug = "-".join(p for p in (document.id, counterpart, signer.key, "specimen" if kind == "specimen" else "") if p)
    return SignaturePage(
        id=f"{deal.id}/{code}", document=document.id, document_title=document.title,
        party=_party_name(deal, party_key), signer=signer.key, signer_name=signer.name, caption=caption,
        anchors=anchors(code, kind), party_key=party_key, signer_title=signer.title, capacity=signer.capacity,
        kind=kind, counterpart=counterpart, counterpart_name=counterpart_name, made_by=document.made_by,
        certificate=document.made_by == "closingdocs" and document.id in CERTIFICATES,
        label=label, through=signer.through, slug=slug,
        facts={"party": _party_fact(deal, party_key), "name": signer.facts[0], "title": signer.facts[1]})


@dataclass(frozen=True)
class Signer:
    """One person who signs at closing (the signature matrix's row, a packet's owner) and the pages they sign."""

    key: str                         # ceo, sds, harbor-2, transfer-agent
    name: str                        # "[●]" while TBC; "" where the signer writes it in
    capacity: str                    # the capacity in which they sign (an officer's title)
    party: str                       # for whom: the Company, a Buyer, the transfer agent
    pages: tuple[SignaturePage, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """The titles of what they sign, each once, in order (a specimen marked as such; an instrument issued to
        each Buyer once, with the number signed)."""
        out: dict[tuple[str, str], list[SignaturePage]] = {}
        for p in self.pages:
            out.setdefault((p.document, p.kind), []).append(p)
        titles = []
        for (_, kind), pages in out.items():
            title = pages[0].document_title + (" (incumbency specimen)" if kind == "specimen" else "")
            if pages[0].counterpart:
                title += (f", issued to {pages[0].counterpart_name}" if len(pages) == 1
                          else f" ({len(pages)}: one issued to each Buyer)")
            titles.append(title)
        return tuple(titles)


def signers(pages: list[SignaturePage]) -> list[Signer]:
    """Everyone who signs, in the order they first sign, with their pages."""
    return [Signer(key, mine[0].signer_name, mine[0].capacity, mine[0].party, tuple(mine))
            for key, mine in pages_by_signer(pages).items()]


def pages_by_signer(pages: list[SignaturePage]) -> dict[str, list[SignaturePage]]:
    """Each signer's pages (a packet's), signers in the order they first sign."""
    out: dict[str, list[SignaturePage]] = {}
    for page in pages:
        out.setdefault(page.signer, []).append(page)
    return out
