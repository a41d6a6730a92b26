"""The CSV writers: a cell a spreadsheet would evaluate is written as text (OWASP: a single quote before it)."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from generator.binder import _index_csv
from generator.compute.checklist import ChecklistRow
from generator.writers.csv import checklist_csv, text_cell


def _cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("value", ["=1+1 Amnis", "+1 call", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd",
                                   "=HYPERLINK(\"http://x\")"])
def test_a_cell_a_spreadsheet_would_evaluate_is_quoted_as_text(value):
    assert text_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Amnis Systems Inc.", "Section 7(d)", "a-b", "", 3, None])
def test_other_cells_are_written_as_they_are(value):
    assert text_cell(value) == value


def test_the_checklist_csv_neutralises_titles_notes_and_names():
    row = ChecklistRow("=evil", "Section 7(d)", "delivery", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1 Amnis", "-Buyer",
                       "received", dt.date(2003, 5, 9), "+wired", ("closing/x.pdf",), ())
    header, cells = _cells(checklist_csv([row]))
    assert cells == ["'=evil", "Section 7(d)", "delivery", "'@SUM(1+1)*cmd|' /C calc'!A0", "'=1+1 Amnis",
                     "'-Buyer", "received", "2003-05-09", "", "'+wired", "closing/x.pdf", ""]


def test_the_signature_packet_index_neutralises_names():
    header, cells = _cells(_index_csv([["ceo", "=1+1 Amnis", "Chief Executive Officer", "@doc", "a.pdf", 1, 2]]))
    assert cells == ["ceo", "'=1+1 Amnis", "Chief Executive Officer", "'@doc", "a.pdf", "1", "2"]
