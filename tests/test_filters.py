import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.deal.load import Pending
from generator.render.filters import (
    long_date,
    money,
    money_words,
    ordinal_day,
    percent,
    price,
    shares,
    shares_words,
    words,
)


@pytest.mark.parametrize("value, expected", [
    (Decimal("1000000"), "One Million Dollars ($1,000,000)"),
    (Decimal("350000"), "Three Hundred Fifty Thousand Dollars ($350,000)"),
    (Decimal("1"), "One Dollar ($1)"),
    (Decimal("1234.5"), "One Thousand Two Hundred Thirty-Four Dollars and 50/100 ($1,234.50)"),
    (Decimal("0.07"), "Zero Dollars and 07/100 ($0.07)"),
])
def test_money_words(value, expected):
    assert money_words(value) == expected


@pytest.mark.parametrize("value, expected", [
    (5000000, "Five Million (5,000,000)"),
    (2500000, "Two Million Five Hundred Thousand (2,500,000)"),
    (295714286, "Two Hundred Ninety-Five Million Seven Hundred Fourteen Thousand Two Hundred Eighty-Six (295,714,286)"),
])
def test_shares_words(value, expected):
    assert shares_words(value) == expected


def test_money_rounds_half_up_to_the_cent_and_shows_cents_only_when_present():
    assert money(Decimal("500000")) == "$500,000"
    assert money(Decimal("500000"), cents=True) == "$500,000.00"
    assert money(Decimal("0.005")) == "$0.01"
    assert money(Decimal("2.675")) == "$2.68"   # a binary float would give 2.67
    assert money(Decimal("-3.5")) == "-$3.50"


def test_price_keeps_every_significant_place():
    assert price(Decimal("0.007")) == "$0.007"
    assert price(Decimal("0.0001")) == "$0.0001"
    assert price(Decimal("1.5")) == "$1.50"


def test_other_filters():
    assert percent(Decimal("12")) == "12%" and percent(Decimal("2.50")) == "2.5%"
    assert shares(147857143) == "147,857,143"
    assert long_date(dt.date(2003, 5, 9)) == "May 9, 2003"
    assert ordinal_day(dt.date(2003, 5, 9)) == "9th day of May, 2003"
    assert ordinal_day(dt.date(2003, 5, 22)) == "22nd day of May, 2003"
    assert ordinal_day(dt.date(2003, 5, 11)) == "11th day of May, 2003"


def test_filters_refuse_floats_and_fractional_shares():
    with pytest.raises(TypeError):
        money(0.1)
    with pytest.raises(ValueError):
        shares(Decimal("1.5"))
    with pytest.raises(ValueError):
        words(-1)


def test_pending_passes_through_every_filter():
    fact = Pending("x", "a", 1)
    for fn in (money, money_words, shares, shares_words, price, percent, long_date, ordinal_day):
        assert fn(fact) is fact


def _half_up_cents(amount: Decimal) -> int:
    """The amount in whole cents, ties away from zero, by integer arithmetic on its digits."""
    sign, digits, exponent = amount.as_tuple()
    n = int("".join(map(str, digits)))
    shift = exponent + 2                      # amount x 100 = n x 10**shift
    if shift >= 0:
        cents = n * 10 ** shift
    else:
        quotient, remainder = divmod(n, 10 ** -shift)
        cents = quotient + (2 * remainder >= 10 ** -shift)
    return -cents if sign else cents


def _grouped(number: int) -> str:
    digits = str(number)
    groups = []
    while digits:
        digits, group = digits[:-3], digits[-3:]
        groups.insert(0, group)
    return ",".join(groups)


def _expected_money(amount: Decimal, always_cents: bool) -> str:
    cents = _half_up_cents(amount)
    dollars, rest = divmod(abs(cents), 100)
    text = "$" + _grouped(dollars) + (f".{rest:02d}" if always_cents or rest else "")
    return ("-" if cents < 0 else "") + text


def _decimal_text(negative: bool, whole: int, fraction: str) -> Decimal:
    return Decimal(f"{'-' if negative else ''}{whole}{'.' + fraction if fraction else ''}")


# any number of decimal places (ties at every place among them) and up to 25 digits of dollars
amounts = st.one_of(
    st.builds(_decimal_text, st.booleans(), st.integers(0, 10**25 - 1),
              st.text("0123456789", max_size=30)),
    st.builds(_decimal_text, st.booleans(), st.integers(0, 10**6),
              st.sampled_from(["5", "05", "005", "995", "4999999", "5000000", "0049", "0050", "9950"])),
    st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, allow_infinity=False),
)


def test_the_money_oracle_agrees_with_hand_rounding():
    assert _expected_money(Decimal("2.675"), True) == "$2.68"
    assert _expected_money(Decimal("2.674999"), True) == "$2.67"
    assert _expected_money(Decimal("1234567.995"), False) == "$1,234,568"
    assert _expected_money(Decimal("-3.5"), False) == "-$3.50"
    assert _expected_money(Decimal("-0.004"), True) == "$0.00"
    assert _expected_money(Decimal("5E+3"), False) == "$5,000"


@given(amounts)
def test_money_text_is_the_amount_rounded_half_up_to_the_cent(amount):
    assert money(amount, cents=True) == _expected_money(amount, always_cents=True)
    assert money(amount) == _expected_money(amount, always_cents=False)


@given(st.integers(min_value=0, max_value=10**12))
def test_words_are_title_case_without_and(number):
    spelled = words(number)
    assert "and" not in spelled.lower().split()
    assert all(part[0].isupper() for word in spelled.split() for part in word.split("-"))
