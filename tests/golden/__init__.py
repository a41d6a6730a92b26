"""Golden plain text of the documents closingdocs renders, one file each in this folder.

``python -m tests.golden`` rewrites them after a deliberate change of wording or figures;
``tests/test_golden.py`` compares each, byte for byte, with what is rendered now.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.compute.validate import validate
from generator.deal.load import load
from generator.plan.documents import (
    SIGNATURE_PAGES,
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from generator.plan.memorandum import closing_memorandum_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

HERE = Path(__file__).parent
DEALS = HERE.parent.parent / "deal_data"
AMNIS = DEALS / "amnis-2003.yaml"
EXAMPLE = DEALS / "examples" / "amnis-2003-example.yaml"

# the example deal's documents as drafts: its lists rely on Debenture terms still to be confirmed (the
# day count, interest payment dates and maturity come from Exhibit A, which the deal file does not hold),
# so a final list is refused
RESERVE_MONTH = "2003-08"
RESERVE_SLUGS = ("buyer-sds", "summary", "summary-working-copy")
DAMAGES_BREACH, DAMAGES_BUYER = "list-2003-07", "sds"
DAMAGES_THROUGH = dt.date(2003, 8, 12)   # the cure day, counted: the list delivered August 12 (the default)
EXPENSE_INVOICE, EXPENSE_THROUGH = "sds-closing-costs", dt.date(2003, 7, 1)

# the second example deal (another shape of the family): its closing set, a month of lists and both invoices
SIERRA = DEALS / "examples" / "sierra-lumen-2024.yaml"
SIERRA_MONTH = "2024-11"
SIERRA_BREACH, SIERRA_THROUGH = "list-2024-12", dt.date(2025, 1, 23)      # the late list, through its delivery day
SIERRA_EXPENSES, SIERRA_EXPENSES_THROUGH = "brevent-closing-costs", dt.date(2024, 10, 15)


def golden_texts() -> dict[str, str]:
    """File name -> the plain text it holds."""
    renderer = Renderer(search_path([]))
    texts: dict[str, str] = {}

    def add(name: str, doc) -> None:
        texts[name] = plain_text(doc.blocks) + "\n"

    def add_closing(prefix: str, docs) -> None:
        """The closing set's documents a file each; its signature pages in one file, each page with its
        file name and the lines at its foot (caption and page identifier)."""
        pages = []
        for doc in docs:
            if doc.spec.folder == SIGNATURE_PAGES:
                pages.append(f"=== {doc.spec.slug}\n{plain_text(doc.blocks)}\n--- foot\n" + "\n".join(doc.spec.footer))
            else:
                add(f"{prefix}{doc.spec.slug}.txt", doc)
        texts[f"{prefix}signature-pages.txt"] = "\n".join(pages) + "\n"

    deal = validate(load(AMNIS))
    add_closing("", render_all(renderer, closing_documents(deal), deal, draft=True))
    (memo,) = render_all(renderer, closing_memorandum_documents(deal), deal, draft=True)
    add("closing-memorandum.txt", memo)

    example = validate(load(EXAMPLE))
    for doc in render_all(renderer, reserve_list_documents(example, RESERVE_MONTH), example, draft=True):
        if doc.spec.slug in RESERVE_SLUGS:
            add(f"reserve-list-{RESERVE_MONTH}-{doc.spec.slug}.txt", doc)
    damages = render_all(renderer, damages_invoice_documents(example, DAMAGES_BREACH, DAMAGES_THROUGH), example,
                         draft=True)
    add(f"invoice-{DAMAGES_BREACH}-{DAMAGES_BUYER}.txt",
        next(d for d in damages if d.spec.slug == f"{DAMAGES_BREACH}-{DAMAGES_BUYER}"))
    (expenses,) = render_all(renderer, expense_invoice_documents(example, EXPENSE_INVOICE, EXPENSE_THROUGH), example,
                             draft=True)
    add(f"invoice-expenses-{EXPENSE_INVOICE}-{EXPENSE_THROUGH:%Y-%m-%d}.txt", expenses)
    (memo,) = render_all(renderer, closing_memorandum_documents(example), example, draft=True)
    add("example-closing-memorandum.txt", memo)

    sierra = validate(load(SIERRA))
    add_closing("sierra-", render_all(renderer, closing_documents(sierra), sierra, draft=False))
    for doc in render_all(renderer, reserve_list_documents(sierra, SIERRA_MONTH), sierra, draft=False):
        if doc.spec.slug in ("buyer-brevent", "summary", "summary-working-copy"):
            add(f"sierra-reserve-list-{SIERRA_MONTH}-{doc.spec.slug}.txt", doc)
    for doc in render_all(renderer, damages_invoice_documents(sierra, SIERRA_BREACH, SIERRA_THROUGH), sierra,
                          draft=False):
        if doc.spec.slug.endswith("-muller"):
            add(f"sierra-invoice-{doc.spec.slug}.txt", doc)
    (expenses,) = render_all(renderer, expense_invoice_documents(sierra, SIERRA_EXPENSES, SIERRA_EXPENSES_THROUGH),
                             sierra, draft=False)
    add(f"sierra-invoice-expenses-{SIERRA_EXPENSES}.txt", expenses)
    (memo,) = render_all(renderer, closing_memorandum_documents(sierra), sierra, draft=False)
    add("sierra-closing-memorandum.txt", memo)
    return texts
