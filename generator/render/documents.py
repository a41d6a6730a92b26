"""The documents closingdocs makes: which template, what title, where the files go, what figures."""
from __future__ import annotations

from ..compute import (
    CENTS_HALF_UP,
    FRACTION_RULE,
    LARGEST_REMAINDER,
    SHARES_UP,
    breaches,
    closing_figures,
    damages,
    find_breach,
    position,
)
from ..compute.business_days import month_end
from ..compute.expenses import expense_statement
from ..compute.schedule import business_calendar, list_month
from ..deal.model import Deal
from ..errors import RequestError
from .spec import DocumentSpec

CLOSING_SET = (
    DocumentSpec("transfer-agent-instructions", "Irrevocable Transfer Agent Instructions",
                 "closing/transfer-agent-instructions.html.j2", "closing", "Sections 2(g), 5 and 7(c)"),
    DocumentSpec("officers-certificate", "Officer's Certificate",
                 "closing/officers-certificate.html.j2", "closing", "Sections 3(c), 7(d) and 7(h)"),
    DocumentSpec("secretarys-certificate", "Secretary's Certificate",
                 "closing/secretarys-certificate.html.j2", "closing", "Sections 3(c), 7(d) and 7(h)"),
)

ROUNDING = {"shares_up": SHARES_UP, "cents_half_up": CENTS_HALF_UP, "largest_remainder": LARGEST_REMAINDER}


def closing_documents(deal: Deal) -> list[DocumentSpec]:
    figures = closing_figures(deal)
    return [DocumentSpec(s.slug, s.title, s.template, s.folder, s.section, {"figures": figures},
                         deal.closing_date) for s in CLOSING_SET] + [press_release_document(deal)]


def reserve_list_documents(deal: Deal, month: str) -> list[DocumentSpec]:
    """One list per Buyer and a Company summary for ``month`` (SPA s.4(h))."""
    as_of = month_end(month)
    context = {"position": position(deal, as_of), "list": list_month(deal, month),
               "calendar": business_calendar(deal), "rounding": ROUNDING}
    folder = f"reserve-lists/{month}"
    specs = [DocumentSpec(f"buyer-{b.id}", f"Monthly Reserve List for {b.name}", "reserve/buyer-list.html.j2",
                          folder, "Section 4(h)", {**context, "buyer": b}, as_of) for b in deal.buyers]
    specs.append(DocumentSpec("summary", "Monthly Reserve List: Company Summary", "reserve/summary.html.j2",
                              folder, "Section 4(h)", context, as_of))
    return specs


def invoice_number(deal: Deal, kind: str, ref: str, buyer_id: str, through) -> str:
    """A stable number: the same breach, Buyer and date always give the same invoice number."""
    return f"{deal.id}-{kind}-{ref}-{buyer_id}-{through:%Y%m%d}".upper()


def damages_invoice_documents(deal: Deal, breach_id: str, through) -> list[DocumentSpec]:
    """One Standard Liquidated Damages invoice per Buyer affected by the breach (SPA s.2(f))."""
    breach = find_breach(deal, breach_id, through)
    if breach is None:
        known = ", ".join(b.id for b in breaches(deal, through)) or "none"
        raise RequestError(f"no breach '{breach_id}' has begun by {through}; breaches: {known}")
    specs = []
    for buyer_id in breach.buyers:
        figures = damages(deal, breach, buyer_id, through)
        if not figures.lines:
            continue
        buyer = deal.buyer(buyer_id)
        number = invoice_number(deal, "LD", breach.id, buyer_id, figures.through)
        specs.append(DocumentSpec(
            f"{breach.id}-{buyer_id}", f"Invoice {number}", "invoices/damages.html.j2", "invoices",
            breach.section,
            {"buyer": buyer, "breach": breach, "damages": figures, "number": number,
             "fraction_rule": FRACTION_RULE, "rounding": ROUNDING}, figures.through, author=buyer.name))
    return specs


def expense_invoice_documents(deal: Deal, invoice_id: str, through) -> list[DocumentSpec]:
    """The Buyer's expense invoice with interest on late reimbursement (SPA s.4(f))."""
    statement = expense_statement(deal, invoice_id, through)
    if statement is None:
        known = ", ".join(e.id for e in deal.events("expense_invoice")) or "none"
        raise RequestError(f"no expense invoice '{invoice_id}' in the ledger; invoices: {known}")
    number = invoice_number(deal, "EXP", invoice_id, statement.buyer_id, through)
    return [DocumentSpec(
        f"expenses-{invoice_id}", f"Invoice {number}", "invoices/expenses.html.j2", "invoices", "Section 4(f)",
        {"buyer": deal.buyer(statement.buyer_id), "statement": statement, "number": number,
         "calendar": business_calendar(deal), "rounding": ROUNDING}, through,
        author=deal.buyer(statement.buyer_id).name)]


def press_release_document(deal: Deal) -> DocumentSpec:
    """The closing press release (SPA s.4(c), s.4(q), s.8(j)): due one business day after closing."""
    due = business_calendar(deal).add_business_days(deal.closing_date, deal.covenants.press_release_business_days)
    return DocumentSpec("press-release", "Press Release", "closing/press-release.html.j2", "closing",
                        "Sections 4(c), 4(q) and 8(j)", {"due": due, "calendar": business_calendar(deal)},
                        deal.closing_date, public=True)
