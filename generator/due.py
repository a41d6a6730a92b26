"""What cron runs: build every monthly reserve list that is owed and not yet built, and say
which lists are past due and not recorded as delivered (damages accrue, SPA s.4(h)).

Each (deal, month) is one unit of work: load, compute, render and produce happen in a worker
process, the files come back in memory, and the parent writes them atomically while holding
the deal's lock, so two runs at once never write a partial or doubled list.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from .build import render_all
from .compute.schedule import ListMonth, list_months
from .deal.load import load
from .deal.validate import validate
from .errors import ClosingDocsError, OutputError
from .options import Options
from .output import OutputFile, deal_folder, write_all
from .render.documents import reserve_list_documents
from .render.environment import Renderer
from .render.locate import search_path
from .writers import FORMATS, Producer, produce_here

LOCK_TIMEOUT = 600  # seconds to wait for another run on the same deal


@dataclass
class DueReport:
    built: dict[str, list[str]] = field(default_factory=dict)          # deal id -> months built
    overdue: list[tuple[str, ListMonth, list[str]]] = field(default_factory=list)  # deal, month, buyer names
    errors: list[tuple[Path, ClosingDocsError]] = field(default_factory=list)


def expected_files(month: str, buyer_ids: list[str]) -> list[Path]:
    folder = Path("reserve-lists") / month
    slugs = [f"buyer-{b}" for b in buyer_ids] + ["summary"]
    return [folder / f"{slug}.{fmt}" for slug in slugs for fmt in FORMATS]


def run_due(deal_files: list[Path], today: dt.date, options: Options) -> DueReport:
    report = DueReport()
    deals = []
    for path in deal_files:
        try:
            loaded = load(path)
            deal = validate(loaded)
            deals.append((path, deal, deal_folder(options.output_root, deal.id)))
            _DEALS[_deal_key(str(path))] = (loaded, deal)   # the forked workers inherit it, validated
        except ClosingDocsError as exc:
            report.errors.append((path, exc))
    locks = []
    try:
        for path, deal, folder in sorted(deals, key=lambda item: str(item[2])):
            folder.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(folder / ".closingdocs.lock"), timeout=LOCK_TIMEOUT)
            try:
                lock.acquire()
            except Timeout:
                raise OutputError(f"another closingdocs run has held {folder} for {LOCK_TIMEOUT} s") from None
            locks.append(lock)
        units, months_of = [], {}
        for path, deal, folder in deals:
            months = list_months(deal, ended_before=today)
            months_of[deal.id] = months
            buyer_ids = [b.id for b in deal.buyers]
            for lm in months:
                if not all((folder / f).is_file() for f in expected_files(lm.month, buyer_ids)):
                    units.append((str(path), lm.month, options.final, tuple(map(str, options.templates))))
        folders = {str(path): (deal, folder) for path, deal, folder in deals}
        failed: set[str] = set()
        with Producer(search_path(options.template_overrides()), options.jobs) as producer:
            for path, month, outcome in producer.map(make_unit, units):
                deal, folder = folders[path]
                if isinstance(outcome, ClosingDocsError):
                    if path not in failed:
                        report.errors.append((Path(path), outcome))
                        failed.add(path)
                    continue
                write_all(folder, outcome)
                report.built.setdefault(deal.id, []).append(month)
        for path, deal, folder in deals:
            names = {b.id: b.name for b in deal.buyers}
            for lm in months_of[deal.id]:
                if lm.due < today and lm.undelivered:
                    report.overdue.append((deal.id, lm, [names[b] for b in lm.undelivered]))
    finally:
        for lock in reversed(locks):
            lock.release()
    for months in report.built.values():
        months.sort()
    return report


_DEALS: dict[tuple[str, int], object] = {}


def _deal_key(path: str) -> tuple[str, int]:
    return (path, Path(path).stat().st_mtime_ns)


def make_unit(unit: tuple[str, str, bool, tuple[str, ...]]):
    """In a worker: one deal-month's lists, as files in memory (or the error that stopped them)."""
    path, month, final, templates = unit
    try:
        options = Options(deal_file=Path(path), templates=tuple(Path(t) for t in templates), final=final)
        key = _deal_key(path)
        if key not in _DEALS:
            loaded = load(path)
            _DEALS[key] = (loaded, validate(loaded))
        loaded, deal = _DEALS[key]
        paths = search_path(options.template_overrides())
        documents = render_all(_renderer(paths), reserve_list_documents(deal, month), deal, draft=not final,
                               loaded=loaded)
        files = []
        for document in documents:
            for fmt, content in zip(FORMATS, produce_here(document, paths)):
                files.append(OutputFile(Path(document.spec.folder) / f"{document.spec.slug}.{fmt}", content))
        return path, month, files
    except ClosingDocsError as exc:
        return path, month, exc


_RENDERERS: dict[tuple, object] = {}


def _renderer(paths):
    key = tuple(paths)
    if key not in _RENDERERS:
        _RENDERERS[key] = Renderer(paths)
    return _RENDERERS[key]
