"""The s.4(h) reserve engine against hand calculations from the SPA and an example ledger."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.compute import position
from generator.compute.business_days import business_calendar
from generator.compute.interest import accrued_interest
from generator.compute.reserve import price_in_effect
from generator.deal.model import Reserve
from generator.deal.validate import validate

from ..conftest import AMNIS, EXAMPLE, OTHER_READINGS, with_readings
from ..deals import validated

D = dt.date


def amnis():
    return with_readings(validated(AMNIS, validate), **OTHER_READINGS)


def example():
    return with_readings(validated(EXAMPLE, validate), **OTHER_READINGS)


def test_at_closing_the_aggregate_reserved_amount_is_the_295714286_shares_of_section_3c():
    p = position(amnis(), D(2003, 5, 9))
    # s.3(c): 2 x ($1,000,000 / $0.007 = 142,857,142.86 -> 142,857,143 + 5,000,000) = 295,714,286
    assert p.price.price == Decimal("0.007")
    assert p.aggregate_conversion_shares == 142_857_143
    assert p.aggregate_warrant_shares == 5_000_000
    assert p.aggregate_reserved_amount == 295_714_286
    # s.3(c): 400,000,000 - 107,941,654 - 2,123,845 - 17,619,450 - 252,315,051 = 20,000,000
    assert p.capital.headroom == 20_000_000


def test_per_buyer_figures_at_closing():
    p = position(amnis(), D(2003, 5, 9))
    rows = {b.buyer.id: (b.conversion_shares, b.warrant_shares, b.interest_shares, b.reserved_amount, b.allocated)
            for b in p.buyers}
    assert rows == {
        # $500,000 / 0.007 = 71,428,571.43 -> 71,428,572; 12% x 500,000 = 60,000 / 0.007 = 8,571,428.57 -> 8,571,429
        "sds": (71_428_572, 2_500_000, 8_571_429, 2 * (71_428_572 + 2_500_000), 10_000_000),
        "alpha": (50_000_000, 1_750_000, 6_000_000, 2 * (50_000_000 + 1_750_000), 7_000_000),
        "bristol": (21_428_572, 750_000, 2_571_429, 2 * (21_428_572 + 750_000), 3_000_000),
    }
    # per-buyer rounding makes the buyers' Reserved Amounts 2 shares more than the aggregate of s.3(c)
    assert sum(b.reserved_amount for b in p.buyers) == 295_714_288
    assert p.shortfall.shares == 295_714_286 - 20_000_000
    # 30 days from May 9 is Sunday June 8; a New York agreement's deadline moves to Monday June 9 (GCL s.25)
    assert p.shortfall.since == D(2003, 5, 9) and p.shortfall.cure_deadline == D(2003, 6, 9)


def test_accrued_interest_is_actual_over_365_from_the_closing_date():
    deal = amnis()
    sds = deal.buyer("sds")
    # May 9 to May 31: 22 days; 500,000 x 12% x 22 / 365 = 3,616.438...
    assert accrued_interest(deal, sds, D(2003, 5, 31)) == Decimal(500000 * 22) * Decimal("0.12") / 365
    assert position(deal, D(2003, 5, 31)).for_buyer("sds").accrued_unpaid_interest.quantize(Decimal("0.01")) \
        == Decimal("3616.44")
    assert accrued_interest(deal, sds, D(2003, 5, 9)) == 0


def test_example_ledger_july_31_conversion_payment_and_price_change():
    p = position(example(), D(2003, 7, 31))
    assert p.price.price == Decimal("0.005") and p.price.effective == D(2003, 7, 15)
    sds, alpha, bristol = p.buyers
    # SDS converted $50,000 on June 16: 450,000 / 0.005 = 90,000,000; RA 2 x (90,000,000 + 2,500,000)
    assert (sds.outstanding_principal, sds.conversion_shares, sds.reserved_amount) == (450000, 90_000_000, 185_000_000)
    # interest: (500,000 x 38 + 450,000 x 45 days) x 12% / 365 = 12,904.11; paid 8,317.81 on June 30
    assert sds.accrued_interest == Decimal(500000 * 38 + 450000 * 45) * Decimal("0.12") / 365
    assert sds.accrued_unpaid_interest.quantize(Decimal("0.01")) == Decimal("4586.30")
    assert alpha.accrued_unpaid_interest.quantize(Decimal("0.01")) == Decimal("9550.68")   # 350,000 x 83 days
    # reserve: 20,000,000 less the 7,142,858 shares issued to SDS = 12,857,142, pro rata 185 : 143.5 : 61.5
    assert p.reserved_for_buyers == 12_857_142
    assert [b.allocated for b in p.buyers] == [6_098_901, 4_730_769, 2_027_472]
    assert p.aggregate_reserved_amount == 2 * (950_000 * 200 + 5_000_000) == 390_000_000
    assert p.shortfall.shares == 390_000_000 - 12_857_142 and p.shortfall.since == D(2003, 5, 9)
    assert p.capital.common_outstanding == 107_941_654 + 7_142_858
    assert p.capital.unreserved == 0
    assert p.approval.obtained_on is None


def test_example_ledger_august_31_after_stockholder_approval():
    p = position(example(), D(2003, 8, 31))
    assert [b.outstanding_principal for b in p.buyers] == [450000, 250000, 150000]
    assert p.aggregate_reserved_amount == 2 * (850_000 * 200 + 5_000_000) == 350_000_000
    # 550,000,000 reserved on Aug 26, less 20,000,000 issued to Alpha on Aug 28 = 530,000,000:
    # 530M x 185/350 = 280,142,857.14; x 103.5/350 = 156,728,571.43; x 61.5/350 = 93,128,571.43:
    # one share left over; Alpha and Bristol tie for the largest remainder and the earlier (Alpha) takes it
    assert p.reserved_for_buyers == 530_000_000
    assert [b.allocated for b in p.buyers] == [280_142_857, 156_728_572, 93_128_571]
    assert [b.surplus for b in p.buyers] == [95_142_857, 53_228_572, 31_628_571]
    assert p.shortfall.shares == 0 and p.shortfall.since is None
    cap = p.capital
    assert (cap.authorized_common, cap.common_outstanding) == (1_000_000_000, 107_941_654 + 7_142_858 + 20_000_000)
    assert cap.headroom == 1_000_000_000 - 135_084_512 - 272_058_346 == 592_857_142
    assert cap.unreserved == 592_857_142 - 530_000_000
    assert p.approval.obtained_on == D(2003, 8, 25) and p.approval.information_statement_filed_on == D(2003, 8, 22)


def test_the_price_in_effect_changes_on_its_date():
    deal = example()
    assert price_in_effect(deal, D(2003, 7, 14)).price == Decimal("0.007")
    assert price_in_effect(deal, D(2003, 7, 15)).price == Decimal("0.005")


@settings(max_examples=40, deadline=None)
@given(st.dates(D(2003, 5, 9), D(2005, 12, 31)))
def test_on_any_date_of_the_example_ledger_the_figures_agree_with_an_integer_oracle(day):
    p = position(example(), day)
    for b in p.buyers:
        assert b.reserved_amount == oracle_reserved_amount(b.outstanding_principal, b.warrant_shares,
                                                           p.price.price, p.reserve_multiple)
        assert b.allocated >= 0 and b.conversion_shares >= 0
    assert_pro_rata([b.allocated for b in p.buyers], p.reserved_for_buyers, [b.reserved_amount for b in p.buyers])
    assert p.aggregate_reserved_amount == oracle_reserved_amount(
        p.aggregate_principal, p.aggregate_warrant_shares, p.price.price, p.reserve_multiple)
    # a shortfall has a start on or before the day and a cure deadline 30 days later (s.4(h)), moved to the
    # next business day when the 30th day is not one (New York General Construction Law s.25); none, neither
    if p.shortfall.shares:
        plain = p.shortfall.since + dt.timedelta(days=30)
        calendar = business_calendar(example())
        expected = plain
        while not calendar.is_business_day(expected):
            expected += dt.timedelta(days=1)
        assert p.shortfall.since <= day and p.shortfall.cure_deadline == expected
    else:
        assert p.shortfall.since is None and p.shortfall.cure_deadline is None
    assert p.capital.unreserved >= 0


# -- properties of the Reserved Amount that do not restate how reserve.py computes it ------------------

def ceil_div(a: int, b: int) -> int:
    """Exact ceiling of a / b for whole numbers, b > 0 (no Decimal, no rounding mode)."""
    q, r = divmod(a, b)
    return q + (r > 0)


def oracle_reserved_amount(principal: Decimal, warrants: int, price: Decimal, multiple: int) -> int:
    """s.4(h) on whole numbers: principal in cents, price as digits over a power of ten.

    shares = principal / price = (cents / 100) / (digits / 10**k) = cents * 10**k / (100 * digits)."""
    cents = int(principal * 100)
    assert cents == principal * 100, "money has at most two decimal places"
    sign, digits, exponent = price.normalize().as_tuple()
    assert sign == 0
    numerator = int("".join(map(str, digits)))
    if exponent >= 0:
        numerator, k = numerator * 10 ** exponent, 0
    else:
        k = -exponent
    return multiple * (ceil_div(cents * 10 ** k, 100 * numerator) + warrants)


def assert_pro_rata(parts: list[int], total: int, weights: list[int]) -> None:
    """The parts add up to the total exactly and each is less than one share from its exact pro-rata part."""
    assert sum(parts) == total
    whole = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, whole) if whole else Fraction(total, len(weights))
        assert abs(part - exact) < 1, (part, exact)


def test_the_oracle_agrees_with_the_hand_calculations_of_section_3c():
    # s.3(c): 2 x ($1,000,000 / $0.007 = 142,857,142.857 -> 142,857,143 + 5,000,000) = 295,714,286
    assert oracle_reserved_amount(Decimal("1000000"), 5_000_000, Decimal("0.007"), 2) == 295_714_286
    # SDS: $500,000 / $0.007 = 71,428,571.43 -> 71,428,572 + 2,500,000 warrant shares, x 2
    assert oracle_reserved_amount(Decimal("500000"), 2_500_000, Decimal("0.007"), 2) == 147_857_144
    # Alpha: $350,000 / $0.007 = 50,000,000 exactly: nothing to round
    assert oracle_reserved_amount(Decimal("350000"), 1_750_000, Decimal("0.007"), 2) == 103_500_000
    # one cent at $0.007 is 1.43 shares -> 2; at $0.01 exactly 1; a price of $5 (10**0 scale)
    assert oracle_reserved_amount(Decimal("0.01"), 0, Decimal("0.007"), 1) == 2
    assert oracle_reserved_amount(Decimal("0.01"), 0, Decimal("0.01"), 1) == 1
    assert oracle_reserved_amount(Decimal("12.50"), 0, Decimal("5"), 1) == 3
    assert oracle_reserved_amount(Decimal("10"), 0, Decimal("5E+1"), 1) == 1


@lru_cache(maxsize=1)
def _amnis():
    return amnis()


def deal_with(principals, warrants, price=Decimal("0.007"), multiple=2, reserved=20_000_000):
    """The Amnis deal with the given Buyers' principal and warrants, Conversion Price, multiple and
    shares reserved for the Buyers at closing (no other ledger events)."""
    base = _amnis()
    convertible = base.securities.convertible
    conversion = convertible.conversion_price.model_copy(update={"price": price})
    securities = base.securities.model_copy(update={
        "convertible": convertible.model_copy(update={"conversion_price": conversion})})
    assert len(principals) == len(warrants) <= len(base.buyers)
    buyers = [b.model_copy(update={"principal": p, "purchase_price": p, "warrants": w})   # the first Buyers only
              for b, p, w in zip(base.buyers, principals, warrants, strict=False)]
    reserve = Reserve(date=base.closing_date, event="reserve", shares=reserved, basis="test")
    return base.model_copy(update={
        "buyers": buyers, "securities": securities, "ledger": [reserve],
        "covenants": base.covenants.model_copy(update={
            "share_reserve": base.covenants.share_reserve.model_copy(update={"multiple": Decimal(multiple)})})})


principal_cents = st.integers(0, 10**12 * 100)              # up to a trillion dollars, to the cent
warrant_counts = st.integers(0, 10**10)
conversion_prices = st.builds(lambda digits, places: Decimal(digits).scaleb(-places),
                              st.integers(1, 10**6), st.integers(0, 6))
buyer_terms = st.lists(st.tuples(principal_cents, warrant_counts), min_size=1, max_size=3)


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@settings(max_examples=60, deadline=None)
@given(buyer_terms, conversion_prices, st.integers(1, 4), st.integers(0, 10**12))
def test_reserved_amounts_and_allocation_agree_with_exact_integer_arithmetic(terms, price, multiple, reserved):
    principals = [_money(c) for c, _ in terms]
    warrants = [w for _, w in terms]
    p = position(deal_with(principals, warrants, price, multiple, reserved), D(2003, 5, 31))
    expected = [oracle_reserved_amount(pr, w, price, multiple) for pr, w in zip(principals, warrants, strict=True)]
    assert [b.reserved_amount for b in p.buyers] == expected
    aggregate = oracle_reserved_amount(sum(principals, Decimal(0)), sum(warrants), price, multiple)
    assert p.aggregate_reserved_amount == aggregate
    # rounding each Buyer up separately can add at most one share per extra Buyer before the multiple
    assert 0 <= sum(expected) - aggregate <= multiple * (len(terms) - 1)
    assert_pro_rata([b.allocated for b in p.buyers], reserved, expected)
    assert p.shortfall.shares == max(0, aggregate - reserved)


@settings(max_examples=60, deadline=None)
@given(buyer_terms, st.data(), conversion_prices)
def test_more_principal_or_more_warrants_never_lowers_a_reserved_amount(terms, data, price):
    i = data.draw(st.integers(0, len(terms) - 1), label="buyer")
    more_cents = data.draw(st.integers(0, 10**9), label="extra cents")
    more_warrants = data.draw(st.integers(0, 10**8), label="extra warrants")
    principals = [_money(c) for c, _ in terms]
    warrants = [w for _, w in terms]
    before = position(deal_with(principals, warrants, price), D(2003, 5, 31))
    principals[i] += _money(more_cents)
    warrants[i] += more_warrants
    after = position(deal_with(principals, warrants, price), D(2003, 5, 31))
    assert after.buyers[i].reserved_amount >= before.buyers[i].reserved_amount
    assert after.buyers[i].reserved_amount - before.buyers[i].reserved_amount >= 2 * more_warrants
    assert after.aggregate_reserved_amount >= before.aggregate_reserved_amount
    others = [j for j in range(len(terms)) if j != i]
    assert [after.buyers[j].reserved_amount for j in others] == [before.buyers[j].reserved_amount for j in others]


@settings(max_examples=60, deadline=None)
@given(buyer_terms, conversion_prices, conversion_prices)
def test_a_lower_conversion_price_never_lowers_a_reserved_amount(terms, p1, p2):
    low, high = sorted((p1, p2))
    principals = [_money(c) for c, _ in terms]
    warrants = [w for _, w in terms]
    at_low = position(deal_with(principals, warrants, low), D(2003, 5, 31))
    at_high = position(deal_with(principals, warrants, high), D(2003, 5, 31))
    assert all(a.reserved_amount >= b.reserved_amount for a, b in zip(at_low.buyers, at_high.buyers, strict=True))
    assert at_low.aggregate_reserved_amount >= at_high.aggregate_reserved_amount


def test_interest_dates_are_quarter_ends_from_june_30_2003_to_maturity():
    from generator.compute.interest import interest_dates, next_interest_date
    dates = interest_dates(amnis())
    assert dates[:3] == [D(2003, 6, 30), D(2003, 9, 30), D(2003, 12, 31)]
    assert dates[-2:] == [D(2005, 3, 31), D(2005, 5, 9)]      # the last quarter end, then maturity
    assert len(dates) == 9                                     # 8 quarter ends and maturity
    assert next_interest_date(amnis(), D(2003, 6, 30)) == D(2003, 9, 30)
    assert next_interest_date(amnis(), D(2005, 5, 9)) is None
