"""Marked blocks: a rendering's paragraphs and tables with another rendering's differences marked.

What a comparison (``compare/blocks.py``) makes and a blackline writer (``writers/redline.py``) draws:
the NEW document's blocks with the OLD one's deleted words, paragraphs and rows put back where they
stood, each run marked the same, inserted or deleted.
"""
from __future__ import annotations

from dataclasses import dataclass

from .markup import Cell, Paragraph, Run, Table

SAME, INSERTED, DELETED, CHANGED = "same", "ins", "del", "changed"


@dataclass(frozen=True)
class MarkedRun:
    run: Run
    status: str          # same, ins or del


@dataclass(frozen=True)
class ParagraphChange:
    paragraph: Paragraph         # the NEW paragraph (the OLD one where deleted): its kind and classes
    status: str                  # same, ins, del or changed
    runs: tuple[MarkedRun, ...]

    @property
    def text(self) -> str:
        return "".join(m.run.text for m in self.runs)


@dataclass(frozen=True)
class CellChange:
    cell: Cell
    paragraphs: tuple[ParagraphChange, ...]


@dataclass(frozen=True)
class RowChange:
    status: str                  # same, ins, del or changed
    classes: frozenset[str]
    cells: tuple[CellChange, ...]


@dataclass(frozen=True)
class TableChange:
    table: Table                 # the NEW table (the OLD one where deleted)
    status: str
    rows: tuple[RowChange, ...]


BlockChange = ParagraphChange | TableChange
