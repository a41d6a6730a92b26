"""DOCX through python-docx: real Word styles, US Letter, 1" margins, page numbers in the footer."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.table import _Cell
from lxml import etree

from ..errors import TemplateError
from ..render.environment import RenderedDocument
from ..render.guards import check_text
from ..render.markup import Cell, Paragraph, Run, Table

FONT = "Times New Roman"  # Liberation Serif, embedded in the PDFs, has the same metrics
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# paragraph kind -> Word style id (set directly: python-docx's by-name lookup is slow)
STYLE_OF_KIND = {"title": "Title", "heading": "Heading1", "subheading": "Heading2",
                 "body": None, "quote": "Quote"}


# The house template: python-docx's default document with the styles closingdocs uses and
# nothing else (its 800 KB of unused style definitions cost more than the document itself).
KEPT_STYLES = {"Normal", "Title", "Heading1", "Heading2", "Quote", "TableGrid", "TableNormal",
               "DefaultParagraphFont", "NoList", "Header", "Footer", "HeaderChar", "FooterChar",
               "TitleChar", "Heading1Char", "Heading2Char", "QuoteChar"}
DROPPED_PARTS = {"stylesWithEffects", "thumbnail", "customXml"}


STYLESHEET = "assets/closingdocs.css"
EMU_PER_TWIP = 635
EMU_PER_UNIT = {"in": 914400, "pt": 12700, "cm": 360000, "mm": 36000}


@dataclass(frozen=True)
class TableGeometry:
    """Table column widths and cell paddings (EMU) and the dense tables' type size, read from the
    stylesheet the PDF uses, so that a Word cell holds the same text width as the PDF's."""

    num_width: int            # td.num, th.num { width }
    figures_num_width: int    # table.figures td.num { width }
    label_width: int          # table.plain td:first-child { width }
    padding: int              # td, th { padding: _ horizontal }
    figures_padding: int      # table.figures td { padding: _ horizontal }
    figures_font_pt: float    # table.figures td { font-size }

    @classmethod
    def from_css(cls, css: str) -> "TableGeometry":
        rules = _declarations(css)

        def get(selector: str, prop: str, index: int = 0):
            try:
                return rules[selector][prop][index]
            except (KeyError, IndexError):
                raise TemplateError(f"{STYLESHEET}: the DOCX writer reads '{prop}' from the rule "
                                    f"'{selector}', which is missing") from None

        def emu(token) -> int:
            unit = getattr(token, "unit", None)
            if unit not in EMU_PER_UNIT:
                raise TemplateError(f"{STYLESHEET}: expected a length in in, pt, cm or mm, got {token.serialize()}")
            return int(Decimal(str(token.representation)) * EMU_PER_UNIT[unit])

        def horizontal(selector: str):   # padding: all | vertical horizontal | top horizontal ...
            values = rules.get(selector, {}).get("padding") or []
            return get(selector, "padding", 1 if len(values) > 1 else 0)

        size = get("table.figures td, table.figures th", "font-size")
        return cls(emu(get("td.num, th.num", "width")), emu(get("table.figures td.num, table.figures th.num", "width")),
                   emu(get("table.plain td:first-child", "width")), emu(horizontal("td, th")),
                   emu(horizontal("table.figures td, table.figures th")),
                   float(Decimal(str(size.representation))) if getattr(size, "unit", None) == "pt" else
                   _fail_unit(size))


def _fail_unit(token):
    raise TemplateError(f"{STYLESHEET}: expected a type size in pt, got {token.serialize()}")


def _declarations(css: str) -> dict[str, dict[str, list]]:
    """selector text -> property -> its value tokens (white space and comments dropped)."""
    import tinycss2  # WeasyPrint's CSS parser: loaded with it in every process that writes

    out: dict[str, dict[str, list]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selector = " ".join(tinycss2.serialize(rule.prelude).split())
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration":
                values = [t for t in decl.value if t.type not in ("whitespace", "comment")]
                out.setdefault(selector, {})[decl.lower_name] = values
    return out


def find_stylesheet(search_path: list[Path]) -> str:
    """The house stylesheet as the PDF writer sees it: the first on the template search path."""
    roots = [Path(r).resolve() for r in search_path]
    for root in roots:
        candidate = root / STYLESHEET
        if candidate.is_file():
            real = candidate.resolve()
            if not any(real.is_relative_to(r) for r in roots):   # as the PDF writer: no link out of them
                raise TemplateError(f"{candidate} is a link to {real}, outside the template folders")
            try:
                return real.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateError(f"{candidate}: cannot be read as UTF-8 text ({exc})") from None
    raise TemplateError(f"{STYLESHEET} is not in the template folders ({', '.join(map(str, search_path))})")


class DocxWriter:
    """Word documents with real styles, built from the blocks the PDF's HTML was parsed into."""

    def __init__(self, search_path: list[Path]):
        self._template: bytes | None = None
        self.geometry = TableGeometry.from_css(find_stylesheet(search_path))

    def template(self) -> bytes:
        """Styles, page geometry and footer, common to every document; made once."""
        if self._template is None:
            doc = Document()
            _trim(doc)
            _styles(doc)
            _page_setup(doc)
            self._template = _package_bytes(doc)
        return self._template

    def write(self, document: RenderedDocument) -> bytes:
        doc = Document(io.BytesIO(self.template()))
        _running_header(doc, document)
        _properties(doc, document)
        body = doc.element.body
        end = body.sectPr   # every block goes before the section properties, in order
        # python-docx's template starts with no paragraphs; everything below comes from the blocks
        for block in document.blocks:
            if isinstance(block, Table):
                _table(doc, block, self.geometry)
            elif block.kind == "page-break":
                p = _sub(body, "p")
                _sub(_sub(p, "r"), "br", type="page")
                end.addprevious(p)
            else:
                end.addprevious(_paragraph(body, block))
        if document.forbidden:  # a public document: check the words of the Word file itself
            check_text(document.spec.title, "DOCX", _document_text(doc), document.forbidden)
        return _package_bytes(doc)


def _trim(doc) -> None:
    """Drop the default template's unused parts and style definitions."""
    package = doc.part.package
    for owner in (package, doc.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROPPED_PARTS:
                del owner.rels[r_id]
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    section.header_distance = section.footer_distance = Inches(0.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _running_header(doc, document: RenderedDocument) -> None:
    if document.running_header:
        header = doc.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(document.running_header)
        run.bold = True
        run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"),
                       ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(10), 1.0
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size, align in (("Title", 14, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Heading 1", 12, WD_ALIGN_PARAGRAPH.CENTER),
                              ("Heading 2", 12, WD_ALIGN_PARAGRAPH.LEFT)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        rpr = style.element.get_or_add_rPr()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rpr.get_or_add_rFonts().attrib.pop(qn(attr), None)
        rpr.get_or_add_rFonts().set(qn("w:ascii"), FONT)
        rpr.get_or_add_rFonts().set(qn("w:hAnsi"), FONT)
        style.paragraph_format.alignment = align
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(12)
        style.paragraph_format.keep_with_next = True
    _remove_border(styles["Title"])
    quote = styles["Quote"]
    quote.font.name, quote.font.italic, quote.font.size = FONT, False, Pt(11)
    quote.font.color.rgb = RGBColor(0, 0, 0)
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Inches(0.5)
    quote.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _remove_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


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


def _property(text: str) -> str:
    return text if len(text) <= 255 else text[:254] + "…"


# Paragraphs and runs are written as WordprocessingML directly, child elements in schema
# order: python-docx's proxies look up or insert every property one at a time.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_POINT = 20


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _sub(parent, tag: str, **attrs):
    element = etree.SubElement(parent, _w(tag))
    for name, value in attrs.items():
        element.set(_w(name), str(value))
    return element


def _paragraph(parent, block: Paragraph, cell: Cell | None = None, total: bool = False, size_pt=None):
    """A ``w:p`` for ``block``, appended to ``parent`` (the body, or a table cell)."""
    classes = block.classes
    p = _sub(parent, "p")
    ppr = _sub(p, "pPr")
    style_id = STYLE_OF_KIND[block.kind]
    if style_id:
        _sub(ppr, "pStyle", val=style_id)
    if classes & {"signature-block", "keep-together", "schedule"}:
        _sub(ppr, "keepNext")
    signature_line = cell is not None and "signature-line" in cell.classes
    if signature_line:
        borders = _sub(ppr, "pBdr")
        _sub(borders, "bottom", val="single", sz=6, space=1, color="000000")
    spacing = {}
    if signature_line:
        spacing["before"] = 24 * TWIPS_PER_POINT
    elif "spaced" in classes:
        spacing["before"] = 18 * TWIPS_PER_POINT
    if cell is not None:
        spacing["after"] = 2 * TWIPS_PER_POINT
    elif classes & {"tight", "address", "signature-block"}:
        spacing["after"] = 0
    if spacing:
        _sub(ppr, "spacing", **spacing)
    indent = {}
    if "signature-block" in classes:
        indent["left"] = 4680                       # 3.25"
    if "indent" in classes:
        indent["firstLine"] = 720                   # 0.5"
    if indent:
        _sub(ppr, "ind", **indent)
    _sub(ppr, "jc", val=_alignment(block, cell))
    draft = "draft-mark" in classes
    size = size_pt or (10 if "small" in classes else None)
    bold_all = draft or (cell is not None and (cell.header or total))
    for run in block.runs:
        _run(p, run, size, draft, bold_all)
    return p


def _alignment(block: Paragraph, cell: Cell | None) -> str:
    classes = block.classes
    if cell is not None:
        if "num" in cell.classes:
            return "right"
        if "center" in cell.classes:
            return "center"
    if classes & {"center", "draft-mark"}:
        return "center"
    if "right" in classes:
        return "right"
    if cell is not None or classes & {"address", "signature-block"} or block.kind == "body" and "tight" in classes:
        return "left"
    if block.kind == "title" or block.kind == "heading":
        return "center"
    return "left" if block.kind == "subheading" else "both"


def _run(p, run: Run, size, draft: bool, bold_all: bool) -> None:
    r = _sub(p, "r")
    if run.is_break:
        _sub(r, "br")
        return
    rpr = etree.SubElement(r, _w("rPr"))
    if run.bold or run.pending or bold_all:
        _sub(rpr, "b")
    if run.italic:
        _sub(rpr, "i")
    if draft:
        _sub(rpr, "color", val="A00000")
    if size:
        _sub(rpr, "sz", val=int(size * 2))        # half-points
    if run.pending:
        _sub(rpr, "highlight", val="yellow")
    if run.underline:
        _sub(rpr, "u", val="single")
    if not len(rpr):
        r.remove(rpr)
    text = _sub(r, "t")
    text.text = run.text
    text.set(XML_SPACE, "preserve")


TEXT_WIDTH = Inches(6.5)     # US Letter less 1" margins


def _column_widths(block: Table, ncols: int, geometry: TableGeometry) -> list:
    """Numeric columns fixed, the rest sharing what is left: the PDF's fixed table layout, with the
    stylesheet's widths and paddings (a Word cell's width includes its margins, as a border box)."""
    figures = "figures" in block.classes
    padding = geometry.figures_padding if figures else geometry.padding
    fixed: list = [None] * ncols
    for i, cell in enumerate(block.rows[0][:ncols]):
        if "num" in cell.classes:
            fixed[i] = (geometry.figures_num_width if figures else geometry.num_width) + 2 * padding
    if "plain" in block.classes and "grid" not in block.classes and fixed[0] is None and ncols > 1:
        fixed[0] = geometry.label_width + 2 * padding
    free = [i for i, w in enumerate(fixed) if w is None]
    rest = TEXT_WIDTH - sum(w for w in fixed if w is not None)
    return [int(w) if w is not None else int(rest / len(free)) for w in fixed]


def _table(doc, block: Table, geometry: TableGeometry) -> None:
    ncols = max(len(r) for r in block.rows)
    table = doc.add_table(rows=len(block.rows), cols=ncols)
    if "grid" in block.classes:
        table._tbl.tblPr.style = "TableGrid"   # by id: python-docx's lookup by name is slow
    else:
        _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(block, ncols, geometry)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
        column.w = width
    size_pt = None
    if "figures" in block.classes:
        size_pt = geometry.figures_font_pt
        _cell_margins(table, geometry.figures_padding)
    else:
        _cell_margins(table, geometry.padding)
    for r, (row, tr) in enumerate(zip(block.rows, table._tbl.tr_lst)):
        row_classes = block.row_classes[r] if r < len(block.row_classes) else frozenset()
        for cell, tc, width in zip(row, tr.tc_lst, widths):
            _Cell(tc, table).width = width
            _cell(tc, cell, "total" in row_classes, size_pt)
        if any(cell.header for cell in row):
            _repeat_header(table.rows[r])
        _keep_row_together(table.rows[r])
    spacer = _sub(doc.element.body, "p")
    _sub(_sub(spacer, "pPr"), "spacing", after=0)
    doc.element.body.sectPr.addprevious(spacer)


def _cell(tc, cell: Cell, total: bool, size_pt=None) -> None:
    for empty in tc.findall(_w("p")):
        tc.remove(empty)
    for para in cell.paragraphs or (Paragraph("body", frozenset(), ()),):
        _paragraph(tc, para, cell, total, size_pt)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_margins(table, padding: int) -> None:
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(round(padding / EMU_PER_TWIP)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _keep_row_together(row) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


class _FixedTimeZip:
    """python-docx's physical-package writer interface, writing members with a fixed time."""

    def __init__(self, stream):
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def _package_bytes(doc) -> bytes:
    """The .docx bytes, every member dated 1980-01-01 so the same document gives the same bytes."""
    package = doc.part.package
    parts = list(package.parts)
    for part in parts:  # as python-docx's own save() does
        part.before_marshal()
    stream = io.BytesIO()
    writer = _FixedTimeZip(stream)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return stream.getvalue()


def _document_text(doc) -> str:
    """Every paragraph's text, tables included, a line each; line breaks as new lines."""
    lines = []
    for p in doc.element.body.iter(qn("w:p")):
        lines.append("".join("\n" if el.tag == qn("w:br") else (el.text or "")
                             for el in p.iter(qn("w:t"), qn("w:br"))))
    return "\n".join(lines)
