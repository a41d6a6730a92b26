"""The Standard Liquidated Damages Amount (s.2(f)) against hand calculations on the example ledger.

Accrued interest by hand: 12% x principal x days / 365 from the Closing Date (May 9, 2003), less
what was paid; SDS converted $50,000 on June 16, 2003 and was paid $8,317.81 of interest on June 30.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from generator.compute import breaches, damages, find_breach
from generator.compute.expenses import expense_statement
from generator.deal.load import load
from generator.deal.validate import validate

from ..conftest import EXAMPLE, OTHER_READINGS, with_readings
from ..deals import validated

D = dt.date


def c(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def sds_accrued(principal_days: int) -> Decimal:
    """SDS's accrued unpaid interest for a sum of principal x days, less the $8,317.81 paid."""
    return c(Decimal(principal_days) * Decimal("0.12") / 365 - Decimal("8317.81"))


def deal():
    return with_readings(validated(EXAMPLE, validate), **OTHER_READINGS)


def test_breaches_derived_from_the_ledger():
    found = {b.id: b for b in breaches(deal(), D(2004, 12, 31))}
    # May 9 + 30 days is Sunday, June 8: under New York General Construction Law s.25 (the default
    # reading for a New York agreement) the cure was timely through Monday, June 9; damages from June 10
    assert found["shortfall-2003-06-10"].start == D(2003, 6, 10)
    assert "June 8, 2003 was a Sunday" in found["shortfall-2003-06-10"].deadline_note
    assert found["shortfall-2003-06-10"].cured["sds"] == D(2003, 8, 26)  # 550,000,000 reserved
    assert found["list-2003-07"].start == D(2003, 8, 8)                 # due August 7
    assert found["list-2003-08"].cured == {"sds": None, "alpha": None, "bristol": None}
    assert found["opinion-2003-09-02-bristol"].start == D(2003, 9, 6)   # 3 business days: Sept 3, 4, 5
    assert "information-statement" not in found and "stockholder-approval" not in found  # both on time
    assert found["financial-information"].section == "Section 4(r)"


def test_the_real_deal_derives_the_approval_breaches_when_nothing_is_recorded(tmp_path):

    from ..conftest import AMNIS
    found = {b.id: b for b in breaches(validated(AMNIS, validate), D(2003, 12, 31))}
    # s.4(l): "by August 30, 2003", a Saturday; Monday September 1 was Labor Day, so under General
    # Construction Law s.25 the filing was timely through Tuesday September 2: the breach starts September 3
    assert found["information-statement"].start == D(2003, 9, 3)
    assert "August 30, 2003 was a Saturday" in found["information-statement"].deadline_note
    # the Approval Date, November 30, 2003, a Sunday: timely through Monday December 1; breach from December 2
    assert found["stockholder-approval"].start == D(2003, 12, 2)
    assert found["list-2003-05"].start == D(2003, 6, 7)      # business-day deadlines do not move (due June 6)


def test_with_the_deadline_reading_off_the_breaches_start_the_next_calendar_day(tmp_path):
    from ..conftest import AMNIS, mutate
    deal_file = tmp_path / "deal.yaml"
    deal_file.write_text(mutate(AMNIS.read_text(), "calendar:                               # New York bank business days",
                                "readings:\n  roll_deadlines_to_business_day: false\ncalendar:"))
    d = validate(load(deal_file))
    found = {b.id: b for b in breaches(d, D(2003, 12, 31))}
    assert found["information-statement"].start == D(2003, 8, 31)        # the day after August 30
    assert found["stockholder-approval"].start == D(2003, 12, 1)         # the day after November 30
    assert found["information-statement"].deadline_note is None


def test_a_breach_inside_one_month():
    d = deal()
    result = damages(d, find_breach(d, "list-2003-07", D(2003, 9, 1)), "sds", D(2003, 9, 1))
    (line,) = result.lines
    # Aug 8 to Aug 12 (delivered): 4 days of the 31 from Aug 8 to Sept 8, at 2%
    base = 450000 + sds_accrued(500000 * 38 + 450000 * 53)          # June 16 to Aug 8 = 53 days
    assert (line.days, line.period_days, line.base) == (4, 31, base) and base == Decimal("455769.86")
    assert result.total == c(base * Decimal("0.02") * 4 / 31) == Decimal("1176.18")
    assert result.share_alternative == 235_236       # $1,176.18 / $0.005 in effect on Aug 12


def test_a_breach_across_february_2004():
    d = deal()
    result = damages(d, find_breach(d, "financial-information", D(2004, 6, 1)), "sds", D(2004, 6, 1))
    first, second = result.lines
    # Jan 31 to Feb 29 is the first full month (29 days); Feb 29 to Mar 31 the second (31 days)
    assert (first.start, first.end, first.days, first.period_days) == (D(2004, 1, 31), D(2004, 2, 29), 29, 29)
    assert (second.start, second.end, second.days, second.period_days) == (D(2004, 2, 29), D(2004, 3, 10), 10, 31)
    base1 = 450000 + sds_accrued(500000 * 38 + 450000 * 229)        # June 16, 2003 to Jan 31, 2004 = 229 days
    base2 = 450000 + sds_accrued(500000 * 38 + 450000 * 258)        # ... to Feb 29, 2004 = 258 days
    assert first.amount == c(base1 * Decimal("0.02")) == Decimal("9636.16")
    assert second.amount == c(base2 * Decimal("0.03") * 10 / 31) == Decimal("4704.18")
    assert result.total == Decimal("14340.34")


def test_a_breach_over_several_months_with_a_conversion_in_the_middle():
    d = deal()
    result = damages(d, find_breach(d, "shortfall-2003-06-10", D(2003, 9, 1)), "sds", D(2003, 9, 1))
    lines = result.lines
    # from June 10 (the cure period's last day, Sunday June 8, moved to Monday June 9) to the cure on August 26
    assert [(l.start, l.days, l.period_days, l.rate_percent) for l in lines] == [
        (D(2003, 6, 10), 30, 30, 2), (D(2003, 7, 10), 31, 31, 3), (D(2003, 8, 10), 16, 31, 3)]
    # the base changes after SDS converts $50,000 on June 16 and is paid interest on June 30
    assert lines[0].base == 500000 + c(Decimal(500000 * 32) * Decimal("0.12") / 365) == Decimal("505260.27")
    assert lines[1].base == 450000 + sds_accrued(500000 * 38 + 450000 * 24) == Decimal("451479.45")
    assert lines[2].base == 450000 + sds_accrued(500000 * 38 + 450000 * 55) == Decimal("456065.75")
    assert [l.amount for l in lines] == [c(lines[0].base * Decimal("0.02")), c(lines[1].base * Decimal("0.03")),
                                        c(lines[2].base * Decimal("0.03") * 16 / 31)]
    assert result.total == Decimal("10105.21") + Decimal("13544.38") + Decimal("7061.66") == Decimal("30711.25")
    assert result.cured == D(2003, 8, 26)
    assert result.share_alternative == 6_142_250     # $30,711.25 / $0.005


def test_an_open_breach_accrued_to_a_date():
    d = deal()
    through = D(2003, 10, 15)
    result = damages(d, find_breach(d, "list-2003-08", through), "sds", through)
    first, second = result.lines
    assert (first.start, first.days, first.period_days) == (D(2003, 9, 9), 30, 30)
    assert (second.start, second.days, second.period_days) == (D(2003, 10, 9), 6, 31)
    base1 = 450000 + sds_accrued(500000 * 38 + 450000 * 85)          # June 16 to Sept 9 = 85 days
    base2 = 450000 + sds_accrued(500000 * 38 + 450000 * 115)         # ... to Oct 9 = 115 days
    assert result.total == c(base1 * Decimal("0.02")) + c(base2 * Decimal("0.03") * 6 / 31) == Decimal("11909.75")
    assert result.cured is None


def test_an_opinion_not_accepted_within_three_business_days():
    d = deal()
    result = damages(d, find_breach(d, "opinion-2003-09-02-bristol", D(2003, 10, 1)), "bristol", D(2003, 10, 1))
    (line,) = result.lines
    base = 150000 + c(Decimal(150000 * 120) * Decimal("0.12") / 365)  # May 9 to Sept 6 = 120 days
    assert (line.days, line.period_days) == (6, 30)
    assert result.total == c(base * Decimal("0.02") * 6 / 30) == Decimal("623.67")


def test_expenses_reimbursed_late_bear_interest_at_15_percent():
    s = expense_statement(deal(), "sds-closing-costs", D(2003, 7, 1))
    assert s.total == Decimal("26500.00") and s.due == D(2003, 5, 16)  # May 9 + 5 business days
    assert [(l.start, l.end, l.unpaid, l.days) for l in s.interest_lines] == [
        (D(2003, 5, 17), D(2003, 5, 23), Decimal("26500.00"), 6),
        (D(2003, 5, 23), D(2003, 6, 30), Decimal("11500.00"), 38)]
    assert [l.amount for l in s.interest_lines] == [c(Decimal(26500) * Decimal("0.15") * 6 / 365),
                                                   c(Decimal(11500) * Decimal("0.15") * 38 / 365)]
    assert s.interest == Decimal("65.34") + Decimal("179.59") and s.unpaid == 0
    assert s.amount_due == Decimal("244.93")


def test_no_damages_for_a_period_a_buyer_starts_with_nothing_outstanding(tmp_path):
    # the second deal: Harbor Point converted its whole $500,000 on November 15, 2024 and holds no Warrants; a
    # covenant breach recorded for every Buyer from December 1 owes it nothing, and the others their damages
    from ..conftest import ROOT
    sierra = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
    path = tmp_path / "examples" / "sierra.yaml"
    path.parent.mkdir()
    (tmp_path / "amnis-2003.yaml").write_text((ROOT / "deal_data" / "amnis-2003.yaml").read_text())
    path.write_text(sierra.read_text().rstrip("\n") + "\n  - {date: 2024-12-01, event: breach, id: late-report, "
                    "section: \"4.14\", description: a report not sent, cured: 2024-12-10}\n")
    d = validate(load(path))
    breach = find_breach(d, "late-report", D(2024, 12, 31))
    assert damages(d, breach, "harbor", D(2024, 12, 31)).lines == ()
    assert damages(d, breach, "brevent", D(2024, 12, 31)).total > 0


def flat_rate(d, percent: Decimal, **terms):
    """The deal with a flat monthly damages rate (no first-month and later-months rates) and these other terms."""
    ld = d.covenants.liquidated_damages.model_copy(update={
        "first_month_percent": None, "later_months_percent": None, "monthly_percent": percent, **terms})
    return d.model_copy(update={"covenants": d.covenants.model_copy(update={"liquidated_damages": ld})})


# -- the damages clause as another agreement words it ------------------------------------------------------
# "... the Company shall pay to each Buyer, as liquidated damages, an amount equal to two percent (2%) of the
# purchase price paid by such Buyer for each month (prorated for partial months) until the failure is
# cured; provided that the aggregate of such amounts payable to any Buyer shall not exceed twelve percent
# (12%) of the purchase price paid by such Buyer." Bristol paid $150,000: 2% is $3,000 a month, and the
# cap 12% of it, $18,000, for all its breaches together. Cure days are counted (the default reading).
#   list-2003-07, Aug 8 to Aug 12 (cured):  5 days of the 31 from Aug 8 to Sept 8: 3,000 x 5/31 = 483.870.. = 483.87
#   opinion of Sept 2, Sept 6 to Sept 12:   7 days of the 30 from Sept 6 to Oct 6: 3,000 x 7/30 = 700.00
#   list-2003-08, from Sept 9, not cured:   through March 8, 2004, six full months: 6 x 3,000 = 18,000.00,
#       then 15 days of the 31 from March 9 to April 9 (through March 23): 3,000 x 15/31 = 1,451.612.. = 1,451.61;
#       the cap leaves it 18,000 - 483.87 - 700.00 = 16,816.13.
def flat_capped():
    return flat_rate(validated(EXAMPLE, validate), Decimal(2), base="purchase-price", cap_percent=Decimal(12),
                     cap_of="purchase-price")


def test_a_flat_rate_of_the_purchase_price_by_hand():
    d = flat_capped()
    one = damages(d, find_breach(d, "list-2003-07", D(2003, 9, 1)), "bristol", D(2003, 9, 1))
    (line,) = one.lines
    assert (line.days, line.period_days, line.base, line.rate_percent, line.amount) == \
        (5, 31, Decimal(150000), Decimal(2), Decimal("483.87"))
    assert one.cap is not None and one.cap.limit == Decimal("18000.00") and one.cap.before == 0
    opinion = damages(d, find_breach(d, "opinion-2003-09-02-bristol", D(2003, 10, 1)), "bristol", D(2003, 10, 1))
    assert [(x.days, x.period_days, x.amount) for x in opinion.lines] == [(7, 30, Decimal("700.00"))]
    assert opinion.cap.before == Decimal("483.87") and opinion.total == Decimal("700.00")


def test_the_flat_rate_runs_every_month_alike_and_the_cap_takes_the_earlier_breaches_first():
    d = flat_capped()
    breach = find_breach(d, "list-2003-08", D(2004, 3, 23))
    result = damages(d, breach, "bristol", D(2004, 3, 24))
    assert [x.amount for x in result.lines] == [Decimal("3000.00")] * 6 + [Decimal("1451.61")]
    assert [x.rate_percent for x in result.lines] == [Decimal(2)] * 7          # no first-month rate
    assert result.lines[-1].fraction == (15, 31)
    assert result.accrued == Decimal("19451.61")
    assert result.cap.before == Decimal("1183.87") and result.total == Decimal("16816.13") and result.capped
    # the share alternative is of what is owed, at the Conversion Price in effect ($0.005): rounded up
    assert result.share_alternative == 3_363_226                          # 16,816.13 / 0.005 = 3,363,226


def test_the_cap_holds_for_all_breaches_together_in_the_figures():
    from generator.compute.figures import figures
    report = figures(flat_capped(), D(2004, 3, 23))
    assert report["liquidated_damages_total"]["per_buyer"]["bristol"] == Decimal("18000.00")
    assert report["liquidated_damages_total"]["cap_of"] == "purchase-price"
    by_breach = {b["id"]: next(x for x in b["buyers"] if x["buyer"] == "bristol")["amount"]
                 for b in report["liquidated_damages"] if "bristol" in [x["buyer"] for x in b["buyers"]]}
    assert by_breach["list-2003-07"] == Decimal("483.87") and by_breach["list-2003-08"] == Decimal("16816.13")
    assert by_breach["list-2003-09"] == 0                                  # nothing left under the cap


def test_without_a_cap_nothing_changes():
    d = deal()
    result = damages(d, find_breach(d, "list-2003-08", D(2004, 3, 23)), "bristol", D(2004, 3, 24))
    assert result.cap is None and result.total == result.accrued and not result.capped


def test_the_deadline_calendar_states_the_flat_rate():
    from generator.compute.deadlines import deadlines
    found = {d.key: d for d in deadlines(flat_capped(), D(2003, 9, 30))}
    rule = found["cure-list-2003-08"].rule
    assert "at 2% a month, the first month ending on this day" in rule and "None" not in rule
    tiered = {d.key: d for d in deadlines(validated(EXAMPLE, validate), D(2003, 9, 30))}["cure-list-2003-08"].rule
    assert "at 2% for the first month, which ends on this day, and 3% for each later month" in tiered


# -- a preferred stock deal: the base is the Stated Value plus accrued and unpaid dividends -----------------
# Allegheny Vireo's clause written flat: "... an amount equal to one and one-half percent (1.5%) of the
# aggregate Stated Value of such Buyer's Preferred Shares then outstanding plus accrued and unpaid dividends
# thereon, for each month (prorated for partial months) ..., not to exceed nine percent (9%) of the aggregate
# Stated Value of its Preferred Shares." Monongahela holds 900 shares of $1,000 Stated Value. The list for
# December 2025 was due January 15, 2026 and delivered January 29: damages from January 16 to January 29,
# that day counted, 14 days of the 31 from January 16 to February 16.
# Dividends, 8% a year, 30E/360, from the September 12, 2025 closing to the start of January 16: 124 days
# (Sept 12 to Jan 16: 360 - 8 x 30 + 4), 900,000 x 8% x 124/360 = 24,800.00; paid 6,600.00 + 6,000.00
# + 6,000.00 + 6,000.00 = 24,600.00; unpaid 200.00. Base 900,200.00;
# 900,200.00 x 1.5% x 14/31 = 6,098.129... = 6,098.13. The cap, 9% of $900,000 = $81,000, is not reached.
def preferred_flat():
    from generator.compute.validate import validate as validate_deal  # derives the Warrants from the coverage

    from ..conftest import ROOT
    d = validate_deal(load(ROOT / "deal_data" / "examples" / "allegheny-vireo-2025.yaml"))
    return flat_rate(d, Decimal("1.5"), cap_percent=Decimal(9))


def test_a_flat_rate_of_stated_value_plus_accrued_dividends_by_hand():
    d = preferred_flat()
    result = damages(d, find_breach(d, "list-2025-12", D(2026, 2, 1)), "monongahela", D(2026, 2, 1))
    (line,) = result.lines
    assert (line.days, line.period_days, line.principal, line.accrued_interest, line.base) == \
        (14, 31, Decimal(900000), Decimal("200.00"), Decimal("900200.00"))
    assert line.rate_percent == Decimal("1.5") and line.amount == Decimal("6098.13")
    assert result.cap.limit == Decimal("81000.00") and result.total == Decimal("6098.13") and not result.capped
