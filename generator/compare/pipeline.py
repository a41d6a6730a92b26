"""``closingdocs diff``'s pipeline: load and validate both deals, compute both, render both, compare.

Both deals' documents are rendered (as drafts, as circulated drafts are) with the same templates:
the closing set, each month of reserve lists asked for, and every month's lists owed by the last date
the figures are compared on (see ``figures.moments``). Each side's set (with its checklist) goes through
the consistency stage as a build's does: a set that disagrees with itself is reported, side by side.
Nothing is written here; the redlines are made from the comparison by ``writers/redline.py`` and written
by the command, all or nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..build import checklist_documents
from ..compute.schedule import is_list_month, list_months
from ..consistency import InconsistentSetError, Mismatch, check_set
from ..deal.model import Deal
from ..output import OutputFile
from ..plan.documents import DocumentSpec, closing_documents, reserve_list_documents
from ..render.environment import RenderedDocument, Renderer
from ..render.set import render_all
from ..writers.redline import Redline, redline_docx, redline_pdf
from .blocks import SAME, BlockChange, Counts, compare_blocks, count
from .facts import FactChange, fact_changes, shown
from .figures import FigureChange, figure_changes, moments
from .sources import Side, Source, read_side


@dataclass(frozen=True)
class DocumentDiff:
    folder: str
    slug: str
    title: str
    status: str                      # same, changed, added (only in NEW) or removed (only in OLD)
    counts: Counts
    blocks: tuple[BlockChange, ...]  # NEW's blocks with OLD's differences marked
    old: RenderedDocument | None
    new: RenderedDocument | None

    @property
    def base(self) -> RenderedDocument:
        """The rendering whose page set-up and properties a redline takes: NEW's (OLD's if removed)."""
        return self.new or self.old


@dataclass(frozen=True, order=True)
class SideMismatch:
    """A mismatch of one side's set (OLD or NEW), named with that side's file."""

    side: str          # OLD or NEW
    label: str         # the side's deal file (or REV:file)
    mismatch: Mismatch

    def __str__(self) -> str:
        return f"{self.side} ({self.label}): {self.mismatch}"


class InconsistentComparisonError(InconsistentSetError):
    """One side's set, or both, disagrees with its deal or with itself: the comparison would compare sets a
    build refuses (exit 11, as ``build --final``); no blackline is written."""

    title = "the documents of a compared set do not agree"


@dataclass(frozen=True)
class Comparison:
    old: Side
    new: Side
    facts: list[FactChange]
    figures: list[FigureChange]
    documents: list[DocumentDiff]
    mismatches: tuple[SideMismatch, ...] = ()    # each side's set against its deal and itself

    @property
    def consistent(self) -> bool:
        return not self.mismatches

    @property
    def changed(self) -> bool:
        return bool(self.facts or self.figures or any(d.status != SAME for d in self.documents))

    @property
    def changed_documents(self) -> list[DocumentDiff]:
        return [d for d in self.documents if d.status != SAME]


def plan(deal: Deal, months: list[str]) -> list[DocumentSpec]:
    """The closing set, and each month's reserve lists where the deal owes that month's."""
    specs = closing_documents(deal)
    for month in months:
        if is_list_month(deal, month):
            specs += reserve_list_documents(deal, month)
    return specs


def _owed(deal: Deal, day: dt.date) -> set[str]:
    """The months whose lists are owed by ``day``."""
    return {m.month for m in list_months(deal, ended_before=day + dt.timedelta(days=1))}


def compare(old: Source, new: Source, paths: list[Path], months: list[str] = (),
            as_of: list[dt.date] = ()) -> Comparison:
    old_side = read_side(old)
    new_side = old_side if new == old else read_side(new)    # one file named twice is read once
    facts = fact_changes(old_side.loaded, new_side.loaded, old_side.name_file, new_side.name_file)
    moved = figure_changes(old_side.deal, new_side.deal, list(as_of))
    last = max((m.new_date for m in moments(old_side.deal, new_side.deal, list(as_of)) if m.name.startswith("as of")),
               default=None)
    months = sorted(set(months) | (_owed(old_side.deal, last) | _owed(new_side.deal, last) if last else set()))
    renderer = Renderer(paths)
    # one side read once is rendered and checked once: the same deal and templates give the same documents
    sides = [old_side] if new_side is old_side else [old_side, new_side]
    rendered = [render_all(renderer, plan(side.deal, months), side.deal, draft=True, loaded=side.loaded)
                for side in sides]
    found = [consistency(renderer, side, documents) for side, documents in zip(sides, rendered, strict=True)]
    mismatches = [SideMismatch(name, side.source.label, m)
                  for name, side, mine in (("OLD", old_side, found[0]), ("NEW", new_side, found[-1]))
                  for m in mine]
    return Comparison(old_side, new_side, facts, moved, compare_documents(rendered[0], rendered[-1]),
                      tuple(mismatches))


def consistency(renderer: Renderer, side: Side, documents: list[RenderedDocument]) -> list[Mismatch]:
    """One side's set and its checklist (rendered for the check, not compared) against its deal and itself
    (generator/consistency.py), as a build checks it."""
    checklist = render_all(renderer, checklist_documents(side.deal, documents), side.deal, draft=True,
                           loaded=side.loaded)
    return check_set(side.deal, documents + checklist, side.loaded)


def compare_documents(old: list[RenderedDocument], new: list[RenderedDocument]) -> list[DocumentDiff]:
    """Documents paired by folder and name, in NEW's order, then any only OLD has."""
    olds = {(d.spec.folder, d.spec.slug): d for d in old}
    news = {(d.spec.folder, d.spec.slug): d for d in new}
    out = []
    for key in list(news) + [k for k in olds if k not in news]:
        a, b = olds.get(key), news.get(key)
        blocks = compare_blocks(a.blocks if a else (), b.blocks if b else ())
        counts = count(blocks)
        status = "added" if a is None else "removed" if b is None else \
            "changed" if any(block.status != SAME for block in blocks) else SAME
        out.append(DocumentDiff(key[0], key[1], (b or a).spec.title, status, counts, blocks, a, b))
    return out



def redline_files(comparison: Comparison, paths: list[Path], author: str, date: dt.date | None = None,
                  facts_shown: int = 12) -> list[OutputFile]:
    """``redlines/<folder>/<slug>.redline.{docx,pdf}`` for each document whose words change, made in
    memory (written by the caller, all or nothing)."""
    facts = [f"{f.path}: {shown(f.old)} -> {shown(f.new)}" for f in comparison.facts]
    if len(facts) > facts_shown:
        facts = facts[:facts_shown] + [f"and {len(facts) - facts_shown} more fact(s) (closingdocs diff lists them)"]
    files = []
    for doc in comparison.changed_documents:
        c = doc.counts
        lines = (f"Blackline of the {doc.title}: {comparison.old.source.label} compared with "
                 f"{comparison.new.source.label}",
                 _describe(doc) + f" ({c.changed} changed, {c.inserted} inserted, {c.deleted} deleted).",
                 *((f"Facts changed ({len(comparison.facts)}):", *facts) if facts else ()))
        stamp = date or (doc.base.date if isinstance(doc.base.date, dt.date) else dt.date(2000, 1, 1))
        identity = b"".join(d.fingerprint for d in (doc.old, doc.new) if d is not None)
        redline = Redline(doc.blocks, doc.base, lines, author, stamp, identity)
        folder = Path("redlines") / doc.folder
        files.append(OutputFile(folder / f"{doc.slug}.redline.docx", redline_docx(redline, paths)))
        files.append(OutputFile(folder / f"{doc.slug}.redline.pdf", redline_pdf(redline, paths)))
    return files


def _describe(doc: DocumentDiff) -> str:
    if doc.status == "added":
        return "A new document"
    if doc.status == "removed":
        return "A document no longer made"
    return f"{doc.counts.total} paragraph(s) changed"
