"""The documents closingdocs makes: which template, what title, where the files go, what figures."""
from __future__ import annotations

from .calendar import month_end
from .compute import CENTS_HALF_UP, LARGEST_REMAINDER, SHARES_UP, closing_figures, position
from .model import Deal
from .schedule import business_calendar, list_month
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
                         deal.closing_date) for s in CLOSING_SET]


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
