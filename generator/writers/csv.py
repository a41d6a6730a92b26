"""The closing checklist as CSV, for a spreadsheet: one row per condition or deliverable (RFC 4180, UTF-8 with
a byte-order mark so that Excel reads the accented names, CRLF line ends)."""
from __future__ import annotations

import csv
import io

from ..compute.checklist import ChecklistRow

COLUMNS = ("id", "section", "kind", "title", "from", "to", "status", "date", "note", "files", "still to be confirmed")


def checklist_csv(rows: list[ChecklistRow]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.id, r.section, r.kind, r.title, r.by, r.to, r.status, r.date.isoformat() if r.date else "",
                         r.note, "; ".join(r.files), "; ".join(r.open_facts)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
