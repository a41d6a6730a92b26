"""When the monthly list obligation starts (covenants.share_reserve.lists_start): the closing's month, or
the first full calendar month after the closing. The case: the second deal moved to close on Wednesday
July 31, 2024, the last day of a month, with its first list (for August 2024) delivered September 9."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.compute.breaches import breaches
from generator.compute.changes import changes_since_last_list
from generator.compute.deadlines import deadlines
from generator.compute.figures import figures
from generator.compute.schedule import is_list_month, list_months
from generator.deal.load import load
from generator.deal.validate import validate
from generator.due import DueReport, report_late
from generator.errors import DealDataError

from ..conftest import ROOT

D = dt.date
SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def closing_july_31(lists_start=None) -> str:
    """The second deal's text with every date of the closing a month earlier: closing July 31, 2024."""
    text = SIERRA.read_text().replace("2024-08-30", "2024-07-31")
    for day in range(20, 30):
        text = text.replace(f"2024-08-{day}", f"2024-07-{day}")
    return _starting(text, lists_start) if lists_start else text


def _closing_july_31(tmp_path, lists_start=None, extra=""):
    path = tmp_path / "deal.yaml"
    path.write_text(closing_july_31(lists_start) + extra)
    return validate(load(path))


def _starting(text, lists_start):
    return re.sub(r"^(    shortfall_cure_days: .*)$", rf"\1\n    lists_start: {lists_start}", text, count=1, flags=re.M)


def test_by_default_the_closing_month_owes_a_list_a_one_day_month_included(tmp_path):
    deal = _closing_july_31(tmp_path)
    assert deal.first_list_month == "2024-07"
    assert [m.month for m in list_months(deal, ended_before=D(2024, 9, 1))] == ["2024-07", "2024-08"]
    # nothing records a list for July: it is a breach, as the agreement read this way says
    assert "list-2024-07" in {b.id for b in breaches(deal, D(2024, 10, 31))}


def test_from_the_first_full_month_no_list_is_owed_for_the_closing_month(tmp_path):
    deal = _closing_july_31(tmp_path, "first-full-month")
    assert deal.first_list_month == "2024-08"
    assert not is_list_month(deal, "2024-07") and is_list_month(deal, "2024-08")
    owed = list_months(deal, ended_before=D(2024, 11, 1))
    assert [m.month for m in owed] == ["2024-08", "2024-09", "2024-10"]
    # 10 business days after Saturday August 31 (Monday September 2 is Labor Day): September 3-6, 9-13, 16
    assert owed[0].as_of == D(2024, 8, 31) and owed[0].due == D(2024, 9, 16)
    assert owed[0].undelivered == []                                            # delivered September 9
    # no breach, no damages, no calendar entry and no figure for July
    assert not [b for b in breaches(deal, D(2024, 12, 31)) if b.id == "list-2024-07"]
    report = figures(deal, D(2024, 10, 31))
    assert [m["month"] for m in report["reserve_lists"]] == ["2024-08", "2024-09", "2024-10"]
    assert report["liquidated_damages"] == []
    keys = {d.key for d in deadlines(deal)}
    assert "list-2024-08" in keys and "list-2024-07" not in keys
    # due: nothing overdue (not the phantom July list)
    late = DueReport()
    report_late(late, deal, D(2024, 10, 31))
    assert late.overdue == []
    # the first list has nothing before it to compare with
    assert changes_since_last_list(deal, "2024-08") is None
    assert changes_since_last_list(deal, "2024-09") is not None


def test_a_closing_mid_month_starts_with_the_next_month_too(tmp_path):
    # the deal as it is records a list for August 2024, the closing's month: not owed when lists start in September
    text = _starting(SIERRA.read_text(), "first-full-month").replace(
        "  - {date: 2024-09-09, event: list_delivered, month: 2024-08}\n", "")
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    deal = validate(load(path))           # closes Friday August 30, 2024: the first full month is September
    assert deal.first_list_month == "2024-09"
    assert list_months(deal, ended_before=D(2024, 10, 1))[0].month == "2024-09"


def test_a_list_recorded_for_a_month_before_the_first_is_refused(tmp_path):
    extra = "  - {date: 2024-08-05, event: list_delivered, month: 2024-07}\n"
    with pytest.raises(DealDataError) as info:
        _closing_july_31(tmp_path, "first-full-month", extra)
    assert "no list is owed for 2024-07, a month before the first full calendar month after the closing" \
        in info.value.report()
    assert ".yaml:" in info.value.report()


def test_an_unknown_start_is_refused_with_the_values_allowed(tmp_path):
    with pytest.raises(DealDataError) as info:
        _closing_july_31(tmp_path, "next-month")
    assert "covenants.share_reserve.lists_start" in info.value.report()
    assert "expected 'closing-month' or 'first-full-month', got 'next-month'" in info.value.report()
