"""Payment dates from a schedule: frequency or months, the day, and the business-day convention
(2006 ISDA Definitions s.4.12), on the deal's calendar (Federal Reserve holidays by default); each date
worked by hand from a calendar."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.compute.business_days import BusinessCalendar
from generator.compute.interest import accrued_interest, interest_schedule, missed_interest, next_interest_date
from generator.compute.payment_dates import payment_dates, roll
from generator.compute.validate import validate as validate_all
from generator.deal.load import load
from generator.deal.model import PaymentSchedule
from generator.errors import DealDataError

from ..conftest import ROOT, mutate
from .test_interest import _sierra

D = dt.date
XFED = BusinessCalendar("XFED")


@pytest.mark.parametrize("day, convention, moved", [
    (D(2025, 6, 15), "none", D(2025, 6, 15)),                  # a Sunday, kept
    (D(2025, 6, 15), "following", D(2025, 6, 16)),             # Sunday -> Monday
    (D(2025, 6, 15), "modified-following", D(2025, 6, 16)),    # Monday is still in June
    (D(2025, 1, 1), "following", D(2025, 1, 2)),               # New Year's Day -> Thursday
    # Sunday August 31, 2025: Monday September 1 is Labor Day, so following is Tuesday September 2, in the next
    # month; modified following goes back to Friday August 29
    (D(2025, 8, 31), "following", D(2025, 9, 2)),
    (D(2025, 8, 31), "modified-following", D(2025, 8, 29)),
    (D(2024, 11, 30), "modified-following", D(2024, 11, 29)),  # Saturday; the Friday after Thanksgiving is open
    (D(2025, 6, 13), "following", D(2025, 6, 13)),             # a business day never moves
])
def test_roll(day, convention, moved):
    assert roll(day, convention, XFED) == moved


def test_a_frequency_counts_from_the_first_dates_month():
    quarterly = PaymentSchedule(first=D(2024, 11, 15), frequency="quarterly", day=15)
    assert quarterly.payment_months == [2, 5, 8, 11]
    semi = PaymentSchedule(first=D(2025, 2, 28), frequency="semi-annual")
    assert semi.payment_months == [2, 8]
    assert PaymentSchedule(first=D(2025, 7, 1), frequency="annual", day=1).payment_months == [7]
    assert PaymentSchedule(first=D(2025, 7, 1), frequency="monthly", day=1).payment_months == list(range(1, 13))


def test_semi_annual_month_end_with_modified_following():
    schedule = PaymentSchedule(first=D(2025, 2, 28), frequency="semi-annual", business_day="modified-following")
    dates = payment_dates(schedule, D(2026, 8, 31), XFED)
    # Friday Feb 28, 2025; Sunday Aug 31, 2025 -> Friday Aug 29 (Sep 1 is Labor Day, Sep 2 is in September);
    # Saturday Feb 28, 2026 -> Friday Feb 27; the maturity date, Monday Aug 31, 2026, as it is
    assert [(p.scheduled, p.due) for p in dates] == [
        (D(2025, 2, 28), D(2025, 2, 28)), (D(2025, 8, 31), D(2025, 8, 29)),
        (D(2026, 2, 28), D(2026, 2, 27)), (D(2026, 8, 31), D(2026, 8, 31))]
    assert all(p.accrual_end == p.scheduled for p in dates)       # unadjusted accrual by default


SIERRA_15TH = ("      first: 2024-10-01\n      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n      day: first-business-day",
               "      first: 2024-10-15\n      frequency: monthly\n      day: 15\n      business_day: following")


def test_a_fixed_day_rolls_to_the_following_business_day_on_the_second_deal(tmp_path):
    deal = _sierra(tmp_path, *SIERRA_15TH)
    schedule = interest_schedule(deal)
    # the 15ths from October 15, 2024 on;
    # Sunday December 15, 2024 -> Monday December 16; Saturday February 15, 2025 -> Tuesday February 18
    # (Monday February 17 is Washington's Birthday)
    by_scheduled = {p.scheduled: p.due for p in schedule}
    assert by_scheduled[D(2024, 10, 15)] == D(2024, 10, 15)
    assert by_scheduled[D(2024, 12, 15)] == D(2024, 12, 16)
    assert by_scheduled[D(2025, 2, 15)] == D(2025, 2, 18)
    assert next_interest_date(deal, D(2024, 12, 14)) == D(2024, 12, 16)


def test_accrual_unadjusted_or_adjusted_decides_what_is_owed_on_a_moved_date(tmp_path):
    old, new = SIERRA_15TH
    unadjusted = _sierra(tmp_path, old, new)
    adjusted = _sierra(tmp_path, old, new + "\n      accrual: adjusted")
    brevent = unadjusted.buyer("brevent")
    # on Monday December 16, 2024 (the Sunday 15th moved) the interest owed is accrued to December 15 (unadjusted:
    # 30/360 from Friday August 30 is 105 days) or to December 16 (adjusted: 106 days), less the $28,111.11 the
    # ledger records paid by then ($9,472.22 + $9,166.67 + $9,472.22)
    owed = {m.date: m.unpaid for m in missed_interest(unadjusted, D(2025, 1, 1)) if m.buyer_id == "brevent"}
    owed_adjusted = {m.date: m.unpaid for m in missed_interest(adjusted, D(2025, 1, 1)) if m.buyer_id == "brevent"}
    paid = Decimal("9472.22") + Decimal("9166.67") + Decimal("9472.22")
    assert owed[D(2024, 12, 16)] == Decimal("32083.33") - paid == Decimal("3972.22")       # 110,000 x 105 / 360
    assert owed_adjusted[D(2024, 12, 16)] == Decimal("32388.89") - paid == Decimal("4277.78")   # x 106 / 360
    assert accrued_interest(unadjusted, brevent, D(2024, 12, 15)) == Decimal(1100000) * Decimal("0.10") * 105 / 360


def test_a_first_dividend_date_off_the_schedule_is_refused_at_its_line(tmp_path):
    text = mutate((ROOT / "deal_data" / "examples" / "allegheny-vireo-2025.yaml").read_text(),
                  "        first: 2025-10-15", "        first: 2025-10-14")
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    with pytest.raises(DealDataError) as info:
        validate_all(load(path))
    [problem] = [p for p in info.value.problems if p.path == "securities.convertible.dividends.payments.first"]
    assert "2025-10-14 is not a payment date of this schedule (day 15 of the month, every month)" in problem.message
    assert "the first date it fixes on or after it is 2025-10-15" in problem.message
    assert problem.line == text.splitlines().index("        first: 2025-10-14") + 1
