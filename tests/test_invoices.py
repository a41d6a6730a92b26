"""`closingdocs invoice` and `closingdocs expenses`: one numbered invoice per Buyer, both formats."""
from __future__ import annotations

import re

import docx

from generator.cli import main

from .conftest import EXAMPLE
from .producers import real_writers_for, slugs


def _read_back(monkeypatch, *names):
    """The invoices these tests read back made by the real writers (the DOCX states the PDF's page count), the
    other Buyers' as text: every invoice is still made, named and written."""
    real_writers_for(monkeypatch, slugs(*names))


def _text(path):
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts).replace("\xa0", " ")   # figures are set with no-break spaces


def test_damages_invoices_one_per_buyer(tmp_path, capsys, monkeypatch):
    _read_back(monkeypatch, "list-2003-07-sds")
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-07", "--output", str(tmp_path),
                 "--jobs", "1"]) == 0
    folder = tmp_path / "amnis-2003-example" / "invoices"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"list-2003-07-{b}.{ext}" for b in ("sds", "alpha", "bristol") for ext in ("pdf", "docx"))
    text = _text(folder / "list-2003-07-sds.docx")
    # the July list was due August 7 and delivered August 12: damages from August 8 to the cure, the day of
    # the cure counted (the default reading): 5 days of the 31 from August 8 to September 8, at 2%, on
    # $450,000 + $5,769.86 of interest = $455,769.86 x 2% x 5/31 = $1,470.2254 -> $1,470.23
    # dated the day of the cure, which it counts through (the default)
    assert re.search(r"\bLD-20030812-SDS-[0-9A-F]{4}\b", text)    # short and stable: kind, date, Buyer, matter
    assert "One Thousand Four Hundred Seventy Dollars and 23/100 ($1,470.23)" in text
    assert "294,046" in text and "5 of 31" in text           # $1,470.23 / $0.005 in effect on August 12
    # the breach named by the covenant breached, the amount by the section that sets it; no reading on it
    assert "Under Section 4(h) of the Agreement" in text and "defined in Section 2(f)" in text
    assert "the day of its cure included" not in text and "How this deal reads" not in text
    assert "A partial month counts its actual days over the number of days in that monthly period" in text


def test_an_open_breach_needs_a_through_date(tmp_path, capsys, monkeypatch):
    _read_back(monkeypatch, "list-2003-08-sds")
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-08", "--output", str(tmp_path), "--jobs", "1"]) == 2
    assert "still open: give --through DATE" in capsys.readouterr().err
    # through October 14, that day included (tests/compute/test_damages.py works it by hand)
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-08", "--through", "2003-10-14",
                 "--output", str(tmp_path), "--jobs", "1"]) == 0
    text = _text(tmp_path / "amnis-2003-example" / "invoices" / "list-2003-08-sds.docx")
    assert "has not been cured" in text and "$11,909.75" in text
    assert "counts damages through October 14, 2003, that day included" in text


def test_an_unknown_breach_lists_the_known_ones(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "nope", "--through", "2003-10-01",
                 "--output", str(tmp_path), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "no breach 'nope'" in err and "list-2003-07" in err


def test_final_invoices_refuse_missing_payment_details(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-07", "--final", "--output", str(tmp_path),
                 "--jobs", "1"]) == 4
    assert "buyers[0].payment.bank" in capsys.readouterr().err


def test_expense_invoice_with_interest(tmp_path, capsys):
    assert main(["expenses", str(EXAMPLE), "--invoice", "sds-closing-costs", "--through", "2003-07-01",
                 "--output", str(tmp_path), "--jobs", "1"]) == 0
    text = _text(tmp_path / "amnis-2003-example" / "invoices" / "expenses-sds-closing-costs.docx")
    # s.4(f) in its words: interest on the total $26,500 from the submission (May 9) until paid in full on
    # June 30 (the payment days counted): 15 days to May 23 ($163.36) and 38 days to June 30 ($413.84)
    assert "Five Hundred Seventy-Seven Dollars and 20/100 ($577.20)" in text
    assert "May 16, 2003" in text and "$163.36" in text and "$413.84" in text
    assert "interest runs on the total amount to be reimbursed from the submission of the invoice" in text


def test_figures_include_damages_accrued_to_the_date(capsys):
    import json
    assert main(["figures", str(EXAMPLE), "--as-of", "2003-08-11", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    found = {b["id"]: b for b in data["liquidated_damages"]}
    sds = next(b for b in found["list-2003-07"]["buyers"] if b["buyer"] == "sds")
    assert sds["days"] == 4     # Aug 8, 9, 10, 11: accrued to the end of the as-of date


def test_an_invoice_dated_apart_from_its_count_issued_by_the_buyer_signing_through_its_general_partner(tmp_path,
                                                                                                     monkeypatch):
    _read_back(monkeypatch, "list-2024-12-brevent")
    from .conftest import ROOT
    sierra = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
    assert main(["invoice", str(sierra), "--breach", "list-2024-12", "--date", "2025-02-03", "--output",
                 str(tmp_path), "--jobs", "1", "--final"]) == 0
    path = tmp_path / "sierra-lumen-2024" / "invoices" / "list-2024-12-brevent.docx"
    text = _text(path)
    # counted to the cure (the list delivered January 23, 2025, that day counted), dated February 3
    assert "January 16, 2025 to January 23, 2025" in text and "February 3, 2025" in text
    assert re.search(r"\bLD-20250203-BREVENT-[0-9A-F]{4}\b", text)
    assert "By: Brévent & Associés GP, LLC, its general partner" in text and "Title: Managing Member" in text
    assert docx.Document(path).core_properties.author == "Brévent & Associés Capital Partners, L.P."
