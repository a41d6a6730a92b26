"""Layout decisions both writers share, computed from the house style and the shipped fonts.

- Table column widths come from the content: a column of figures (``td.num``) or of labels
  that do not wrap is as wide as its widest entry in the document font, never narrower than
  the stylesheet's width; other columns share what is left as a browser's automatic table
  layout shares it: each at least its longest word (or run that may not break: a telephone
  number), the rest in proportion to the width each column's lines would take unbroken, so a
  column of addresses is wider than a column of one-word residences.  A table whose figures do not fit
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
            forced = _fit(house, table, ncols, available, current, force=True)
            assert forced is not None     # forced: always widths
            return TableLayout(forced, current)
        size = current - 0.5


def _fit(house: HouseStyle, table: Table, ncols: int, available: float, size: float | None,
         force: bool = False) -> tuple[int, ...] | None:
    fixed: list[float | None] = [None] * ncols
    least = [0.0] * ncols
    most = [0.0] * ncols
    for r, row in enumerate(table.rows):
        for j, cell in enumerate(row[:ncols]):
            style = house.style(cell.path)
            frame = style.padding[1] + style.padding[3] + _border(style, "left") + _border(style, "right")
            word, line = _content_widths(house, cell, style, size)
            need = word + frame + SAFETY_PT
            least[j] = max(least[j], need)
            most[j] = max(most[j], line + frame + SAFETY_PT)
            if style.nowrap or style.width is not None:
                wanted = max(need, (style.width + frame) if style.width is not None else 0.0)
                if r == 0 or not cell.header:
                    fixed[j] = max(fixed[j] or 0.0, wanted)
    total_fixed = sum(w for w in fixed if w is not None)
    free = [j for j in range(ncols) if fixed[j] is None]
    rest = available - total_fixed
    shared = dict(zip(free, _share(rest, [least[j] for j in free], [most[j] for j in free]), strict=True))
    rest -= sum(shared.values())
    widths = [shared[j] if w is None else w for j, w in enumerate(fixed)]
    if rest < -0.01 or any(w < 0 for w in widths):   # the figures alone are too wide
        if not force:
            return None
        widths = [max(w, 0.0) for w in widths]
    # twips, the last column taking the rounding so the table is exactly the available width
    twips = [int(round(w / TWIP)) for w in widths]
    twips[-1] += int(round(available / TWIP)) - sum(twips)
    if twips[-1] * TWIP < least[-1] - 0.01 and not force:
        return None
    return tuple(twips)


def _share(room: float, least: list[float], most: list[float]) -> list[float]:
    """The free columns' widths in ``room``: a column whose lines all fit whole in an equal share gets just
    that (a column of short entries never wraps one); the others each their least, and what is left in
    proportion to what each would take more to set its lines whole (in proportion to those widths when
    they all fit)."""
    if not least:
        return []
    if sum(least) > room:
        return least         # too narrow: the caller sets smaller type
    most = [max(m, lo) for m, lo in zip(most, least, strict=True)]
    widths: list[float | None] = [None] * len(least)
    while True:
        left = [j for j, w in enumerate(widths) if w is None]
        share = (room - sum(w for w in widths if w is not None)) / len(left)
        short = [j for j in left if most[j] <= share]
        after = room - sum(w for w in widths if w is not None) - sum(most[j] for j in short)
        if not short or len(short) == len(left) or sum(least[j] for j in left if j not in short) > after:
            break
        for j in short:
            widths[j] = most[j]
    left = [j for j, w in enumerate(widths) if w is None]
    rest = room - sum(w for w in widths if w is not None)
    if sum(most[j] for j in left) <= rest:
        total = sum(most[j] for j in left)
        for j in left:
            widths[j] = rest * most[j] / total if total > 0 else rest / len(left)
    else:
        more = sum(most[j] - least[j] for j in left)
        spare = rest - sum(least[j] for j in left)
        for j in left:
            widths[j] = least[j] + (spare * (most[j] - least[j]) / more if more > 0 else spare / len(left))
    return [w if w is not None else 0.0 for w in widths]


def _border(style, side: str) -> float:
    return style.borders.get(side, (0.0, ""))[0] / 2     # collapsed borders: half each side


def _content_widths(house: HouseStyle, cell: Cell, style, size: float | None) -> tuple[float, float]:
    """(the widest piece of the cell's text that may not break, the widest of its lines unbroken): a piece is
    a word, a run that may not wrap (``span.nowrap``, no-break spaces) with what touches it, or a whole line
    in a cell that may not wrap."""
    widest = longest = 0.0
    font_size = size or style.font_size
    for para in cell.paragraphs:
        lines: list[list] = [[]]
        for run in para.runs:
            if run.is_break:
                lines.append([])
                continue
            lines[-1].append((run.text, run.bold or style.bold, run.italic or style.italic, run.nowrap))
        for pieces in lines:
            longest = max(longest, sum(house.text_width(t, font_size, b, i) for t, b, i, _ in pieces))
            if style.nowrap:
                widest = longest if longest > widest else widest
                continue
            piece = 0.0
            for text, b, i, nowrap in pieces:
                words = [text] if nowrap else text.split(" ")
                for n, word in enumerate(words):
                    if n:                        # a space where the line may break: a new piece
                        widest, piece = max(widest, piece), 0.0
                    piece += house.text_width(word, font_size, b, i)
            widest = max(widest, piece)
    return widest, longest


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
