"""The closing checklist: every condition and deliverable with its section, parties and status, as PDF, DOCX
and CSV; the signature-page matrix; a final build reports what is still pending; bad deliveries refused."""
from __future__ import annotations

import csv
import io

import pypdf
import pytest

from generator.cli import main
from generator.compute.checklist import checklist
from generator.deal.load import load
from generator.deal.validate import validate
from generator.plan.signatures import signature_pages, signers

from .conftest import AMNIS, ROOT, line_of, mutate
from .made_once import documents_made_once  # noqa: F401  (a fixture: made once)
from .producers import real_writers_for, slugs

# Every document is made by the real writers; one made again in this process (the same document of a second build,
# of the packets and the collation, of another module) is made once (tests/made_once.py)
pytestmark = pytest.mark.usefixtures("documents_made_once")

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _rows(csv_file):
    text = csv_file.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


@pytest.mark.slow
def test_the_amnis_checklist_from_the_agreement(tmp_path, capsys, monkeypatch):
    with monkeypatch.context() as patched:     # the checklist's PDF and DOCX made for real, the set's others as text
        real_writers_for(patched, slugs("checklist"))
        assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1", "-q"]) == 0
    closing = tmp_path / "amnis-2003" / "closing"
    listed = _rows(closing / "checklist.csv")
    rows = [r for r in listed if r["kind"] in ("condition", "delivery", "third-party")]
    after = {r["id"]: r for r in listed if r not in rows and r["kind"] != "signature"}   # filings and periods
    sections = [r["section"] for r in rows]
    # the conditions of s.6 and s.7 and the deliveries of s.1, s.2, s.4 and s.5, in the deal's own numbering
    assert {f"Section 6({c})" for c in "abcd"} | {f"Section 7({c})" for c in "abcdefghi"} <= set(sections)
    assert {"Section 1(b)", "Section 2(g)", "Section 4(b)", "Section 4(o)", "Section 4(q)", "Section 5"} <= set(sections)
    assert {r["status"] for r in rows} == {"pending"}                      # nothing is recorded for the real deal
    # then a row per signature page, none collated yet (closingdocs collate)
    assert {r["status"] for r in listed if r["kind"] == "signature"} == {"not collated"}
    # Form D: 15 days after the first sale on May 9, 2003 is Saturday May 24; Sunday, then Memorial Day: Tuesday
    assert after["form-d"]["due"] == "2003-05-27" and after["form-d"]["status"] == "open"
    assert after["form-8-k-material-agreement"]["status"] == "no 8-K item required"   # before August 23, 2004
    good_standing = next(r for r in rows if r["id"] == "good-standing-delaware")
    assert good_standing["kind"] == "third-party" and good_standing["due"] == "2003-05-09"
    officer = next(r for r in rows if r["id"] == "officers-certificate")
    assert officer["from"] == "Amnis Systems Inc." and officer["to"] == "each Buyer"
    assert officer["files"] == "closing/officers-certificate.pdf; closing/officers-certificate.docx"
    agent = next(r for r in rows if r["id"] == "transfer-agent-acknowledgment")
    assert agent["from"] == "the transfer agent"                            # its name is still TBC
    assert f"line {line_of(AMNIS.read_text(), 'TBC: the Company' + chr(39) + 's transfer agent')}: transfer_agent.name" \
        in agent["still to be confirmed"]
    text = _pdf_text(closing / "checklist.pdf")
    assert "Closing Checklist" in text and "Twenty-Four of twenty-four items are still pending" in text
    assert "Signature pages" in text and "Scott MacCaughern" in text
    assert (closing / "checklist.docx").is_file()


def test_the_signature_page_matrix():
    deal = validate(load(AMNIS))
    people = signers(signature_pages(deal))
    assert [(p.key, p.party) for p in people] == [
        ("ceo", "Amnis Systems Inc."), ("sds", "SDS Merchant Fund, LP"), ("alpha", "Alpha Capital Aktiengesellschaft"),
        ("bristol", "Bristol Investment Fund, Ltd."), ("escrow-agent", "[●]"), ("transfer-agent", "[●]"),
        ("secretary", "Amnis Systems Inc.")]
    ceo = people[0]
    assert ceo.documents == (
        "Securities Purchase Agreement", "Registration Rights Agreement", "Pledge and Security Agreement",
        "Funds Escrow Agreement", "12% Convertible Debenture (3: one issued to each Buyer)",
        "Common Stock Purchase Warrant (3: one issued to each Buyer)", "Irrevocable Transfer Agent Instructions",
        "Officer's Certificate", "Secretary's Certificate", "Secretary's Certificate (incumbency specimen)")
    assert len(ceo.pages) == 4 + 3 + 3 + 4     # agreements, Debentures, Warrants, the closing set (a specimen too)
    assert people[1].documents == ("Securities Purchase Agreement", "Registration Rights Agreement",
                                   "Pledge and Security Agreement", "Funds Escrow Agreement")


@pytest.mark.slow
@pytest.mark.usefixtures("text_only")    # what is said and the checklist's CSV: no PDF or DOCX is read
def test_sierra_a_final_build_reports_what_is_still_pending(tmp_path, capsys):
    assert main(["build", str(SIERRA), "--output", str(tmp_path), "--jobs", "1", "--final", "-q"]) == 0
    assert capsys.readouterr().err == ""                                    # --quiet: warnings only with...
    assert main(["build", str(SIERRA), "--output", str(tmp_path / "b"), "--jobs", "1", "--final"]) == 0
    err = capsys.readouterr().err
    assert "PENDING sierra-lumen-2024: 1 condition(s) or deliverable(s)" in err
    assert "Section 4.12: evidence of the UCC-1 financing statement" in err
    rows = {r["id"]: r for r in _rows(tmp_path / "b" / "sierra-lumen-2024" / "closing" / "checklist.csv")}
    assert rows["legal-opinion"]["status"] == "waived" and rows["legal-opinion"]["date"] == "2024-08-30"
    assert rows["officers-certificate"]["section"] == "Section 6.2(d)"
    assert rows["ucc-filing"]["status"] == "pending" and "stamped copy" in rows["ucc-filing"]["note"]
    items = [r for r in rows.values() if r["kind"] != "signature"]      # (a signature page names its signer)
    assert "Brévent" not in "".join(r["from"] + r["to"] for r in items)    # "each Buyer", never a name


def test_every_row_cites_a_section_of_its_own_deal():
    for path in (AMNIS, SIERRA):
        deal = validate(load(path))
        items = {i.id: i.section for i in deal.closing.items}
        items |= {t.id: t.section for t in deal.closing.third_party}
        for row in checklist(deal, {}):
            assert row.section == f"Section {items[row.id]}"


@pytest.mark.parametrize("case", ["unknown-status", "unknown-item", "received-without-date"])
def test_a_bad_delivery_is_refused_with_its_place_and_nothing_written(case, tmp_path, capsys):
    text = AMNIS.read_text(encoding="utf-8")
    entry, fragment = {
        "unknown-status": ("{item: legal-opinion, status: signed, date: 2003-05-09}", "expected 'pending'"),
        "unknown-item": ("{item: board-approval, status: received, date: 2003-05-09}",
                         "'board-approval' is not a condition or deliverable of the agreement"),
        "received-without-date": ("{item: legal-opinion, status: received}", "needs its date"),
    }[case]
    text = mutate(text, "  deliveries: []", f"  deliveries:\n    - {entry}")
    deal_file = tmp_path / "deal.yaml"
    deal_file.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(deal_file), "--output", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{deal_file}:{line_of(text, entry)}:" in err and fragment in err
    assert not out.exists()


def test_a_condition_is_satisfied_and_a_deliverable_received():
    deal = validate(load(SIERRA))
    rows = {r.id: r for r in checklist(deal, {})}
    assert rows["no-material-adverse-change"].status == "satisfied"     # recorded as satisfied
    assert rows["officers-certificate"].status == "satisfied"           # recorded as received: the condition is met
    assert rows["press-release"].status == "received"                   # a deliverable
    assert rows["legal-opinion"].status == "waived"


def test_a_deliverable_recorded_as_satisfied_is_refused(tmp_path, capsys):
    text = mutate(AMNIS.read_text(encoding="utf-8"), "  deliveries: []",
                  "  deliveries:\n    - {item: transfer-agent-instructions, status: satisfied, date: 2003-05-09}")
    deal_file = tmp_path / "deal.yaml"
    deal_file.write_text(text, encoding="utf-8")
    assert main(["check", str(deal_file)]) == 2
    assert "is a deliverable: it is received (or waived), not satisfied" in capsys.readouterr().err


def test_the_second_deal_uses_its_own_defined_terms_in_the_checklist():
    deal = validate(load(SIERRA))
    words = " ".join(r.title + " " + r.note for r in checklist(deal, {}))
    assert "Holder" not in words and "each Buyer's completed accredited investor questionnaire" in words


def test_the_release_deadline_is_met_once_the_checklist_has_the_release():
    from generator.compute.deadlines import deadlines

    sierra = validate(load(SIERRA))
    (release,) = [d for d in deadlines(sierra) if d.kind == "press-release"]
    assert release.status == "released September 3, 2024" and release.date.isoformat() == "2024-09-04"
    (open_one,) = [d for d in deadlines(validate(load(AMNIS))) if d.kind == "press-release"]
    assert open_one.status == "open"
