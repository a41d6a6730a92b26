import datetime as dt

from generator.compute.schedule import is_list_month, list_due_date, list_months
from generator.deal.load import load
from generator.deal.validate import validate

from .conftest import AMNIS, EXAMPLE

D = dt.date


def test_lists_are_owed_for_each_month_end_from_the_closing():
    deal = validate(load(AMNIS))
    months = list_months(deal, ended_before=D(2003, 9, 10))
    assert [(m.month, m.as_of, m.due) for m in months] == [
        ("2003-05", D(2003, 5, 31), D(2003, 6, 6)),
        ("2003-06", D(2003, 6, 30), D(2003, 7, 8)),
        ("2003-07", D(2003, 7, 31), D(2003, 8, 7)),
        ("2003-08", D(2003, 8, 31), D(2003, 9, 8)),
    ]
    assert list_months(deal, ended_before=D(2003, 5, 31)) == []   # May has not ended on May 31
    assert not is_list_month(deal, "2003-04") and is_list_month(deal, "2003-05")


def test_deliveries_recorded_in_the_ledger():
    deal = validate(load(EXAMPLE))
    months = {m.month: m for m in list_months(deal, ended_before=D(2003, 9, 10))}
    assert months["2003-05"].undelivered == []
    assert months["2003-07"].late_deliveries() == {b: D(2003, 8, 12) for b in ("sds", "alpha", "bristol")}
    assert months["2003-08"].undelivered == ["sds", "alpha", "bristol"]


def test_a_deal_may_count_on_the_nyse_calendar_instead(tmp_path):
    # March 31, 2010 (Wed): Good Friday, April 2, closes the NYSE but not the banks
    assert list_due_date(validate(load(AMNIS)), "2010-03") == D(2010, 4, 7)
    text = AMNIS.read_text().replace("  name: XFED ", "  name: XNYS ")
    path = tmp_path / "d.yaml"
    path.write_text(text)
    assert list_due_date(validate(load(path)), "2010-03") == D(2010, 4, 8)


def test_nothing_is_listed_owed_or_scheduled_for_a_buyer_with_nothing_outstanding():
    from generator.compute.figures import figures
    from generator.compute.schedule import owed_to
    from generator.plan.documents import reserve_list_documents

    from .conftest import ROOT
    sierra = validate(load(ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"))
    # Harbor Point converted its whole $500,000 on November 15, 2024: no list is owed to it from November on,
    # so none is made and its late December list is no breach for it
    assert owed_to(sierra, D(2024, 10, 31)) == ["brevent", "muller", "harbor", "pena"]
    assert owed_to(sierra, D(2024, 11, 30)) == ["brevent", "muller", "pena"]
    assert [s.slug for s in reserve_list_documents(sierra, "2024-11")] == [
        "buyer-brevent", "buyer-muller", "buyer-pena", "summary", "summary-working-copy"]
    late = next(b for b in figures(sierra, D(2025, 1, 31))["liquidated_damages"] if b["id"] == "list-2024-12")
    assert [b["buyer"] for b in late["buyers"]] == ["brevent", "muller", "pena"]
    # every Note was repaid on March 3, 2025: no list for March, and no next interest payment date after it
    assert [m.month for m in list_months(sierra, ended_before=D(2025, 12, 31))][-1] == "2025-02"
    assert not is_list_month(sierra, "2025-03")
    assert figures(sierra, D(2025, 3, 2))["next_interest_date"] is not None
    assert figures(sierra, D(2025, 3, 3))["next_interest_date"] is None
