"""New York bank business days: the Federal Reserve calendar, not the NYSE's."""
import datetime as dt

from generator.compute.business_days import (
    BusinessCalendar,
    add_months,
    month_end,
    next_month,
)

D = dt.date
FED, NYSE = BusinessCalendar("XFED"), BusinessCalendar("XNYS")


def test_columbus_day_closes_banks_but_not_the_nyse():
    # Friday October 10, 2003 + 1 business day: Monday October 13 is Columbus Day
    assert FED.add_business_days(D(2003, 10, 10), 1) == D(2003, 10, 14)
    assert NYSE.add_business_days(D(2003, 10, 10), 1) == D(2003, 10, 13)


def test_veterans_day_closes_banks_but_not_the_nyse():
    assert FED.add_business_days(D(2003, 11, 10), 1) == D(2003, 11, 12)
    assert NYSE.add_business_days(D(2003, 11, 10), 1) == D(2003, 11, 11)


def test_good_friday_closes_the_nyse_but_not_banks():
    assert FED.add_business_days(D(2003, 4, 17), 1) == D(2003, 4, 18)
    assert NYSE.add_business_days(D(2003, 4, 17), 1) == D(2003, 4, 21)


def test_five_business_days_after_month_ends():
    # May 31, 2003 (Sat): June 2, 3, 4, 5, 6
    assert FED.add_business_days(month_end("2003-05"), 5) == D(2003, 6, 6)
    # June 30, 2003 (Mon): July 1, 2, 3, (4 Independence Day), 7, 8
    assert FED.add_business_days(month_end("2003-06"), 5) == D(2003, 7, 8)
    # August 31, 2003 (Sun): (Sept 1 Labor Day), 2, 3, 4, 5, 8
    assert FED.add_business_days(month_end("2003-08"), 5) == D(2003, 9, 8)
    # June 30, 2004 (Wed): July 1, 2, (5 Independence Day observed), 6, 7, 8
    assert FED.add_business_days(month_end("2004-06"), 5) == D(2004, 7, 8)


def test_extra_closures_listed_in_the_deal_count_as_holidays():
    storm = BusinessCalendar("XFED", frozenset({D(2003, 6, 3)}))
    assert storm.add_business_days(month_end("2003-05"), 5) == D(2003, 6, 9)
    assert (D(2003, 6, 3), "closure listed in the deal data") in storm.closures_between(D(2003, 5, 31), D(2003, 6, 9))


def test_month_helpers():
    assert month_end("2004-02") == D(2004, 2, 29)
    assert next_month("2003-12") == "2004-01"
    assert add_months(D(2003, 1, 31), 1) == D(2003, 2, 28)
