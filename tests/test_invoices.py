"""`closingdocs invoice` and `closingdocs expenses`: one numbered invoice per Buyer, both formats."""
from __future__ import annotations

import docx

from generator.cli import main

from .conftest import EXAMPLE


def _text(path):
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts).replace("\xa0", " ")   # figures are set with no-break spaces


def test_damages_invoices_one_per_buyer(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "shortfall-2003-06-09", "--output", str(tmp_path),
                 "--jobs", "1"]) == 0
    folder = tmp_path / "amnis-2003-example" / "invoices"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"shortfall-2003-06-09-{b}.{ext}" for b in ("sds", "alpha", "bristol") for ext in ("pdf", "docx"))
    text = _text(folder / "shortfall-2003-06-09-sds.docx")
    assert "AMNIS-2003-EXAMPLE-LD-SHORTFALL-2003-06-09-SDS-20030826" in text
    assert "Thirty-One Thousand One Hundred Forty-Two Dollars and 45/100 ($31,142.45)" in text
    assert "6,228,490" in text and "17 of 31" in text and "30 (full month)" in text
    assert "reserved" in text and "Section 4(h)" in text
    assert "A partial month counts its actual days over the number of days in that monthly period" in text


def test_an_open_breach_needs_a_through_date(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-08", "--output", str(tmp_path)]) == 2
    assert "still open: give --through DATE" in capsys.readouterr().err
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-08", "--through", "2003-10-15",
                 "--output", str(tmp_path), "--jobs", "1"]) == 0
    text = _text(tmp_path / "amnis-2003-example" / "invoices" / "list-2003-08-sds.docx")
    assert "has not been cured" in text and "$11,909.75" in text


def test_an_unknown_breach_lists_the_known_ones(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "nope", "--through", "2003-10-01",
                 "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no breach 'nope'" in err and "shortfall-2003-06-09" in err


def test_final_invoices_refuse_missing_payment_details(tmp_path, capsys):
    assert main(["invoice", str(EXAMPLE), "--breach", "list-2003-07", "--final", "--output", str(tmp_path)]) == 4
    assert "buyers[0].payment.bank" in capsys.readouterr().err


def test_expense_invoice_with_interest(tmp_path, capsys):
    assert main(["expenses", str(EXAMPLE), "--invoice", "sds-closing-costs", "--through", "2003-07-01",
                 "--output", str(tmp_path), "--jobs", "1"]) == 0
    text = _text(tmp_path / "amnis-2003-example" / "invoices" / "expenses-sds-closing-costs.docx")
    assert "Two Hundred Forty-Four Dollars and 93/100 ($244.93)" in text
    assert "May 16, 2003" in text and "$65.34" in text and "$179.59" in text


def test_figures_include_damages_accrued_to_the_date(capsys):
    import json
    assert main(["figures", str(EXAMPLE), "--as-of", "2003-08-11", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    found = {b["id"]: b for b in data["liquidated_damages"]}
    sds = next(b for b in found["list-2003-07"]["buyers"] if b["buyer"] == "sds")
    assert sds["days"] == 4     # Aug 8, 9, 10, 11: accrued to the end of the as-of date
