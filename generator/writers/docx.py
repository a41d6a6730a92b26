"""DOCX: Word styles, numbering and page geometry read from the house stylesheet, so that a word
processor lays out the same pages as the PDF.

Everything the PDF's stylesheet states (page size and margins, header and footer distances,
type sizes, exact line heights, paragraph spacing, indents, alignment, table column widths and
cell paddings, what keeps with what) comes from ``generator/render/house.py`` and
``generator/render/layout.py``; nothing about the look is decided here.  Word sees it as named
styles (Normal, Heading 1-3, Body Indent, Numbered Paragraph, Signature Block, ...), editable in
its style pane; a paragraph carries direct formatting only where it differs from its style (the
space between blocks, as CSS collapses margins, and what keeps with what).  Numbered paragraphs
are Word numbering (numbering.xml), restarting in each document.  The package (parts, relationships,
fixed times) and the WordprocessingML helpers are ``ooxml.py``'s; python-docx only through its public API.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..render.environment import RenderedDocument
from ..render.guards import check_text
from ..render.house import NUMBER_FORMATS, HouseStyle, Node, Style, house_style
from ..render.layout import Flow, TableLayout, flows, row_keeps, table_layout
from ..render.markup import Cell, Paragraph, Run, Table
from .context import NO_CONTEXT, WriteContext
from .ooxml import XML_SPACE, W, clear, document_text, drop_relationships, field, package_bytes, part_xml, text_run
from .ooxml import sub as _sub
from .ooxml import w as _w

# An e-signature anchor string (span.anchor in the stylesheet): white and 1pt, on the page for a platform to
# find, invisible to the reader.
ANCHOR_COLOR = "FFFFFF"
ANCHOR_HALF_POINTS = 2

FONT = "Times New Roman"  # Liberation Serif, embedded in the PDFs, has the same metrics
DROPPED_PARTS = {"stylesWithEffects", "thumbnail", "customXml"}
TWIPS_PER_POINT = 20
NUMBERING_ID = 1

HTML, BODY = Node("html"), Node("body")
# Word style id -> (its name in Word's style pane, the CSS ancestry it is computed from, outline level)
STYLES: dict[str, tuple[str, tuple[Node, ...], int | None]] = {
    "Normal": ("Normal", (HTML, BODY, Node("p")), None),
    "Heading1": ("heading 1", (HTML, BODY, Node("h1")), 0),
    "Heading2": ("heading 2", (HTML, BODY, Node("h2")), 1),
    "Heading3": ("heading 3", (HTML, BODY, Node("h3")), 2),
    "Quote": ("Quote", (HTML, BODY, Node("blockquote"), Node("p")), None),
    "BodyIndent": ("Body Indent", (HTML, BODY, Node("p", frozenset({"indent"}))), None),
    "NumberedParagraph": ("Numbered Paragraph", (HTML, BODY, Node("p", frozenset({"numbered"}))), None),
    "NumberedSubparagraph": ("Numbered Subparagraph", (HTML, BODY, Node("p", frozenset({"subnumbered"}))),
                             None),
    "Centered": ("Centered", (HTML, BODY, Node("p", frozenset({"center"}))), None),
    "Tight": ("Tight", (HTML, BODY, Node("p", frozenset({"tight"}))), None),
    "SmallPrint": ("Small Print", (HTML, BODY, Node("p", frozenset({"small"}))), None),
    "DraftMark": ("Draft Mark", (HTML, BODY, Node("p", frozenset({"draft-mark"}))), None),
    "Address": ("Address", (HTML, BODY, Node("div", frozenset({"address"})), Node("p")), None),
    "SignatureBlock": ("Signature Block", (HTML, BODY, Node("div", frozenset({"signature-block"})), Node("p")),
                       None),
    "TableText": ("Table Text", (HTML, BODY, Node("table"), Node("tbody"), Node("tr"), Node("td")), None),
    "TableHeading": ("Table Heading", (HTML, BODY, Node("table"), Node("thead"), Node("tr"), Node("th")), None),
    "TableFigures": ("Table Figures", (HTML, BODY, Node("table", frozenset({"figures"})), Node("tbody"),
                                       Node("tr"), Node("td")), None),
}
# a paragraph's own or enclosing class -> its Word style, first match wins
STYLE_OF_CLASS = (("numbered", "NumberedParagraph"), ("subnumbered", "NumberedSubparagraph"),
                  ("draft-mark", "DraftMark"), ("signature-block", "SignatureBlock"), ("address", "Address"),
                  ("small", "SmallPrint"), ("tight", "Tight"), ("indent", "BodyIndent"), ("center", "Centered"))
STYLE_OF_KIND = {"title": "Heading1", "heading": "Heading2", "subheading": "Heading3", "quote": "Quote"}
JUSTIFY = {"justify": "both", "left": "left", "start": "left", "center": "center", "right": "right", "end": "right"}


def _twips(points: float) -> int:
    return int(round(points * TWIPS_PER_POINT))


class DocxWriter:
    """Word documents built from the blocks the PDF's HTML was parsed into, in the PDF's geometry."""

    def __init__(self, search_path: list[Path]):
        self.house: HouseStyle = house_style(search_path)
        self._template: bytes | None = None
        self._style_props = {sid: _props(self.house.style(path), _indent(self.house, path), None)
                             for sid, (_, path, _) in STYLES.items()}

    def template(self) -> bytes:
        """Styles, numbering, page geometry, header and footer, common to every document; made once."""
        if self._template is None:
            doc = Document()
            drop_relationships((doc.part.package, doc.part), DROPPED_PARTS)   # the default template's unused parts
            _settings(doc)
            self._page_setup(doc)
            styles = doc.part.part_related_by(RT.STYLES).partname
            numbering = doc.part.numbering_part.partname   # made if the default template has none
            self._template = package_bytes(doc.part.package, {styles: self._styles_xml(),
                                                              numbering: _numbering_xml(self._style_props)})
        return self._template

    def write(self, document: RenderedDocument, context: WriteContext = NO_CONTEXT) -> bytes:
        doc = Document(io.BytesIO(self.template()))
        self._running_header(doc, document)
        footer = doc.sections[0].footer.part.element
        if document.spec.public:   # a public document (the press release) carries no page numbers
            clear(footer.find(_w("p")), keep=("pPr",))
        if document.spec.footer:   # lines in place of the page numbers (a signature page's caption and identifier)
            p = footer.find(_w("p"))
            clear(p, keep=("pPr",))
            for n, line in enumerate(document.spec.footer):
                if n:
                    _sub(_sub(p, "r"), "br")
                text_run(p, line)
        for t in footer.iter(_w("t")):
            if t.text == "#":   # NUMPAGES: the PDF's page count, shown before Word counts the pages
                t.text = str(context.pages or 1)
        _properties(doc, document)
        body = doc.element.body
        end = body.sectPr   # every block goes before the section properties, in order
        blocks = document.blocks
        flow = flows(self.house, blocks)
        previous = None
        for block, f in zip(blocks, flow, strict=True):
            if f is None:       # a page-break marker: the next block starts a page (Flow says so)
                continue
            if isinstance(block, Table):
                if isinstance(previous, Table):   # Word joins adjacent tables: a spacer the gap's height
                    end.addprevious(_spacer(body, f.before))
                end.addprevious(self._table(body, block, f))
            else:
                end.addprevious(self._paragraph(body, block, f))
            previous = block
        if document.forbidden:  # a public document: check the words of the Word file itself
            check_text(document.spec.title, "DOCX", document_text(doc.element.body), document.forbidden)
        return package_bytes(doc.part.package)

    # -- styles ---------------------------------------------------------------------------------
    def _styles_xml(self) -> bytes:
        root = etree.Element(_w("styles"), nsmap={"w": W})
        defaults = _sub(root, "docDefaults")
        rpr = _sub(_sub(defaults, "rPrDefault"), "rPr")
        _sub(rpr, "rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
        normal_size = self._style_props["Normal"]["sz"]
        _sub(rpr, "sz", val=normal_size)
        _sub(rpr, "szCs", val=normal_size)
        _sub(rpr, "lang", val="en-US", eastAsia="en-US", bidi="ar-SA")
        ppr = _sub(_sub(defaults, "pPrDefault"), "pPr")
        _sub(ppr, "widowControl")
        _sub(ppr, "spacing", before=0, after=0, line=self._style_props["Normal"]["line"], lineRule="exact")
        for sid, (name, _, outline) in STYLES.items():
            style = _sub(root, "style", type="paragraph", styleId=sid)
            if sid == "Normal":
                style.set(_w("default"), "1")
            elif sid not in ("Heading1", "Heading2", "Heading3", "Quote"):
                style.set(_w("customStyle"), "1")
            _sub(style, "name", val=name)
            if sid != "Normal":
                _sub(style, "basedOn", val="Normal")
                _sub(style, "next", val="Normal" if sid.startswith("Heading") else sid)
            _sub(style, "uiPriority", val=9 if outline is not None else 1)
            _sub(style, "qFormat")
            props = dict(self._style_props[sid])
            if outline is not None:
                props["outline"] = outline
            if sid in ("NumberedParagraph", "NumberedSubparagraph"):
                props["num"] = 0 if sid == "NumberedParagraph" else 1
            _ppr(style, props, {}, with_style=False)
            rpr = _rpr(style, props, {})
            if sid == "Normal":   # the font in the style pane too, not only in the defaults
                fonts = etree.Element(_w("rFonts"))
                for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
                    fonts.set(_w(attr), FONT)
                rpr.insert(0, fonts)
                if rpr.getparent() is None:
                    style.append(rpr)
        for sid, name, props in (("Header", "header", self._margin_props(self.house.page.header, "right")),
                                 ("Footer", "footer", self._margin_props(self.house.page.footer, "center"))):
            style = _sub(root, "style", type="paragraph", styleId=sid)
            _sub(style, "name", val=name)
            _sub(style, "basedOn", val="Normal")
            _sub(style, "uiPriority", val=99)
            _sub(style, "unhideWhenUsed")
            _ppr(style, props, {}, with_style=False)
            _rpr(style, props, {})
        for sid, name in (("DefaultParagraphFont", "Default Paragraph Font"), ):
            style = _sub(root, "style", type="character", default="1", styleId=sid)
            _sub(style, "name", val=name)
            _sub(style, "uiPriority", val=1)
            _sub(style, "semiHidden")
            _sub(style, "unhideWhenUsed")
        table = _sub(root, "style", type="table", default="1", styleId="TableNormal")
        _sub(table, "name", val="Normal Table")
        _sub(table, "uiPriority", val=99)
        _sub(table, "semiHidden")
        _sub(table, "unhideWhenUsed")
        tblpr = _sub(table, "tblPr")
        _sub(tblpr, "tblInd", w=0, type="dxa")
        _sub(_sub(tblpr, "tblCellMar"), "left", w=0, type="dxa")
        grid = _sub(root, "style", type="table", styleId="TableGrid")
        _sub(grid, "name", val="Table Grid")
        _sub(grid, "basedOn", val="TableNormal")
        _sub(grid, "uiPriority", val=59)
        borders = _sub(_sub(grid, "tblPr"), "tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, edge, val="single", sz=4, space=0, color="000000")
        _sub(root, "style", type="numbering", default="1", styleId="NoList")
        _sub(root[-1], "name", val="No List")
        return part_xml(root)

    def _margin_props(self, box, align: str) -> dict:
        props = {"before": 0, "after": 0, "line": _twips(box.line_height), "left": 0, "right": 0,
                 "firstLine": 0, "jc": align, "b": box.bold, "i": False, "sz": int(round(box.font_size * 2)),
                 "color": box.color, "keepNext": False, "keepLines": False}
        return props

    def _page_setup(self, doc) -> None:
        page = self.house.page
        sect = doc.element.body.sectPr
        for child in list(sect):
            if child.tag in (_w("pgSz"), _w("pgMar")):
                sect.remove(child)
        pg_sz = etree.Element(_w("pgSz"))
        pg_sz.set(_w("w"), str(_twips(page.width)))
        pg_sz.set(_w("h"), str(_twips(page.height)))
        pg_mar = etree.Element(_w("pgMar"))
        top, right, bottom, left = page.margin
        for name, value in (("top", top), ("right", right), ("bottom", bottom), ("left", left),
                            ("header", page.header.distance), ("footer", page.footer.distance), ("gutter", 0)):
            pg_mar.set(_w(name), str(_twips(value)))
        anchor = sect.find(_w("cols"))
        if anchor is None:
            sect.append(pg_sz)
            sect.append(pg_mar)
        else:
            anchor.addprevious(pg_sz)
            anchor.addprevious(pg_mar)
        p = doc.sections[0].footer.part.element.find(_w("p"))
        clear(p)
        _sub(_sub(p, "pPr"), "pStyle", val="Footer")
        text_run(p, "Page ")
        field(p, "PAGE", "1")
        text_run(p, " of ")
        field(p, "NUMPAGES", "#")   # the PDF's page count, filled in per document
        hp = doc.sections[0].header.part.element.find(_w("p"))
        clear(hp)
        _sub(_sub(hp, "pPr"), "pStyle", val="Header")

    def _running_header(self, doc, document: RenderedDocument) -> None:
        if document.running_header:
            p = doc.sections[0].header.part.element.find(_w("p"))
            text_run(p, document.running_header)

    # -- paragraphs -------------------------------------------------------------------------------
    def _style_id(self, block: Paragraph, cell: Cell | None, table: Table | None) -> str:
        if cell is not None:
            if table is not None and "figures" in table.classes:
                return "TableFigures"
            return "TableHeading" if cell.header else "TableText"
        if block.kind in STYLE_OF_KIND:
            return STYLE_OF_KIND[block.kind]
        return next((sid for cls, sid in STYLE_OF_CLASS if cls in block.classes), "Normal")

    def _paragraph(self, parent, block: Paragraph, flow: Flow, cell: Cell | None = None,
                   table: Table | None = None, size: float | None = None, keep_next: bool = False):
        """A ``w:p`` for ``block``, appended to ``parent`` (the body, or a table cell)."""
        house = self.house
        style = house.style(block.path)
        sid = self._style_id(block, cell, table)
        if cell is not None:   # inside a cell: indents and margins count from the cell
            start = len(cell.path)
            props = _props(style, _indent(house, block.path, start), size)
        else:
            props = _props(style, _indent(house, block.path), size)
        props["before"], props["after"] = _twips(flow.before), _twips(flow.after)
        props["keepNext"] = flow.keep_next or keep_next
        props["keepLines"] = flow.keep_lines
        props["pageBreakBefore"] = flow.page_break_before
        if block.level is not None:
            props["num"] = block.level
        base = self._style_props[sid]
        p = _sub(parent, "p")
        _ppr(p, props, base, style_id=sid)
        for run in block.runs:
            _run(p, run, props, base, style.nowrap)
        self.paragraph_written(p, block)
        return p

    def paragraph_written(self, p, block: Paragraph) -> None:
        """Called with each ``w:p`` written and the block it was made from, before the next: a subclass
        may mark it (the redline writer's tracked changes). Nothing here."""

    # -- tables -----------------------------------------------------------------------------------
    def _table(self, parent, block: Table, flow: Flow):
        house = self.house
        layout: TableLayout = table_layout(house, block)
        tbl = _sub(parent, "tbl")
        tblpr = _sub(tbl, "tblPr")
        if "grid" in block.classes:
            _sub(tblpr, "tblStyle", val="TableGrid")
        _sub(tblpr, "tblW", w=sum(layout.widths), type="dxa")
        left = _twips(_indent(house, block.path)[0])
        _sub(tblpr, "tblInd", w=left, type="dxa")
        borders = _sub(tblpr, "tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, edge, val="nil")
        _sub(tblpr, "tblLayout", type="fixed")
        first = next((c for row in block.rows for c in row if not c.header), block.rows[0][0])
        padding = _cell_margins(house.style(first.path))
        mar = _sub(tblpr, "tblCellMar")
        for side, value in zip(("top", "left", "bottom", "right"), padding, strict=True):
            _sub(mar, side, w=value, type="dxa")
        _sub(tblpr, "tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
        grid = _sub(tbl, "tblGrid")
        for width in layout.widths:
            _sub(grid, "gridCol", w=width)
        keeps = row_keeps(house, block)
        last = len(block.rows) - 1
        for r, row in enumerate(block.rows):
            tr = _sub(tbl, "tr")
            trpr = _sub(tr, "trPr")
            row_style = house.style(row[0].path[:-1]) if row else None
            if row_style is None or row_style.break_inside == "avoid":
                _sub(trpr, "cantSplit")
            if row and all(c.header for c in row):
                _sub(trpr, "tblHeader")
            keep = keeps[r] or (r == last and flow.keep_next)
            for cell, width in zip(row, layout.widths, strict=False):   # a row may have fewer cells than columns
                self._cell(tr, block, cell, width, padding, layout.font_size, keep)
        self.table_written(tbl, block)
        return tbl

    def table_written(self, tbl, block: Table) -> None:
        """Called with each ``w:tbl`` written (its paragraphs already passed to ``paragraph_written``)
        and the block it was made from: a subclass may mark it. Nothing here."""

    def _cell(self, tr, table: Table, cell: Cell, width: int, padding, size, keep: bool) -> None:
        style = self.house.style(cell.path)
        tc = _sub(tr, "tc")
        tcpr = _sub(tc, "tcPr")
        _sub(tcpr, "tcW", w=width, type="dxa")
        if style.borders:
            borders = _sub(tcpr, "tcBorders")
            for side in ("top", "left", "bottom", "right"):
                if side in style.borders:
                    line, color = style.borders[side]
                    _sub(borders, side, val="single", sz=max(2, int(round(line * 8))), space=0, color=color)
                else:
                    _sub(borders, side, val="nil")
        margins = _cell_margins(style)
        if margins != padding:
            mar = _sub(tcpr, "tcMar")
            for side, value in zip(("top", "left", "bottom", "right"), margins, strict=True):
                _sub(mar, side, w=value, type="dxa")
        paragraphs = cell.paragraphs or (Paragraph("body", cell.classes, (), cell.path),)
        cell_flows = _cell_flows(self.house, paragraphs)
        for para, f in zip(paragraphs, cell_flows, strict=True):
            self._paragraph(tc, para, f, cell, table, size, keep)


def _cell_margins(style: Style) -> tuple[int, int, int, int]:
    """Word cell margins (top, left, bottom, right, twips) giving the CSS cell's text width: its padding
    and, at the sides, half of each collapsed border (Word draws borders over the margins)."""
    top, right, bottom, left = style.padding
    half = {side: width / 2 for side, (width, _) in style.borders.items()}
    return (_twips(top), _twips(left + half.get("left", 0.0)), _twips(bottom),
            _twips(right + half.get("right", 0.0)))


def _cell_flows(house: HouseStyle, paragraphs) -> list[Flow]:
    """Paragraphs in a cell: the gaps between them (collapsed margins), none at the cell's edges."""
    out = []
    for n, para in enumerate(paragraphs):
        style = house.style(para.path)
        after = 0.0
        if n + 1 < len(paragraphs):
            after = max(style.margin[2], house.style(paragraphs[n + 1].path).margin[0])
        out.append(Flow(0.0, after, False, False, False))
    return out


def _indent(house: HouseStyle, path: tuple[Node, ...], start: int = 2) -> tuple[float, float]:
    """(left, right) indents: the margins of the element and its ancestors below ``start``."""
    left = right = 0.0
    for k in range(start, len(path)):
        margin = house.style(path[:k + 1]).margin
        left += margin[3]
        right += margin[1]
    return left, right


def _props(style: Style, indent: tuple[float, float], size: float | None) -> dict:
    """The Word formatting of a computed CSS style."""
    font_size = size or style.font_size
    line = style.line_height if size is None else style.line_height * size / style.font_size
    return {"before": _twips(style.margin[0]), "after": _twips(style.margin[2]), "line": _twips(line),
            "left": _twips(indent[0]), "right": _twips(indent[1]), "firstLine": _twips(style.text_indent),
            "jc": JUSTIFY.get(style.text_align, "left"), "b": style.bold, "i": style.italic,
            "sz": int(round(font_size * 2)), "color": style.color,
            "keepNext": style.break_after == "avoid", "keepLines": style.break_inside == "avoid",
            "pageBreakBefore": False}


def _ppr(parent, props: dict, base: dict, style_id: str | None = None, with_style: bool = True):
    """``w:pPr`` with the properties that differ from ``base`` (all of them for a style), in schema order."""
    ppr = _sub(parent, "pPr")
    if with_style and style_id:
        _sub(ppr, "pStyle", val=style_id)

    def differs(key):
        return props.get(key) != base.get(key, None if key not in ("keepNext", "keepLines", "pageBreakBefore")
                                           else False)

    for key in ("keepNext", "keepLines", "pageBreakBefore"):
        if differs(key):
            element = _sub(ppr, key)
            if not props.get(key):
                element.set(_w("val"), "0")
    if "num" in props and props.get("num") != base.get("num"):
        numpr = _sub(ppr, "numPr")
        _sub(numpr, "ilvl", val=props["num"])
        _sub(numpr, "numId", val=NUMBERING_ID)
    spacing = {k: props[k] for k in ("before", "after", "line") if differs(k)}
    if spacing:
        if "line" in spacing:
            spacing["lineRule"] = "exact"
        _sub(ppr, "spacing", **spacing)
    indent = {k: props[k] for k in ("left", "right", "firstLine") if differs(k)}
    if indent:
        _sub(ppr, "ind", **indent)
    if differs("jc"):
        _sub(ppr, "jc", val=props["jc"])
    if "outline" in props:
        _sub(ppr, "outlineLvl", val=props["outline"])
    if not len(ppr) and with_style:
        parent.remove(ppr)
    return ppr


def _rpr(parent, props: dict, base: dict, run: Run | None = None):
    """``w:rPr`` for a style (``base`` empty) or a run (what differs from its paragraph's style)."""
    rpr = etree.SubElement(parent, _w("rPr"))
    bold = props["b"] or (run is not None and (run.bold or run.pending))
    italic = props["i"] or (run is not None and run.italic)
    if bold != base.get("b", False):
        el = _sub(rpr, "b")
        if not bold:
            el.set(_w("val"), "0")
    if italic != base.get("i", False):
        el = _sub(rpr, "i")
        if not italic:
            el.set(_w("val"), "0")
    if props["color"] != base.get("color"):
        _sub(rpr, "color", val=props["color"] or "000000")
    if props["sz"] != base.get("sz"):
        _sub(rpr, "sz", val=props["sz"])
        _sub(rpr, "szCs", val=props["sz"])
    if run is not None and run.pending:
        _sub(rpr, "highlight", val="yellow")
    if run is not None and run.anchor:   # an e-signature anchor: white, 1pt (span.anchor in the stylesheet)
        for el in list(rpr):
            if el.tag in (_w("color"), _w("sz"), _w("szCs")):
                rpr.remove(el)
        _sub(rpr, "color", val=ANCHOR_COLOR)
        _sub(rpr, "sz", val=ANCHOR_HALF_POINTS)
        _sub(rpr, "szCs", val=ANCHOR_HALF_POINTS)
    if run is not None and run.underline:
        _sub(rpr, "u", val="single")
    if not len(rpr):
        parent.remove(rpr)
    return rpr


def _run(p, run: Run, props: dict, base: dict, nowrap: bool = False) -> None:
    r = _sub(p, "r")
    if run.is_break:
        _sub(r, "br")
        return
    _rpr(r, props, base, run)
    text = run.text
    if run.nowrap or nowrap:   # may not break: no-break spaces, and no-break hyphens as Word writes them
        text = text.replace(" ", "\xa0")
        parts = text.split("-")
        for n, part in enumerate(parts):
            if n:
                _sub(r, "noBreakHyphen")
            if part:
                t = _sub(r, "t")
                t.text = part
                t.set(XML_SPACE, "preserve")
        return
    t = _sub(r, "t")
    t.text = text
    t.set(XML_SPACE, "preserve")


def _spacer(parent, height: float):
    """An empty paragraph exactly ``height`` tall (Word would merge two adjacent tables)."""
    p = _sub(parent, "p")
    ppr = _sub(p, "pPr")
    _sub(ppr, "spacing", before=0, after=0, line=max(_twips(height), 20), lineRule="exact")
    _sub(_sub(ppr, "rPr"), "sz", val=2)
    return p


def _numbering_xml(style_props: dict) -> bytes:
    """One numbering definition: numbered paragraphs (1.) and sub-paragraphs ((a)), by style."""
    root = etree.Element(_w("numbering"), nsmap={"w": W})
    abstract = _sub(root, "abstractNum", abstractNumId=0)
    _sub(abstract, "multiLevelType", val="multilevel")
    for level, (_name, (fmt, pattern)) in enumerate(NUMBER_FORMATS.items()):
        sid = "NumberedParagraph" if level == 0 else "NumberedSubparagraph"
        lvl = _sub(abstract, "lvl", ilvl=level)
        _sub(lvl, "start", val=1)
        _sub(lvl, "numFmt", val=fmt)
        _sub(lvl, "pStyle", val=sid)
        _sub(lvl, "suff", val="space")
        _sub(lvl, "lvlText", val=pattern.format(f"%{level + 1}"))
        _sub(lvl, "lvlJc", val="left")
        props = style_props[sid]
        _sub(_sub(lvl, "pPr"), "ind", left=props["left"], firstLine=props["firstLine"])
    num = _sub(root, "num", numId=NUMBERING_ID)
    _sub(num, "abstractNumId", val=0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _settings(doc) -> None:
    """Word 2013 layout; a justified line ending in a line break is not stretched (as in CSS)."""
    settings = doc.settings.element
    compat = settings.find(_w("compat"))
    if compat is not None:
        settings.remove(compat)
    compat = etree.Element(_w("compat"))
    _sub(compat, "doNotExpandShiftReturn")
    for name, value in (("compatibilityMode", "15"), ("overrideTableStyleFontSizeAndJustification", "1"),
                        ("enableOpenTypeFeatures", "1"), ("doNotFlipMirrorIndents", "1")):
        _sub(compat, "compatSetting", name=name, uri="http://schemas.microsoft.com/office/word", val=value)
    anchor = settings.find(_w("rsids"))
    if anchor is None:
        settings.append(compat)
    else:
        anchor.addprevious(compat)


def _properties(doc, document: RenderedDocument) -> None:
    props = doc.core_properties
    stamp = dt.datetime.combine(document.date, dt.time(12, 0)) if isinstance(document.date, dt.date) \
        else dt.datetime(2000, 1, 1, 12, 0)
    props.title = _property(document.spec.title)   # Word holds at most 255 characters a property
    props.author = props.last_modified_by = _property(document.author)
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.comments = "Generated by closingdocs" + (f" ({document.running_header})" if document.running_header else "")
    props.subject = _property(document.spec.section)
    props.keywords = props.category = props.content_status = ""
    props.identifier = document.fingerprint.hex()
    props.language = "en-US"


def _property(text: str) -> str:
    return text if len(text) <= 255 else text[:254] + "…"
