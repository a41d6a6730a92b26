"""A financing's life ends: repayment, redemption, conversion and warrant expiry; past maturity, lists stop."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.compute import position
from generator.compute.breaches import breaches
from generator.compute.reserve import lifecycle
from generator.compute.schedule import list_months
from generator.deal.load import load
from generator.deal.validate import validate

from ..conftest import AMNIS, EXAMPLE, ROOT
from ..deals import validated

D = dt.date
SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _with_ledger(tmp_path, base, entries: str):
    """``base`` with ledger entries added, in a folder laid out as deal_data/ (an `extends:` still resolves)."""
    (tmp_path / "examples").mkdir(exist_ok=True)
    (tmp_path / AMNIS.name).write_text(AMNIS.read_text())
    path = tmp_path / ("examples" if base == EXAMPLE else ".") / "deal.yaml"
    path.write_text(base.read_text() + entries)
    return validate(load(path))


def test_past_maturity_with_nothing_recorded_stops_the_lists(tmp_path):
    deal = validated(AMNIS, validate)
    # the Debentures mature May 9, 2005; June 2005 starts after maturity with all principal unpaid
    assert lifecycle(deal, D(2005, 5, 9)).state == "outstanding"
    state = lifecycle(deal, D(2005, 6, 1))
    assert (state.state, state.since) == ("past-maturity", D(2005, 5, 10))
    months = list_months(deal, ended_before=D(2026, 11, 25))
    assert months[0].month == "2003-05" and months[-1].month == "2005-05" and len(months) == 25


def test_a_recorded_default_keeps_the_lists_going(tmp_path):
    deal = _with_ledger(tmp_path, AMNIS, "  - {date: 2005-05-20, event: default, basis: principal unpaid at maturity}\n")
    state = lifecycle(deal, D(2005, 7, 1))
    assert (state.state, state.since) == ("in-default", D(2005, 5, 20))
    assert list_months(deal, ended_before=D(2005, 9, 1))[-1].month == "2005-08"


def test_the_second_deal_ends_when_every_note_is_converted_or_repaid():
    deal = validated(SIERRA, validate)
    assert lifecycle(deal, D(2025, 3, 2)).state == "outstanding"
    state = lifecycle(deal, D(2025, 3, 3))
    assert (state.state, state.since) == ("ended", D(2025, 3, 3))
    # no list as of March 31, 2025, after the financing ended on March 3 (nothing is outstanding at that
    # month end); February's is the last
    assert list_months(deal, ended_before=D(2026, 1, 1))[-1].month == "2025-02"


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
@pytest.mark.slow
def test_due_stops_at_maturity_and_says_so(tmp_path, capsys):
    code = main(["due", str(AMNIS), "--today", "2026-11-25", "--output", str(tmp_path), "--jobs", "1", "--draft"])
    out, err = capsys.readouterr()
    built = sorted(p.name for p in (tmp_path / "amnis-2003" / "reserve-lists").iterdir())
    assert built[0] == "2003-05" and built[-1] == "2005-05" and len(built) == 25
    assert "PAST MATURITY amnis-2003: the Debentures matured on May 9, 2005" in err
    assert code == 6            # the lists never recorded as delivered are overdue, which outranks exit 8


def test_warrant_expiry_and_repayment_end_what_is_outstanding(tmp_path):
    deal = _with_ledger(tmp_path, EXAMPLE, """  - {date: 2004-01-05, event: warrant_expiry, buyer: bristol}
  - {date: 2004-01-06, event: repayment, buyer: bristol, principal: 150000}
""")
    before, after = position(deal, D(2004, 1, 4)), position(deal, D(2004, 1, 6))
    assert before.for_buyer("bristol").warrants_outstanding == 750_000
    b = after.for_buyer("bristol")
    assert (b.warrants_outstanding, b.outstanding_principal, b.reserved_amount) == (0, 0, 0)
    assert (b.principal_repaid, b.principal_converted) == (150000, 0)


def test_a_redemption_in_shares_issues_them(tmp_path):
    deal = _with_ledger(tmp_path, EXAMPLE, """  - date: 2004-02-02
    event: redemption
    buyer: bristol
    principal: 50000
    method: shares
    price: 0.005
    shares_issued: 10000000
""")
    before, after = position(deal, D(2004, 2, 1)), position(deal, D(2004, 2, 2))
    assert after.capital.common_outstanding - before.capital.common_outstanding == 10_000_000
    assert after.for_buyer("bristol").outstanding_principal == 100000


def test_a_deal_without_the_approval_covenant_has_no_approval_breaches_or_status():
    deal = validated(SIERRA, validate)
    assert position(deal, D(2024, 12, 31)).approval is None
    kinds = {b.id.split("-")[0] for b in breaches(deal, D(2026, 1, 1))}
    assert kinds == {"list"}            # only the late December 2024 list


def test_a_reserved_amount_of_one_and_a_half_times_counting_interest_shares():
    p = position(validated(SIERRA, validate), D(2024, 8, 30))
    # Brevent: $1,100,000 / $0.85 = 1,294,117.65 -> 1,294,118; a year of interest $110,000 / $0.85 =
    # 129,411.76 -> 129,412; 1.5 x 1,423,530 = 2,135,295
    assert p.for_buyer("brevent").reserved_amount == 2_135_295
    # Pena: 352,942 + 35,295 = 388,237; 1.5 x = 582,355.5, rounded up to 582,356
    assert p.for_buyer("pena").reserved_amount == 582_356
    # the aggregate on the aggregate principal: (2,823,530 + 282,353) x 1.5 = 4,658,824.5 -> 4,658,825
    assert p.aggregate_reserved_amount == 4_658_825
