"""Two renderings of one document compared block by block: the paragraphs and tables both writers share.

Paragraphs (and tables, and each table's rows) are aligned on their words; an aligned pair that
differs is compared word by word. The result holds the NEW document's blocks with the OLD one's
deleted words and paragraphs put back where they stood, each run marked the same, inserted or
deleted: the one comparison the report counts and both redline writers draw (the marked blocks' model is
``render/marked.py``, which the writers read without importing the comparison).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TypeVar

from ..render.marked import (
    CHANGED,
    DELETED,
    INSERTED,
    SAME,
    BlockChange,
    CellChange,
    MarkedRun,
    ParagraphChange,
    RowChange,
    TableChange,
)
from ..render.markup import Block, Cell, Paragraph, Run, Table

SIMILAR = 0.5            # words in common (difflib's ratio) for two paragraphs to be one paragraph changed
SHORT_LINE = 200         # characters: a paragraph this short is also compared letter by letter
_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Counts:
    inserted: int = 0
    deleted: int = 0
    changed: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.deleted + self.changed


def paragraph_changes(blocks: Sequence[BlockChange]):
    """Every paragraph, those in table cells included, in reading order."""
    for block in blocks:
        if isinstance(block, ParagraphChange):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def count(blocks: Sequence[BlockChange]) -> Counts:
    """Paragraphs inserted, deleted and changed (a page break is not a paragraph of words)."""
    tally = {INSERTED: 0, DELETED: 0, CHANGED: 0}
    for p in paragraph_changes(blocks):
        if p.status in tally and p.paragraph.kind != "page-break":
            tally[p.status] += 1
    return Counts(tally[INSERTED], tally[DELETED], tally[CHANGED])


def compare_blocks(old: Sequence[Block], new: Sequence[Block]) -> tuple[BlockChange, ...]:
    """The NEW blocks with the OLD one's differences marked (see the module's docstring)."""
    out: list[BlockChange] = []
    for o, n in _align(list(old), list(new), _block_key, _similar_blocks):
        if isinstance(o or n, Table):
            out.append(_table(o, n))
        else:
            out.append(_paragraph(o, n))
    return tuple(out)


# -- alignment -----------------------------------------------------------------------------------
T = TypeVar("T")


def _align(old: list[T], new: list[T], key: Callable[[T], object],
           similar: Callable[[T, T], bool]) -> list[tuple[T | None, T | None]]:
    """Pairs (old, new) in order: equal items paired, each run of differing ones paired where similar,
    the rest alone (deleted: (old, None); inserted: (None, new))."""
    out: list[tuple[T | None, T | None]] = []
    old_keys, new_keys = [key(x) for x in old], [key(x) for x in new]
    if old_keys == new_keys:       # nothing differs (most documents of a comparison): every item paired in order
        return list(zip(old, new, strict=True))
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += list(zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        olds, news, j = old[i1:i2], new[j1:j2], 0
        for o in olds:
            match = next((k for k in range(j, len(news)) if similar(o, news[k])), None)
            if match is None:
                out.append((o, None))
                continue
            out += [(None, n) for n in news[j:match]]
            out.append((o, news[match]))
            j = match + 1
        out += [(None, n) for n in news[j:]]
    return out


def _run_key(run: Run) -> tuple:
    return (run.text, run.bold, run.italic, run.underline, run.pending)


def _paragraph_key(p: Paragraph) -> tuple:
    return ("p", p.kind, tuple(_run_key(r) for r in p.runs))


def _row_key(row: tuple[Cell, ...]) -> tuple:
    return tuple(tuple(_paragraph_key(p) for p in cell.paragraphs) for cell in row)


def _block_key(block: Block) -> tuple:
    if isinstance(block, Table):
        return ("t", tuple(_row_key(r) for r in block.rows))
    return _paragraph_key(block)


def _words(text: str) -> list[str]:
    return text.split()


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def _similar_paragraphs(a: Paragraph, b: Paragraph) -> bool:
    """Words in common; a short line (a date, an address line) by its letters in common too."""
    if a.kind == "page-break" or b.kind == "page-break":
        return a.kind == b.kind
    if _ratio(a.text, b.text) >= SIMILAR:
        return True
    short = max(len(a.text), len(b.text)) <= SHORT_LINE
    return short and SequenceMatcher(None, a.text, b.text, autojunk=False).ratio() >= SIMILAR


def _same_kind(a: Paragraph, b: Paragraph) -> bool:
    """In a table cell, paragraphs (short lines) are paired in order whatever their words."""
    return a.kind == b.kind


def _similar_blocks(a: Block, b: Block) -> bool:
    if isinstance(a, Table) and isinstance(b, Table):
        return _columns(a) == _columns(b)
    if isinstance(a, Paragraph) and isinstance(b, Paragraph):
        return _similar_paragraphs(a, b)
    return False


def _columns(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def _row_text(row: tuple[Cell, ...]) -> str:
    return " ".join(p.text for cell in row for p in cell.paragraphs)


def _similar_rows(a: tuple[Cell, ...], b: tuple[Cell, ...]) -> bool:
    return len(a) == len(b) and (_row_text(a) == _row_text(b) or _ratio(_row_text(a), _row_text(b)) >= SIMILAR
                                 or _first_cell(a) == _first_cell(b) != "")


def _first_cell(row: tuple[Cell, ...]) -> str:
    return " ".join(p.text for p in row[0].paragraphs) if row else ""


# -- paragraphs ----------------------------------------------------------------------------------
def _whole(paragraph: Paragraph, status: str) -> ParagraphChange:
    return ParagraphChange(paragraph, status, tuple(MarkedRun(r, status) for r in paragraph.runs))


def _paragraph(old: Paragraph | None, new: Paragraph | None) -> ParagraphChange:
    if old is None:
        return _whole(new, INSERTED)
    if new is None:
        return _whole(old, DELETED)
    if _paragraph_key(old) == _paragraph_key(new):
        return _whole(new, SAME)
    return ParagraphChange(new, CHANGED, tuple(_merge(word_diff(old.runs, new.runs))))


def _tokens(runs: Sequence[Run]) -> list[Run]:
    out = []
    for run in runs:
        if run.is_break:
            out.append(run)
        else:
            out += [Run(t, run.bold, run.italic, run.underline, run.pending, run.nowrap, run.anchor)
                    for t in _TOKEN.findall(run.text)]
    return out


def word_diff(old: Sequence[Run], new: Sequence[Run]) -> list[MarkedRun]:
    """The words of ``new`` and those of ``old`` it lacks, each marked; the deleted words of a change
    come before the inserted ones, and a space between two changes joins them into one."""
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [_run_key(t) for t in a], [_run_key(t) for t in b], autojunk=False)
    segments = [(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    for i, (tag, olds, news) in enumerate(segments):
        between = 0 < i < len(segments) - 1 and segments[i - 1][0] != "equal" and segments[i + 1][0] != "equal"
        if tag == "equal" and between and all(not t.text.strip() for t in news):
            segments[i] = ("replace", olds, news)
    out: list[MarkedRun] = []
    pending_del: list[Run] = []
    pending_ins: list[Run] = []
    for tag, olds, news in segments + [("equal", [], [])]:
        if tag != "equal":
            pending_del += olds
            pending_ins += news
            continue
        out += [MarkedRun(t, DELETED) for t in pending_del] + [MarkedRun(t, INSERTED) for t in pending_ins]
        pending_del, pending_ins = [], []
        out += [MarkedRun(t, SAME) for t in news]
    return out


def _merge(marked: list[MarkedRun]) -> list[MarkedRun]:
    """Neighbouring tokens of one status and one formatting joined back into runs."""
    out: list[MarkedRun] = []
    for m in marked:
        last = out[-1] if out else None
        if (last and last.status == m.status and not last.run.is_break and not m.run.is_break
                and _run_key(last.run)[1:] == _run_key(m.run)[1:] and last.run.nowrap == m.run.nowrap):
            r = last.run
            out[-1] = MarkedRun(Run(r.text + m.run.text, r.bold, r.italic, r.underline, r.pending, r.nowrap, r.anchor),
                                  m.status)
        else:
            out.append(m)
    return out


# -- tables --------------------------------------------------------------------------------------
def _row_classes(table: Table, index: int) -> frozenset[str]:
    return table.row_classes[index] if index < len(table.row_classes) else frozenset()


def _whole_row(table: Table, index: int, status: str) -> RowChange:
    return RowChange(status, _row_classes(table, index),
                     tuple(CellChange(c, tuple(_whole(p, status) for p in c.paragraphs)) for c in table.rows[index]))


def _table(old: Table | None, new: Table | None) -> TableChange:
    if old is None or new is None:
        table, status = (new, INSERTED) if old is None else (old, DELETED)
        return TableChange(table, status, tuple(_whole_row(table, i, status) for i in range(len(table.rows))))
    rows: list[RowChange] = []
    for i, j in _align_rows(old, new):
        if i is None:
            rows.append(_whole_row(new, j, INSERTED))
        elif j is None:
            rows.append(_whole_row(old, i, DELETED))
        else:
            cells = []
            for o, n in zip(old.rows[i], new.rows[j], strict=True):   # paired rows have as many cells
                paragraphs = [_paragraph(po, pn) for po, pn in
                              _align(list(o.paragraphs), list(n.paragraphs), _paragraph_key, _same_kind)]
                cells.append(CellChange(n, tuple(paragraphs)))
            changed = any(p.status != SAME for c in cells for p in c.paragraphs)
            rows.append(RowChange(CHANGED if changed else SAME, _row_classes(new, j), tuple(cells)))
    status = CHANGED if any(r.status != SAME for r in rows) else SAME
    return TableChange(new, status, tuple(rows))


def _align_rows(old: Table, new: Table) -> list[tuple[int | None, int | None]]:
    """Row indexes paired as :func:`_align` pairs blocks (a row changed in place when similar)."""
    pairs = _align([(old, i) for i in range(len(old.rows))], [(new, j) for j in range(len(new.rows))],
                   lambda x: _row_key(x[0].rows[x[1]]),
                   lambda a, b: _similar_rows(a[0].rows[a[1]], b[0].rows[b[1]]))
    return [(None if a is None else a[1], None if b is None else b[1]) for a, b in pairs]
