"""Each reading of the SPA's open questions (docs/readings.md), both answers worked by hand from its words.

Interest by hand: 12% x principal x days / 365 from the Closing Date (May 9, 2003); in the example ledger
SDS converted $50,000 on June 16, 2003 and was paid $8,317.81 of interest on June 30.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from generator.compute import breaches, damages, find_breach, position
from generator.compute.expenses import expense_statement
from generator.compute.figures import figures
from generator.compute.validate import validate
from generator.deal.load import load
from generator.errors import DealDataError

from ..conftest import AMNIS, EXAMPLE, with_readings
from ..deals import validated

D = dt.date


def c(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def sds_interest(principal_days: int) -> Decimal:
    """SDS's accrued unpaid interest for a sum of principal x days, less the $8,317.81 paid June 30."""
    return c(Decimal(principal_days) * Decimal("0.12") / 365 - Decimal("8317.81"))


def example(**chosen):
    return with_readings(validated(EXAMPLE, validate), **chosen)


def amnis(**chosen):
    return with_readings(validated(AMNIS, validate), **chosen)


def test_defaults_are_the_readings_the_readme_argues_for():
    r = validated(AMNIS, validate).readings
    assert (r.shortfall_before_approval, r.conversions_before_approval, r.allocation, r.interest_shares_from,
            r.cure_day, r.short_months, r.expense_interest_on, r.expense_interest_from, r.as_of) == (
        "tolled", "own-allocation", "fixed-when-reserved", "buyers-reserve", "counted", "governing-law", "total",
        "submission", "end-of-day")


def test_shortfall_before_the_approval_tolled_or_running():
    # s.4(h) opens "Subject to the Stockholder Approval"; s.4(l) sets the Approval Date, November 30, 2003
    # (a Sunday: December 1 under GCL s.25). Tolled: the 20,000,000 reserved at closing against a Reserved
    # Amount of 295,714,286 starts the 30 days only on December 2; December 2 + 30 = January 1, 2004, a
    # holiday, so the cure runs through Friday January 2 and damages from January 3.
    tolled = {b.id for b in breaches(amnis(), D(2004, 2, 1)) if b.id.startswith("shortfall")}
    assert tolled == {"shortfall-2004-01-03"}
    assert position(amnis(), D(2003, 7, 31)).shortfall.tolled_until == D(2003, 12, 1)
    # running: from the closing day, May 9 + 30 = Sunday June 8 -> Monday June 9; damages from June 10
    running = {b.id for b in breaches(amnis(shortfall_before_approval="runs"), D(2004, 2, 1))
               if b.id.startswith("shortfall")}
    assert running == {"shortfall-2003-06-10"}
    # in the example ledger the approval came on August 25, 2003 and 550,000,000 shares were reserved the
    # next day: tolled, the one-day shortfall never ran 30 days, so there is no shortfall breach
    assert not [b for b in breaches(example(), D(2004, 1, 1)) if b.id.startswith("shortfall")]


def _converting_sds(tmp_path, readings: str = "") -> str:
    """The real deal with SDS converting $75,000 at $0.007 (10,714,286 shares) before the approval."""
    text = AMNIS.read_text() + """  - {date: 2003-06-16, event: conversion, buyer: sds, principal: 75000, conversion_price: 0.007,
     shares_issued: 10714286}
""" + readings
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    return path


def test_conversions_before_the_approval_own_allocation_or_all_available(tmp_path):
    # s.4(h): "the Buyers will only be able to convert ... with respect to the number of shares available";
    # SDS's allocation of the 20,000,000 reserved at closing is 10,000,000 (its Reserved Amount 147,857,144
    # of 295,714,288)
    with pytest.raises(DealDataError) as refused:
        validate(load(_converting_sds(tmp_path)))
    (problem,) = refused.value.problems
    assert problem.path == "ledger[1]" and "only against the 10,000,000 shares allocated to it" in problem.message
    assert problem.line == AMNIS.read_text().count("\n") + 1
    allowed = validate(load(_converting_sds(tmp_path, "readings:\n  conversions_before_approval: all-available\n")))
    assert position(allowed, D(2003, 6, 16)).reserved_for_buyers == 20_000_000 - 10_714_286


def test_allocation_fixed_when_reserved_or_re_split():
    # at closing the 20,000,000 were split 10,000,000 / 7,000,000 / 3,000,000 (Reserved Amounts 147,857,144,
    # 103,500,000, 44,357,144); SDS converted 7,142,858 shares on June 16, 2003
    fixed = position(example(), D(2003, 7, 31))
    assert [b.allocated for b in fixed.buyers] == [10_000_000 - 7_142_858, 7_000_000, 3_000_000]
    # re-split: the 12,857,142 left, pro rata to the Reserved Amounts on July 31 at $0.005 (SDS 2 x 92,500,000,
    # Alpha 2 x 71,750,000, Bristol 2 x 30,750,000 of 390,000,000): Bristol falls from 3,000,000 to 2,027,472
    resplit = position(example(allocation="re-split"), D(2003, 7, 31))
    assert [b.allocated for b in resplit.buyers] == [6_098_901, 4_730_769, 2_027_472]
    assert sum(b.allocated for b in resplit.buyers) == fixed.reserved_for_buyers == 12_857_142


def test_interest_shares_from_the_buyers_reserve_or_unreserved_shares(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / AMNIS.name).write_text(AMNIS.read_text())
    path = tmp_path / "examples" / "deal.yaml"
    # $2,000 of Bristol's interest (of $2,613.70 accrued: 150,000 x 12% x 53/365) paid in shares at $0.007:
    # 285,714.29 -> 285,715 shares
    path.write_text(EXAMPLE.read_text() + """  - {date: 2003-07-01, event: interest_payment, buyer: bristol, amount: 2000, method: shares,
     conversion_price: 0.007, shares_issued: 285715}
""")
    deal = validate(load(path))
    from_reserve = position(deal, D(2003, 7, 31))
    unreserved = position(with_readings(deal, interest_shares_from="unreserved-shares"), D(2003, 7, 31))
    assert from_reserve.reserved_for_buyers == 20_000_000 - 7_142_858 - 285_715
    assert unreserved.reserved_for_buyers == 20_000_000 - 7_142_858
    assert from_reserve.capital.common_outstanding == unreserved.capital.common_outstanding


def test_the_day_of_cure_counted_or_not():
    # the July list, due August 7, delivered August 12: damages from August 8; base $450,000 + interest
    # (500,000 x 38 + 450,000 x 53 days) = $455,769.86; 2% over the 31 days from August 8 to September 8
    base = 450000 + sds_interest(500000 * 38 + 450000 * 53)
    for chosen, days in (("counted", 5), ("not-counted", 4)):
        d = example(cure_day=chosen)
        result = damages(d, find_breach(d, "list-2003-07", D(2003, 9, 1)), "sds", D(2003, 9, 1))
        assert (result.days, result.lines[0].base) == (days, base)
        assert result.total == c(base * Decimal("0.02") * days / 31)
    assert c(base * Decimal("0.02") * 5 / 31) == Decimal("1470.23")


def test_months_that_end_early_governing_law_or_next_period_on_the_last_day():
    # a covenant breach from January 31, 2004, cured March 10, 2004 (the cure day counted in both)
    d = example()
    law = damages(d, find_breach(d, "financial-information", D(2004, 6, 1)), "sds", D(2004, 6, 1))
    # NY GCL s.30: a month from January 31 ends on the last day of February: January 31 - February 29
    # (30 days, 2%), then March 1 - March 10 (10 of the 30 days to March 31, 3%)
    assert [(l.start, l.last_day, l.days, l.period_days, l.rate_percent) for l in law.lines] == [
        (D(2004, 1, 31), D(2004, 2, 29), 30, 30, 2), (D(2004, 3, 1), D(2004, 3, 10), 10, 30, 3)]
    base1 = 450000 + sds_interest(500000 * 38 + 450000 * 229)       # June 16, 2003 to January 31, 2004
    base2 = 450000 + sds_interest(500000 * 38 + 450000 * 259)       # ... to March 1, 2004
    assert [l.amount for l in law.lines] == [c(base1 * Decimal("0.02")), c(base2 * Decimal("0.03") * 10 / 30)]
    other = example(short_months="next-period-on-last-day")
    alt = damages(other, find_breach(other, "financial-information", D(2004, 6, 1)), "sds", D(2004, 6, 1))
    # the next period starts on February 29, which the first month's 2% no longer covers
    assert [(l.start, l.last_day, l.days, l.period_days, l.rate_percent) for l in alt.lines] == [
        (D(2004, 1, 31), D(2004, 2, 28), 29, 29, 2), (D(2004, 2, 29), D(2004, 3, 10), 11, 31, 3)]


def test_expense_interest_on_the_total_from_submission_or_on_the_balance_after_the_deadline():
    # SDS's $26,500 invoice of May 9, 2003, due May 16 (five business days), paid $15,000 on May 23 and
    # $11,500 on June 30. s.4(f): "interest on the total amount of fees to be reimbursed at a rate of 15%"
    words = expense_statement(example(), "sds-closing-costs", D(2003, 7, 1))
    assert [(l.start, l.last_day, l.unpaid, l.days) for l in words.interest_lines] == [
        (D(2003, 5, 9), D(2003, 5, 23), 26500, 15), (D(2003, 5, 24), D(2003, 6, 30), 26500, 38)]
    assert words.interest == c(26500 * Decimal("0.15") * 15 / 365) + c(26500 * Decimal("0.15") * 38 / 365) \
        == Decimal("577.20")
    balance = expense_statement(example(expense_interest_on="unpaid-balance", expense_interest_from="after-deadline",
                                        cure_day="not-counted"), "sds-closing-costs", D(2003, 7, 1))
    # the unpaid balance from May 17: 6 days on $26,500, then 38 days on $11,500 (to June 29)
    assert [(l.unpaid, l.days) for l in balance.interest_lines] == [(26500, 6), (11500, 38)]
    assert balance.interest == Decimal("65.34") + Decimal("179.59")


def test_paid_in_full_within_the_deadline_bears_no_interest_in_any_reading(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / AMNIS.name).write_text(AMNIS.read_text())
    path = tmp_path / "examples" / "deal.yaml"
    path.write_text(EXAMPLE.read_text()
                    .replace("{date: 2003-06-30, event: expense_payment, invoice: sds-closing-costs",
                             "{date: 2003-05-16, event: expense_payment, invoice: sds-closing-costs")
                    .replace("{date: 2003-05-23, event: expense_payment, invoice: sds-closing-costs",
                             "{date: 2003-05-15, event: expense_payment, invoice: sds-closing-costs"))
    deal = validate(load(path))
    assert expense_statement(deal, "sds-closing-costs", D(2003, 7, 1)).interest_lines == ()


def test_as_of_the_end_of_the_day_or_its_start():
    # as of July 31, 2003: SDS's interest to the end of the day counts 46 days at $450,000 after June 16
    end = figures(example(), D(2003, 7, 31))["buyers"][0]["accrued_unpaid_interest_cents"]
    start = figures(example(as_of="start-of-day"), D(2003, 7, 31))["buyers"][0]["accrued_unpaid_interest_cents"]
    assert end == sds_interest(500000 * 38 + 450000 * 46) == Decimal("4734.24")
    assert start == sds_interest(500000 * 38 + 450000 * 45) == Decimal("4586.30")


def test_concurrent_breaches_are_totalled_flagged_and_capped():
    data = figures(example(), D(2004, 3, 31))
    total = data["liquidated_damages_total"]
    assert total["breaches"] == len(data["liquidated_damages"]) and total["overlapping"]
    assert total["total"] == sum((b["total"] for b in data["liquidated_damages"]), Decimal("0.00"))
    d = example()
    capped = d.model_copy(update={"covenants": d.covenants.model_copy(update={
        "liquidated_damages": d.covenants.liquidated_damages.model_copy(update={"cap_percent": Decimal(1)})})})
    per_buyer = figures(capped, D(2004, 3, 31))["liquidated_damages_total"]["per_buyer"]
    # a 1% cap: $5,000 for SDS's $500,000, $3,500 for Alpha, $1,500 for Bristol
    assert per_buyer == {"sds": Decimal("5000.00"), "alpha": Decimal("3500.00"), "bristol": Decimal("1500.00")}
