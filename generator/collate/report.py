"""What a collation found, as text for a person and (``--json``) JSON for a program: every signature page in
(with the file and page it came from), missing, duplicated or unknown (with its file and page), and the
execution versions written."""
from __future__ import annotations

import json

from ..errors import ExitCode
from .identify import Identified


def exit_status(found: Identified) -> ExitCode:
    """13 when a page returned is duplicated or unknown, else 12 when a signature page is missing, else 0."""
    if found.duplicated or found.unknown:
        return ExitCode.SIGNED_PAGES_UNKNOWN
    if found.missing:
        return ExitCode.SIGNATURES_MISSING
    return ExitCode.OK


def _who(page) -> str:
    return f"{page.party}, by {page.signer_name or 'its authorized signatory'}"


def to_data(deal_id: str, found: Identified, executed: list[tuple[str, str, str | None]], returned: int) -> dict:
    """``executed``: (document id, title, file written or None) for each document of the deal."""
    total = len(found.placed) + len(found.missing)
    return {
        "deal": deal_id,
        "pages_returned": returned,
        "signature_pages": total,
        "in": [{"page": p.page.id, "document": p.page.document, "party": p.page.party, "signer": p.page.signer_name,
                "file": p.returned.file, "file_page": p.returned.number, "by": p.by} for p in found.placed],
        "missing": [{"page": p.id, "document": p.document, "party": p.party, "signer": p.signer_name}
                    for p in found.missing],
        "duplicated": [{"file": d.returned.file, "file_page": d.returned.number, "page": d.page.id,
                        "document": d.page.document, "bound": {"file": d.first.file, "file_page": d.first.number}}
                       for d in found.duplicated],
        "unknown": [{"file": u.returned.file, "file_page": u.returned.number, "reason": u.reason}
                    for u in found.unknown],
        "set_aside": [{"file": r.file, "file_page": r.number, "reason": "a signature packet's cover"}
                      for r in found.set_aside],
        "executed": [{"document": d, "title": t, "file": f} for d, t, f in executed],
        "exit_status": int(exit_status(found)),
    }


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_text(found: Identified, data: dict, titles: dict[str, str], verbosity: int = 1) -> str:
    """The report: a summary line, then each page missing, duplicated or unknown (and with -v each page in), then
    the execution versions."""
    lines = [f"{data['deal']}: {len(found.placed)} of {data['signature_pages']} signature page(s) in, from "
             f"{data['pages_returned']} page(s) returned; {len(found.missing)} missing, {len(found.duplicated)} "
             f"duplicated, {len(found.unknown)} unknown"]
    if verbosity > 1:
        lines += [f"  IN         {titles[p.page.document]}: {_who(p.page)} [{p.page.id}], from {p.returned}"
                  + (" (by its caption: the identifier was not on the page)" if p.by == "caption" else "")
                  for p in found.placed]
    elif verbosity:
        lines += [f"  IN         {titles[p.page.document]}: {_who(p.page)} [{p.page.id}], from {p.returned} (by its "
                  "caption: the identifier was not on the page)" for p in found.placed if p.by == "caption"]
    lines += [f"  MISSING    {titles[p.document]}: {_who(p)} [{p.id}]" for p in found.missing]
    lines += [f"  DUPLICATED {d.returned}: {titles[d.page.document]}: {_who(d.page)} [{d.page.id}], already in from "
              f"{d.first}; not bound" for d in found.duplicated]
    lines += [f"  UNKNOWN    {u.returned}: {u.reason}; not bound" for u in found.unknown]
    if verbosity:
        lines += [f"  SET ASIDE  {r}: a signature packet's cover (nothing to bind)" for r in found.set_aside]
    for item in data["executed"]:
        lines.append(f"  {'EXECUTED' if item['file'] else 'NOT YET':10} {item['title']}"
                     + (f": {item['file']}" if item["file"] else ": a signature page is missing"))
    return "\n".join(lines)
