"""The closing memorandum: the record of the closing the working group circulates and then files, dated, built
from the deal as it stood that day (``Deal.as_of``): the parties, the documents and who signed each, the
conditions satisfied or waived, the deliveries, the funds flow with its totals, the wire instructions (where
its distribution allows) and the post-closing agenda."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..collation import SIGNED, Collation
from ..compute.agenda import agenda
from ..compute.checklist import checklist
from ..compute.funds_flow import funds
from ..compute.warrants import warrant_facts
from ..deal.citation import cite
from ..deal.model import Deal
from ..deal.model import DocumentParty as TransactionParty
from ..deal.provenance import unconfirmed
from ..errors import RequestError
from .executed import NOT_COLLATED, SignatureStatus, signature_status
from .signatures import other_parties, transaction_documents
from .spec import DocumentSpec

SLUG = "closing-memorandum"
CLOSING_KINDS = ("condition", "delivery", "third-party")     # the checklist's rows of the closing itself
TITLE = "Closing Memorandum"
TEMPLATE = "closing/closing-memorandum.html.j2"


@dataclass(frozen=True)
class Signer:
    name: object                   # a name, or a fact still to be confirmed (printed [●]); None: written in
    title: object                  # the title, or the capacity in which the signer signs (None: written in)
    through: str = ""              # ", by X, its general partner"


@dataclass(frozen=True)
class Party:
    name: object                   # the name, or a fact still to be confirmed (printed [●])
    role: str                      # "the Company (issuer)", "Buyer"
    signers: tuple[Signer, ...]    # who signs for it


@dataclass(frozen=True)
class DocumentParty:
    name: object
    signers: tuple[Signer, ...]


@dataclass(frozen=True)
class SignedDocument:
    id: str
    title: str
    made_by: str                   # closingdocs or counsel
    counterparts: int              # an instrument issued to each Buyer: one for each; else 1
    parties: tuple[DocumentParty, ...]
    status: str                    # delivered, waived, pending; "" where the deal data records none
    date: dt.date | None
    pages: int = 0                 # its signature pages, and of them those the last collation found signed
    signed: int = 0
    missing: tuple[str, ...] = ()  # who has not yet signed (the collation's missing pages), in words
    executed: str = ""             # executed/<id>.pdf once every page is in
    collated: bool = False         # the last collation's record knows the document


def memorandum_date(deal: Deal) -> dt.date:
    """The day the closing's record is complete: the last day a closing delivery or a wire is recorded (the
    Closing Date at the least)."""
    days = [deal.closing_date]
    if deal.closing is not None:
        days += [d.date for d in deal.closing.deliveries if d.date is not None]
    if deal.funds_flow is not None:
        days += [w.received for w in deal.funds_flow.wires if w.received is not None]
    return max(days)


def _signer(person, through=()) -> Signer:
    """An officer or a signatory, as the deal has them (a name still to be confirmed stays a fact)."""
    return Signer(person.name, getattr(person, "capacity", None) or person.title,
                  "".join(f", by {e.name}, {e.capacity}" for e in through))


WRITTEN_IN = Signer(None, None)    # an authorized signatory who writes in name and title


def _party(deal: Deal, key: str, party: TransactionParty | None = None) -> tuple[object, tuple[Signer, ...]]:
    """A party's name and who signs for it (``party``: as one document names them; default: every signer)."""
    wanted = list(party.signers) if party is not None and party.party != "buyers" else []
    other = other_parties(deal).get(key)
    if key == "company":
        ids = wanted or [deal.company.chief_executive_officer]
        return deal.company.name, tuple(_signer(deal.officer(i)) for i in ids)
    if other is not None:
        people = list(zip(other.signer_keys, other.signatories, strict=True))
        name = other.name
    elif key == "transfer-agent":
        agent = deal.transfer_agent
        if not agent.signatories:
            return agent.name, (WRITTEN_IN,)
        people, name = list(zip(agent.signer_keys, agent.signatories, strict=True)), agent.name
    else:
        buyer = deal.buyer(key)
        people, name = list(zip(buyer.signer_keys, buyer.signers, strict=True)), buyer.name
    return name, tuple(_signer(s, s.through) for k, s in people if not wanted or k in wanted) or (WRITTEN_IN,)


def parties(deal: Deal) -> list[Party]:
    """The parties to the closing, each with its role and who signs for it."""
    def party(key: str, role: str) -> Party:
        name, signers = _party(deal, key)
        return Party(name, role, signers)

    out = [party("company", "the Company (issuer)")]
    out += [party(b.id, "Buyer") for b in deal.buyers]
    out.append(party("transfer-agent", "transfer agent"))
    out += [party(key, key.replace("-", " ")) for key in other_parties(deal)]
    flow = deal.funds_flow
    if flow is not None and flow.wired_to == "escrow" and "escrow-agent" not in other_parties(deal):
        out.append(Party(flow.escrow_agent, "escrow agent", (WRITTEN_IN,)))
    return out


def signed_documents(deal: Deal, day: dt.date, collated: Collation | None = None) -> list[SignedDocument]:
    """Every document signed at closing (``closing.documents``, or the closing set's), who signs each for each
    party, and, for a document of the closing set, where it stood on ``day``: delivered once every closing item
    that calls for it is received or satisfied; with the last collation's record (``collated``, read back and
    checked by ``generator/collation.py``), how many of its signature pages are in and who has not signed."""
    pages: dict[str, list[SignatureStatus]] = {}
    for page in signature_status(deal, collated):
        pages.setdefault(page.document, []).append(page)
    rows = checklist(deal, {}, as_of=day)
    items = {i.id: i for i in deal.closing.items} if deal.closing else {}
    out = []
    for document in transaction_documents(deal):
        named = [r for r in rows if r.id in items and document.id in items[r.id].documents]
        statuses = {r.status for r in named}
        dates = [r.date for r in named if r.date]
        if not named:
            status, date = "", None
        elif "pending" in statuses:
            status, date = "pending", None
        else:
            status, date = ("waived" if statuses == {"waived"} else "delivered"), max(dates) if dates else None
        signing = []
        for party in document.parties:
            keys = [b.id for b in deal.buyers] if party.party == "buyers" else [party.party]
            signing += [DocumentParty(*_party(deal, key, party)) for key in keys]
        counterparts = len(deal.buyers) if document.issued_to == "each-buyer" else 1
        own = pages.get(document.id, [])
        known = [p for p in own if p.status != NOT_COLLATED]
        out.append(SignedDocument(
            document.id, document.title, document.made_by, counterparts, tuple(signing), status, date,
            len(own), sum(p.status == SIGNED for p in own),
            tuple(dict.fromkeys(p.signer for p in own if p.status != SIGNED)) if known else (),
            next((p.executed for p in own if p.executed), ""), bool(known)))
    return out


def closing_memorandum_documents(deal: Deal, dated: dt.date | None = None,
                                 collated: Collation | None = None) -> list[DocumentSpec]:
    """The closing memorandum dated ``dated`` (default: ``memorandum_date``), built from the deal as it stood at
    the end of that day; with the last collation's record, each document's signature pages as it found them (the
    record is not dated: it is the status of the last ``collate``)."""
    day = dated or memorandum_date(deal)
    if day < deal.closing_date:
        raise RequestError(f"--date {day} is before the Closing Date {deal.closing_date}: a closing memorandum "
                           "records a closing that has taken place")
    deal = deal.as_of(day)
    rows = checklist(deal, {}, as_of=day)
    flow = funds(deal)
    memo = deal.memorandum
    counsel = next((c.name for c in deal.company.copies_to if c.name), None)
    prepared_by = memo.prepared_by or (counsel and f"{counsel}, counsel to the Company") or deal.company.name
    wires_shown = memo.distribution == "working-group" or memo.print_wire_instructions
    opened = () if flow is None else tuple(dict.fromkeys(
        p.path for f in (flow.net_proceeds, flow.paid_at_closing, flow.wires, flow.held_in_escrow) for p in f.open))
    opened = tuple(dict.fromkeys(opened + warrant_facts(deal)))     # the Warrants' shares, where derived
    # the agenda dates each filing and period by its rule: one whose rule has no confirmed source is open
    opened += tuple(p for p in unconfirmed(deal) if p.startswith(("filings[", "periods[")) and p not in opened)
    context = {
        "day": day, "prepared_by": prepared_by, "parties": parties(deal),
        "documents": signed_documents(deal, day, collated), "collated": collated is not None,
        "conditions": [r for r in rows if r.kind == "condition"],
        "deliveries": [r for r in rows if r.kind == "delivery"],
        "third_party": [r for r in rows if r.kind == "third-party"],     # certificates, opinions, acknowledgments
        # what the closing still waits for (not the filings and periods after it, which are the agenda's)
        "pending": [r for r in rows if r.kind in CLOSING_KINDS and r.status in ("pending", "stale")],
        "funds": flow, "wires_shown": wires_shown, "agenda": agenda(deal, day),
        "deal": deal,
    }
    sections = cite([s for s in (deal.agreement.sections.purchase_price,
                                 deal.covenants.expense_reimbursement.section
                                 if deal.covenants.expense_reimbursement else None) if s])
    return [DocumentSpec(SLUG, TITLE, TEMPLATE, "closing", sections, context, day, relies_on=opened)]
