"""What cron runs: build every monthly reserve list that is owed and not yet built, and say
which lists are past due and not recorded as delivered (damages accrue, SPA s.4(h)).

Each (deal, month) is one unit of work: load, compute, render and produce happen in a worker
process, the files come back in memory, and the parent writes each month's lists as one set
(all or nothing) while holding the deal folder's lock, so two runs at once never write a
partial or doubled list. A deal that cannot be built (bad data, a folder that cannot be
written) is reported and the other deals are still built; a deal given twice is refused at
once, since the run would otherwise wait on its own lock.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .build import deal_files, make, pending, reserve_list_plan, set_record
from .compute.breaches import latest_fact_date
from .compute.interest import missed_interest
from .compute.reserve import Lifecycle, lifecycle
from .compute.schedule import ListMonth, list_months
from .compute.validate import validate
from .deal.citation import cite, long_date
from .deal.load import LoadedDeal, Pending, load
from .deal.model import Deal
from .errors import ClosingDocsError, DealDataError, OutputError
from .manifest import inputs as manifest_inputs
from .manifest import key as manifest_key
from .manifest import with_schedule
from .options import Options
from .output import MANIFEST_NAME, DealLock, OutputFile, deal_folder, recover, with_manifest, write_all
from .plan import sets
from .render.environment import Renderer
from .render.locate import search_path
from .writers import FORMATS, Producer, produce_here


@dataclass
class DueReport:
    built: dict[str, list[str]] = field(default_factory=dict)          # deal id -> months built
    overdue: list[tuple[str, ListMonth, list[str]]] = field(default_factory=list)  # deal, month, buyer names
    errors: list[tuple[Path, ClosingDocsError]] = field(default_factory=list)
    past_maturity: list[tuple[str, Lifecycle]] = field(default_factory=list)   # deal id, its state today
    deals: dict[str, Deal] = field(default_factory=dict)                       # deal id -> deal, for messages
    pending: list[Pending] = field(default_factory=list)               # facts still TBC printed in drafts
    missed_interest: list[str] = field(default_factory=list)           # INTEREST NOT PAID warnings


@dataclass(frozen=True)
class _Due:
    path: Path
    loaded: LoadedDeal
    deal: Deal
    folder: Path


def expected_files(month: str, buyer_ids: list[str]) -> list[Path]:
    folder = Path(sets.reserve_lists(month))
    slugs = [f"buyer-{b}" for b in buyer_ids] + ["summary", "summary-working-copy"]
    return [folder / f"{slug}.{fmt}" for slug in slugs for fmt in FORMATS]


def run_due(deal_files: list[Path], today: dt.date, options: Options,
            progress: Callable[[int, int], None] | None = None) -> DueReport:
    report = DueReport()
    deals: list[_Due] = []
    for path in deal_files:
        try:
            loaded = load(path)
            deal = validate(loaded)
            deals.append(_Due(Path(path), loaded, deal, deal_folder(options.output_root, deal.id)))
        except ClosingDocsError as exc:
            report.errors.append((Path(path), exc))
    deals = _refuse_duplicates(deals, report)
    for item in deals:
        _DEALS[_deal_key(str(item.path))] = (item.loaded, item.deal)   # the forked workers inherit it, validated
    locks: list[DealLock] = []
    try:
        ready = []
        for item in sorted(deals, key=lambda d: str(d.folder)):   # one order for every run: no deadlock
            lock = DealLock(item.folder)
            try:
                lock.acquire()
            except OutputError as exc:
                report.errors.append((item.path, exc))
                continue
            locks.append(lock)
            try:
                recover(item.folder)
            except OutputError as exc:
                report.errors.append((item.path, exc))
                continue
            ready.append(item)
        units = []
        for item in ready:
            for lm in list_months(item.deal, ended_before=today):
                if not all((item.folder / f).is_file() for f in expected_files(lm.month, list(lm.delivered))):
                    units.append((str(item.path), lm.month, options.final, tuple(map(str, options.templates)),
                                  options.list_changes))
        by_path = {str(item.path): item for item in ready}
        failed: set[str] = set()
        if progress and units:
            progress(0, len(units))
        paths = search_path(options.template_overrides())
        with Producer(paths, options.jobs) as producer:     # each month one worker's unit: none forked for one
            for done, (path, month, outcome) in enumerate(producer.map(make_unit, units), 1):
                item = by_path[path]
                if path in failed:
                    pass   # its first error is reported; its other months are not written
                elif isinstance(outcome, ClosingDocsError):
                    report.errors.append((item.path, outcome))
                    failed.add(path)
                else:
                    files, printed = outcome
                    plan = reserve_list_plan(options, month)
                    record = set_record(item.deal, item.loaded, item.folder, paths, plan.name, plan.recorded_options,
                                        printed)
                    try:
                        write_all(item.folder, with_manifest(item.folder, files, record))
                    except OutputError as exc:
                        report.errors.append((item.path, exc))
                        failed.add(path)
                    else:
                        report.built.setdefault(item.deal.id, []).append(month)
                        report.pending += [p for p in printed if p not in report.pending]
                if progress:
                    progress(done, len(units))
        for item in ready:
            if str(item.path) not in failed:
                try:
                    schedule = _schedule(item, today, paths, options.final)
                    write_all(item.folder, [OutputFile(MANIFEST_NAME, with_schedule(item.folder, item.deal.id, schedule))])
                except OutputError as exc:
                    report.errors.append((item.path, exc))
        for item in deals:
            report_late(report, item.deal, today)
    finally:
        for lock in reversed(locks):
            lock.release()
    for months in report.built.values():
        months.sort()
    return report


def report_late(report: DueReport, deal: Deal, today: dt.date) -> None:
    """What is overdue and past maturity today, from the deal file and the date (every run: never from a manifest)."""
    names = {b.id: b.name for b in deal.buyers}
    as_stood = deal.as_of(today)     # a delivery or payment recorded for a later day has not happened today
    for lm in list_months(as_stood, ended_before=today):
        if lm.due < today and lm.undelivered:
            report.overdue.append((deal.id, lm, [names[b] for b in lm.undelivered]))
    report.missed_interest += missed_interest_messages(as_stood, today)
    state = lifecycle(as_stood, today)
    if state.state == "past-maturity":
        report.past_maturity.append((deal.id, state))
    report.deals[deal.id] = deal


HORIZON = dt.timedelta(days=400)    # how far ahead the manifest's schedule of lists reaches


def overdue_message(deal: Deal, lm: ListMonth, names: list[str]) -> str:
    covenants = deal.covenants
    return (f"closingdocs: OVERDUE {deal.id}: the reserve list for {lm.as_of:%B %Y} was due {lm.due:%B} "
            f"{lm.due.day}, {lm.due.year} and is not recorded as delivered to {', '.join(names)}; the "
            f"{covenants.liquidated_damages.defined_term} accrues until it is delivered "
            f"({cite(covenants.share_reserve.section)})")


def missed_interest_warnings(deal: Deal, today: dt.date) -> list[tuple[dt.date, str]]:
    """One warning per interest payment date passed before ``today`` whose interest some Buyer has not been paid
    in full (as the ledger stood today), naming them: (the payment date, the message)."""
    names = {b.id: b.name for b in deal.buyers}
    by_date: dict[dt.date, list[str]] = {}
    for m in missed_interest(deal, today):
        if m.paid_on is None:
            to = f"to {long_date(m.accrued_to)}" if m.accrued_to else "to that day"
            by_date.setdefault(m.date, []).append(f"{names[m.buyer_id]} (${m.unpaid:,} accrued {to})")
    term = deal.securities.convertible.defined_term
    return [(day, f"closingdocs: INTEREST NOT PAID {deal.id}: the interest on the {term} due {long_date(day)} is "
                  f"not recorded as paid in full to {', '.join(buyers)}") for day, buyers in by_date.items()]


def missed_interest_messages(deal: Deal, today: dt.date) -> list[str]:
    return [message for _, message in missed_interest_warnings(deal, today)]


def past_maturity_message(deal: Deal, state: Lifecycle) -> str:
    term = deal.securities.convertible.defined_term
    return (f"closingdocs: PAST MATURITY {deal.id}: the {term} matured on {state.maturity:%B} "
            f"{state.maturity.day}, {state.maturity.year} with principal unpaid and nothing recorded since; no "
            "reserve list is built for a later month until the ledger records what happened (a repayment, "
            "conversion or redemption, or a default under which the lists continue)")


def _schedule(item: _Due, today: dt.date, paths, final: bool) -> dict:
    """What a later ``due`` run needs to know, without rendering, that it has nothing to build: every list owed
    up to the horizon and its files (manifest.due_from_schedule). What is late is decided from the deal file and
    the date every run, so no message is recorded."""
    deal = item.deal
    horizon = today + HORIZON
    months = [{"month": lm.month, "as_of": lm.as_of.isoformat(), "due": lm.due.isoformat(),
               "files": [f.as_posix() for f in expected_files(lm.month, list(lm.delivered))]}
              for lm in list_months(deal, ended_before=horizon)]
    recorded = manifest_inputs(deal_files(item.loaded), paths, item.folder, sets.recorded_options(sets.DUE, final))
    return {"key": manifest_key(recorded), "inputs": recorded, "latest_fact": latest_fact_date(deal).isoformat(),
            "horizon": horizon.isoformat(), "months": months}


def _refuse_duplicates(deals: list[_Due], report: DueReport) -> list[_Due]:
    """Deals that would write to the same folder (the same id: a file given twice, or a copy) are refused."""
    by_folder: dict[Path, list[_Due]] = defaultdict(list)
    for item in deals:
        by_folder[item.folder].append(item)
    kept = []
    for folder, items in by_folder.items():
        if len(items) == 1:
            kept.append(items[0])
            continue
        files = list(dict.fromkeys(str(item.path) for item in items))
        for name in files:
            item = next(i for i in items if str(i.path) == name)
            others = [f for f in files if f != name]
            if not others:
                message = f"{name} is given {len(items)} times; give each deal file once"
            elif all(i.deal.id == item.deal.id for i in items):
                message = (f"the deal id '{item.deal.id}' is also the id of {', '.join(others)}; each deal may be "
                           "given once (two files with one id would write the same lists)")
            else:
                message = f"writes to the same folder {folder} as {', '.join(others)}"
            report.errors.append((item.path, DealDataError([item.loaded.problem(("id",), message)])))
    return kept


_DEALS: dict[tuple[str, int], object] = {}


def _deal_key(path: str) -> tuple[str, int]:
    return (path, Path(path).stat().st_mtime_ns)


def make_unit(unit: tuple[str, str, bool, tuple[str, ...], bool]):
    """In a worker: one deal-month's lists, as files in memory with the facts still TBC they print
    (or the error that stopped them)."""
    path, month, final, templates, changes = unit
    try:
        options = Options(deal_file=Path(path), templates=tuple(Path(t) for t in templates), final=final,
                          list_changes=changes)
        key = _deal_key(path)
        if key not in _DEALS:
            loaded = load(path)
            _DEALS[key] = (loaded, validate(loaded))
        loaded, deal = _DEALS[key]
        paths = search_path(options.template_overrides())
        documents, files = make(reserve_list_plan(options, month), deal, loaded, _renderer(paths),
                                lambda made: [c for d in made for c in produce_here(d, paths)],
                                [f".{fmt}" for fmt in FORMATS])
        return path, month, (files, list(pending(documents)))
    except ClosingDocsError as exc:
        return path, month, exc
    except Exception as exc:   # reported for this deal; the other deals go on
        return path, month, ClosingDocsError(f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
                                             "(rerun with --debug for the details)")


_RENDERERS: dict[tuple, object] = {}


def _renderer(paths):
    key = tuple(paths)
    if key not in _RENDERERS:
        _RENDERERS[key] = Renderer(paths)
    return _RENDERERS[key]
