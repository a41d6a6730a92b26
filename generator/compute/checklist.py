"""The closing checklist: every condition and deliverable of the closing (``closing.items``), where each
stands (``closing.deliveries``), the files closingdocs makes for it and their facts still to be confirmed.
Who signs what is the plan's (``plan.signatures``)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..deal.citation import cite, long_date
from ..deal.load import Pending
from ..deal.model import Deal, GoodStanding, LegalOpinion, ThirdPartyDeliverable
from .filings import filings


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
    due: dt.date | None = None     # when it is due (a third party's deliverable, a filing, a period's end)


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
    received = [t.received for t in deal.closing.third_party if t.received is not None] if deal.closing else []
    return max([deal.closing_date, *recorded, *received])


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
    return rows + [_third_party(deal, t) for t in closing.third_party]


def _third_party(deal: Deal, t: ThirdPartyDeliverable) -> ChecklistRow:
    """A third party's deliverable: received (on its date), pending, or stale (a good standing certificate dated
    outside its bring-down window before the Closing Date)."""
    dated = f", dated {long_date(t.dated)}" if t.dated else ""
    if isinstance(t, GoodStanding):
        title = f"certificate of good standing of {deal.company.name} in {t.jurisdiction}{dated}"
        by, to = t.issued_by, "each Buyer"
    elif isinstance(t, LegalOpinion):
        title = f"legal opinion of {t.counsel}, addressed to {t.addressed_to}{dated}"
        by, to = t.counsel, "each Buyer"
    else:
        title = f"the transfer agent's written acknowledgment of its irrevocable instructions{dated}"
        by, to = party(deal, "transfer-agent"), deal.company.name
    status = "received" if t.received is not None else "pending"
    notes = [t.note] if t.note else []
    flag = stale(deal, t)
    if flag:
        status = "stale"
        notes.insert(0, flag)
    return ChecklistRow(t.id, cite(t.section), "third-party", title, by, to, status, t.received, "; ".join(notes),
                        (), (), t.due)


def stale(deal: Deal, t: ThirdPartyDeliverable) -> str | None:
    """Why a good standing certificate cannot be delivered as it is: dated more than its bring-down window before
    the Closing Date, or after it (None when it can, or is not yet dated)."""
    if not isinstance(t, GoodStanding) or t.dated is None:
        return None
    before = (deal.closing_date - t.dated).days
    if before > t.bring_down_days:
        return (f"dated {long_date(t.dated)}, {before} days before the Closing Date, outside its bring-down window of "
                f"{t.bring_down_days} days: bring it down or obtain a new certificate")
    if before < 0:
        return f"dated {long_date(t.dated)}, after the Closing Date, {long_date(deal.closing_date)}"
    return None


def after_closing(deal: Deal, as_of: dt.date | None = None) -> list[ChecklistRow]:
    """The filings and period ends after the closing (``compute/filings.py``) as checklist rows, each with its due
    date and status as the deal data stood at the end of ``as_of``."""
    out = []
    for f in filings(deal, as_of):
        to = {"form-d": "the SEC", "form-8-k": "the SEC", "form-d-copy": "each Buyer"}.get(f.kind, "")
        out.append(ChecklistRow(f.key, f.section or f.source, f.kind, f.title, f.by if to else "", to, f.status,
                                None, f.rule, (), (), f.date))
    return out


def status_word(kind: str, recorded: str) -> str:
    """A condition is satisfied (or waived), a deliverable received (or waived): what the deal file records for
    a condition as received (what it calls for came in) the checklist says is satisfied."""
    if kind == "condition" and recorded == "received":
        return "satisfied"
    return recorded


def still_pending(rows: list[ChecklistRow]) -> list[ChecklistRow]:
    """The rows the closing still waits for: pending, or delivered stale (a good standing outside its window)."""
    return [r for r in rows if r.status in ("pending", "stale")]
