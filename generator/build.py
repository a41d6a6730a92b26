"""The pipelines, stage by stage: load -> validate -> compute -> render -> produce -> write.

Everything for one deal (or one deal-month) is computed, rendered and produced in memory
before anything is written.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .compute import find_breach, latest_fact_date
from .compute.checklist import checklist, signatories, still_pending
from .compute.damages import cure_end
from .compute.schedule import is_list_month
from .deal.load import LoadedDeal, load
from .deal.model import Deal
from .deal.provenance import unconfirmed, watches
from .deal.validate import validate
from .errors import PendingFactsError, Problem, RequestError
from .manifest import SetRecord
from .manifest import inputs as manifest_inputs
from .manifest import relative as manifest_path
from .options import Options
from .output import OutputFile, WriteResult, deal_folder, write_set
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
from .render.locate import BUILTIN_TEMPLATES, search_path
from .writers import Producer
from .writers.csv import checklist_csv

Plan = Callable[[Deal], list[DocumentSpec]]
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


Extras = Callable[[Made], list[OutputFile]]


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


def build(options: Options, producer: Producer | None = None) -> BuildResult | Deal:
    """The closing set (or, with ``check_only``, just the validated deal), and with it the deadline calendar."""
    if options.check_only:
        return validate(load(options.deal_file), final=options.final)
    return run(options, closing_documents, producer, extras=closing_extras, name=CLOSING_SET_NAME, then=checklist_documents)


CLOSING_SET_NAME = "closing"


def closing_set_options(options: Options) -> dict:
    """What, besides the inputs' files, changes the closing set's bytes (the no-op check compares it)."""
    return {"set": CLOSING_SET_NAME, "final": options.final}


def build_calendar(options: Options) -> BuildResult:
    """Only the deadline calendar, ``output/<deal>/deadlines.ics``."""
    return run(options, lambda deal: [], None, extras=calendar_file, name="calendar")


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


def checklist_documents(deal: Deal, documents: list[RenderedDocument]) -> list[DocumentSpec]:
    """The closing checklist, made after the other documents: it lists the facts each still prints as TBC."""
    rows = checklist(deal, {d.spec.slug: d.pending for d in documents})
    if not rows:
        return []
    slugs = [d.spec.slug for d in documents]
    people = signatories(deal, slugs)
    signed = [s for s in slugs if any(s in p.documents for p in people)]
    return [DocumentSpec("checklist", "Closing Checklist", "closing/checklist.html.j2", "closing", "",
                         {"rows": rows, "pending_count": len(still_pending(rows)), "signatories": people,
                          "signed": signed, "titles": {d.spec.slug: d.spec.title for d in documents}},
                         deal.closing_date)]


def closing_extras(made: Made) -> list[OutputFile]:
    """What a build of the closing set makes beside its documents: the calendar, the checklist as CSV, and the
    page a person opens (index.html)."""
    from .compute.deadlines import deadlines  # imported when a calendar is made: other pipelines do without
    from .writers.html import index_page  # (as above: only the closing set has the page)

    files = calendar_file(made)
    rows = checklist(made.deal, {d.spec.slug: d.pending for d in made.documents})
    if rows:
        files.append(OutputFile(CHECKLIST_CSV, checklist_csv(rows)))
    listed = [(d.spec.slug, d.spec.title, d.draft, list(d.pending)) for d in made.documents]
    names = {Path(f.relative).as_posix() for f in [*made.files, *files]}
    pending = list(dict.fromkeys(p for d in made.documents for p in d.pending))
    shown = [dataclasses.replace(p, file=Path(p.file or made.loaded.file).name) for p in pending]
    page = index_page(made.deal, listed, names, shown, deadlines(made.deal), rows,
                      Path(made.loaded.file).name)
    return [*files, OutputFile(INDEX_PAGE, page)]


def pending_items(deal: Deal) -> tuple[str, ...]:
    """The conditions and deliverables of the closing still pending, as a final build reports them."""
    return tuple(f"{r.section}: {r.title}" for r in still_pending(checklist(deal, {})))


def build_reserve_list(options: Options, month: str, producer: Producer | None = None) -> BuildResult:
    """One month's reserve lists: one per Buyer and the Company summary."""
    def plan(deal: Deal) -> list[DocumentSpec]:
        if not is_list_month(deal, month):
            raise RequestError(f"no reserve list is owed for {month}: it is before the closing or nothing was "
                               "outstanding")
        return reserve_list_documents(deal, month, changes=options.list_changes)

    return run(options, plan, producer, name=f"reserve-lists/{month}")


def build_damages_invoices(options: Options, breach_id: str, through, producer: Producer | None = None,
                           dated=None):
    """One liquidated damages invoice per affected Buyer, counted to ``through`` (default: past the cure)
    and dated ``dated`` (default: the day it is counted to)."""
    return run(options, lambda deal: damages_invoice_documents(
        deal, breach_id, through or _cure_date(deal, breach_id), dated), producer,
        name=f"invoices/{breach_id}", extra_options={"through": str(through), "dated": str(dated)})


def build_expense_invoice(options: Options, invoice_id: str, through, producer: Producer | None = None,
                          dated=None):
    """A Buyer's expense invoice with interest on late reimbursement (SPA s.4(f))."""
    if through is None:
        raise RequestError("give --through DATE: the date the expense invoice counts interest to")
    return run(options, lambda deal: expense_invoice_documents(deal, invoice_id, through, dated), producer,
               name=f"invoices/expenses-{invoice_id}", extra_options={"through": str(through), "dated": str(dated)})


def _cure_date(deal: Deal, breach_id: str):
    """Without --through, a breach is invoiced to its cure; an open one needs a date."""
    breach = find_breach(deal, breach_id, latest_fact_date(deal) + dt.timedelta(days=1))
    cures = list(breach.cured.values()) if breach else []
    if breach is None or any(c is None for c in cures):
        raise RequestError(f"breach '{breach_id}' is {'not known' if breach is None else 'still open'}: "
                           "give --through DATE")
    return max(cure_end(deal, c) for c in cures)


def run(options: Options, plan: Plan, producer: Producer | None = None, extras: Extras | None = None,
        name: str = "documents", extra_options: dict | None = None,
        then: Callable[[Deal, list[RenderedDocument]], list[DocumentSpec]] | None = None,
        formats: tuple[str, ...] | None = None, write_documents: bool = True) -> BuildResult:
    """One deal through every stage; ``producer`` may be started early by the caller (see ``cli``);
    ``extras`` makes the files made from the documents (all in memory, before anything is written); the set
    is recorded as ``name`` in the deal folder's manifest, with its inputs. ``formats`` limits the formats made
    (a producer of the caller's is taken as it is); without ``write_documents`` only the extras are written
    (the binder: the documents are made in memory to be bound)."""
    paths = search_path(options.template_overrides())
    made_here = Producer(paths, options.jobs, formats) if formats else Producer(paths, options.jobs)
    with nullcontext(producer) if producer else made_here as producer:
        loaded = load(options.deal_file)
        deal = validate(loaded)
        folder = deal_folder(options.output_root, deal.id)
        renderer = Renderer(paths)
        documents = render_all(renderer, plan(deal), deal, draft=not options.final, loaded=loaded)
        if then is not None:
            documents += render_all(renderer, then(deal, documents), deal, draft=not options.final, loaded=loaded)
        files = convert(documents, producer.produce(documents), producer.suffixes())
    if extras is not None:
        made_extras = extras(Made(deal, loaded, folder, documents, files, options))
        files = [*files, *made_extras] if write_documents else made_extras
    printed = tuple(dict.fromkeys(p for d in documents for p in d.pending))
    record = set_record(deal, loaded, folder, paths, name, {"set": name, "final": options.final, **(extra_options or {})},
                        printed)
    result = write_set(folder, files, record=record)
    overrides = tuple(p for p in paths if p != BUILTIN_TEMPLATES.resolve())
    return BuildResult(deal, folder, result, not options.final, printed, options.deal_file, overrides,
                       pending_items(deal) if then is not None else ())


def deal_files(loaded: LoadedDeal) -> list[str]:
    """The deal file and the files it extends, the given one first."""
    return list(dict.fromkeys([loaded.file, *loaded.origins.values()]))


def set_record(deal: Deal, loaded: LoadedDeal, folder: Path, paths: list[Path], name: str, set_options: dict,
               pending=(), schedule: dict | None = None) -> SetRecord:
    """How a set is recorded in the manifest: its inputs (hashed now, before anything is written)."""
    facts = [{"file": manifest_path(p.file or loaded.file, folder), "line": p.line, "path": p.path, "note": p.note}
             for p in pending]
    return SetRecord(deal.id, name, manifest_inputs(deal_files(loaded), paths, folder, set_options), facts, schedule)


def render_all(renderer: Renderer, specs: list[DocumentSpec], deal: Deal, draft: bool,
               loaded: LoadedDeal | None = None) -> list[RenderedDocument]:
    """Render every document; a final one may not print a fact still to be confirmed."""
    forbidden = forbidden_names(deal)
    watched = tuple(watches(deal, loaded))
    open_facts = unconfirmed(deal, loaded)
    documents = [_relying(renderer.render(spec, {"deal": deal, "derived_from_open": _derived_from(spec, open_facts)},
                                          draft, spec.date, spec.author or deal.company.name,
                                          deal.example, forbidden if spec.public else (), watched), open_facts)
                 for spec in specs]
    check_glyphs(documents, house_style(renderer.paths), loaded)
    if not draft:
        pending = list(dict.fromkeys(p for d in documents for p in d.pending))
        problems = [Problem(p.file, p.line, 1, p.path, f"still to be confirmed: {p.note}") for p in pending]
        problems += _unreviewed_release(specs, deal, loaded)
        if problems:
            raise PendingFactsError(problems)
    return documents


def _derived_from(spec: DocumentSpec, open_facts: dict) -> list[str]:
    """The facts still to be confirmed that a document's figures are derived from, as the deal file names
    them (a draft's mark lists them)."""
    return [] if spec.working else [path for path in spec.relies_on if path in open_facts]


def _relying(document: RenderedDocument, open_facts: dict) -> RenderedDocument:
    """A document with the unconfirmed facts its figures are derived from (its plan's ``relies_on``) added
    to those it prints: a final one may not be made while any is open; a draft lists them."""
    derived = [open_facts[path] for path in document.spec.relies_on if path in open_facts]
    if not derived or document.spec.working:
        return document
    return dataclasses.replace(document, pending=tuple(dict.fromkeys([*document.pending, *derived])))


def _unreviewed_release(specs: list[DocumentSpec], deal: Deal, loaded: LoadedDeal | None) -> list[Problem]:
    """A final press release needs the Buyers' prior review recorded (the publicity covenant); a review
    still marked TBC is already listed with the facts to be confirmed."""
    if not any(s.public for s in specs) or deal.press_release is None:
        return []
    if deal.press_release.reviewed_by_buyers_on is not None:
        return []
    message = "the Buyers' review of the press release is not recorded: add reviewed_by_buyers_on"
    if loaded is None:
        return [Problem("", 0, 0, "press_release.reviewed_by_buyers_on", message)]
    return [loaded.problem(("press_release",), message, key=True)]


def convert(documents: list[RenderedDocument], made: list[bytes], suffixes: list[str]) -> list[OutputFile]:
    """Pair each document's produced bytes with its file name."""
    contents = iter(made)
    return [OutputFile(Path(doc.spec.folder) / f"{doc.spec.slug}{suffix}", next(contents))
            for doc in documents for suffix in suffixes]
