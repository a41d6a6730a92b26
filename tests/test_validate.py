"""Bad deal files: each problem located by file, line, key path, with what was expected."""
from __future__ import annotations

import re
import typing

import pytest
from pydantic import BaseModel, PlainValidator, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from generator.compute.validate import validate
from generator.deal import fields
from generator.deal.load import load
from generator.deal.model import EVENT_KINDS, Deal
from generator.errors import DealDataError, PendingFactsError

from .conftest import AMNIS, PREFERRED, line_of, mutate

# (id, [(old, new), ...], key path, message fragment, text on the expected line or None)
BAD_FILES = [
    ("yaml-syntax", [("closing_date: 2003-05-09", "closing_date: [2003-05-09")], "", "YAML syntax", None),
    ("duplicate-key", [("closing_date: 2003-05-09", "closing_date: 2003-05-09\nclosing_date: 2003-05-10")],
     "closing_date", "duplicate key 'closing_date'", "closing_date: 2003-05-10"),
    ("money-as-words", [("principal: 500000", "principal: five hundred thousand")],
     "buyers[0].principal", "expected an amount of money", "principal: five hundred thousand"),
    ("money-with-commas", [("principal: 350000", 'principal: "350,000"')],
     "buyers[1].principal", "no $, commas or words", 'principal: "350,000"'),
    ("money-fraction-of-cent", [("principal: 150000", "principal: 150000.005")],
     "buyers[2].principal", "at most two decimal places", "principal: 150000.005"),
    ("money-negative", [("aggregate_principal: 1000000", "aggregate_principal: -1000000")],
     "securities.convertible.aggregate_principal", "cannot be negative", "aggregate_principal: -1000000"),
    ("money-infinite-float", [("aggregate_principal: 1000000", "aggregate_principal: .inf")],
     "securities.convertible.aggregate_principal", "not a finite number", "aggregate_principal: .inf"),
    ("money-true", [("purchase_price: 500000", "purchase_price: yes")],
     "buyers[0].purchase_price", "not true/false", "purchase_price: yes"),
    ("shares-fraction", [("warrants: 2500000", "warrants: 2500000.5")],
     "buyers[0].warrants", "whole number of shares", "warrants: 2500000.5"),
    ("unknown-key", [("closing_date: 2003-05-09", "closing_date: 2003-05-09\nclosing_dat: 2003-05-09")],
     "closing_dat", "unknown key 'closing_dat'", "closing_dat: 2003-05-09"),
    ("missing-fact", [("closing_date: 2003-05-09                # s.1(c)\n", "")],
     "closing_date", "required fact is missing", None),
    ("date-as-words", [("closing_date: 2003-05-09", 'closing_date: "May 9, 2003"')],
     "closing_date", "YYYY-MM-DD", 'closing_date: "May 9, 2003"'),
    ("date-with-time", [("closing_date: 2003-05-09", "closing_date: 2003-05-09 12:00:00")],
     "closing_date", "without a time of day", "closing_date: 2003-05-09 12:00:00"),
    ("figure-left-tbc", [("principal: 500000", "principal: TBC")],
     "buyers[0].principal", "cannot be left to be confirmed", "principal: TBC"),
    ("principal-does-not-add-up", [("principal: 150000", "principal: 160000"),
                                   ("purchase_price: 150000", "purchase_price: 160000")],
     "securities.convertible.aggregate_principal", "add up to 1,010,000", "aggregate_principal: 1000000"),
    ("warrants-do-not-add-up", [("warrants: 750000", "warrants: 760000")],
     "securities.warrants.aggregate_shares", "add up to 5,010,000 shares", "aggregate_shares: 5000000"),
    ("price-differs-from-principal", [("purchase_price: 350000", "purchase_price: 300000")],
     "buyers[1].purchase_price", "should equal the principal", "purchase_price: 300000"),
    ("breakdown-does-not-add-up", [("shares: 53453861", "shares: 53453862")],
     "capitalization.reserved[2].shares", "breakdown adds up to 252,315,052", "shares: 252315051"),
    ("reserved-exceeds-authorized", [("authorized_common: 400000000", "authorized_common: 300000000")],
     "capitalization.authorized_common", "exceed the authorized", "authorized_common: 300000000"),
    ("closing-before-agreement", [("closing_date: 2003-05-09", "closing_date: 2003-05-01")],
     "closing_date", "before the agreement date", "closing_date: 2003-05-01"),
    ("control-character", [("  name: Amnis Systems Inc.\n  state", '  name: "Amnis\\a Systems Inc."\n  state')],
     "company.name", "control or invisible formatting characters (U+0007)", 'name: "Amnis\\a Systems Inc."'),
    ("bidi-override", [("residence: Connecticut", 'residence: "Conn\\u202Eecticut"')],
     "buyers[0].residence", "U+202E", "residence: \"Conn"),
    ("deal-id-escapes-output", [("id: amnis-2003", "id: ../../etc")],
     "id", "expected an id of lower-case letters", "id: ../../etc"),
    ("deal-id-absolute", [("id: amnis-2003", "id: /tmp/x")], "id", "expected an id", "id: /tmp/x"),
    ("alias", [("closing_date: 2003-05-09", "closing_date: &d 2003-05-09\nextra_date: *d")],
     "", "aliases (*d) are not allowed", "extra_date: *d"),
    ("python-tag", [("id: amnis-2003", "id: !!python/name:os.system x")], "id", "tag", "id: !!python"),
    ("no-buyers", [("buyers:                                 # signature pages",
                    "buyers: []\nold_buyers:")], "buyers", "at least one entry", "buyers: []"),
    ("unknown-officer", [("secretary: secretary", "secretary: clerk")],
     "company.secretary", "'clerk' is not one of the officers", "secretary: clerk"),
    ("list-expected", [("headquarters:                         # preamble",
                        "headquarters: 3450 Hillview Avenue\n  old_headquarters:")],
     "company.headquarters", "expected a list", "headquarters: 3450 Hillview Avenue"),
    ("name-too-long", [("  - id: bristol\n    name: Bristol Investment Fund, Ltd.", "  - id: bristol\n    name: " + "B" * 300)],
     "buyers[2].name", "at most 255 characters", "name: BBBB"),
    ("fact-name-too-long", [("name: Scott MacCaughern", "name: " + "S" * 300)],
     "company.officers[0].name", "at most 255 characters", "name: SSSS"),
    ("text-expected", [("residence: Liechtenstein", "residence: 9490")],
     "buyers[1].residence", "expected text", "residence: 9490"),
    ("percent-out-of-range", [("interest_rate_percent: 12", "interest_rate_percent: 120")],
     "securities.convertible.interest_rate_percent", "between 0 and 100", "interest_rate_percent: 120"),
    ("price-zero", [("      price: 0.007", "      price: 0")],
     "securities.convertible.conversion_price.price", "must be greater than zero", "price: 0"),
    ("par-value-zero", [("par_value: 0.0001", "par_value: 0")],     # no par value is written as words
     "securities.common_stock.par_value", "write the words instead (par_value: no par value)", "par_value: 0"),
    ("price-to-be-confirmed-as-words", [('exercise_price: "TBC: Exercise Price under the Warrants (Exhibit B, '
                                        'not in the SPA)"', 'exercise_price: "one cent"')],
     "securities.warrants.exercise_price", "expected a price per share written as a plain number",
     'exercise_price: "one cent"'),
    ("fact-money-as-words", [('amount: "TBC: the escrow agent\'s fees paid at closing (s.4(f) gives no amount)"',
                              'amount: "two thousand dollars"')],
     "funds_flow.paid_at_closing[1].amount", "expected an amount of money written as a plain number",
     'amount: "two thousand dollars"'),
    ("fact-text-number", [('name: "TBC: the Company\'s transfer agent"', "name: 42")],
     "transfer_agent.name", "expected text, got 42", "name: 42"),
    ("fact-date-as-words", [('adopted_on: "TBC: date the Board of Directors adopted the resolutions"',
                             'adopted_on: "May 8, 2003"')],
     "corporate_records.resolutions.adopted_on", "YYYY-MM-DD", 'adopted_on: "May 8, 2003"'),
    ("flag-as-word", [("consents_to_be_named: false         # s.4(c), s.4(q): no written consent recorded",
                       "consents_to_be_named: maybe")],
     "buyers[0].consents_to_be_named", "expected true or false", "consents_to_be_named: maybe"),
    ("reminder-zero-days", [("reminder_days: 3 ", "reminder_days: 0 ")],
     "calendar.reminder_days", "a positive whole number of days", "reminder_days: 0"),
    ("month-number-13", [("months: [3, 6, 9, 12]", "months: [3, 6, 9, 13]")],
     "securities.convertible.interest_payments.months[3]", "1 (January) to 12 (December)", "months: [3, 6, 9, 13]"),
    ("multiple-zero", [("multiple: 2                         # Reserved", "multiple: 0                         # Reserved")],
     "covenants.share_reserve.multiple", "greater than 0", "multiple: 0"),
    ("payment-day-32", [("      day: month-end", "      day: 32")],
     "securities.convertible.interest_payments.day", "month-end, first-business-day", "day: 32"),
    ("day-count-unknown", [("day_count: actual/365 ", "day_count: 30U/360 ")],
     "securities.convertible.day_count",
     "expected 'actual/365', 'actual/360', 'actual/actual (ISDA)', '30/360', '30E/360' or '30E/360 (ISDA)', got '30U/360'",
     "day_count: 30U/360"),
    ("business-day-convention-unknown", [("      day: month-end", "      day: month-end\n      business_day: preceding")],
     "securities.convertible.interest_payments.business_day",
     "expected 'none', 'following' or 'modified-following', got 'preceding'", "business_day: preceding"),
    ("payment-frequency-unknown", [("      months: [3, 6, 9, 12]", "      frequency: fortnightly")],
     "securities.convertible.interest_payments.frequency",
     "expected 'monthly', 'quarterly', 'semi-annual' or 'annual', got 'fortnightly'", "frequency: fortnightly"),
    ("payment-months-and-frequency", [("      months: [3, 6, 9, 12]", "      months: [3, 6, 9, 12]\n      frequency: quarterly")],
     "securities.convertible.interest_payments", "one of frequency (monthly, quarterly, semi-annual, annual) or "
     "months (a list of 1-12), not both", None),
    ("lists-start-unknown", [("    shortfall_cure_days: 30\n", "    shortfall_cure_days: 30\n    lists_start: after-closing\n")],
     "covenants.share_reserve.lists_start", "expected 'closing-month' or 'first-full-month', got 'after-closing'",
     "lists_start: after-closing"),
    ("first-payment-date-off-the-schedule", [("      first: 2003-06-30", "      first: 2003-06-15")],
     "securities.convertible.interest_payments.first",
     "2003-06-15 is not a payment date of this schedule (the last day of the month, months March, June, September, "
     "December): the first date it fixes on or after it is 2003-06-30", "first: 2003-06-15"),
    ("first-payment-date-in-a-month-the-schedule-skips", [("      first: 2003-06-30", "      first: 2003-07-31")],
     "securities.convertible.interest_payments.first", "2003-07-31 is not a payment date of this schedule",
     "first: 2003-07-31"),
    ("section-with-the-word", [("    section: 4(h)\n", "    section: Section 4(h)\n")],
     "covenants.share_reserve.section", "without the word Section", "section: Section 4(h)"),
    ("whole-number-fraction", [("list_due_business_days: 5 ", "list_due_business_days: 5.5 ")],
     "covenants.share_reserve.list_due_business_days", "expected a whole number like 5",
     "list_due_business_days: 5.5"),
    ("damages-flat-and-tiered", [("    later_months_percent: 3\n", "    later_months_percent: 3\n    monthly_percent: 2\n")],
     "covenants.liquidated_damages", "not both (got monthly_percent and first_month_percent and later_months_percent)",
     None),
    ("damages-without-a-later-rate", [("    later_months_percent: 3\n", "")],
     "covenants.liquidated_damages", "(missing: later_months_percent)", None),
    ("damages-cap-of-without-a-cap", [("    later_months_percent: 3\n", "    later_months_percent: 3\n    cap_of: purchase-price\n")],
     "covenants.liquidated_damages", "there is no cap_percent", None),
    ("damages-unknown-base", [("    later_months_percent: 3\n", "    later_months_percent: 3\n    base: principal-only\n")],
     "covenants.liquidated_damages.base", "outstanding-plus-accrued", "base: principal-only"),
    ("warrant-coverage-zero", [("    aggregate_shares: 5000000", "    aggregate_shares: 5000000\n"
                                 "    coverage: {percent: 0, rounding: down}")],
     "securities.warrants.coverage.percent", "warrant coverage is a percentage above 0", "percent: 0"),
    ("warrant-coverage-rounding-unknown", [("    aggregate_shares: 5000000", "    aggregate_shares: 5000000\n"
                                            "    coverage: {percent: 3.5, rounding: nearest}")],
     "securities.warrants.coverage.rounding", "half-up", "rounding: nearest"),
    ("resolutions-after-closing", [('adopted_on: "TBC: date the Board of Directors adopted the resolutions"',
                                    "adopted_on: 2003-06-01")],
     "corporate_records.resolutions.adopted_on", "adopted after the closing date", "adopted_on: 2003-06-01"),
]


def _problems(tmp_path, text):
    path = tmp_path / "deal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DealDataError) as info:
        validate(load(path))
    return path, info.value


@pytest.mark.parametrize("case", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_deal_file_is_reported_with_location(case, tmp_path, amnis_text):
    _id, edits, key_path, fragment, line_text = case
    text = amnis_text
    for old, new in edits:
        text = mutate(text, old, new)
    path, error = _problems(tmp_path, text)
    matches = [p for p in error.problems if fragment in p.message]
    assert matches, f"no problem mentions {fragment!r}: {error.report()}"
    problem = matches[0]
    assert problem.file == str(path)
    assert problem.path == key_path
    assert problem.line > 0 and problem.column > 0
    if line_text is not None:
        assert problem.line == line_of(text, line_text), error.report()
    assert str(path) in error.report()




def test_every_problem_is_reported_at_once(tmp_path, amnis_text):
    text = mutate(amnis_text, "principal: 500000", "principal: lots")
    text = mutate(text, "residence: Liechtenstein", "residence: 9490")
    text = mutate(text, "closing_date: 2003-05-09", "closing_date: 2003-05-09\nclosing_dat: 1")
    text = mutate(text, "  name: Amnis Systems Inc.\n  state", '  name: "Amnis\\a Systems Inc."\n  state')
    _, error = _problems(tmp_path, text)
    paths = {p.path for p in error.problems}
    assert {"buyers[0].principal", "buyers[1].residence", "closing_dat", "company.name"} <= paths
    assert len([p for p in error.problems if p.path == "company.name"]) == 1  # not reported twice


def test_an_unknown_day_count_and_business_day_convention_are_reported_together(tmp_path, amnis_text):
    text = mutate(amnis_text, "day_count: actual/365 ", "day_count: actual/364 ")
    text = mutate(text, "      day: month-end", "      day: month-end\n      business_day: nearest")
    _, error = _problems(tmp_path, text)
    assert {"securities.convertible.day_count", "securities.convertible.interest_payments.business_day"} <= \
        {p.path for p in error.problems}


def test_a_misspelt_required_key_is_one_problem_that_names_the_key_meant(tmp_path, amnis_text):
    text = mutate(amnis_text, "    residence: Connecticut", "    residense: Connecticut")
    text = mutate(text, "closing_date: 2003-05-09", "closng_date: 2003-05-09")
    _, error = _problems(tmp_path, text)
    assert [(p.path, p.message) for p in error.problems] == [
        ("closng_date", "unknown key 'closng_date': did you mean 'closing_date'? (the required fact closing_date "
                        "is missing)"),
        ("buyers[0].residense", "unknown key 'residense': did you mean 'residence'? (the required fact "
                                "buyers[0].residence is missing)")]
    assert error.problems[0].line == line_of(text, "closng_date:")


def test_a_misspelt_optional_key_is_named_and_an_unlike_one_lists_the_expected_keys(tmp_path, amnis_text):
    text = mutate(amnis_text, "  publicity:", "  publicty:")
    text = mutate(text, "    residence: Connecticut", "    residence: Connecticut\n    xyz: 1")
    _, error = _problems(tmp_path, text)
    messages = {p.path: p.message for p in error.problems}
    assert sorted(messages) == ["buyers[0].xyz", "covenants.publicty"]
    assert messages["covenants.publicty"] == "unknown key 'publicty': did you mean 'publicity'?"
    assert messages["buyers[0].xyz"].startswith("unknown key 'xyz'; expected one of: id, name, residence, ")


@pytest.mark.parametrize("content, fragment", [
    (b"", "the deal file is empty"),
    (b"- just\n- a list\n", "expected a mapping of deal facts"),
    (b"id: \xff\xfe bad\n", "not UTF-8"),
    (b"a: 1\n<<: {b: 2}\n", "merge keys"),
])
def test_unusable_files(tmp_path, content, fragment):
    path = tmp_path / "deal.yaml"
    path.write_bytes(content)
    with pytest.raises(DealDataError) as info:
        validate(load(path))
    assert fragment in info.value.report()


def test_amnis_deal_is_valid_and_final_refuses_each_pending_fact():
    loaded = load(AMNIS)
    deal = validate(loaded)
    assert deal.id == "amnis-2003" and len(deal.buyers) == 3
    with pytest.raises(PendingFactsError) as info:
        validate(load(AMNIS), final=True)
    error = info.value
    assert error.exit_code == 4
    # with the collateral of the security (s.7(i)), the escrow agent (s.3(h)), and the funds flow's: the Company's
    # wire instructions (4), the payees and amounts of the two s.4(f) fees paid at closing (4)
    assert len(loaded.pending) == 35 + 8
    # and the facts given with a source not yet confirmed: three Debenture terms from Exhibit A, the
    # inferred Conversion Price, how the resolutions were adopted and the state notice filing's period
    assert len(error.problems) == 43 + 6
    agent = next(p for p in error.problems if p.path == "transfer_agent.name")
    assert agent.line == line_of(AMNIS.read_text(), "TBC: the Company's transfer agent")
    assert "the Company's transfer agent" in agent.message


def test_final_passes_once_every_fact_is_filled_in(tmp_path, amnis_text):
    from .conftest import filled_in
    text = filled_in(amnis_text)
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    deal = validate(load(path), final=True)
    assert deal.securities.warrants.exercise_price == __import__("decimal").Decimal("0.01")


# (id, ledger entry appended to the Amnis ledger, key path, message fragment)
BAD_LEDGERS = [
    ("unknown-buyer", "  - {date: 2003-06-16, event: conversion, buyer: zeta, principal: 1000, "
     "conversion_price: 0.007, shares_issued: 142858}", "ledger[1].buyer", "'zeta' is not one of the buyers"),
    ("converts-too-much", "  - {date: 2003-06-16, event: conversion, buyer: bristol, principal: 150001, "
     "conversion_price: 0.007, shares_issued: 21428715}", "ledger[1].principal", "only 150,000"),
    ("shares-do-not-match", "  - {date: 2003-06-16, event: conversion, buyer: sds, principal: 1000, "
     "conversion_price: 0.007, shares_issued: 150000}", "ledger[1].shares_issued", "does not match"),
    ("before-closing", "  - {date: 2003-05-01, event: reserve, shares: 1, basis: x}", "ledger[1].date",
     "before the closing date"),
    ("unknown-event", "  - {date: 2003-06-01, event: dividend}", "ledger[1]", "does not match any of the expected"),
    ("reserve-beyond-headroom", "  - {date: 2003-06-01, event: reserve, shares: 20000001, basis: x}",
     "ledger[1].shares", "only 20,000,000 authorized shares"),
    ("conversion-beyond-authorized", "  - {date: 2003-06-16, event: conversion, buyer: sds, principal: 200000, "
     "conversion_price: 0.007, shares_issued: 28571429}", "ledger[1]", "beyond its authorized"),
    ("exercise-too-many", "  - {date: 2003-06-16, event: warrant_exercise, buyer: alpha, shares: 1750001}",
     "ledger[1].shares", "only 1,750,000"),
    ("list-delivered-early", "  - {date: 2003-06-20, event: list_delivered, month: 2003-06}", "ledger[1].date",
     "a list as of the end of 2003-06-30, delivered after that day"),
    ("list-delivered-on-its-month-end", "  - {date: 2003-06-30, event: list_delivered, month: 2003-06}",
     "ledger[1].date", "delivered after that day"),
    ("bad-month", "  - {date: 2003-06-20, event: list_delivered, month: June 2003}", "ledger[1].month",
     "YYYY-MM"),
    ("shares-interest-without-price", "  - {date: 2003-06-30, event: interest_payment, buyer: sds, amount: 100, "
     "method: shares}", "ledger[1]", "needs conversion_price and shares_issued"),
]


@pytest.mark.parametrize("case", BAD_LEDGERS, ids=[c[0] for c in BAD_LEDGERS])
def test_bad_ledger_entries_are_reported_with_location(case, tmp_path, amnis_text):
    _id, entry, key_path, fragment = case
    text = amnis_text.rstrip("\n") + "\n" + entry + "\n"
    path, error = _problems(tmp_path, text)
    matches = [p for p in error.problems if fragment in p.message]
    assert matches, error.report()
    assert matches[0].path == key_path
    assert matches[0].line == len(text.splitlines())


def _without(text: str, path: tuple[str, ...]) -> str:
    """The deal text without the key at ``path`` (two spaces of indent a level), its value and what is below it."""
    lines = text.splitlines(keepends=True)
    start = 0
    for depth, key in enumerate(path):
        start = next(i for i in range(start, len(lines)) if lines[i].startswith("  " * depth + key + ":"))
    end = start + 1
    while end < len(lines) and (lines[end].startswith("  " * len(path)) or not lines[end].strip()):
        end += 1
    return "".join(lines[:start] + lines[end:])


def _required_facts_named_as_event_kinds(model=Deal, path=(), seen=frozenset()) -> set[str]:
    """Every required fact, wherever the model has it (a ledger entry's with ``ledger[]``), named as a
    ledger event kind: the name pydantic puts in an error's loc for a ledger entry's kind."""
    def models(kind):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return [kind]
        return [m for arg in typing.get_args(kind) for m in models(arg)]

    out = set()
    for name, info in model.model_fields.items():
        here = f"{path}.{name}" if path else name
        if name in EVENT_KINDS and info.is_required():
            out.add(here)
        listed = typing.get_origin(info.annotation) is list
        for inner in models(info.annotation):
            if inner not in seen:
                out |= _required_facts_named_as_event_kinds(inner, here + ("[]" if listed else ""), seen | {model})
    return out


# (key path, the text without it, the line a paralegal adds it under: the first of its mapping's keys)
def _deleted_facts_named_as_event_kinds(amnis_text):
    conversion = ("  - date: 2003-06-16\n    event: conversion\n    buyer: sds\n    principal: 1000\n"
                  "    shares_issued: 142858\n")
    return [
        ("capitalization", _without(amnis_text, ("capitalization",)), "id: amnis-2003"),
        ("agreement.sections.capitalization", _without(amnis_text, ("agreement", "sections", "capitalization")),
         'transfer_agent_instructions: "5"'),
        ("securities.convertible.conversion_price",
         _without(amnis_text, ("securities", "convertible", "conversion_price")), "defined_term: Debentures"),
        ("ledger[1].conversion_price", amnis_text.rstrip("\n") + "\n" + conversion, "- date: 2003-06-16"),
        ("securities.convertible.redemption",     # a preferred security's redemption terms
         _without(PREFERRED.read_text(encoding="utf-8"), ("securities", "convertible", "redemption")), "kind: preferred"),
    ]


def test_a_missing_fact_named_as_an_event_kind_keeps_its_key_path(tmp_path, amnis_text):
    """The key path comes from the model's structure: a fact that shares its name with a ledger event kind
    (the tag pydantic adds for a ledger entry) is still named, with the line of the mapping it belongs in."""
    cases = _deleted_facts_named_as_event_kinds(amnis_text)
    assert {path.replace("[1]", "[]") for path, _, _ in cases} == _required_facts_named_as_event_kinds()
    for key_path, text, line_text in cases:
        path, error = _problems(tmp_path, text)
        assert [(p.path, p.line, p.message) for p in error.problems] == [
            (key_path, line_of(text, line_text), "required fact is missing")], error.report()
        assert f"{path}:{line_of(text, line_text)}:" in error.report() and f" {key_path}: required" in error.report()


def test_event_kinds_are_the_kinds_a_ledger_entry_takes():
    """Derived from the ledger entry types: each one a ledger entry may be, and no other."""
    entry = TypeAdapter(typing.get_args(Deal.model_fields["ledger"].annotation)[0])

    def errors(kind):
        try:
            entry.validate_python({"date": "2003-06-16", "event": kind})
        except ValidationError as exc:
            return {e["type"] for e in exc.errors()}
        return set()

    assert len(EVENT_KINDS) == len(set(EVENT_KINDS)) == 18
    assert [k for k in EVENT_KINDS if "union_tag_invalid" in errors(k)] == []
    assert "union_tag_invalid" in errors("dividend")


def test_a_problem_in_an_extending_file_names_that_file(tmp_path, amnis_text):
    (tmp_path / "base.yaml").write_text(amnis_text)
    example = tmp_path / "example.yaml"
    example.write_text("extends: base.yaml\nid: amnis-example\nexample: true\nledger:\n"
                       "  - {date: 2003-06-16, event: warrant_exercise, buyer: nobody, shares: 1}\n")
    with pytest.raises(DealDataError) as info:
        validate(load(example))
    problem = next(p for p in info.value.problems if p.path == "ledger[1].buyer")
    assert problem.file == str(example) and problem.line == 5
    base_problem = tmp_path / "base2.yaml"
    base_problem.write_text(amnis_text.replace("residence: Connecticut", "residence: 9"))
    example.write_text("extends: base2.yaml\nid: amnis-example\n")
    with pytest.raises(DealDataError) as info:
        validate(load(example))
    problem = next(p for p in info.value.problems if p.path == "buyers[0].residence")
    assert problem.file == str(base_problem)


def test_the_example_extends_the_real_deal_and_keeps_its_ledger_apart():
    from .conftest import EXAMPLE
    deal = validate(load(EXAMPLE))
    real = validate(load(AMNIS))
    assert deal.example and not real.example and deal.id == "amnis-2003-example"
    assert deal.ledger[: len(real.ledger)] == real.ledger and len(deal.ledger) > len(real.ledger)
    assert deal.buyers == real.buyers


# -- every kind of field the deal model has is rejected, with its own message, by some case above --

def _validators(annotation) -> set:
    """The field-kind validators (``deal/fields.py``) an annotation applies, through Optional and lists."""
    found = {m.func for m in getattr(annotation, "__metadata__", ()) if isinstance(m, PlainValidator)}
    for arg in typing.get_args(annotation):
        found |= _validators(arg)
    return found


def _field_validators(field) -> set:
    return {m.func for m in field.metadata if isinstance(m, PlainValidator)} | _validators(field.annotation)


def _models(annotation) -> set:
    """The models an annotation holds (a list of Buyers, the ledger's union of events, ...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return set().union(*(_models(arg) for arg in typing.get_args(annotation)))


def _kinds_in(model, seen=None) -> set:
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    kinds = set()
    for field in model.model_fields.values():
        kinds |= _field_validators(field)
        for sub in _models(field.annotation):
            kinds |= _kinds_in(sub, seen)
    return kinds


def _kinds_at(key_path: str) -> set:
    """The validators the model applies at a key path such as ``ledger[1].shares`` (any ledger event)."""
    names = [part for part in re.split(r"[.\[\]]", key_path) if part and not part.isdigit()]
    models = {Deal}
    for i, name in enumerate(names):
        fields = [m.model_fields[name] for m in models if name in m.model_fields]
        if i == len(names) - 1:
            return set().union(*(_field_validators(f) for f in fields))
        models = set().union(*(_models(f.annotation) for f in fields))
    return set()


def _value_at(data, key_path: str):
    for part in re.split(r"[.\[\]]", key_path):
        if part:
            data = data[int(part)] if part.isdigit() else data[part]
    return data


def _case_texts(amnis_text):
    for _id, edits, key_path, fragment, _line in BAD_FILES:
        text = amnis_text
        for old, new in edits:
            text = mutate(text, old, new)
        yield _id, text, key_path, fragment
    for _id, entry, key_path, fragment in BAD_LEDGERS:
        yield _id, amnis_text.rstrip("\n") + "\n" + entry + "\n", key_path, fragment


@pytest.mark.slow
def test_every_field_kind_of_the_deal_model_is_rejected_by_some_case(tmp_path, amnis_text):
    """The kinds come from the model itself, so a new kind of field needs a bad-file case here."""
    kinds = _kinds_in(Deal)
    assert {fields.money, fields.shares, fields.date, fields.month} <= kinds   # the walk reaches the ledger
    covered = {}
    for case_id, text, key_path, fragment in _case_texts(amnis_text):
        wanted = _kinds_at(key_path) - covered.keys()
        if not wanted:
            continue                                   # every kind at this key path has its case already
        path = tmp_path / f"{case_id}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            value = _value_at(load(path).data, key_path)
        except (DealDataError, KeyError, IndexError, TypeError):
            continue                                   # a syntax case, or the problem is a missing key
        for kind in wanted:
            try:
                kind(value)
            except PydanticCustomError as exc:
                if fragment in str(exc):               # this case's expected message is that kind's own
                    covered.setdefault(kind, case_id)
    missing = sorted(k.__name__ for k in kinds - covered.keys())
    assert not missing, f"no bad-file case for the field kinds: {', '.join(missing)}"


def test_a_ledger_entry_before_the_closing_and_a_list_delivered_before_its_month_ends_are_reported_at_once(
        tmp_path, amnis_text, capsys):
    from generator.cli import main
    text = (amnis_text.rstrip("\n") + "\n  - {date: 2003-05-01, event: reserve, shares: 1, basis: x}\n"
            "  - {date: 2003-06-20, event: list_delivered, month: 2003-06}\n")
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    out = tmp_path / "out"
    assert main(["reserve-list", str(path), "--month", "2003-06", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    lines = len(text.splitlines())
    assert f"{path}:{lines - 1}" in err and "before the closing date" in err
    assert f"{path}:{lines}" in err and "delivered after that day" in err
    assert "Traceback" not in err and not out.exists()
