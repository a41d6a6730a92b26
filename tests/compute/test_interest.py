"""Interest on the convertible security by its day count and payment schedule, worked by hand."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.compute.day_count import day_count
from generator.compute.interest import accrued_interest, interest_dates
from generator.deal.load import load
from generator.deal.validate import validate

from ..conftest import ROOT, mutate

D = dt.date
SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


@pytest.mark.parametrize("start, end, days", [
    (D(2024, 8, 30), D(2024, 9, 30), 30),      # a month
    (D(2024, 8, 30), D(2024, 10, 1), 31),      # 30 Aug -> 1 Oct: 30 + 1
    (D(2024, 1, 31), D(2024, 2, 29), 29),      # the 31st counts as the 30th: 30 - 1
    (D(2024, 8, 31), D(2024, 9, 30), 30),
    (D(2024, 1, 30), D(2024, 3, 31), 60),      # an end on the 31st after a start on the 30th is the 30th
    (D(2024, 1, 15), D(2024, 3, 31), 76),      # ... but stays the 31st after a start on the 15th
    (D(2024, 8, 30), D(2025, 8, 30), 360),
])
def test_30_360_days_us_bond_basis(start, end, days):
    assert day_count("30/360", start, end) == days


def test_actual_days_are_calendar_days():
    assert day_count("actual/365", D(2024, 8, 30), D(2024, 10, 1)) == 32
    assert day_count("actual/360", D(2024, 2, 1), D(2024, 3, 1)) == 29      # 2024 is a leap year


def _sierra(tmp_path, old=None, new=None):
    text = SIERRA.read_text()
    if old:
        text = mutate(text, old, new)
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    return validate(load(path))


def test_30_360_interest_on_the_second_deal(tmp_path):
    deal = _sierra(tmp_path)
    brevent = deal.buyer("brevent")
    # $1,100,000 x 10% x 31/360 from the Closing Date (Friday, August 30, 2024) to October 1, 2024
    assert accrued_interest(deal, brevent, D(2024, 10, 1)) == Decimal(1100000) * Decimal("0.10") * 31 / 360
    # Harbor Point converted all $500,000 on November 15, 2024: interest stops there (75 days of 30/360)
    harbor = deal.buyer("harbor")
    assert day_count("30/360", D(2024, 8, 30), D(2024, 11, 15)) == 75
    assert accrued_interest(deal, harbor, D(2025, 6, 1)) == Decimal(500000) * Decimal("0.10") * 75 / 360


def test_actual_360_interest(tmp_path):
    deal = _sierra(tmp_path, "day_count: 30/360", "day_count: actual/360")
    # August 30 to October 1, 2024 is 32 actual days
    assert accrued_interest(deal, deal.buyer("brevent"), D(2024, 10, 1)) == \
        Decimal(1100000) * Decimal("0.10") * 32 / 360


def test_monthly_payments_on_the_first_business_day(tmp_path):
    dates = interest_dates(_sierra(tmp_path))
    # October 1 and November 1 are business days; December 1, 2024 is a Sunday; January 1 a holiday
    assert dates[:4] == [D(2024, 10, 1), D(2024, 11, 1), D(2024, 12, 2), D(2025, 1, 2)]
    assert dates[-1] == D(2026, 8, 30) and len(dates) == 23 + 1     # Oct 2024 .. Aug 2026, then maturity


def test_a_fixed_payment_day_falls_back_to_the_month_end(tmp_path):
    deal = _sierra(tmp_path, "day: first-business-day", "day: 31")
    dates = interest_dates(deal)
    assert D(2025, 2, 28) in dates and D(2024, 11, 30) in dates and D(2024, 10, 31) in dates
