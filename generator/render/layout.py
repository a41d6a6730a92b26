"""Layout decisions both writers share, computed from the house style and the shipped fonts.

- Table column widths come from the content: a column of figures (``td.num``) or of labels
  that do not wrap is as wide as its widest entry in the document font, never narrower than
  the stylesheet's width; other columns share what is left.  A table whose figures do not fit
  is set in smaller type, half a point at a time.  Both writers use the same widths, rounded
  to Word's twentieths of a point, so a figure never wraps in either format.
- The flow of blocks: the space between two blocks as CSS collapses their margins (Word adds
  space after to space before, so the DOCX writer states the collapsed gap once), and what
  keeps with what: a heading with what follows, a table's introduction with the table, a
  kept-together group (a signature block, ``div.keep-together``) whole, a total row with the
  rows above.
"""
from __future__ import annotations

from dataclasses import dataclass

from .house import MIN_DENSE_FONT_PT, SAFETY_PT, HouseStyle, Node
from .markup import Block, Cell, Paragraph, Table

TWIP = 0.05   # pt


@dataclass(frozen=True)
class TableLayout:
    widths: tuple[int, ...]        # border-box column widths, twips
    font_size: float | None        # smaller type for every cell of a dense table, else None


_LAYOUTS: dict[int, tuple[Table, HouseStyle, TableLayout]] = {}   # the last document's tables


def table_layout(house: HouseStyle, table: Table) -> TableLayout:
    """The table's column widths (and type size), computed once for both writers in a process."""
    known = _LAYOUTS.get(id(table))
    if known is not None and known[0] is table and known[1] is house:
        return known[2]
    if len(_LAYOUTS) > 64:
        _LAYOUTS.clear()
    layout = _table_layout(house, table)
    _LAYOUTS[id(table)] = (table, house, layout)
    return layout


def _table_layout(house: HouseStyle, table: Table) -> TableLayout:
    ncols = max(len(r) for r in table.rows)
    available = house.page.text_width
    for i in range(2, len(table.path) + 1):      # body, divs and the table itself
        margin = house.style(table.path[:i]).margin
        available -= margin[1] + margin[3]
    size: float | None = None
    while True:
        widths = _fit(house, table, ncols, available, size)
        if widths is not None:
            return TableLayout(widths, size)
        current = size or max(house.style(c.path).font_size for row in table.rows for c in row)
        if current - 0.5 < MIN_DENSE_FONT_PT:
            return TableLayout(_fit(house, table, ncols, available, current, force=True), current)
        size = current - 0.5


def _fit(house: HouseStyle, table: Table, ncols: int, available: float, size: float | None,
         force: bool = False) -> tuple[int, ...] | None:
    fixed: list[float | None] = [None] * ncols
    least = [0.0] * ncols
    for r, row in enumerate(table.rows):
        for j, cell in enumerate(row[:ncols]):
            style = house.style(cell.path)
            frame = style.padding[1] + style.padding[3] + _border(style, "left") + _border(style, "right")
            need = _content_width(house, cell, style, size) + frame + SAFETY_PT
            least[j] = max(least[j], need)
            if style.nowrap or style.width is not None:
                wanted = max(need, (style.width + frame) if style.width is not None else 0.0)
                if r == 0 or not cell.header:
                    fixed[j] = max(fixed[j] or 0.0, wanted)
    total_fixed = sum(w for w in fixed if w is not None)
    free = [j for j in range(ncols) if fixed[j] is None]
    widths = list(fixed)
    rest = available - total_fixed
    while free:
        share = rest / len(free)
        narrow = [j for j in free if least[j] > share]
        if not narrow:
            for j in free:
                widths[j] = share
            break
        for j in narrow:
            widths[j] = least[j]
            rest -= least[j]
            free.remove(j)
    if rest < -0.01 or any(w is None or w < 0 for w in widths):   # the figures alone are too wide
        if not force:
            return None
        widths = [max(w or 0.0, 0.0) for w in widths]
    # twips, the last column taking the rounding so the table is exactly the available width
    twips = [int(round(w / TWIP)) for w in widths]
    twips[-1] += int(round(available / TWIP)) - sum(twips)
    if twips[-1] * TWIP < least[-1] - 0.01 and not force:
        return None
    return tuple(twips)


def _border(style, side: str) -> float:
    return style.borders.get(side, (0.0, ""))[0] / 2     # collapsed borders: half each side


def _content_width(house: HouseStyle, cell: Cell, style, size: float | None) -> float:
    """The width the cell's text needs: each line whole if it may not wrap, else its longest word."""
    widest = 0.0
    font_size = size or style.font_size
    for para in cell.paragraphs:
        nowrap = style.nowrap
        line: list[tuple[str, bool, bool]] = []
        lines = [line]
        for run in para.runs:
            if run.is_break:
                line = []
                lines.append(line)
                continue
            line.append((run.text, run.bold or style.bold, run.italic or style.italic))
        for pieces in lines:
            if nowrap:
                widest = max(widest, sum(house.text_width(t, font_size, b, i) for t, b, i in pieces))
            else:
                for t, b, i in pieces:
                    for word in t.replace("\xa0", "\x00").split():
                        widest = max(widest, house.text_width(word.replace("\x00", "\xa0"), font_size, b, i))
    return widest


# -- the flow of blocks ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Flow:
    before: float            # pt, as Word should state it (the collapsed gap goes after the previous block)
    after: float
    keep_next: bool
    keep_lines: bool
    page_break_before: bool


def flows(house: HouseStyle, blocks: tuple[Block, ...]) -> list[Flow | None]:
    """A Flow for each block (None for the page-break markers), in order."""
    items = [(i, b) for i, b in enumerate(blocks) if not (isinstance(b, Paragraph) and b.kind == "page-break")]
    out: list[Flow | None] = [None] * len(blocks)
    breaks = {i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.kind == "page-break"}
    before = {}
    after = {}
    keep_next = {}
    page_break = {}
    for n, (i, block) in enumerate(items):
        path = block.path
        style = house.style(path)
        prev = items[n - 1] if n else None
        forced = prev is not None and any(k in breaks for k in range(prev[0] + 1, i)) or \
            style.break_before in ("always", "page", "left", "right")
        page_break[i] = forced and prev is not None
        if prev is None:
            before[i] = _collapse(_opening(house, path, ()))
            continue
        p_index, p_block = prev
        p_path = p_block.path
        closing = _closing(house, p_path, path)
        opening = _opening(house, path, p_path)
        if page_break[i]:
            after[p_index] = closing[0] if closing else 0.0
            before[i] = _collapse(opening)
        else:
            gap = _collapse(closing + opening)
            if isinstance(p_block, Table):
                before[i] = gap
            else:
                after[p_index] = gap
                before[i] = 0.0
        p_style = house.style(p_path)
        common = _common(p_path, path)
        kept = any(house.style(p_path[:k + 1]).break_inside == "avoid" for k in range(2, common))
        keep_next[p_index] = not page_break[i] and (
            p_style.break_after == "avoid" or style.break_before == "avoid" or kept
            or (isinstance(p_block, Paragraph) and isinstance(block, Table)))
    if items:
        last_i, last = items[-1]
        after[last_i] = _collapse(_closing(house, last.path, ()))
    intros = {id(p) for p in introductions(blocks)}
    for i, block in items:
        path = block.path
        keep_lines = id(block) in intros or \
            any(house.style(path[:k + 1]).break_inside == "avoid" for k in range(2, len(path)))
        out[i] = Flow(before.get(i, 0.0), after.get(i, 0.0), keep_next.get(i, False), keep_lines,
                      page_break.get(i, False))
    return out


def _common(a: tuple[Node, ...], b: tuple[Node, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):   # the common prefix of two paths
        if x != y or x.uid != y.uid:
            break
        n += 1
    return n


def _closing(house: HouseStyle, path, following) -> list[float]:
    """Bottom margins of the block at the end of ``path`` and of each ancestor it closes."""
    common = _common(path, following)
    return [house.style(path[:k + 1]).margin[2] for k in range(max(common, 2), len(path))]


def _opening(house: HouseStyle, path, preceding) -> list[float]:
    common = _common(path, preceding)
    return [house.style(path[:k + 1]).margin[0] for k in range(max(common, 2), len(path))]


def _collapse(margins: list[float]) -> float:
    positive = max((m for m in margins if m > 0), default=0.0)
    negative = min((m for m in margins if m < 0), default=0.0)
    return positive + negative


def introductions(blocks: tuple[Block, ...]) -> list[Paragraph]:
    """Paragraphs that introduce the table right after them: kept whole, and with the table, in both
    formats (a word processor moves a kept paragraph whole rather than split it, so the PDF does too)."""
    return [a for a, b in zip(blocks, blocks[1:], strict=False)
            if isinstance(a, Paragraph) and a.kind != "page-break" and isinstance(b, Table)]


def row_keeps(house: HouseStyle, table: Table) -> list[bool]:
    """For each row, whether it keeps with the next: a header row, every row of a table that may
    not break, and the row above a row that may not be separated from it (a total)."""
    style = house.style(table.path)
    whole = style.break_inside == "avoid"
    keeps = []
    for r, row in enumerate(table.rows):
        if r == len(table.rows) - 1:
            keeps.append(False)
            continue
        nxt = table.rows[r + 1]
        nxt_style = house.style(nxt[0].path[:-1]) if nxt else None
        this_style = house.style(row[0].path[:-1]) if row else None
        keeps.append(whole or any(c.header for c in row)
                     or (nxt_style is not None and nxt_style.break_before == "avoid")
                     or (this_style is not None and this_style.break_after == "avoid"))
    return keeps
