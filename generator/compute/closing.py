"""Stage 3, compute: every figure the documents print, derived from the deal before rendering."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..deal.model import Buyer, Deal


@dataclass(frozen=True)
class BuyerAllocation:
    buyer: Buyer
    principal: Decimal
    warrants: int
    principal_share: Decimal  # the buyer's fraction of the aggregate principal (exact)


@dataclass(frozen=True)
class ClosingFigures:
    """Totals and capitalization at closing (SPA s.1(a), s.3(c))."""

    aggregate_principal: Decimal
    aggregate_warrants: int
    allocations: tuple[BuyerAllocation, ...]
    common_committed: int       # outstanding + reserved for others
    common_headroom: int        # authorized less committed: what is free to reserve for the Buyers


def closing_figures(deal: Deal) -> ClosingFigures:
    cap = deal.capitalization
    principal = sum((deal.amount(b) for b in deal.buyers), Decimal(0))
    warrants = sum(b.warrants or 0 for b in deal.buyers)
    allocations = tuple(
        BuyerAllocation(b, deal.amount(b), b.warrants or 0, deal.amount(b) / principal if principal else Decimal(0))
        for b in deal.buyers)
    committed = cap.common_outstanding + sum(r.shares for r in cap.reserved)
    return ClosingFigures(principal, warrants, allocations, committed, cap.authorized_common - committed)
