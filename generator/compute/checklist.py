"""The closing checklist: every condition and deliverable of the closing (``closing.items``), where each
stands (``closing.deliveries``), the files closingdocs makes for it and their facts still to be confirmed.
Who signs what is the plan's (``plan.signatures``)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import cite
from ..deal.load import Pending
from ..deal.model import Deal


@dataclass(frozen=True)
class ChecklistRow:
    id: str
    section: str                   # "Section 7(d)"
    kind: str                      # condition or delivery
    title: str
    by: str                        # who delivers it ("" for a state of affairs)
    to: str
    status: str                    # pending, received (a deliverable), satisfied (a condition), waived
    date: dt.date | None
    note: str
    files: tuple[str, ...]         # closing/officers-certificate.pdf, ...
    open_facts: tuple[str, ...]    # "line 53: company.officers[1].name: name of the Company's Secretary"


def party(deal: Deal, role: str | None) -> str:
    if role is None:
        return ""
    if role == "company":
        return deal.company.name
    if role == "buyers":
        return "each Buyer"
    if role == "transfer-agent":
        name = deal.transfer_agent.name
        return "the transfer agent" if isinstance(name, Pending) else f"{name} (transfer agent)"
    if role == "company-counsel":
        counsel = next((c.name for c in deal.company.copies_to if c.name), None)
        return f"{counsel} (the Company's counsel)" if counsel else "the Company's counsel"
    return "the Buyers' counsel"


def status_date(deal: Deal) -> dt.date:
    """The day the checklist speaks as of: the last day a delivery is recorded (the Closing Date at the least)."""
    recorded = [d.date for d in deal.closing.deliveries if d.date is not None] if deal.closing else []
    return max([deal.closing_date, *recorded])


def checklist(deal: Deal, made: dict[str, tuple[Pending, ...]], as_of: dt.date | None = None) -> list[ChecklistRow]:
    """One row per item, where it stood at the end of ``as_of`` (``Deal.as_of``; default: ``status_date``);
    ``made`` maps each document slug made in this build to the facts still TBC it prints."""
    if deal.closing is None:
        return []
    closing = deal.as_of(as_of or status_date(deal)).closing
    assert closing is not None   # a closing as of any day is the closing, its later deliveries pending
    status = {d.item: d for d in closing.deliveries}
    rows = []
    for item in closing.items:
        delivery = status.get(item.id)
        slugs = [s for s in item.documents if s in made]
        facts = tuple(dict.fromkeys(f"line {p.line}: {p.path}: {p.note}" for s in slugs for p in made[s]))
        rows.append(ChecklistRow(
            item.id, cite(item.section), item.kind, item.title, party(deal, item.by), party(deal, item.to),
            status_word(item.kind, delivery.status) if delivery else "pending", delivery.date if delivery else None,
            (delivery.note or "") if delivery else "",
            tuple(f"closing/{s}.{fmt}" for s in slugs for fmt in ("pdf", "docx")), facts))
    return rows


def status_word(kind: str, recorded: str) -> str:
    """A condition is satisfied (or waived), a deliverable received (or waived): what the deal file records for
    a condition as received (what it calls for came in) the checklist says is satisfied."""
    if kind == "condition" and recorded == "received":
        return "satisfied"
    return recorded


def still_pending(rows: list[ChecklistRow]) -> list[ChecklistRow]:
    return [r for r in rows if r.status == "pending"]
