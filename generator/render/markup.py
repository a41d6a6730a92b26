"""The markup both writers understand: rendered HTML parsed into paragraphs and tables.

The PDF writer lays out the HTML itself; the DOCX writer builds Word paragraphs from the
blocks parsed here.  Parsing refuses any element, attribute or class outside the set
below, so nothing a template writes can be silently dropped from one of the two formats.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NoReturn

from ..errors import TemplateError
from .house import NUMBER_FORMATS, Node

# element -> classes it may carry (each one styled in templates/assets/closingdocs.css
# and mapped in writers/docx.py)
ALLOWED_CLASSES: dict[str, set[str]] = {
    "html": set(), "head": set(), "title": set(), "meta": set(), "link": set(),
    "body": {"draft", "final", "public"},
    "div": {"signature-block", "address", "keep-together", "page-break", "schedule"},
    "h1": set(), "h2": set(), "h3": set(),
    "p": {"center", "right", "indent", "tight", "draft-mark", "small", "spaced", "numbered", "subnumbered"},
    "blockquote": set(),
    "table": {"grid", "plain", "signature", "figures", "long"},
    "thead": set(), "tbody": set(), "tr": {"total"},
    "th": {"num", "center"}, "td": {"num", "center", "signature-line"},
    "strong": set(), "b": set(), "em": set(), "i": set(), "u": set(),
    "span": {"pending", "nowrap", "anchor"},
    "br": set(),
}
HEAD_ATTRIBUTES = {"meta": {"name", "content", "charset"}, "link": {"rel", "href"}, "html": {"lang"}}
PARAGRAPHS = {"p": "body", "h1": "title", "h2": "heading", "h3": "subheading"}
INLINE = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline", "span": None}
VOID = {"br", "meta", "link"}
_SPACE = re.compile(r"[ \t\n\r\f]+")
BLOCK_TAGS = {"html", "body", "div", "p", "h1", "h2", "h3", "blockquote", "table", "thead", "tbody", "tr",
              "td", "th"}


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    pending: bool = False
    nowrap: bool = False
    anchor: bool = False            # an e-signature anchor string: invisible (white, 1pt), still in the text

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


@dataclass(frozen=True)
class Paragraph:
    kind: str                       # title, heading, subheading, body, quote, page-break
    classes: frozenset[str]         # the paragraph's own classes and its enclosing divs'
    runs: tuple[Run, ...]
    path: tuple[Node, ...] = field(default=(), compare=False)   # its ancestry, for the stylesheet
    number: str = ""                # the label of a numbered paragraph ("1.", "(a)")
    element: ET.Element | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def level(self) -> int | None:
        """The numbering level of a numbered paragraph (0, 1), or None."""
        return next((i for i, name in enumerate(NUMBER_FORMATS) if name in self.classes), None)


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[Paragraph, ...]
    header: bool
    classes: frozenset[str]
    path: tuple[Node, ...] = field(default=(), compare=False)
    element: ET.Element | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    classes: frozenset[str]
    row_classes: tuple[frozenset[str], ...] = ()
    path: tuple[Node, ...] = field(default=(), compare=False)
    element: ET.Element | None = field(default=None, compare=False, repr=False)


Block = Paragraph | Table


@dataclass
class _Open:
    tag: str
    classes: frozenset[str]
    line: int
    node: Node | None = None
    element: ET.Element | None = None


@dataclass
class _ParaBuilder:
    kind: str
    classes: frozenset[str]
    path: tuple[Node, ...]
    element: ET.Element | None
    number: str = ""
    runs: list[Run] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, template: str):
        super().__init__(convert_charrefs=True)
        self.template = template
        self.stack: list[_Open] = []
        self.blocks: list[Block] = []
        self.para: _ParaBuilder | None = None
        self.table: list[list[Cell]] | None = None
        self.table_classes: frozenset[str] = frozenset()
        self.row_classes: list[frozenset[str]] = []
        self.cell: list[Paragraph] | None = None
        self.cell_meta: tuple[bool, frozenset[str]] = (False, frozenset())
        # the same document as an element tree, for the PDF writer (stylesheet links set apart)
        self.root: ET.Element | None = None
        self.elements: list[ET.Element] = []
        self.stylesheets: list[str] = []
        self.counters = [0] * len(NUMBER_FORMATS)
        self.uid = 0
        self.table_open: _Open | None = None

    # -- errors ---------------------------------------------------------------------------
    def fail(self, message: str) -> NoReturn:
        line = self.getpos()[0]
        raise TemplateError(f"{self.template} (rendered HTML line {line}): {message}; "
                            "the DOCX and PDF writers support only the markup listed in generator/markup.py")

    # -- state helpers ---------------------------------------------------------------------
    def in_tag(self, *tags: str) -> bool:
        return any(o.tag in tags for o in self.stack)

    def div_classes(self) -> frozenset[str]:
        out: set[str] = set()
        for o in self.stack:
            if o.tag == "div":
                out |= o.classes
        return frozenset(out)

    def inline_state(self) -> dict[str, bool]:
        state = {"bold": False, "italic": False, "underline": False, "pending": False, "nowrap": False,
                 "anchor": False}
        for o in self.stack:
            if o.tag == "th":
                state["bold"] = True
            inline = INLINE.get(o.tag)
            if inline:
                state[inline] = True
            if o.tag == "span":
                state["pending"] |= "pending" in o.classes
                state["nowrap"] |= "nowrap" in o.classes
                state["anchor"] |= "anchor" in o.classes
        return state

    def path(self) -> tuple[Node, ...]:
        return tuple(o.node for o in self.stack if o.node is not None)

    def open_paragraph(self, kind: str, classes: frozenset[str], element: ET.Element | None = None) -> None:
        number = ""
        for level, name in enumerate(NUMBER_FORMATS):
            if name in classes:
                self.counters[level] += 1
                self.counters[level + 1:] = [0] * (len(self.counters) - level - 1)
                number = _label(level, self.counters[level])
        if element is None:   # text directly in a cell or a blockquote: the enclosing block's element
            element = next((o.element for o in reversed(self.stack) if o.node is not None), None)
        self.para = _ParaBuilder(kind, classes | self.div_classes(), self.path(), element, number)

    def close_paragraph(self) -> None:
        if self.para is None:
            return
        runs = _trim(self.para.runs)
        para = Paragraph(self.para.kind, self.para.classes, tuple(runs), self.para.path, self.para.number,
                         self.para.element)
        self.para = None
        if not runs and para.kind != "page-break":
            return
        (self.cell if self.cell is not None else self.blocks).append(para)

    # -- HTMLParser hooks -------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_CLASSES:
            self.fail(f"<{tag}> is not supported")
        classes: set[str] = set()
        for name, value in attrs:
            if name == "class":
                classes |= set((value or "").split())
            elif name not in HEAD_ATTRIBUTES.get(tag, set()):
                self.fail(f"the attribute {name}= on <{tag}> is not supported (style belongs in the stylesheet)")
        unknown = classes - ALLOWED_CLASSES[tag]
        if unknown:
            self.fail(f"class {', '.join(sorted(unknown))} is not supported on <{tag}>")
        element = self.tree_start(tag, attrs)
        frozen = frozenset(classes)
        self.uid += 1
        node = None
        if tag in BLOCK_TAGS:
            index = len(self.table[-1]) if tag in ("td", "th") and self.table else 0
            node = Node(tag, frozen, index, self.uid)
        opened = _Open(tag, frozen, self.getpos()[0], node, element)
        if tag in VOID:
            if tag == "br":
                if self.para is None:
                    self.fail("<br> outside a paragraph")
                self.para.runs.append(Run("\n"))
            return
        if tag in PARAGRAPHS:
            if self.para is not None:
                self.fail(f"<{tag}> inside another paragraph")
            self.stack.append(opened)
            self.open_paragraph(PARAGRAPHS[tag], frozen, element)
            return
        elif tag == "blockquote":
            self.close_paragraph()
        elif tag == "div":
            self.close_paragraph()
            if "page-break" in frozen:
                self.blocks.append(Paragraph("page-break", frozen, ()))
        elif tag == "table":
            if self.table is not None:
                self.fail("tables inside tables are not supported")
            self.table, self.table_classes, self.row_classes = [], frozen, []
            self.table_open = opened
        elif tag == "tr":
            if self.table is None:
                self.fail("<tr> outside a table")
            self.table.append([])
            self.row_classes.append(frozen)
        elif tag in ("td", "th"):
            if self.table is None or not self.table:
                self.fail(f"<{tag}> outside a table row")
            self.cell, self.cell_meta = [], (tag == "th", frozen)
        elif tag in INLINE and self.para is None and self.cell is None and not self.in_tag("blockquote"):
            self.fail(f"<{tag}> outside a paragraph")
        self.stack.append(opened)

    def tree_start(self, tag: str, attrs: list) -> ET.Element | None:
        attrib = {name: value or "" for name, value in attrs}
        if tag == "link":
            if attrib.get("rel") != "stylesheet" or not attrib.get("href"):
                self.fail('<link> must be rel="stylesheet" with an href')
            self.stylesheets.append(attrib["href"])
            return None
        if self.root is None:
            if tag != "html":
                self.fail("a document starts with <html>")
            self.root = element = ET.Element(tag, attrib)
        elif not self.elements:
            self.fail(f"<{tag}> after </html>")
        else:
            element = ET.SubElement(self.elements[-1], tag, attrib)
        if tag not in VOID:
            self.elements.append(element)
        return element

    def tree_text(self, data: str) -> None:
        if not self.elements:
            return
        parent = self.elements[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1].tag != tag:
            expected = self.stack[-1].tag if self.stack else "nothing"
            self.fail(f"</{tag}> does not close the open <{expected}>")
        closed = self.stack.pop()
        self.elements.pop()
        if tag in PARAGRAPHS or tag == "blockquote":
            self.close_paragraph()
        elif tag in ("td", "th"):
            self.close_paragraph()
            header, classes = self.cell_meta
            self.table[-1].append(Cell(tuple(self.cell), header, classes, self.path() + (closed.node,),
                                       closed.element))
            self.cell = None
        elif tag == "table":
            self.blocks.append(Table(tuple(tuple(r) for r in self.table), self.table_classes,
                                     tuple(self.row_classes), self.path() + (closed.node,), closed.element))
            self.table = None

    def handle_data(self, data):
        self.tree_text(data)
        if self.in_tag("head"):
            return
        if self.para is None:
            if not data.strip():
                return
            if self.in_tag("blockquote"):
                self.open_paragraph("quote", frozenset())
            elif self.cell is not None:
                cls = self.cell_meta[1]
                self.open_paragraph("body", cls)
            else:
                self.fail(f"text {data.strip()[:40]!r} is outside any paragraph")
        if self.in_tag("blockquote") and self.para.kind == "body":
            self.para.kind = "quote"
        text = _SPACE.sub(" ", data)
        self.para.runs.append(Run(text, **self.inline_state()))

    def close(self):
        super().close()
        if self.stack:
            self.fail(f"<{self.stack[-1].tag}> opened on line {self.stack[-1].line} is never closed")


def _trim(runs: list[Run]) -> list[Run]:
    """Collapse white space as HTML does: no leading/trailing or doubled spaces, none around breaks."""
    out: list[Run] = []
    prev_space = True  # start of paragraph
    for run in runs:
        if run.is_break:
            if out and not out[-1].is_break:
                out[-1] = _replace(out[-1], out[-1].text.rstrip(" "))
            out.append(run)
            prev_space = True
            continue
        text = run.text
        if prev_space:
            text = text.lstrip(" ")
        if not text:
            continue
        prev_space = text.endswith(" ")
        out.append(_replace(run, text))
    if out and not out[-1].is_break:
        out[-1] = _replace(out[-1], out[-1].text.rstrip(" "))
    return [r for r in out if r.text]


def _label(level: int, value: int) -> str:
    kind, pattern = list(NUMBER_FORMATS.values())[level]
    if kind == "lowerLetter":
        text = ""
        while value:
            value, rest = divmod(value - 1, 26)
            text = chr(ord("a") + rest) + text
        return pattern.format(text)
    return pattern.format(value)


def _replace(run: Run, text: str) -> Run:
    return Run(text, run.bold, run.italic, run.underline, run.pending, run.nowrap, run.anchor)


@dataclass(frozen=True)
class ParsedDocument:
    """One rendered document, parsed once: blocks for the DOCX writer, a tree for the PDF writer."""

    blocks: tuple[Block, ...]
    tree: ET.Element
    stylesheets: tuple[str, ...]


def parse_document(html: str, template: str) -> ParsedDocument:
    parser = _Parser(template)
    parser.feed(html)
    parser.close()
    if parser.root is None:
        parser.fail("the document has no <html> element")
    return ParsedDocument(tuple(parser.blocks), parser.root, tuple(parser.stylesheets))


def parse_markup(html: str, template: str) -> tuple[Block, ...]:
    return parse_document(html, template).blocks


def plain_text(blocks: tuple[Block, ...]) -> str:
    """The words of a document, in reading order, one paragraph a line."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append(f"{block.number} {block.text}" if block.number else block.text)
        else:
            for row in block.rows:
                for cell in row:
                    lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)
