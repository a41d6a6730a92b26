"""``closingdocs collate``: the returned files read (every unreadable one named before anything is rendered), the
closing set made in memory as ``build`` makes it, each page returned placed, and the execution versions with the
collation record written as one all-or-nothing set (``executed`` in the manifest)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import collation
from ..build import BuildResult, Made, Plan, lay_out, run
from ..output import OutputFile
from ..plan import sets
from ..plan.documents import closing_documents
from ..plan.executed import signer_words
from ..plan.signatures import parse_anchor_codes, parse_page_id, signature_pages
from ..plan.spec import DocumentSpec
from .assemble import execution_version
from .identify import Identified, Readers, identify
from .report import to_data
from .returned import ReturnedPage, read_returned

EXECUTED = Path("executed")
READERS = Readers(parse_page_id, parse_anchor_codes)


@dataclass(frozen=True)
class Collated:
    outcome: BuildResult
    found: Identified
    report: dict                  # generator.collate.report.to_data
    titles: dict[str, str]        # document id -> title


def collate(options, files: list[Path], producer=None) -> Collated:
    """Collate the signed pages in ``files`` for the deal of ``options``; the set written, and what was found."""
    returned = read_returned(files)
    state: dict = {}

    def extras(made: Made) -> list[OutputFile]:
        out, state["found"], state["report"], state["titles"] = executed_files(made, returned)
        return out

    digest = hashlib.sha256("|".join(f"{p.file_sha256}:{p.number}" for p in returned).encode()).hexdigest()
    outcome = run(Plan(sets.EXECUTED, closing_documents, options, extras=extras, formats=("pdf",),
                       write_documents=False, set_options={"returned": digest}), producer)
    return Collated(outcome, state["found"], state["report"], state["titles"])


def executed_files(made: Made, returned: list[ReturnedPage]) -> tuple[list[OutputFile], Identified, dict, dict]:
    deal = made.deal
    pages = signature_pages(deal)
    found = identify(returned, pages, deal.id, READERS, final=made.options.final)
    pdfs = {Path(f.relative).as_posix(): f.content for f in made.files}
    generated = {d.spec.slug: pdfs[f"{d.spec.folder}/{d.spec.slug}.pdf"] for d in made.documents}
    titles: dict[str, str] = {}
    for page in pages:
        titles.setdefault(page.document, page.document_title)
    files, documents, executed = [], [], []
    for document, title in titles.items():
        own = [p for p in pages if p.document == document]
        placed = [p for p in found.placed if p.page.document == document]
        by_page = {p.page.id: p for p in placed}
        made_by = "closingdocs" if own[0].made_by == "closingdocs" and document in generated else "counsel"
        name = None
        content = None
        if len(placed) == len(own):
            cover = None if made_by == "closingdocs" else _cover(made, document, title, placed)
            content = execution_version(title, placed, parse_page_id, generated.get(document), cover)
            name = (EXECUTED / f"{document}.pdf").as_posix()
            files.append(OutputFile(EXECUTED / f"{document}.pdf", content))
        executed.append((document, title, name))
        documents.append({
            "id": document, "title": title, "made_by": made_by, "file": name,
            "sha256": hashlib.sha256(content).hexdigest() if content is not None else None,
            "signatures": [_signature(p, by_page.get(p.id)) for p in own]})
    record = {"collation": collation.FORMAT, "deal": deal.id, "documents": documents,
              "duplicated": [{"file": d.returned.file, "page": d.returned.number,
                              "reason": f"a second copy of page {d.page.id}, already in from {d.first}"}
                             for d in found.duplicated],
              "unknown": [{"file": u.returned.file, "page": u.returned.number, "reason": u.reason}
                          for u in found.unknown]}
    files.append(OutputFile(collation.RECORD, collation.dumps(record)))
    return files, found, to_data(deal.id, found, executed, len(returned)), titles


def _signature(page, placed) -> dict:
    return {"page": page.id, "party": page.party, "signer": page.signer, "signer_name": page.signer_name,
            "status": collation.SIGNED if placed else collation.MISSING,
            "file": placed.returned.file if placed else None, "file_page": placed.returned.number if placed else None,
            "by": placed.by if placed else None}


def _cover(made: Made, document: str, title: str, placed) -> bytes:
    """The cover of a document counsel prepares: what it is, and the signed pages that follow (numbered as pages
    of the execution version)."""
    context = {"executed": {"title": title, "pages": [
        {"party": p.page.party, "signer": signer_words(p.page), "returned": str(p.returned),
         "issued_to": p.page.counterpart_name} for p in placed]}}
    return lay_out(made, DocumentSpec(f"{document}-execution-cover", f"{title}: Execution Version",
                                      "executed/cover.html.j2", "executed", "", context, made.deal.closing_date,
                                      page_numbers=(1, 1 + len(placed))))

