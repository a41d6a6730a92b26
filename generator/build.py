"""The pipelines, stage by stage: load -> validate -> plan -> render -> produce -> write.

Each request is a :class:`Plan` (the set's name, its documents, the files made from them, the options)
that :func:`run` executes. Everything for one deal (or one deal-month) is computed, rendered and
produced in memory before anything is written.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from . import collation
from .collation import Collation
from .compute import find_breach, latest_fact_date
from .compute.checklist import after_closing, checklist, status_date, still_pending
from .compute.damages import cure_end
from .compute.schedule import is_list_month
from .compute.validate import validate
from .consistency import consistency_stage
from .deal.load import LoadedDeal, Pending, load
from .deal.model import Deal
from .errors import RequestError
from .manifest import SetRecord
from .manifest import inputs as manifest_inputs
from .manifest import relative as manifest_path
from .options import Options
from .output import OutputFile, WriteResult, deal_folder, write_set
from .plan import sets
from .plan.documents import (
    SIGNATURE_PAGES,
    DocumentSpec,
    closing_documents,
    damages_invoice_documents,
    expense_invoice_documents,
    reserve_list_documents,
)
from .plan.executed import signature_status
from .plan.signatures import signature_pages, signers
from .render.environment import RenderedDocument, Renderer
from .render.locate import BUILTIN_TEMPLATES, search_path
from .render.set import render_all
from .writers import Producer
from .writers.csv import checklist_csv

CALENDAR_FILE = Path("deadlines.ics")


@dataclass(frozen=True)
class Made:
    """What a pipeline has made in memory, before anything is written: from it the files made from
    other files (the calendar, the checklist, the binder, the index page) are made."""

    deal: Deal
    loaded: LoadedDeal
    folder: Path
    documents: list[RenderedDocument]
    files: list[OutputFile]
    options: Options
    collated: Collation | None = None     # the last collation's record (plans that read it): signature status


Extras = Callable[[Made], list[OutputFile]]
Documents = Callable[[Deal], list[DocumentSpec]]
Later = Callable[[Deal, list[RenderedDocument], "Collation | None"], list[DocumentSpec]]


@dataclass(frozen=True)
class Plan:
    """What one request makes, for :func:`run` to execute: the set recorded as ``name`` in the deal folder's
    manifest, its ``documents``, the ``extras`` made from them (all in memory, before anything is written),
    under ``options``."""

    name: str
    documents: Documents
    options: Options
    extras: Extras | None = None
    later: Later | None = None                # documents made from the others once rendered (the checklist)
    set_options: dict[str, str] = field(default_factory=dict)  # what else changes the set's bytes
    formats: tuple[str, ...] | None = None    # only these formats (a producer of the caller's is taken as it is)
    write_documents: bool = True              # False: only the extras are written (the binder binds the documents)
    collation: bool = False                   # shows the signature status of the last collation (the checklist)

    @property
    def recorded_options(self) -> dict:
        return sets.recorded_options(self.name, self.options.final, **self.set_options)


@dataclass(frozen=True)
class BuildResult:
    deal: Deal
    folder: Path
    result: WriteResult
    draft: bool
    pending: tuple
    deal_file: Path
    overrides: tuple[Path, ...] = ()     # template folders searched before the built-in ones
    pending_items: tuple[str, ...] = ()  # conditions and deliverables of the closing still pending


def build(options: Options, producer: Producer | None = None) -> BuildResult:
    """The closing set, and with it the deadline calendar."""
    return run(closing_plan(options), producer)


def closing_plan(options: Options) -> Plan:
    return Plan(sets.CLOSING, closing_documents, options, extras=closing_extras, later=checklist_documents,
                collation=True)


def build_memorandum(options: Options, dated=None, producer: Producer | None = None) -> BuildResult:
    """The closing memorandum dated ``dated`` (default: the day the closing's record is complete), from the
    deal as it stood that day, with each document's signature status from the last collation's record."""
    from .plan.memorandum import closing_memorandum_documents  # (only this pipeline needs it)

    # made after the (no) other documents, so that it is given the last collation's record: the signature status
    return run(Plan(sets.MEMORANDUM, no_documents, options, set_options={"dated": str(dated)}, collation=True,
                    later=lambda deal, documents, collated: closing_memorandum_documents(deal, dated, collated)),
               producer)


def build_calendar(options: Options) -> BuildResult:
    """Only the deadline calendar, ``output/<deal>/deadlines.ics``."""
    return run(Plan(sets.CALENDAR, no_documents, options, extras=calendar_file))


def no_documents(deal: Deal) -> list[DocumentSpec]:
    return []


def calendar_file(made: Made) -> list[OutputFile]:
    """``deadlines.ics``: every dated obligation; each event's SEQUENCE counts on from the file as last written."""
    from .compute.deadlines import deadlines  # imported when a calendar is made: other pipelines do without
    from .writers.ics import calendar_bytes  # (as above: icalendar is imported only for a calendar)

    previous = made.folder / CALENDAR_FILE
    try:
        before = previous.read_bytes() if previous.is_file() and not previous.is_symlink() else None
    except OSError:
        before = None
    deal = made.deal
    return [OutputFile(CALENDAR_FILE, calendar_bytes(deal, deadlines(deal), deal.calendar.reminder_days, before))]


CHECKLIST_CSV = Path("closing") / "checklist.csv"
INDEX_PAGE = Path("index.html")


def checklist_documents(deal: Deal, documents: list[RenderedDocument],
                        collated: Collation | None = None) -> list[DocumentSpec]:
    """The closing checklist, made after the other documents: it lists the facts each still prints as TBC, and
    the signature status of each document and signer (from the last collation's record)."""
    rows = checklist(deal, {d.spec.slug: d.pending for d in documents})
    if not rows:
        return []
    as_of = status_date(deal)      # dated the last day a delivery is recorded: no status from after its date
    people = signers(signature_pages(deal))
    return [DocumentSpec("checklist", "Closing Checklist", "closing/checklist.html.j2", "closing", "",
                         {"rows": rows, "pending_count": len(still_pending(rows)), "signers": people,
                          "signature_status": signature_status(deal, collated), "collated": collated is not None,
                          "after": after_closing(deal, as_of)},
                         as_of)]


def closing_extras(made: Made) -> list[OutputFile]:
    """What a build of the closing set makes beside its documents: the calendar, the checklist as CSV, and the
    page a person opens (index.html)."""
    from .compute.deadlines import deadlines  # imported when a calendar is made: other pipelines do without
    from .writers.html import index_page  # (as above: only the closing set has the page)

    files = calendar_file(made)
    rows = checklist(made.deal, {d.spec.slug: d.pending for d in made.documents})
    status = signature_status(made.deal, made.collated)
    if rows:
        files.append(OutputFile(CHECKLIST_CSV, checklist_csv(rows + after_closing(made.deal, status_date(made.deal)),
                                                              status)))
    listed = [(d.spec.slug, d.spec.title, d.draft, list(d.pending)) for d in made.documents
              if d.spec.folder != SIGNATURE_PAGES]
    pages = [(p.caption.strip("[]") + (" (incumbency specimen)" if p.kind == "specimen" else ""),
              p.signer_name or "(name written in)", p.party, p.id, f"{SIGNATURE_PAGES}/{p.slug}")
             for p in signature_pages(made.deal)]
    names = {Path(f.relative).as_posix() for f in [*made.files, *files]}
    pending = list(dict.fromkeys(p for d in made.documents for p in d.pending))
    shown = [dataclasses.replace(p, file=Path(p.file or made.loaded.file).name) for p in pending]
    page = index_page(made.deal, listed, names, shown, deadlines(made.deal), rows,
                      Path(made.loaded.file).name, status, pages)
    return [*files, OutputFile(INDEX_PAGE, page)]


def pending_items(deal: Deal) -> tuple[str, ...]:
    """The conditions and deliverables of the closing still pending, as a final build reports them."""
    return tuple(f"{r.section}: {r.title}" for r in still_pending(checklist(deal, {})))


def build_reserve_list(options: Options, month: str, producer: Producer | None = None) -> BuildResult:
    """One month's reserve lists: one per Buyer and the Company summary."""
    return run(reserve_list_plan(options, month), producer)


def reserve_list_plan(options: Options, month: str) -> Plan:
    """One month's reserve lists (``build`` and ``due`` make them alike)."""
    def documents(deal: Deal) -> list[DocumentSpec]:
        if not is_list_month(deal, month):
            raise RequestError(f"no reserve list is owed for {month}: it is before the closing or nothing was "
                               f"outstanding (the first list is for {deal.first_list_month})")
        return reserve_list_documents(deal, month, changes=options.list_changes)

    return Plan(sets.reserve_lists(month), documents, options)


def build_damages_invoices(options: Options, breach_id: str, through, producer: Producer | None = None,
                           dated=None) -> BuildResult:
    """One liquidated damages invoice per affected Buyer, counted through ``through`` (that day included;
    default: the last day the cured breach counts) and dated ``dated`` (default: the day it counts through,
    or without ``through`` the day of the cure, so the invoice knows of it)."""
    def documents(deal: Deal) -> list[DocumentSpec]:
        if through is not None:
            return damages_invoice_documents(deal, breach_id, through, dated)
        last_day, cured_on = _cure_date(deal, breach_id)
        return damages_invoice_documents(deal, breach_id, last_day, dated or cured_on)

    return run(Plan(sets.damages_invoices(breach_id), documents, options,
                    set_options={"through": str(through), "dated": str(dated)}), producer)


def build_expense_invoice(options: Options, invoice_id: str, through, producer: Producer | None = None,
                          dated=None) -> BuildResult:
    """A Buyer's expense invoice with interest on late reimbursement (SPA s.4(f))."""
    if through is None:
        raise RequestError("give --through DATE: the date the expense invoice counts interest to")
    return run(Plan(sets.expense_invoice(invoice_id),
                    lambda deal: expense_invoice_documents(deal, invoice_id, through, dated), options,
                    set_options={"through": str(through), "dated": str(dated)}), producer)


def _cure_date(deal: Deal, breach_id: str) -> tuple[dt.date, dt.date]:
    """Without --through, a breach is invoiced through the last day it counts (the cure day or the day
    before, as the deal reads it) and dated the day of the cure; an open one needs a date."""
    breach = find_breach(deal, breach_id, latest_fact_date(deal) + dt.timedelta(days=1))
    cures = list(breach.cured.values()) if breach else []
    if breach is None or any(c is None for c in cures):
        raise RequestError(f"breach '{breach_id}' is {'not known' if breach is None else 'still open'}: "
                           "give --through DATE")
    return max(cure_end(deal, c) for c in cures) - dt.timedelta(days=1), max(cures)


def run(plan: Plan, producer: Producer | None = None) -> BuildResult:
    """One deal through every stage, as ``plan`` says; ``producer`` may be started early by the caller (see
    ``commands/build.py``). The set is recorded under the plan's name in the deal folder's manifest, with its
    inputs."""
    options = plan.options
    paths = search_path(options.template_overrides())
    made_here = Producer(paths, options.jobs, plan.formats) if plan.formats else Producer(paths, options.jobs)
    with nullcontext(producer) if producer else made_here as producer:
        loaded = load(options.deal_file)
        deal = validate(loaded)
        folder = deal_folder(options.output_root, deal.id)
        collated = None
        if plan.collation:   # what it shows of the record is among the set's inputs: a new collation rebuilds it
            collated = collation.read(folder, deal.id)
            plan = dataclasses.replace(plan, set_options={**plan.set_options,
                                                          "collation": collated.sha256 if collated else "none"})
        documents, files = make(plan, deal, loaded, Renderer(paths), producer.produce, producer.suffixes(),
                                collated)
    if plan.extras is not None:
        made_extras = plan.extras(Made(deal, loaded, folder, documents, files, options, collated))
        files = [*files, *made_extras] if plan.write_documents else made_extras
    printed = pending(documents)
    record = set_record(deal, loaded, folder, paths, plan.name, plan.recorded_options, printed)
    result = write_set(folder, files, record=record)
    overrides = tuple(p for p in paths if p != BUILTIN_TEMPLATES.resolve())
    return BuildResult(deal, folder, result, not options.final, printed, options.deal_file, overrides,
                       pending_items(deal) if plan.later is not None else ())


def make(plan: Plan, deal: Deal, loaded: LoadedDeal, renderer: Renderer,
         produce: Callable[[list[RenderedDocument]], list[bytes]],
         suffixes: list[str], collated: Collation | None = None) -> tuple[list[RenderedDocument], list[OutputFile]]:
    """One set's unit of work, in memory: its documents rendered (those made from the others after them),
    checked against the deal and each other, produced in every format and named (``run`` and ``due`` alike)."""
    draft = not plan.options.final
    documents = render_all(renderer, plan.documents(deal), deal, draft=draft, loaded=loaded)
    if plan.later is not None:
        documents += render_all(renderer, plan.later(deal, documents, collated), deal, draft=draft, loaded=loaded)
    # the set against the deal's figures and itself, before anything is produced or written: a final set that
    # disagrees is refused, a draft warns (generator/consistency.py)
    consistency_stage(deal, documents, final=plan.options.final, loaded=loaded)
    return documents, convert(documents, produce(documents), suffixes)


def lay_out(made: Made, spec: DocumentSpec) -> bytes:
    """A small PDF made from the others (a binder's cover, an execution version's cover), through the same
    renderer and PDF writer as the set's documents."""
    from .writers import writer_for  # on use: only the binder and collate lay out pages of their own

    paths = search_path(made.options.template_overrides())
    document = render_all(Renderer(paths), [spec], made.deal, draft=not made.options.final, loaded=made.loaded)[0]
    return writer_for("pdf", paths).write(document)


def pending(documents: list[RenderedDocument]) -> tuple[Pending, ...]:
    """The facts still to be confirmed the documents print, each once, in order."""
    return tuple(dict.fromkeys(p for d in documents for p in d.pending))


def deal_files(loaded: LoadedDeal) -> list[str]:
    """The deal file and the files it extends, the given one first."""
    return list(dict.fromkeys([loaded.file, *loaded.origins.values()]))


def set_record(deal: Deal, loaded: LoadedDeal, folder: Path, paths: list[Path], name: str, set_options: dict,
               pending=(), schedule: dict | None = None) -> SetRecord:
    """How a set is recorded in the manifest: its inputs (hashed now, before anything is written)."""
    facts = [{"file": manifest_path(p.file or loaded.file, folder), "line": p.line, "path": p.path, "note": p.note}
             for p in pending]
    return SetRecord(deal.id, name, manifest_inputs(deal_files(loaded), paths, folder, set_options), facts, schedule)


def convert(documents: list[RenderedDocument], made: list[bytes], suffixes: list[str]) -> list[OutputFile]:
    """Pair each document's produced bytes with its file name."""
    contents = iter(made)
    return [OutputFile(Path(doc.spec.folder) / f"{doc.spec.slug}{suffix}", next(contents))
            for doc in documents for suffix in suffixes]
