"""Closing figures checked against the agreement's own numbers."""
from decimal import Decimal

from generator.compute import closing_figures
from generator.deal.validate import validate

from ..conftest import AMNIS
from ..deals import validated


def test_closing_totals_match_section_1a():
    figures = closing_figures(validated(AMNIS, validate))
    # s.1(a): $1,000,000 of Debentures and Warrants for 5,000,000 shares
    assert figures.aggregate_principal == Decimal("1000000")
    assert figures.aggregate_warrants == 5_000_000
    # signature pages: SDS $500,000 / 2,500,000; Alpha $350,000 / 1,750,000; Bristol $150,000 / 750,000
    assert [(a.buyer.id, a.principal, a.warrants) for a in figures.allocations] == [
        ("sds", Decimal("500000"), 2_500_000), ("alpha", Decimal("350000"), 1_750_000),
        ("bristol", Decimal("150000"), 750_000)]
    assert [a.principal_share for a in figures.allocations] == [Decimal("0.5"), Decimal("0.35"), Decimal("0.15")]


def test_capitalization_headroom_is_twenty_million_shares():
    figures = closing_figures(validated(AMNIS, validate))
    # s.3(c): 400,000,000 authorized - 107,941,654 outstanding - 2,123,845 option plans
    #         - 17,619,450 option agreements - 252,315,051 financing reserves = 20,000,000
    assert figures.common_committed == 107_941_654 + 2_123_845 + 17_619_450 + 252_315_051 == 380_000_000
    assert figures.common_headroom == 20_000_000
