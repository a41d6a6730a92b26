"""Warrant coverage (compute/warrants.py): the Warrants as a percentage of the conversion shares, against
hand calculations from a clause written here, and the typed count it must agree with.

The clause (as such agreements word it): "each Buyer shall receive Warrants to purchase a number of shares
of Common Stock equal to fifty percent (50%) of the number of Conversion Shares initially issuable upon
conversion of such Buyer's Debentures at the initial Conversion Price, rounded down to the nearest whole
share."

By hand, at the initial Conversion Price of $0.007 (Amnis):
  SDS      $500,000 / 0.007 = 71,428,571.428... shares; 50% = 35,714,285.714... -> 35,714,285 (down)
  Alpha    $350,000 / 0.007 = 50,000,000 shares;       50% = 25,000,000 exactly
  Bristol  $150,000 / 0.007 = 21,428,571.428... shares; 50% = 10,714,285.714... -> 10,714,285 (down)
  together 71,428,570.
The deal as typed (2,500,000, 1,750,000 and 750,000 shares, 5,000,000 in all) is coverage of 3.5%:
$500,000 x 3.5% / 0.007 = 2,500,000 exactly, and so for the others.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.rounding import COVERAGE_RULES, coverage_shares
from generator.compute.validate import validate
from generator.deal.load import load
from generator.deal.validate import validate as validate_facts
from generator.errors import DealDataError

from ..conftest import line_of, mutate

AGGREGATE = "    aggregate_shares: 5000000\n"


def _coverage(percent: str, rounding: str = "down") -> str:
    return f"    coverage: {{percent: {percent}, rounding: {rounding}, section: 1(a)}}\n"


def _untyped(text: str) -> str:
    """The Amnis deal with no typed Warrants: neither the Buyers' nor the aggregate."""
    for typed in ("    warrants: 2500000\n", "    warrants: 1750000\n", "    warrants: 750000\n", AGGREGATE):
        text = mutate(text, typed, "")
    return text


def _write(tmp_path, text: str):
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fifty_percent_rounded_down_by_hand(tmp_path, amnis_text):
    text = _untyped(amnis_text).replace("  warrants:\n    title:", "  warrants:\n" + _coverage("50") + "    title:", 1)
    deal = validate(load(_write(tmp_path, text)))
    assert [b.warrants for b in deal.buyers] == [35_714_285, 25_000_000, 10_714_285]
    assert deal.securities.warrants.aggregate_shares == 71_428_570
    # each figure carries its source: how it is derived, from what, under which rounding rule
    source = deal.buyers[0].sources["warrants"]
    assert source.derived == ("50% of the shares issuable on conversion of its Debentures ($500,000.00 at the "
                              "initial Conversion Price of $0.007), rounded down to a whole share")
    assert deal.securities.warrants.sources["aggregate_shares"].describe().startswith("derived: the sum of the Buyers'")


@pytest.mark.parametrize(("rounding", "sds", "bristol"), [("down", 35_714_285, 10_714_285),
                                                         ("up", 35_714_286, 10_714_286),
                                                         ("half-up", 35_714_286, 10_714_286)])
def test_each_rounding_rule_by_hand(rounding, sds, bristol):
    price = Decimal("0.007")
    assert coverage_shares(Decimal(500000), price, Decimal(50), rounding) == sds
    assert coverage_shares(Decimal(350000), price, Decimal(50), rounding) == 25_000_000   # exact: no rounding
    assert coverage_shares(Decimal(150000), price, Decimal(50), rounding) == bristol
    assert rounding in COVERAGE_RULES


def test_half_up_rounds_exactly_half_a_share_up_and_less_down():
    # $1,000 x 50% / $0.40 = 1,250 shares exactly; $1,001 x 50% / $0.40 = 1,251.25; $1,002 -> 1,252.5
    assert coverage_shares(Decimal(1000), Decimal("0.40"), Decimal(50), "half-up") == 1250
    assert coverage_shares(Decimal(1001), Decimal("0.40"), Decimal(50), "half-up") == 1251
    assert coverage_shares(Decimal(1002), Decimal("0.40"), Decimal(50), "half-up") == 1253
    assert coverage_shares(Decimal(1002), Decimal("0.40"), Decimal(50), "down") == 1252


def test_a_typed_count_that_agrees_with_the_coverage_stands(tmp_path, amnis_text):
    text = amnis_text.replace("  warrants:\n    title:", "  warrants:\n" + _coverage("3.5") + "    title:", 1)
    deal = validate(load(_write(tmp_path, text)))
    assert [b.warrants for b in deal.buyers] == [2_500_000, 1_750_000, 750_000]
    assert deal.securities.warrants.aggregate_shares == 5_000_000


def test_coverage_and_typed_counts_that_disagree_are_each_reported_naming_both(tmp_path, amnis_text):
    text = amnis_text.replace("  warrants:\n    title:", "  warrants:\n" + _coverage("50") + "    title:", 1)
    text = mutate(text, "aggregate_principal: 1000000", "aggregate_principal: 1000001")   # another problem
    with pytest.raises(DealDataError) as info:
        validate(load(_write(tmp_path, text)))
    problems = {p.path: p for p in info.value.problems}
    coverage_line = line_of(text, "    coverage: {percent: 50")
    sds = problems["buyers[0].warrants"]
    assert sds.line == line_of(text, "    warrants: 2500000")
    assert ("sds's Warrants are typed as 2,500,000 shares here, but the warrant coverage (securities.warrants."
            f"coverage, line {coverage_line}) gives 35,714,285") in sds.message
    assert "Alpha" not in sds.message and "buyers[1].warrants" in problems and "buyers[2].warrants" in problems
    total = problems["securities.warrants.aggregate_shares"]
    assert total.line == line_of(text, AGGREGATE.rstrip("\n"))
    assert "typed as 5,000,000 shares here" in total.message and "gives the Buyers 71,428,570 in all" in total.message
    assert "securities.convertible.aggregate_principal" in problems   # all at once, with the deal's others


def test_without_coverage_the_aggregate_is_required(tmp_path, amnis_text):
    with pytest.raises(DealDataError) as info:
        validate(load(_write(tmp_path, mutate(amnis_text, AGGREGATE, ""))))
    (problem,) = info.value.problems
    assert problem.path == "securities.warrants" and "aggregate_shares" in problem.message


def test_coverage_of_zero_or_beyond_the_bound_is_refused(tmp_path, amnis_text):
    for bad in ("0", "1001"):
        text = _untyped(amnis_text).replace("  warrants:\n    title:", "  warrants:\n" + _coverage(bad) + "    title:", 1)
        with pytest.raises(DealDataError) as info:
            validate(load(_write(tmp_path, text)))
        assert any(p.path == "securities.warrants.coverage.percent" and "above 0 and at most 1000" in p.message
                   for p in info.value.problems)


def test_the_facts_alone_cannot_derive_the_warrants(tmp_path, amnis_text):
    text = _untyped(amnis_text).replace("  warrants:\n    title:", "  warrants:\n" + _coverage("50") + "    title:", 1)
    with pytest.raises(TypeError, match="compute.validate.validate"):
        validate_facts(load(_write(tmp_path, text)))
