"""The filings and post-closing calendar (compute/filings.py), each date worked by hand from the rule's words, on the
SEC's business days (federal holidays, 5 U.S.C. 6103), which are neither the Federal Reserve's nor the NYSE's; the
third parties' deliverables (good standing, opinion, acknowledgment) as typed checklist items; bad filings data
refused, every problem at once, with its line."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.compute.business_days import SEC, BusinessCalendar, differing_days
from generator.compute.checklist import after_closing, checklist, still_pending
from generator.compute.filings import filings, four_business_days, rule_on
from generator.deal.load import load
from generator.deal.validate import validate
from generator.errors import DealDataError

from ..conftest import AMNIS, ROOT, line_of, mutate
from ..deals import validated

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
D = dt.date


def _by_key(path, as_of=None):
    from generator.compute.validate import validate as validate_deal  # derives Warrants from a coverage
    return {f.key: f for f in filings(validated(path, validate_deal), as_of)}


def _deal(tmp_path, text):
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_deal_files_its_form_d_on_may_27_2003():
    # Rule 503(a) (before 2008): "no later than 15 days after the first sale"; the first sale is the Closing Date,
    # May 9, 2003 (s.1(c): the Debentures are issued and sold at noon that day, every Buyer paying at the Closing).
    # May 9 + 15 = Saturday May 24; Rule 0-3(a): "if the last day ... falls on a Saturday, Sunday or holiday, such
    # papers may be filed on the first business day following": Sunday 25, Memorial Day Monday 26, so Tuesday 27.
    found = _by_key(AMNIS)
    form_d = found["form-d"]
    assert form_d.date == D(2003, 5, 27) and form_d.status == "open"
    assert "Rule 503(a)" in form_d.source and "Rule 0-3(a)" in form_d.source
    assert "Memorial Day" in form_d.rule and form_d.applies_from == D(1982, 4, 15)
    # s.4(b): "a copy thereof to each Buyer promptly after such filing": no number of days, shown on the filing's day
    copy = found["form-d-copy"]
    assert copy.date == D(2003, 5, 27) and copy.section == "Section 4(b)" and "promptly" in copy.rule


def test_the_sample_deal_needs_no_8_k_item_before_august_23_2004():
    found = _by_key(AMNIS)
    for event in ("material-agreement", "financial-obligation", "unregistered-sale"):
        item = found[f"form-8-k-{event}"]
        assert item.date is None and item.status == "no 8-K item required"
        assert "Form 10-Q" in item.rule                 # an unregistered sale: the next quarterly report then


def test_the_sample_deals_state_notice_lock_up_and_survival():
    found = _by_key(AMNIS)
    # SDS resides in Connecticut: 15 days (as the deal data gives it) from May 9 is Saturday May 24; Connecticut's
    # offices are closed on Memorial Day too: May 27
    notice = found["state-notice-CT"]
    assert notice.date == D(2003, 5, 27) and "no source yet" in notice.source and "Connecticut" in notice.calendar
    # s.4(e): the later of 270 days from the Closing Date (May 9, 2003 + 270 = February 3, 2004) and 180 days after
    # the Registration Statement is declared effective (not yet known)
    assert found["lock-up"].date == D(2004, 2, 3) and found["lock-up"].status == "ends no earlier than February 3, 2004"
    # s.8(i): "for a period of one (1) year after the closing"
    assert found["survival"].date == D(2004, 5, 9) and found["survival"].section == "Section 8(i)"


def test_the_lock_up_ends_on_the_later_limb_once_its_event_is_known(tmp_path):
    text = mutate(AMNIS.read_text(encoding="utf-8"), "      # date: the day it is declared effective, once it is",
                  "      date: 2003-10-01")
    found = _by_key(_deal(tmp_path, text))
    # October 1, 2003 + 180 days = March 29, 2004, later than February 3, 2004
    assert found["lock-up"].date == D(2004, 3, 29) and found["lock-up"].status == "ends March 29, 2004"


def test_sierra_files_form_d_and_its_8_k_items_on_the_secs_business_days():
    found = _by_key(SIERRA)
    # Rule 503(a)(1) (from September 15, 2008): "no later than 15 calendar days after the first sale": August 28, 2024
    # (the Buyers signed) + 15 = Thursday September 12, 2024, a business day
    assert found["form-d"].date == D(2024, 9, 12) and found["form-d"].applies_from == D(2008, 9, 15)
    assert found["form-d"].status == "filed September 10, 2024"
    # Form 8-K B.1 (from August 23, 2004): "within four business days after occurrence of the event". Item 1.01, the
    # Agreement signed Wednesday August 28: Thursday 29 (1), Friday 30 (2), Labor Day Monday September 2 not
    # counted, Tuesday 3 (3), Wednesday 4 (4)
    assert found["form-8-k-material-agreement"].date == D(2024, 9, 4)
    assert found["form-8-k-unregistered-sale"].date == D(2024, 9, 4)
    # Item 2.03, the Notes issued Friday August 30: Tuesday 3, Wednesday 4, Thursday 5, Friday 6
    assert found["form-8-k-financial-obligation"].date == D(2024, 9, 6)
    assert "Item 2.03" in found["form-8-k-financial-obligation"].title
    # 18 months after August 30, 2024: February has no 30th, so its last day
    assert found["survival"].date == D(2026, 2, 28)


def test_what_is_filed_is_known_only_from_its_date():
    before = _by_key(SIERRA, D(2024, 9, 9))
    after = _by_key(SIERRA, D(2024, 9, 10))
    assert before["form-d"].status == "open" and after["form-d"].status == "filed September 10, 2024"
    # the copy: shown on the Form D's due date until the filing is recorded, then on the filing's day
    assert before["form-d-copy"].date == D(2024, 9, 12) and after["form-d-copy"].date == D(2024, 9, 10)


def test_an_8_k_event_on_a_weekend_starts_the_count_on_the_next_sec_business_day():
    # Saturday October 9, 2004; Monday October 11 is Columbus Day, a federal holiday (the SEC closed, the NYSE
    # open): the four business days begin on, and include, Tuesday October 12: 12, 13, 14, 15
    assert four_business_days(D(2004, 10, 9)) == D(2004, 10, 15)
    # on an SEC business day the event's own day is not counted: Monday August 23, 2004 -> Friday August 27
    assert four_business_days(D(2004, 8, 23)) == D(2004, 8, 27)


def test_rules_apply_by_the_date_of_the_event():
    assert rule_on("form-8-k", D(2004, 8, 22)).id == "form-8-k-before-2004"
    assert rule_on("form-8-k", D(2004, 8, 23)).id == "form-8-k-2004"
    assert rule_on("form-d", D(2008, 9, 14)).id == "form-d-1982"
    assert rule_on("form-d", D(2008, 9, 15)).id == "form-d-2008"


def test_the_secs_business_days_are_not_the_federal_reserves_nor_the_nyses():
    fed, nyse = BusinessCalendar("XFED"), BusinessCalendar("XNYS")
    # Independence Day 2020 was a Saturday: federal offices (5 U.S.C. 6103(b)) closed Friday July 3; the Federal
    # Reserve stays open the Friday before a Saturday holiday
    assert not SEC.is_business_day(D(2020, 7, 3)) and fed.is_business_day(D(2020, 7, 3))
    # Good Friday: the NYSE closed, the SEC open; Columbus Day and Veterans Day: the SEC closed, the NYSE open
    assert SEC.is_business_day(D(2003, 4, 18)) and not nyse.is_business_day(D(2003, 4, 18))
    assert [d for d, _ in differing_days(SEC, nyse, D(2003, 10, 1), D(2003, 11, 30))] == [D(2003, 10, 13),
                                                                                         D(2003, 11, 11)]
    # Inauguration Day (6103(c), the SEC's offices in the District of Columbia), Thursday January 20, 2005
    assert not SEC.is_business_day(D(2005, 1, 20)) and fed.is_business_day(D(2005, 1, 20))
    # a half-day closing is not a whole day: Christmas Eve 2002
    assert SEC.is_business_day(D(2002, 12, 24))


def test_filings_are_checklist_items_after_the_closing():
    deal = validated(SIERRA, validate)
    rows = {r.id: r for r in after_closing(deal)}
    assert rows["form-d"].due == D(2024, 9, 12) and rows["form-d"].to == "the SEC"
    assert rows["state-notice-AZ"].status == "open"
    assert not still_pending(list(rows.values()))       # a filing after the closing never holds the closing up


def test_third_party_deliverables_are_typed_items_with_due_and_received_dates():
    deal = validated(SIERRA, validate)
    rows = {r.id: r for r in checklist(deal, {})}
    good = rows["good-standing-nevada"]
    # dated August 27, 2024, three days before the August 30 closing: inside its five-day bring-down window
    assert (good.kind, good.status, good.date, good.due) == ("third-party", "received", D(2024, 8, 29), D(2024, 8, 30))
    assert "Nevada Secretary of State" in good.by
    # true on its date: the opinion came in on September 6, so on September 5 it was still pending
    on_the_5th = {r.id: r for r in checklist(deal, {}, D(2024, 9, 5))}
    assert on_the_5th["opinion-of-counsel"].status == "pending" and rows["opinion-of-counsel"].status == "received"


def test_a_good_standing_dated_outside_its_bring_down_window_is_flagged(tmp_path):
    text = mutate(SIERRA.read_text(encoding="utf-8"), "due: 2024-08-30, dated: 2024-08-27, received: 2024-08-29",
                  "due: 2024-08-30, dated: 2024-08-20, received: 2024-08-29")
    deal = validate(load(_deal(tmp_path, text)))
    row = next(r for r in checklist(deal, {}) if r.id == "good-standing-nevada")
    # August 20 is ten days before August 30: outside the five days
    assert row.status == "stale" and "10 days before the Closing Date" in row.note
    assert row in still_pending(checklist(deal, {}))


def test_bad_filings_are_refused_all_at_once_with_their_lines(tmp_path):
    text = AMNIS.read_text(encoding="utf-8")
    text = mutate(text, "  - kind: form-8-k                      # the Company reports under s.12(g) of the 1934 Act (s.4(c))",
                  "  - kind: form-10-k\n  - kind: form-8-k")
    text = mutate(text, "    days_after_first_sale: 15\n    source: {unconfirmed: \"Connecticut's",
                  "    source: {unconfirmed: \"Connecticut's")
    text = mutate(text, "    source: {unconfirmed: \"Connecticut's notice filing for Rule 506 offerings and its period, "
                  "to be confirmed with blue sky counsel\"}\n", "")
    with pytest.raises(DealDataError) as caught:
        validate(load(_deal(tmp_path, text)))
    message = caught.value.report()
    assert f"deal.yaml:{line_of(text, '- kind: form-10-k')}:" in message and "form-10-k" in message
    assert "days_after_first_sale: required fact is missing" in message       # a state notice without its period
    assert ".source: required fact is missing" in message                      # ... nor its source
    assert "(3)" in message


def test_a_notice_for_buyers_elsewhere_and_a_buyer_in_a_state_without_a_notice_are_refused(tmp_path):
    text = AMNIS.read_text(encoding="utf-8")
    text = mutate(text, "    buyers: [sds]", "    buyers: [sds, bristol]")
    text = mutate(text, "    residence: Liechtenstein", "    residence: New York")
    with pytest.raises(DealDataError) as caught:
        validate(load(_deal(tmp_path, text)))
    message = caught.value.report()
    assert f"deal.yaml:{line_of(text, 'buyers: [sds, bristol]')}:" in message
    assert "Bristol Investment Fund, Ltd. resides in Cayman Islands" in message
    assert f"deal.yaml:{line_of(text, 'residence: New York')}:" in message
    assert "need a state notice for New York" in message


def test_the_sample_deals_calendar_holds_form_d_on_may_27_2003():
    from icalendar import Calendar

    from generator.compute.deadlines import deadlines
    from generator.writers.ics import calendar_bytes

    deal = validated(AMNIS, validate)
    events = {str(e["UID"]).split(".", 1)[0]: e for e in Calendar.from_ical(calendar_bytes(deal, deadlines(deal), 3))
              .walk("VEVENT")}
    assert events["form-d"]["DTSTART"].dt == D(2003, 5, 27)
    assert "Memorial Day" in str(events["form-d"]["DESCRIPTION"])
    assert not any(k.startswith("form-8-k") for k in events)          # no 8-K item required: no event


def test_the_preferred_deal_reports_no_direct_financial_obligation():
    found = _by_key(ROOT / "deal_data" / "examples" / "allegheny-vireo-2025.yaml")
    # Item 1.01 for the Agreement signed Wednesday September 10, 2025: Thursday 11, Friday 12, Monday 15, Tuesday 16
    assert found["form-8-k-material-agreement"].date == D(2025, 9, 16)
    assert "form-8-k-financial-obligation" not in found     # Preferred Stock is no debt: no Item 2.03
    # Rule 503(a)(1): September 10 + 15 calendar days = Thursday September 25, 2025
    assert found["form-d"].date == D(2025, 9, 25)
    assert {k for k in found if k.startswith("state-notice")} == {"state-notice-DE", "state-notice-PA"}
