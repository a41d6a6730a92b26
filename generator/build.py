"""The pipelines, stage by stage: load -> validate -> compute -> render -> produce -> write.

Everything for one deal (or one deal-month) is computed, rendered and produced in memory
before anything is written.
"""
from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .compute import find_breach, latest_fact_date
from .compute.schedule import is_list_month
from .deal.load import LoadedDeal, load
from .deal.model import Deal
from .deal.validate import validate
from .errors import PendingFactsError, Problem, RequestError
from .options import Options
from .output import OutputFile, WriteResult, deal_folder, write_all
from .render.documents import (
    DocumentSpec,
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from .render.environment import RenderedDocument, Renderer
from .render.glyphs import check_glyphs
from .render.guards import forbidden_names
from .render.house import house_style
from .render.locate import search_path
from .writers import Producer

Plan = Callable[[Deal], list[DocumentSpec]]


@dataclass(frozen=True)
class BuildResult:
    deal: Deal
    folder: Path
    result: WriteResult
    draft: bool
    pending: tuple
    deal_file: Path


def build(options: Options, producer: Producer | None = None) -> BuildResult | Deal:
    """The closing set (or, with ``check_only``, just the validated deal)."""
    if options.check_only:
        return validate(load(options.deal_file), final=options.final)
    return run(options, closing_documents, producer)


def build_reserve_list(options: Options, month: str, producer: Producer | None = None) -> BuildResult:
    """One month's reserve lists: one per Buyer and the Company summary."""
    def plan(deal: Deal) -> list[DocumentSpec]:
        if not is_list_month(deal, month):
            raise RequestError(f"no reserve list is owed for {month}: it is before the closing or nothing was "
                               "outstanding")
        return reserve_list_documents(deal, month)

    return run(options, plan, producer)


def build_damages_invoices(options: Options, breach_id: str, through, producer: Producer | None = None):
    """One Standard Liquidated Damages invoice per affected Buyer (SPA s.2(f))."""
    return run(options, lambda deal: damages_invoice_documents(deal, breach_id, through or _cure_date(deal, breach_id)),
               producer)


def build_expense_invoice(options: Options, invoice_id: str, through, producer: Producer | None = None):
    """A Buyer's expense invoice with interest on late reimbursement (SPA s.4(f))."""
    if through is None:
        raise RequestError("give --through DATE: the date the expense invoice counts interest to")
    return run(options, lambda deal: expense_invoice_documents(deal, invoice_id, through), producer)


def _cure_date(deal: Deal, breach_id: str):
    """Without --through, a breach is invoiced to its cure; an open one needs a date."""
    breach = find_breach(deal, breach_id, latest_fact_date(deal) + dt.timedelta(days=1))
    cures = list(breach.cured.values()) if breach else []
    if breach is None or any(c is None for c in cures):
        raise RequestError(f"breach '{breach_id}' is {'not known' if breach is None else 'still open'}: "
                           "give --through DATE")
    return max(cures)


def run(options: Options, plan: Plan, producer: Producer | None = None) -> BuildResult:
    """One deal through every stage; ``producer`` may be started early by the caller (see ``cli``)."""
    paths = search_path(options.template_overrides())
    with nullcontext(producer) if producer else Producer(paths, options.jobs) as producer:
        loaded = load(options.deal_file)
        deal = validate(loaded)
        folder = deal_folder(options.output_root, deal.id)
        documents = render_all(Renderer(paths), plan(deal), deal, draft=not options.final, loaded=loaded)
        files = convert(documents, producer.produce(documents), producer.suffixes())
    result = write_all(folder, files)
    printed = tuple(dict.fromkeys(p for d in documents for p in d.pending))
    return BuildResult(deal, folder, result, not options.final, printed, options.deal_file)


def render_all(renderer: Renderer, specs: list[DocumentSpec], deal: Deal, draft: bool,
               loaded: LoadedDeal | None = None) -> list[RenderedDocument]:
    """Render every document; a final one may not print a fact still to be confirmed."""
    forbidden = forbidden_names(deal)
    documents = [renderer.render(spec, {"deal": deal}, draft, spec.date, spec.author or deal.company.name,
                                 deal.example,
                                 forbidden if spec.public else ()) for spec in specs]
    check_glyphs(documents, house_style(renderer.paths), loaded)
    if not draft:
        pending = list(dict.fromkeys(p for d in documents for p in d.pending))
        if pending:
            raise PendingFactsError([Problem(p.file, p.line, 1, p.path, f"still to be confirmed: {p.note}")
                                     for p in pending])
    return documents


def convert(documents: list[RenderedDocument], made: list[bytes], suffixes: list[str]) -> list[OutputFile]:
    """Pair each document's produced bytes with its file name."""
    contents = iter(made)
    return [OutputFile(Path(doc.spec.folder) / f"{doc.spec.slug}{suffix}", next(contents))
            for doc in documents for suffix in suffixes]
