"""The closing checklist as CSV, for a spreadsheet: one row per condition or deliverable (RFC 4180, UTF-8 with
a byte-order mark so that Excel reads the accented names, CRLF line ends).

Every CSV closingdocs writes goes through :func:`csv_bytes`: a text cell a spreadsheet would take for a formula
(beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: an item title, a delivery note, a
company named "=1+1 Amnis") is written as text, with a single quote before it (the OWASP rule against CSV
injection)."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..compute.checklist import ChecklistRow
from ..plan.executed import SignatureStatus

COLUMNS = ("id", "section", "kind", "title", "from", "to", "status", "date", "due", "note", "files",
           "still to be confirmed")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value):
    """A cell as a spreadsheet shows it: text that would be evaluated as a formula gets a single quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(columns, rows) -> bytes:
    """RFC 4180 with CRLF line ends, UTF-8 with a byte-order mark, every text cell neutralised (text_cell)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([text_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def checklist_csv(rows: Sequence[ChecklistRow], signatures: Sequence[SignatureStatus] = ()) -> bytes:
    """One row per condition or deliverable (a third party's too, and each filing and period after the closing,
    with its due date), then one per signature page (kind ``signature``: its page identifier, document, party and
    signer, and its status from the last collation: signed, with the file and page it came back in, missing or not
    collated; the execution version once the document's pages are in)."""
    items = ([r.id, r.section, r.kind, r.title, r.by, r.to, r.status, r.date.isoformat() if r.date else "",
              r.due.isoformat() if r.due else "", r.note, "; ".join(r.files), "; ".join(r.open_facts)] for r in rows)
    pages = ([s.page, "", "signature", f"{s.document_title}: signature page of {s.party}", s.signer,
              s.document_title, s.status, "", "", f"returned in {s.returned}" if s.returned else "", s.executed, ""]
             for s in signatures)
    return csv_bytes(COLUMNS, [*items, *pages])
