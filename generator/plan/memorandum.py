"""The closing memorandum: the record of the closing the working group circulates and then files, dated, built
from the deal as it stood that day (``Deal.as_of``): the parties, the documents and who signed each, the
conditions satisfied or waived, the deliveries, the funds flow with its totals, the wire instructions (where
its distribution allows) and the post-closing agenda."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..compute.agenda import agenda
from ..compute.checklist import checklist, signatories
from ..compute.funds_flow import funds
from ..deal.citation import cite
from ..deal.model import Deal
from ..errors import RequestError
from .documents import closing_documents
from .spec import DocumentSpec

SLUG = "closing-memorandum"
TITLE = "Closing Memorandum"
TEMPLATE = "closing/closing-memorandum.html.j2"


@dataclass(frozen=True)
class Party:
    name: object                   # the name, or a fact still to be confirmed (printed [●])
    role: str                      # "the Company (issuer)", "Buyer"
    signer: object                 # who signs for it (a name, a fact to be confirmed, or None: an authorized signatory)
    title: object = None           # the signer's title
    through: str = ""              # ", by X, its general partner"


@dataclass(frozen=True)
class Signer:
    name: object                   # a name, or a fact still to be confirmed
    capacity: object               # title and entity, or the entity


@dataclass(frozen=True)
class SignedDocument:
    slug: str
    title: str
    signers: tuple[Signer, ...]
    status: str                    # delivered, pending, waived
    date: dt.date | None


def memorandum_date(deal: Deal) -> dt.date:
    """The day the closing's record is complete: the last day a closing delivery or a wire is recorded (the
    Closing Date at the least)."""
    days = [deal.closing_date]
    if deal.closing is not None:
        days += [d.date for d in deal.closing.deliveries if d.date is not None]
    if deal.funds_flow is not None:
        days += [w.received for w in deal.funds_flow.wires if w.received is not None]
    return max(days)


def parties(deal: Deal) -> list[Party]:
    """The parties to the closing, each with its role and who signs for it."""
    ceo = deal.chief_executive_officer
    out = [Party(deal.company.name, "the Company (issuer)", ceo.name, ceo.title)]
    for buyer in deal.buyers:
        signatory = buyer.signatory
        through = "".join(f", by {e.name}, {e.capacity}" for e in signatory.through)
        out.append(Party(buyer.name, "Buyer", signatory.name, signatory.title, through))
    out.append(Party(deal.transfer_agent.name, "transfer agent", None))
    flow = deal.funds_flow
    if flow is not None and flow.wired_to == "escrow":
        out.append(Party(flow.escrow_agent, "escrow agent" + (f" ({flow.escrow_agreement})"
                                                              if flow.escrow_agreement else ""), None))
    return out


def _signers(deal: Deal, slug: str, roles: list[str]) -> tuple[Signer, ...]:
    """Who signs a document of the closing set, by role (``compute.checklist.SIGNERS``), as the deal has them."""
    out = []
    for role in roles:
        if role in ("chief-executive-officer", "secretary"):
            officer = deal.chief_executive_officer if role == "chief-executive-officer" else deal.secretary
            out.append(Signer(officer.name, f"{officer.title}, {deal.company.name}"))
        elif role == "transfer-agent":
            out.append(Signer("an authorized signatory", deal.transfer_agent.name))
    return tuple(out)


def signed_documents(deal: Deal, made: dict[str, str], day: dt.date) -> list[SignedDocument]:
    """The documents of the closing set (``made``: slug -> title), who signs each, and where each stands on
    ``day``: delivered when every closing item that calls for it is received or satisfied."""
    rows = checklist(deal, {}, as_of=day)
    people = {p.role: p for p in signatories(deal, list(made))}
    out = []
    for slug, title in made.items():
        items = [r for r in rows if any(f.startswith(f"closing/{slug}.") for f in r.files)] or \
            [r for r in rows if deal.closing and any(slug in i.documents for i in deal.closing.items if i.id == r.id)]
        statuses = {r.status for r in items}
        if not items or "pending" in statuses:
            status, date = "pending", None
        elif statuses == {"waived"}:
            status, date = "waived", max(r.date for r in items if r.date)
        else:
            status, date = "delivered", max(r.date for r in items if r.date)
        roles = [role for role, p in people.items() if slug in p.documents]
        out.append(SignedDocument(slug, title, _signers(deal, slug, roles), status, date))
    return out


def closing_memorandum_documents(deal: Deal, dated: dt.date | None = None) -> list[DocumentSpec]:
    """The closing memorandum dated ``dated`` (default: ``memorandum_date``), built from the deal as it stood at
    the end of that day; it lists the closing set's documents that are signed and delivered (not the press
    release, a public statement, nor a working note)."""
    made = {s.slug: s.title for s in closing_documents(deal) if not s.working and not s.public}
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
    context = {
        "day": day, "prepared_by": prepared_by, "parties": parties(deal),
        "documents": signed_documents(deal, made, day),
        "conditions": [r for r in rows if r.kind == "condition"],
        "deliveries": [r for r in rows if r.kind == "delivery"],
        "pending": [r for r in rows if r.status == "pending"],
        "funds": flow, "wires_shown": wires_shown, "agenda": agenda(deal, day),
        "deal": deal,
    }
    sections = cite([s for s in (deal.agreement.sections.purchase_price,
                                 deal.covenants.expense_reimbursement.section
                                 if deal.covenants.expense_reimbursement else None) if s])
    return [DocumentSpec(SLUG, TITLE, TEMPLATE, "closing", sections, context, day, relies_on=opened)]
