"""The named rounding rules, with property tests."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.compute import allocate, cents, shares_for


def test_shares_for_rounds_up_to_the_whole_share():
    assert shares_for(Decimal("1000000"), Decimal("0.007")) == 142_857_143     # 142,857,142.857...
    assert shares_for(Decimal("350000"), Decimal("0.007")) == 50_000_000       # exact: not rounded
    assert shares_for(Decimal("60000"), Decimal("0.007")) == 8_571_429
    with pytest.raises(ValueError):
        shares_for(Decimal(1), Decimal(0))


def test_cents_round_half_up():
    assert cents(Decimal("3616.438356")) == Decimal("3616.44")
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert cents(Decimal("2.675")) == Decimal("2.68")


def test_allocation_of_the_closing_reserve():
    # 20,000,000 shares pro rata to Reserved Amounts 147,857,144 / 103,500,000 / 44,357,144
    assert allocate(20_000_000, [147_857_144, 103_500_000, 44_357_144]) == [10_000_000, 7_000_000, 3_000_000]


def test_allocation_ties_go_to_the_earlier_buyer_and_zero_weights_split_equally():
    assert allocate(600_000_000, [185_000_000, 103_500_000, 61_500_000]) == [317_142_857, 177_428_572, 105_428_571]
    assert allocate(5, [0, 0, 0]) == [2, 2, 1]
    assert allocate(0, [1, 2]) == [0, 0]
    with pytest.raises(ValueError):
        allocate(-1, [1])


weights = st.lists(st.one_of(st.integers(0, 10**10),
                             st.decimals(0, 10**7, places=2, allow_nan=False, allow_infinity=False)),
                   min_size=1, max_size=8)


@given(st.integers(0, 10**12), weights)
def test_allocations_sum_exactly_and_are_never_negative(total, ws):
    shares = allocate(total, ws)
    assert sum(shares) == total
    assert all(n >= 0 for n in shares)


@given(st.integers(0, 10**9), weights)
def test_each_allocation_is_within_one_share_of_its_exact_pro_rata_part(total, ws):
    whole = sum(Decimal(w) for w in ws)
    shares = allocate(total, ws)
    for n, w in zip(shares, ws, strict=True):
        exact = Decimal(total) * Decimal(w) / whole if whole else Decimal(total) / len(ws)
        assert abs(n - exact) < 1


prices = st.decimals(Decimal("0.0001"), Decimal("100"), places=4, allow_nan=False, allow_infinity=False)
amounts = st.decimals(0, 10**8, places=2, allow_nan=False, allow_infinity=False)


@given(amounts, prices, prices)
def test_issuable_shares_never_fall_when_the_price_falls(amount, p1, p2):
    low, high = sorted((p1, p2))
    assert shares_for(amount, low) >= shares_for(amount, high)


@given(amounts, prices)
def test_shares_for_is_the_least_whole_number_covering_the_amount(amount, price):
    n = shares_for(amount, price)
    assert n * price >= amount
    assert (n - 1) * price < amount or n == 0


# Warrant coverage against an integer oracle: amount in cents, percent in millionths, price in ten-thousandths,
# so percent% x amount / price = (cents x millionths x 10**4) / (100 x 10**6 x 100 x ten-thousandths) shares.
coverage_percents = st.decimals(Decimal("0.000001"), 1000, places=6, allow_nan=False, allow_infinity=False)


@given(amounts, prices, coverage_percents)
def test_warrant_coverage_is_one_exact_quotient_rounded_once_by_its_rule(amount, price, percent):
    from generator.compute.rounding import coverage_shares
    numerator = int(amount * 100) * int(percent * 10**6) * 10**4
    denominator = 100 * 10**6 * 100 * int(price * 10**4)
    down, rest = divmod(numerator, denominator)
    assert coverage_shares(amount, price, percent, "down") == down
    assert coverage_shares(amount, price, percent, "up") == down + (rest > 0)
    assert coverage_shares(amount, price, percent, "half-up") == down + (2 * rest >= denominator)


def test_warrant_coverage_has_only_its_named_rules():
    from generator.compute.rounding import coverage_shares
    with pytest.raises(ValueError, match="no rounding rule named 'nearest'"):
        coverage_shares(Decimal(1000), Decimal("0.40"), Decimal(50), "nearest")
