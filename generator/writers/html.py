"""``output/<deal>/index.html``: the page a person opens from a file share. Plain HTML with its CSS inline:
no server, no external asset, no script. The deal at a glance, each document with links to its PDF and
DOCX and its status, the facts still to be confirmed with their deal-file lines, the open deadlines and
the closing checklist. Links are relative, so the folder can be moved or shared as it is."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from ..deal.citation import long_date

CSS = """
body { font-family: Georgia, 'Liberation Serif', serif; margin: 2em auto; max-width: 60em; padding: 0 1em;
       color: #111; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em;
     border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 0.3em 0.5em;
        text-align: left; vertical-align: top; } th { background: #eee; }
.draft { color: #8a5300; font-weight: bold; } .final { color: #1b5e20; font-weight: bold; }
.pending { background: #fff3cd; } .received { background: #e8f5e9; } .waived { background: #eceff1; }
.muted { color: #555; font-size: 0.9em; }
"""


def _status(signatures: Sequence) -> tuple[str, dict]:
    """The signature pages signed and returned so far (closingdocs collate), as a sentence; and each page's status
    cell (signed, with the file and page it came back in; missing; not collated) and row class, by page id."""
    e = escape
    signed = sum(s.status == "signed" for s in signatures)
    collated = any(s.status != "not collated" for s in signatures)
    executed = list(dict.fromkeys((s.executed, s.document_title) for s in signatures if s.executed))
    line = (f"<p>{signed} of {len(signatures)} signature page(s) signed and returned"
            + ("" if collated else " (no signed pages collated yet: closingdocs collate)") + "."
            + (" Execution versions: " + ", ".join(_link(path, title) for path, title in executed) + "." if executed
               else "") + "</p>")
    cells = {s.page: ({"signed": "received", "missing": "pending"}.get(s.status, ""),
                      e(s.status) + (f"<br>{e(s.returned)}" if s.returned else "")) for s in signatures}
    return line, cells


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(quote(href), quote=True)}">{escape(text)}</a>'


def index_page(deal, documents: list[tuple[str, str, bool, list]], files: set[str], pending: list, deadlines: list,
               rows: list, deal_file: str, signatures: Sequence = (), signature_pages: list | None = None) -> bytes:
    """``documents``: (slug, title, draft, facts still TBC it prints) of the closing set; ``files``: the paths
    made under the deal folder; ``pending``: every fact still TBC the set prints; ``rows``: the checklist;
    ``signatures``: each signature page's status from the last collation (``plan.executed.SignatureStatus``);
    ``signature_pages``: (caption, signer, party, page id, path without suffix) of each signature page."""
    e = escape
    terms = deal.securities.convertible
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(deal.company.name)}: closing ({e(deal.id)})</title>", f"<style>{CSS}</style>", "</head>",
           "<body>", f"<h1>{e(deal.company.name)}</h1>",
           f'<p class="muted">{e(deal.agreement.title)} dated as of {long_date(deal.agreement.date)}; deal file '
           f"{e(deal_file)}; made by closingdocs{' (EXAMPLE: an illustrative ledger)' if deal.example else ''}</p>",
           "<h2>The deal at a glance</h2>", "<table><tbody>"]
    if terms.kind == "preferred":
        d = terms.dividends
        security = (f"{terms.title}: {terms.aggregate_shares:,} {terms.defined_term} of ${terms.stated_value:,} "
                    f"Stated Value each (${terms.aggregate_amount:,}), {'cumulative' if d.cumulative else 'non-cumulative'}"
                    f" dividends of {d.rate_percent}% a year ({d.day_count}), mandatory redemption on "
                    f"{long_date(terms.end_date)}")
        holding = [f"{b.name} ({b.preferred_shares or 0:,} shares)" for b in deal.buyers]
    else:
        security = (f"{terms.title}: ${terms.aggregate_principal:,} principal, {terms.interest_rate_percent}% a "
                    f"year ({terms.day_count}), maturing {long_date(terms.maturity_date)}")
        holding = [f"{b.name} (${b.principal or 0:,})" for b in deal.buyers]
    glance = [("Closing Date", long_date(deal.closing_date)),
              ("Security", security),
              ("Buyers", "; ".join(holding)),
              ("Governing law", deal.agreement.governing_law)]
    if deal.securities.warrants is not None:
        glance.insert(2, ("Warrants", f"{deal.securities.warrants.aggregate_shares:,} shares"))
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in glance]
    out += ["</tbody></table>", "<h2>Documents</h2>",
            "<table><thead><tr><th>Document</th><th>Files</th><th>Status</th></tr></thead><tbody>"]
    for slug, title, draft, facts in documents:
        links = " ".join(_link(f"closing/{slug}.{fmt}", fmt.upper()) for fmt in ("pdf", "docx")
                         if f"closing/{slug}.{fmt}" in files)
        status = (f'<span class="draft">DRAFT</span> ({len(facts)} fact(s) to be confirmed)' if draft and facts
                  else '<span class="draft">DRAFT</span>' if draft else '<span class="final">final</span>')
        out.append(f"<tr><td>{e(title)}</td><td>{links}</td><td>{status}</td></tr>")
    extra = [(p, t) for p, t in (("closing/checklist.csv", "Closing checklist (CSV)"),
                                 ("deadlines.ics", "Deadline calendar (Outlook, Google, Apple)"),
                                 ("manifest.json", "Provenance manifest (SHA-256 of every file)"))
             if p in files or p == "manifest.json"]
    for path, title in extra:
        out.append(f"<tr><td>{e(title)}</td><td>{_link(path, path)}</td><td></td></tr>")
    out.append("</tbody></table>")
    if signature_pages:
        line, by_page = _status(signatures) if signatures else ("", {})
        out += ["<h2>Signature pages</h2>", '<p class="muted">A captioned page for each signer of each document '
                "signed at closing; each signer&rsquo;s packet is in closing/signature-packets/.</p>", line,
                "<table><thead><tr><th>Page</th><th>Signer</th><th>For</th><th>Page ID</th><th>Files</th>"
                "<th>Status</th></tr></thead><tbody>"]
        for caption, signer, party, page_id, path in signature_pages:
            links = " ".join(_link(f"{path}.{fmt}", fmt.upper()) for fmt in ("pdf", "docx") if f"{path}.{fmt}" in files)
            css, cell = by_page.get(page_id, ("", "not collated"))
            out.append(f'<tr class="{css}"><td>{e(caption)}</td><td>{e(signer)}</td><td>{e(party)}</td>'
                       f"<td>{e(page_id)}</td><td>{links}</td><td>{cell}</td></tr>")
        out.append("</tbody></table>")
    out.append("<h2>Facts still to be confirmed</h2>")
    if pending:
        out.append("<table><thead><tr><th>Deal file line</th><th>Key</th><th>What is missing</th></tr></thead><tbody>")
        out += [f"<tr><td>{e(str(p.file))}:{p.line}</td><td>{e(p.path)}</td><td>{e(p.note)}</td></tr>" for p in pending]
        out.append("</tbody></table>")
    else:
        out.append("<p>None: every fact the documents print is confirmed.</p>")
    upcoming = [d for d in deadlines if d.status == "open"][:12]
    out += ["<h2>Open deadlines</h2>", f'<p class="muted">The first {len(upcoming)} not recorded as done, in date '
            f"order; every one is in {_link('deadlines.ics', 'deadlines.ics')}.</p>",
            "<table><thead><tr><th>Date</th><th>Who, what</th><th>Section, rule</th></tr></thead><tbody>"]
    out += [f"<tr><td>{e(long_date(d.date))}</td><td>{e(d.person)}: {e(d.what)}</td><td>{e(d.section)}: {e(d.rule)}</td></tr>"
            for d in upcoming]
    out.append("</tbody></table>")
    if rows:
        waiting = sum(r.status == "pending" for r in rows)
        out += ["<h2>Closing checklist</h2>", f"<p>{waiting} of {len(rows)} still pending.</p>",
                "<table><thead><tr><th>Section</th><th>Condition or deliverable</th><th>From / to</th><th>Status</th>"
                "</tr></thead><tbody>"]
        for r in rows:
            status = e(r.status) + (f" {e(long_date(r.date))}" if r.date else "") + (f"<br>{e(r.note)}" if r.note else "")
            parties = f"{e(r.by)} to {e(r.to)}" if r.by else "(a condition)"
            out.append(f'<tr class="{e(r.status)}"><td>{e(r.section)}</td><td>{e(r.title)}</td><td>{parties}</td>'
                       f"<td>{status}</td></tr>")
        out.append("</tbody></table>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")
