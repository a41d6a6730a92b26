"""The deadline calendar (deadlines.ics): every event parsed back and checked against `figures`, stable UIDs,
a SEQUENCE that counts a moved date, the same bytes twice, and a bad reminder refused with its place."""
from __future__ import annotations

import datetime as dt
import json
from functools import cache

import pytest
from icalendar import Calendar

from generator.cli import main
from generator.compute.breaches import latest_fact_date
from generator.compute.business_days import add_months
from generator.compute.figures import figures, to_json
from generator.deal.load import load
from generator.deal.validate import validate

from .conftest import AMNIS, EXAMPLE, ROOT, line_of, mutate

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
DEALS = {"amnis": AMNIS, "example": EXAMPLE, "sierra": SIERRA}


def test_the_calendar_starts_no_workers(tmp_path, monkeypatch):
    """`calendar` lays out no document: it forks no PDF/DOCX workers (each would import WeasyPrint for nothing)."""
    from generator.build import build_calendar
    from generator.options import Options

    def refused(self, context):
        raise AssertionError("a pool of workers was started for a set of no documents")

    monkeypatch.setattr("generator.writers.Producer._make_pool", refused)
    result = build_calendar(Options(deal_file=AMNIS, output_root=tmp_path, jobs=4))
    assert (result.folder / "deadlines.ics").is_file()


@cache
def _deal_of(path, text: str):
    """The validated deal of ``path`` as it reads (``text``): a deal is immutable, loaded once per text."""
    return validate(load(path))


def _deal(path):
    return _deal_of(path, path.read_text(encoding="utf-8"))


@cache
def _figures(path, as_of: dt.date) -> dict:
    """What `closingdocs figures --json` prints."""
    return json.loads(to_json(figures(_deal(path), as_of)))


def _calendar(path, out) -> tuple[bytes, list]:
    assert main(["calendar", str(path), "--output", str(out), "-q"]) == 0
    deal = _deal(path)
    content = (out / deal.id / "deadlines.ics").read_bytes()
    return content, list(Calendar.from_ical(content).walk("VEVENT"))


def _key(event) -> str:
    return str(event["UID"]).split(".", 1)[0]


@pytest.mark.parametrize("name", sorted(DEALS))
def test_every_event_is_a_date_figures_prints(name, tmp_path):
    path = DEALS[name]
    deal = _deal(path)
    content, events = _calendar(path, tmp_path)
    by_kind: dict[str, dict[str, dt.date]] = {}
    for event in events:
        by_kind.setdefault(str(event["CATEGORIES"].cats[0]), {})[_key(event)] = event["DTSTART"].dt
    last = max(max(d.values()) for d in by_kind.values())
    late = _figures(path, last)
    # each monthly list: its due date, exactly the months figures lists as owed
    assert {k.removeprefix("list-"): v.isoformat() for k, v in by_kind["list"].items()} == \
        {m["month"]: m["due"] for m in late["reserve_lists"]}
    # each interest payment date is the next one figures gives on the day before
    assert by_kind["interest"], "every deal pays interest"
    for day in by_kind["interest"].values():
        assert _figures(path, day - dt.timedelta(days=1))["next_interest_date"] == day.isoformat()
    assert by_kind["maturity"]["maturity"].isoformat() == late["lifecycle"]["maturity"]
    assert by_kind["press-release"]["press-release"].isoformat() == late["press_release_due"]
    approval = late["stockholder_approval"]
    if approval is None:
        assert "approval" not in by_kind and "information-statement" not in by_kind
    else:
        assert by_kind["information-statement"]["information-statement"].isoformat() == approval["information_statement_due"]
        assert by_kind["approval"]["approval"].isoformat() == approval["approval_due"]
    assert sorted(v.isoformat() for v in by_kind.get("opinion", {}).values()) == \
        sorted(o["accept_by"] for o in late["opinions"])
    assert {k.removeprefix("expense-"): v.isoformat() for k, v in by_kind.get("expense", {}).items()} == \
        {e["id"]: e["due"] for e in late["expense_invoices"]}
    # as of the last date the deal records: the shortfall's cure deadline, and each open breach's first month
    recorded = _figures(path, latest_fact_date(deal))
    cure = recorded["aggregate"]["shortfall_cure_deadline"]
    assert [v.isoformat() for v in by_kind.get("shortfall-cure", {}).values()] == ([cure] if cure else [])
    open_breaches = {b["id"]: b["start"] for b in recorded["liquidated_damages"]
                     if any(x["cured"] is None for x in b["buyers"])}
    assert {k.removeprefix("cure-"): v for k, v in by_kind.get("breach-cure", {}).items()} == \
        {i: add_months(dt.date.fromisoformat(s), 1) - dt.timedelta(days=1) for i, s in open_breaches.items()}
    if late["warrant_expiration"] is None:
        assert "warrant-expiry" not in by_kind
    # each filing and period end that has a date: the date figures gives it (compute/filings.py)
    filing_kinds = ("form-d", "form-d-copy", "form-8-k", "state-notice", "lock-up", "survival")
    assert {k: v.isoformat() for kind in filing_kinds for k, v in by_kind.get(kind, {}).items()} == \
        {f["key"]: f["due"] for f in late["filings"] if f["due"]}
    assert "form-d" in by_kind, "every example deal files a Form D"
    # one UID per event, a reminder before each, a description citing the section and the rule
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        alarm = event.subcomponents[0]
        assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == -dt.timedelta(days=deal.calendar.reminder_days)
        text = str(event["DESCRIPTION"])
        assert ("Section " in text or "the terms of" in text or "Rule " in text or "no source yet" in text
                or "blue sky memorandum" in text) \
            and "Due: " in text
        assert ": " in str(event["SUMMARY"])            # titled for the person who acts
        assert event["DTEND"].dt == event["DTSTART"].dt + dt.timedelta(days=1)


def test_the_amnis_calendar_by_hand(tmp_path):
    _, events = _calendar(AMNIS, tmp_path)
    dates = {_key(e): e["DTSTART"].dt for e in events}
    assert dates["press-release"] == dt.date(2003, 5, 12)             # Friday closing + 1 business day
    assert dates["list-2003-05"] == dt.date(2003, 6, 6)
    assert dates["information-statement"] == dt.date(2003, 9, 2)      # Saturday Aug 30, Labor Day: GCL s.25
    assert dates["approval"] == dt.date(2003, 12, 1)
    assert dates["interest-2003-06"] == dt.date(2003, 6, 30)
    assert dates["maturity"] == dt.date(2005, 5, 9)
    assert len([k for k in dates if k.startswith("list-")]) == 25      # May 2003 - May 2005
    summary = next(str(e["SUMMARY"]) for e in events if _key(e) == "list-2003-05")
    assert summary.startswith("Scott MacCaughern (Amnis Systems Inc.): deliver the monthly reserve list for May 2003")


def test_rfc5545_shape_and_the_same_bytes_twice(tmp_path):
    first, _ = _calendar(SIERRA, tmp_path)
    second, _ = _calendar(SIERRA, tmp_path)
    assert first == second
    lines = first.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in first.replace(b"\r\n", b"")                  # every line ends CRLF
    assert all(len(line) <= 75 for line in lines)                      # folded at 75 octets
    assert b"VERSION:2.0" in lines and any(line.startswith(b"PRODID:") for line in lines)
    assert first.count(b"BEGIN:VEVENT") == first.count(b"END:VEVENT") == first.count(b"BEGIN:VALARM")


def test_a_moved_date_bumps_its_sequence_and_nothing_else(tmp_path):
    repo = tmp_path / "deal_data"
    repo.mkdir()
    deal_file = repo / "amnis-2003.yaml"
    text = AMNIS.read_text(encoding="utf-8")
    deal_file.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    _, before = _calendar(deal_file, out)
    assert {int(e["SEQUENCE"]) for e in before} == {0}
    deal_file.write_text(mutate(text, "information_statement_deadline: 2003-08-30",
                                "information_statement_deadline: 2003-08-15"), encoding="utf-8")
    content, after = _calendar(deal_file, out)
    assert {str(e["UID"]) for e in after} == {str(e["UID"]) for e in before}     # updated, not doubled
    bumped = {_key(e): int(e["SEQUENCE"]) for e in after if int(e["SEQUENCE"])}
    assert bumped == {"information-statement": 1}
    again, _ = _calendar(deal_file, out)
    assert again == content                                                      # no change: no bump


@pytest.mark.parametrize("value", ["0", "-2", "1.5", "soon"])
def test_a_reminder_that_is_not_a_positive_number_of_days_is_refused(value, tmp_path, capsys):
    text = mutate(AMNIS.read_text(encoding="utf-8"), "reminder_days: 3 ", f"reminder_days: {value} ")
    deal_file = tmp_path / "deal.yaml"
    deal_file.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["calendar", str(deal_file), "--output", str(out)]) == 2
    line = line_of(text, "reminder_days:")
    assert f"{deal_file}:{line}:" in capsys.readouterr().err
    assert not out.exists()
