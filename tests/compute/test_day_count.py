"""Day count fractions against published worked examples.

Sources (the figures below are theirs, not ours):
  * ISDA, "30/360 Day Count Conventions" (22 December 2008): the worked examples of 30/360 (s.4.16(f)),
    30E/360 (s.4.16(g)) and 30E/360 (ISDA) (s.4.16(h)) of the 2006 ISDA Definitions, in three tables
    (https://www.isda.org/2008/12/22/30-360-day-count-conventions/); the day counts as reproduced in
    QuantLib's test-suite/daycounters.cpp (testThirty360_BondBasis, _EurobondBasis, _ISDA).
  * ISDA, "EMU and Market Conventions: Recent Developments" (1998) and "The Actual/Actual Day Count
    Fraction" (1999): the Actual/Actual (ISDA) examples (regular period, short and long first and
    final periods), to 12 places as QuantLib's testActualActual reproduces them.
Actual/365 (Fixed) and Actual/360 (s.4.16(d), (e)) are the actual days over 365 or 360: checked on
the same ISDA example periods from the definitions' words.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.compute.day_count import DAY_COUNTS, RULES, day_count, period_days, year_fraction

D = dt.date

# ISDA 2008, Example 1: end dates do not involve the last day of February (all three conventions)
EXAMPLE_1 = [(D(2006, 8, 20), D(2007, 2, 20), 180), (D(2007, 2, 20), D(2007, 8, 20), 180),
             (D(2007, 8, 20), D(2008, 2, 20), 180), (D(2008, 2, 20), D(2008, 8, 20), 180),
             (D(2008, 8, 20), D(2009, 2, 20), 180), (D(2009, 2, 20), D(2009, 8, 20), 180)]


@pytest.mark.parametrize("convention", ["30/360", "30E/360", "30E/360 (ISDA)"])
@pytest.mark.parametrize("start, end, days", EXAMPLE_1)
def test_isda_example_1_no_end_of_february(convention, start, end, days):
    assert day_count(convention, start, end, termination=D(2009, 8, 20)) == days
    assert year_fraction(convention, start, end, termination=D(2009, 8, 20)) == Decimal("0.5")


@pytest.mark.parametrize("start, end, days", [
    # ISDA 2008, Example 2 (30/360): end dates include some end-February dates
    (D(2006, 8, 31), D(2007, 2, 28), 178), (D(2007, 2, 28), D(2007, 8, 31), 183),
    (D(2007, 8, 31), D(2008, 2, 29), 179), (D(2008, 2, 29), D(2008, 8, 31), 182),
    (D(2008, 8, 31), D(2009, 2, 28), 178), (D(2009, 2, 28), D(2009, 8, 31), 183),
    # ISDA 2008, Example 3 (30/360): miscellaneous calculations
    (D(2006, 1, 31), D(2006, 2, 28), 28), (D(2006, 1, 30), D(2006, 2, 28), 28),
    (D(2006, 2, 28), D(2006, 3, 3), 5), (D(2006, 2, 14), D(2006, 2, 28), 14),
    (D(2006, 9, 30), D(2006, 10, 31), 30), (D(2006, 10, 31), D(2006, 11, 28), 28),
    (D(2007, 8, 31), D(2008, 2, 28), 178), (D(2008, 2, 28), D(2008, 8, 28), 180),
    (D(2008, 2, 28), D(2008, 8, 30), 182), (D(2008, 2, 28), D(2008, 8, 31), 183),
    (D(2007, 2, 26), D(2008, 2, 28), 362), (D(2007, 2, 26), D(2008, 2, 29), 363),
    (D(2008, 2, 29), D(2009, 2, 28), 359), (D(2008, 2, 28), D(2008, 3, 30), 32),
    (D(2008, 2, 28), D(2008, 3, 31), 33),
])
def test_30_360_bond_basis_isda_examples(start, end, days):
    assert period_days("30/360", start, end) == {360: days}


@pytest.mark.parametrize("start, end, days", [
    # ISDA 2008, Example 2 (30E/360)
    (D(2006, 2, 28), D(2006, 8, 31), 182), (D(2006, 8, 31), D(2007, 2, 28), 178),
    (D(2007, 2, 28), D(2007, 8, 31), 182), (D(2007, 8, 31), D(2008, 2, 29), 179),
    (D(2008, 2, 29), D(2008, 8, 31), 181), (D(2008, 8, 31), D(2009, 2, 28), 178),
    (D(2009, 2, 28), D(2009, 8, 31), 182), (D(2009, 8, 31), D(2010, 2, 28), 178),
    (D(2010, 2, 28), D(2010, 8, 31), 182), (D(2010, 8, 31), D(2011, 2, 28), 178),
    (D(2011, 2, 28), D(2011, 8, 31), 182), (D(2011, 8, 31), D(2012, 2, 29), 179),
    # ISDA 2008, Example 3 (30E/360)
    (D(2006, 1, 31), D(2006, 2, 28), 28), (D(2006, 1, 30), D(2006, 2, 28), 28),
    (D(2006, 2, 28), D(2006, 3, 3), 5), (D(2006, 2, 14), D(2006, 2, 28), 14),
    (D(2006, 9, 30), D(2006, 10, 31), 30), (D(2006, 10, 31), D(2006, 11, 28), 28),
    (D(2007, 8, 31), D(2008, 2, 28), 178), (D(2008, 2, 28), D(2008, 8, 28), 180),
    (D(2008, 2, 28), D(2008, 8, 30), 182), (D(2008, 2, 28), D(2008, 8, 31), 182),
    (D(2007, 2, 26), D(2008, 2, 28), 362), (D(2007, 2, 26), D(2008, 2, 29), 363),
    (D(2008, 2, 29), D(2009, 2, 28), 359), (D(2008, 2, 28), D(2008, 3, 30), 32),
    (D(2008, 2, 28), D(2008, 3, 31), 32),
])
def test_30e_360_eurobond_basis_isda_examples(start, end, days):
    assert period_days("30E/360", start, end) == {360: days}


@pytest.mark.parametrize("start, end, days", [
    # ISDA 2008, Example 2 (30E/360 (ISDA)), Termination Date February 29, 2012
    (D(2006, 2, 28), D(2006, 8, 31), 180), (D(2006, 8, 31), D(2007, 2, 28), 180),
    (D(2007, 2, 28), D(2007, 8, 31), 180), (D(2007, 8, 31), D(2008, 2, 29), 180),
    (D(2008, 2, 29), D(2008, 8, 31), 180), (D(2008, 8, 31), D(2009, 2, 28), 180),
    (D(2009, 2, 28), D(2009, 8, 31), 180), (D(2009, 8, 31), D(2010, 2, 28), 180),
    (D(2010, 2, 28), D(2010, 8, 31), 180), (D(2010, 8, 31), D(2011, 2, 28), 180),
    (D(2011, 2, 28), D(2011, 8, 31), 180),
    (D(2011, 8, 31), D(2012, 2, 29), 179),      # the last day of February that is the Termination Date stays 29
])
def test_30e_360_isda_example_2_termination_date_in_february(start, end, days):
    assert period_days("30E/360 (ISDA)", start, end, termination=D(2012, 2, 29)) == {360: days}


@pytest.mark.parametrize("start, end, days", [
    # ISDA 2008, Example 3 (30E/360 (ISDA)), Termination Date February 29, 2008
    (D(2006, 1, 31), D(2006, 2, 28), 30), (D(2006, 1, 30), D(2006, 2, 28), 30),
    (D(2006, 2, 28), D(2006, 3, 3), 3), (D(2006, 2, 14), D(2006, 2, 28), 16),
    (D(2006, 9, 30), D(2006, 10, 31), 30), (D(2006, 10, 31), D(2006, 11, 28), 28),
    (D(2007, 8, 31), D(2008, 2, 28), 178), (D(2008, 2, 28), D(2008, 8, 28), 180),
    (D(2008, 2, 28), D(2008, 8, 30), 182), (D(2008, 2, 28), D(2008, 8, 31), 182),
    (D(2007, 2, 28), D(2008, 2, 28), 358), (D(2007, 2, 28), D(2008, 2, 29), 359),
    (D(2008, 2, 29), D(2009, 2, 28), 360), (D(2008, 2, 29), D(2008, 3, 30), 30),
    (D(2008, 2, 29), D(2008, 3, 31), 30),
])
def test_30e_360_isda_example_3(start, end, days):
    assert period_days("30E/360 (ISDA)", start, end, termination=D(2008, 2, 29)) == {360: days}


def test_30e_360_isda_february_end_counts_as_30_unless_it_is_the_termination_date():
    # ISDA 2008, Example 2's last period under another Termination Date: February 29, 2012 is then a 30th
    assert day_count("30E/360 (ISDA)", D(2011, 8, 31), D(2012, 2, 29), termination=D(2013, 2, 28)) == 180
    assert day_count("30E/360 (ISDA)", D(2011, 8, 31), D(2012, 2, 29)) == 180      # no Termination Date given


@pytest.mark.parametrize("start, end, parts, published", [
    # ISDA 1998/1999, regular calculation period: 61/365 + 121/366
    (D(2003, 11, 1), D(2004, 5, 1), {365: 61, 366: 121}, "0.497724380567"),
    # short first calculation period: the first period, then the second
    (D(1999, 2, 1), D(1999, 7, 1), {365: 150, 366: 0}, "0.410958904110"),
    (D(1999, 7, 1), D(2000, 7, 1), {365: 184, 366: 182}, "1.001377348600"),
    # long first calculation period: the first period
    (D(2002, 8, 15), D(2003, 7, 15), {365: 334, 366: 0}, "0.915068493151"),
    # short final calculation period: the penultimate period, then the final one
    (D(1999, 7, 30), D(2000, 1, 30), {365: 155, 366: 29}, "0.503892506924"),
    (D(2000, 1, 30), D(2000, 6, 30), {365: 0, 366: 152}, "0.415300546448"),
])
def test_actual_actual_isda_examples(start, end, parts, published):
    assert period_days("actual/actual (ISDA)", start, end) == parts
    assert abs(year_fraction("actual/actual (ISDA)", start, end) - Decimal(published)) < Decimal("1e-10")   # the tolerance QuantLib checks them to


@pytest.mark.parametrize("start, end", [(D(2003, 11, 1), D(2004, 5, 1)), (D(1999, 2, 1), D(1999, 7, 1))])
def test_actual_365_fixed_and_actual_360_on_the_isda_periods(start, end):
    days = (end - start).days                                     # 182 and 150 actual days
    assert period_days("actual/365", start, end) == {365: days}
    assert period_days("actual/360", start, end) == {360: days}
    assert year_fraction("actual/365", start, end) == Decimal(days) / 365


def test_the_issue_case_a_period_from_the_12th_to_the_end_of_october():
    # the US bond basis keeps an end on the 31st when D1 (12) is below 30: 30 x 0 + (31 - 12) = 19 days,
    # a day more than the Eurobond basis, where every 31st is the 30th: 30 - 12 = 18 (ISDA 2006 s.4.16(f), (g))
    assert day_count("30/360", D(2024, 10, 12), D(2024, 10, 31)) == 19
    assert day_count("30E/360", D(2024, 10, 12), D(2024, 10, 31)) == 18
    assert day_count("30E/360 (ISDA)", D(2024, 10, 12), D(2024, 10, 31)) == 18


def test_every_convention_has_its_words_and_refuses_unknown_ones():
    assert set(RULES) == set(DAY_COUNTS)
    with pytest.raises(ValueError, match="30E/360"):
        period_days("actual/366", D(2024, 1, 1), D(2024, 2, 1))
