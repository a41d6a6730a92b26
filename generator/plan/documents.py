"""The documents closingdocs makes: which template, what title, where the files go, what figures."""
from __future__ import annotations

import datetime as dt
import hashlib

from ..compute import (
    CENTS_HALF_UP,
    FRACTION_RULE,
    LARGEST_REMAINDER,
    RESERVED_UP,
    SHARES_UP,
    breaches,
    closing_figures,
    damages,
    find_breach,
    position,
)
from ..compute.business_days import business_calendar, month_end
from ..compute.changes import changes_since_last_list
from ..compute.day_count import RULES as DAY_COUNT_RULES
from ..compute.expenses import expense_statement
from ..compute.figures import damages_to_date
from ..compute.interest import missed_interest
from ..compute.readings import statements
from ..compute.reserve import derived_from
from ..compute.rounding import COVERAGE_RULES
from ..compute.schedule import list_month
from ..compute.warrants import warrant_facts
from ..deal.citation import cite
from ..deal.model import Deal
from ..deal.provenance import unconfirmed
from ..errors import RequestError
from . import sets
from .signatures import FOOTER_LABEL, SignaturePage, signature_pages
from .spec import DocumentSpec

CLOSING_SET = (
    DocumentSpec("transfer-agent-instructions", "Irrevocable Transfer Agent Instructions",
                 "closing/transfer-agent-instructions.html.j2", "closing", ""),
    DocumentSpec("officers-certificate", "Officer's Certificate",
                 "closing/officers-certificate.html.j2", "closing", ""),
    DocumentSpec("secretarys-certificate", "Secretary's Certificate",
                 "closing/secretarys-certificate.html.j2", "closing", ""),
)

ROUNDING = {"shares_up": SHARES_UP, "cents_half_up": CENTS_HALF_UP, "largest_remainder": LARGEST_REMAINDER,
            "reserved_up": RESERVED_UP}


def _closing_sections(deal: Deal, slug: str) -> str:
    sections = deal.agreement.sections
    if slug == "transfer-agent-instructions":
        return cite([sections.legend, sections.transfer_agent_instructions, sections.transfer_agent_acknowledgment])
    return cite(certificate_sections(deal, slug))


def certificate_sections(deal: Deal, slug: str) -> list[str]:
    """What a certificate is delivered pursuant to, by purpose: the section that describes the certificates
    (``agreement.sections.certificates``, where there is one) and each condition of the closing that calls
    for this one (``closing.items`` naming it); without a checklist, ``agreement.sections.closing_conditions``."""
    sections = deal.agreement.sections
    if deal.closing is not None:
        conditions = [i.section for i in deal.closing.items if slug in i.documents]
    else:
        conditions = list(sections.closing_conditions)
    return list(dict.fromkeys([*([sections.certificates] if sections.certificates else []), *conditions]))


def closing_documents(deal: Deal) -> list[DocumentSpec]:
    figures = closing_figures(deal)
    # the Transfer Agent Instructions state the Reserved Amount, derived from the Conversion Price
    # and the Warrants each Buyer holds, derived from the coverage where the agreement states one
    relies = {"transfer-agent-instructions": tuple(dict.fromkeys(
        derived_from(deal, deal.closing_date, price=True) + warrant_facts(deal)))}
    specs = [DocumentSpec(s.slug, s.title, s.template, s.folder, _closing_sections(deal, s.slug),
                          {"figures": figures, "position": position(deal, deal.closing_date),
                           "coverage_rules": COVERAGE_RULES}, deal.closing_date,
                          relies_on=relies.get(s.slug, ()))
             for s in CLOSING_SET]
    return specs + (press_release_documents(deal) if deal.covenants.publicity else []) + signature_page_documents(deal)


SIGNATURE_PAGES = "closing/signature-pages"


def signature_page_documents(deal: Deal) -> list[DocumentSpec]:
    """A captioned page for each signer of each document signed at closing (``plan.signatures``), as its own
    PDF and DOCX under ``closing/signature-pages/``: its caption and identifier at the foot of the page."""
    return [signature_page_spec(deal, page) for page in signature_pages(deal)]


def signature_page_spec(deal: Deal, page: SignaturePage) -> DocumentSpec:
    return DocumentSpec(page.slug, page.caption.strip("[]"), "closing/signature-page.html.j2", SIGNATURE_PAGES, "",
                        {"signature_page": page, "signer": page.facts,
                         "anchors": {a.field: a.text for a in page.anchors}},
                        deal.closing_date, footer=(page.caption, f"{FOOTER_LABEL} {page.id}"))


def reserve_list_documents(deal: Deal, month: str, changes: bool = False) -> list[DocumentSpec]:
    """One list per Buyer and a Company summary for ``month``; with ``changes``, each says what moved since
    the last list and why. Each is built from the deal as it stood at the month end (``Deal.as_of``): a list
    delivered and certified as of that day never changes when later events are recorded."""
    as_of = month_end(month)
    deal = deal.as_of(as_of)
    owed = list_month(deal, month)
    context = {"deal": deal, "position": position(deal, as_of), "list": owed,
               "changes": changes_since_last_list(deal, month) if changes else None,
               "calendar": business_calendar(deal), "rounding": ROUNDING, "day_count_rules": DAY_COUNT_RULES,
               "coverage_rules": COVERAGE_RULES,
               "damages_to_date": damages_to_date(deal, as_of),
               "missed_interest": [m for m in missed_interest(deal, as_of) if m.paid_on is None],
               "readings": statements(deal, "shortfall_before_approval", "conversions_before_approval",
                                      "allocation", "interest_shares_from", "as_of")}
    folder = sets.reserve_lists(month)
    relies = tuple(dict.fromkeys(derived_from(deal, as_of, price=True, interest=True) + warrant_facts(deal)))
    specs = [DocumentSpec(f"buyer-{b.id}", f"Monthly Reserve List for {b.name}", "reserve/buyer-list.html.j2",
                          folder, cite(deal.covenants.share_reserve.section), {**context, "buyer": b}, as_of,
                          relies_on=relies)
             for b in deal.buyers if b.id in owed.delivered]   # a list only to a Buyer owed one
    specs.append(DocumentSpec("summary", "Monthly Reserve List: Company Summary", "reserve/summary.html.j2",
                              folder, cite(deal.covenants.share_reserve.section), {**context, "working_copy": False},
                              as_of, relies_on=relies))
    # the summary's working copy: the same figures with the working notes (the readings of the agreement they
    # follow, where the details are, the facts still to be confirmed they come from); never certified or sent
    open_facts = [fact for path, fact in unconfirmed(deal).items() if path in relies]
    specs.append(DocumentSpec("summary-working-copy", "Monthly Reserve List: Company Summary (Working Copy)",
                              "reserve/summary.html.j2", folder, cite(deal.covenants.share_reserve.section),
                              {**context, "working_copy": True, "open_facts": open_facts}, as_of, working=True))
    return specs


def invoice_number(deal: Deal, kind: str, ref: str, buyer_id: str, dated) -> str:
    """A short, stable number: the same deal, breach (or expense invoice), Buyer and date always give the
    same one, e.g. LD-20030813-SDS-4F2A (the last part tells apart two matters of one Buyer and date)."""
    tag = hashlib.sha256(f"{deal.id}/{ref}".encode()).hexdigest()[:4].upper()
    return f"{kind}-{dated:%Y%m%d}-{buyer_id[:8].upper()}-{tag}"


def _dated(through: dt.date, dated: dt.date | None, document: str) -> dt.date:
    """The day a document counting through ``through`` bears: ``dated``, by default ``through``; never before it."""
    day = dated or through
    if through > day:
        raise RequestError(f"--through {through} is after the {document}'s date {day}: a document counts no day "
                           "after its own date")
    return day


def damages_invoice_documents(deal: Deal, breach_id: str, through, dated=None) -> list[DocumentSpec]:
    """One liquidated damages invoice per Buyer affected by the breach, counting damages through ``through``
    (that day included) and dated ``dated`` (default: ``through``; never before it), whose Conversion Price
    sets the share alternative. Built from the deal as it stood on its date (``Deal.as_of``)."""
    dated = _dated(through, dated, "invoice")
    deal = deal.as_of(dated)
    breach = find_breach(deal, breach_id, dated)
    if breach is None or breach.start > through:
        known = ", ".join(b.id for b in breaches(deal, through)) or "none"
        raise RequestError(f"no breach '{breach_id}' has begun by {through}; breaches: {known}")
    specs = []
    for buyer_id in breach.buyers:
        figures = damages(deal, breach, buyer_id, through + dt.timedelta(days=1), priced_on=dated)
        if not figures.lines:
            continue
        buyer = deal.buyer(buyer_id)
        number = invoice_number(deal, "LD", breach.id, buyer_id, dated)
        specs.append(DocumentSpec(
            f"{breach.id}-{buyer_id}", f"Invoice {number}", "invoices/damages.html.j2", "invoices",
            breach.section,
            {"deal": deal, "buyer": buyer, "breach": breach, "damages": figures, "number": number,
             "fraction_rule": FRACTION_RULE, "rounding": ROUNDING, "day_count_rules": DAY_COUNT_RULES,
             "invoice_date": dated}, dated,
            author=buyer.name, relies_on=derived_from(deal, dated, price=True)))   # the share alternative
    return specs


def expense_invoice_documents(deal: Deal, invoice_id: str, through, dated=None) -> list[DocumentSpec]:
    """The Buyer's expense invoice with interest on late reimbursement (SPA s.4(f)), counting interest through
    ``through`` (that day included) and dated ``dated`` (default: ``through``; never before it). Built from
    the deal as it stood on its date (``Deal.as_of``)."""
    covenant = deal.covenants.expense_reimbursement
    if covenant is None:
        raise RequestError("the deal has no expense reimbursement covenant (covenants.expense_reimbursement)")
    invoice = next((e for e in deal.events("expense_invoice") if e.id == invoice_id), None)
    if invoice is None:
        known = ", ".join(e.id for e in deal.events("expense_invoice")) or "none"
        raise RequestError(f"no expense invoice '{invoice_id}' in the ledger; invoices: {known}")
    if through < invoice.date:
        raise RequestError(f"--through {through} is before the expense invoice '{invoice_id}' was submitted on "
                           f"{invoice.date}; give a date on or after it")
    invoice_date = _dated(through, dated, "statement")
    deal = deal.as_of(invoice_date)
    statement = expense_statement(deal, invoice_id, through)
    assert statement is not None   # the invoice is in the ledger (checked above) and so in the deal as of its date
    number = invoice_number(deal, "EXP", invoice_id, statement.buyer_id, invoice_date)
    buyer = deal.buyer(statement.buyer_id)
    return [DocumentSpec(
        f"expenses-{invoice_id}", f"Invoice {number}", "invoices/expenses.html.j2", "invoices", cite(covenant.section),
        {"deal": deal, "buyer": buyer, "statement": statement, "number": number, "invoice_date": invoice_date,
         "calendar": business_calendar(deal), "rounding": ROUNDING,
         "readings": statements(deal, "expense_interest")}, invoice_date, author=buyer.name)]


def press_release_documents(deal: Deal) -> list[DocumentSpec]:
    """The closing press release (``covenants.publicity``), due its business days after closing, and its
    cover note for the working group (due date, the Buyers' review, who is named): the release holds only
    the release."""
    publicity, press_release = deal.covenants.publicity, deal.press_release
    assert publicity is not None and press_release is not None, "validated: a publicity covenant has its release"
    due = business_calendar(deal).add_business_days(deal.closing_date, publicity.business_days)
    release = press_release.release_date or due
    sections = cite([*publicity.sections, deal.agreement.sections.buyers_review])
    context = {"due": due, "release_date": release, "calendar": business_calendar(deal)}
    return [DocumentSpec("press-release", "Press Release", "closing/press-release.html.j2", "closing", sections,
                         context, release, public=True, relies_on=warrant_facts(deal)),   # the Warrants' shares
            DocumentSpec("press-release-cover", "Press Release: Cover Note", "closing/press-release-cover.html.j2",
                         "closing", sections, context, release, working=True)]   # read on the release date
