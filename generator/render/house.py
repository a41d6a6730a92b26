"""The house style, stated once: page geometry, type scale and spacing live in the stylesheet
(``templates/assets/closingdocs.css``) and are read here, so the DOCX writer follows what
WeasyPrint lays out; and the layout decisions both writers share, computed from the same
stylesheet and fonts (table column widths measured from the content, what keeps with what).

The stylesheet is read with a small cascade (user-agent sheet, then the house sheet, by
specificity and order, with inheritance) over the ancestry of each paragraph: tag, classes
and, for table cells, their position in the row.  That covers every selector the house sheet
uses (tags, classes, descendants and ``:first-child``).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import TemplateError

STYLESHEET = "assets/closingdocs.css"
PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0}
PAGE_SIZES = {"letter": (612.0, 792.0), "legal": (612.0, 1008.0), "a4": (595.28, 841.89)}
INHERITED = {"font-size", "line-height", "text-align", "text-indent", "font-weight", "font-style", "color",
             "white-space", "orphans", "widows"}
SAFETY_PT = 1.0            # room a measured column keeps beyond its widest text
MIN_DENSE_FONT_PT = 6.5    # the narrowest type a dense table may be set in

# The user-agent defaults for the only elements templates may use (generator/render/markup.py), in
# place of WeasyPrint's full HTML5 sheet: the same look, a third less style matching.
USER_AGENT_CSS = """
head, link, meta, title { display: none }
html, body, div, p, h1, h2, h3, blockquote { display: block }
body { margin: 8px }
p, blockquote { margin-top: 1em; margin-bottom: 1em }
blockquote { margin-left: 40px; margin-right: 40px }
h1 { font-size: 2em; margin-top: .67em; margin-bottom: .67em; bookmark-level: 1 }
h2 { font-size: 1.5em; margin-top: .83em; margin-bottom: .83em; bookmark-level: 2 }
h3 { font-size: 1.17em; margin-top: 1em; margin-bottom: 1em; bookmark-level: 3 }
h1, h2, h3 { font-weight: bold; bookmark-label: content(text); hyphens: manual; break-after: avoid;
             break-inside: avoid }
table { display: table; box-sizing: border-box; border-spacing: 2px; border-collapse: separate;
        text-indent: initial; border-color: gray }
thead { display: table-header-group }
tbody { display: table-row-group }
thead, tbody { vertical-align: middle; border-color: inherit }
tr { display: table-row; vertical-align: inherit; border-color: inherit }
td, th { display: table-cell; vertical-align: inherit; padding: 1px; border-color: gray }
b, strong, th { font-weight: bold }
i, em { font-style: italic }
u { text-decoration: underline }
br::before { content: "\\A"; white-space: pre-line }
html { color-scheme: light }
"""

# Numbered paragraphs: the label of each level, as the stylesheet's counters print it (the DOCX
# writer's numbering definitions and the plain text use the same).
NUMBER_FORMATS = {"numbered": ("decimal", "{}."), "subnumbered": ("lowerLetter", "({})")}


class Node(tuple):
    """One element on the way from <html> to a paragraph: what the stylesheet's selectors can see --
    its tag, classes and (table cells only) position among its siblings -- and which element it is
    (``uid``: two divs alike are equal as far as the stylesheet goes, yet differ).  A tuple, so that
    paths of nodes hash and compare at C speed: they are looked up for every paragraph."""

    uid: int

    def __new__(cls, tag: str, classes: frozenset[str] = frozenset(), index: int = 0, uid: int = 0):
        node = super().__new__(cls, (tag, classes, index))
        node.uid = uid
        return node

    def __reduce__(self):
        return (Node, (*self, self.uid))

    def __repr__(self) -> str:
        return f"Node({self.tag!r}, {set(self.classes) or ''}, {self.index}, uid={self.uid})"

    tag = property(lambda self: self[0])
    classes = property(lambda self: self[1])
    index = property(lambda self: self[2])


Path_ = tuple[Node, ...]


@dataclass(frozen=True)
class Style:
    """The computed values the writers use, lengths in points."""

    font_size: float
    line_height: float
    margin: tuple[float, float, float, float]       # top, right, bottom, left
    padding: tuple[float, float, float, float]
    text_indent: float
    text_align: str
    bold: bool
    italic: bool
    color: str | None                                # RRGGBB, or None for black
    background: str | None
    nowrap: bool
    width: float | None
    break_before: str
    break_after: str
    break_inside: str
    borders: dict[str, tuple[float, str]]           # side -> (width pt, RRGGBB) of visible borders
    widows: int
    orphans: int
    line_rule: object = field(default=None, compare=False, repr=False)   # a unitless line-height
                                                                          # inherits as the number


@dataclass(frozen=True)
class MarginBox:
    font_size: float
    line_height: float
    bold: bool
    color: str | None
    distance: float           # from the page edge to the box's text (padding toward the edge)


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    margin: tuple[float, float, float, float]
    header: MarginBox          # @top-right: the running header (DRAFT, EXAMPLE)
    footer: MarginBox          # @bottom-center: "Page X of Y"

    @property
    def text_width(self) -> float:
        return self.width - self.margin[1] - self.margin[3]


class HouseStyle:
    """The stylesheet as computed values, and the fonts it names, for one template search path."""

    def __init__(self, search_path: list[Path]):
        self.search_path = [Path(p) for p in search_path]
        css = find_stylesheet(self.search_path)
        import cssselect2  # WeasyPrint's own selector engine and CSS parser: loaded on first use, as
        import tinycss2  # WeasyPrint loads them

        self._cssselect2 = cssselect2
        self._matcher = cssselect2.Matcher()
        self._page_decls: dict[str, list] = {}
        self._margin_boxes: dict[str, dict[str, list]] = {}
        self._faces: dict[tuple[bool, bool], str] = {}
        order = 0
        for origin, text in ((0, USER_AGENT_CSS), (1, css)):
            for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
                if rule.type == "at-rule" and rule.lower_at_keyword == "page" and origin:
                    if not tinycss2.serialize(rule.prelude).strip():   # the page; a named page (the public
                        self._read_page(tinycss2, rule)                # one) only drops the page numbers
                elif rule.type == "at-rule" and rule.lower_at_keyword == "font-face" and origin:
                    self._read_face(_declarations(tinycss2, rule.content))
                elif rule.type == "qualified-rule":
                    decls = _declarations(tinycss2, rule.content)
                    try:
                        selectors = cssselect2.compile_selector_list(rule.prelude)
                    except cssselect2.SelectorError:
                        continue   # WeasyPrint ignores it too
                    for selector in selectors:
                        self._matcher.add_selector(selector, (origin, order, decls))
                        order += 1
        self.page = self._page()
        self._styles: dict[Path_, Style] = {}
        self._fonts: dict[tuple[bool, bool], _Font] = {}
        self._widths: dict[tuple[str, bool, bool], float] = {}

    # -- the stylesheet -----------------------------------------------------------------------
    def _read_page(self, tinycss2, rule) -> None:
        for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                self._page_decls[item.lower_name] = _values(item.value)
            elif item.type == "at-rule" and item.content is not None:
                self._margin_boxes[item.lower_at_keyword] = _declarations(tinycss2, item.content)

    def _read_face(self, decls: dict[str, list]) -> None:
        src = decls.get("src") or []
        url = next((t.value for t in src if t.type == "url"), None)
        if url is None:
            url = next((t.arguments[0].value for t in src if t.type == "function" and t.lower_name == "url"
                        and t.arguments), None)
        if url is None:
            return
        bold = _keyword(decls.get("font-weight"), "normal") in ("bold", "bolder", "600", "700", "800", "900")
        italic = _keyword(decls.get("font-style"), "normal") in ("italic", "oblique")
        self._faces[(bold, italic)] = url

    def _page(self) -> Page:
        size = self._page_decls.get("size") or []
        if len(size) == 1 and size[0].type == "ident" and size[0].lower_value in PAGE_SIZES:
            width, height = PAGE_SIZES[size[0].lower_value]
        elif len(size) == 2:
            width, height = (_length(t, 12.0) for t in size)
        else:
            raise TemplateError(f"{STYLESHEET}: @page needs a size (letter, legal, a4 or two lengths)")
        margin = _box(self._page_decls.get("margin") or [], 12.0)
        return Page(width, height, margin, self._margin_box("top-right", "padding-top"),
                    self._margin_box("bottom-center", "padding-bottom"))

    def _margin_box(self, name: str, distance: str) -> MarginBox:
        decls = self._margin_boxes.get(name)
        if decls is None:
            raise TemplateError(f"{STYLESHEET}: the DOCX writer reads the @page @{name} box, which is missing")
        size = _length(_one(decls, "font-size", name), 12.0)
        line = _line_height(decls.get("line-height"), size)
        return MarginBox(size, line, _keyword(decls.get("font-weight"), "normal") == "bold",
                         _color(decls.get("color")), _length(_one(decls, distance, name), size))

    # -- the cascade --------------------------------------------------------------------------
    def style(self, path: Path_) -> Style:
        """The computed style of the element at the end of ``path`` (from <html> down)."""
        if path not in self._styles:
            parent = self.style(path[:-1]) if len(path) > 1 else None
            self._styles[path] = _compute(self._specified_at(path), parent)
        return self._styles[path]

    def _specified_at(self, path: Path_) -> dict:
        root: ET.Element | None = None
        current: ET.Element | None = None
        for node in path:   # a small tree with just this ancestry (and the siblings :first-child counts)
            parent = current
            for _ in range(node.index):
                _element(parent, node.tag, frozenset())
            current = _element(parent, node.tag, node.classes)
            root = root if root is not None else current
        wrapper = self._cssselect2.ElementWrapper.from_html_root(root)
        for node in path[1:]:
            wrapper = list(wrapper.iter_children())[node.index if node.tag in ("td", "th") else 0]
        matches = [m for m in self._matcher.match(wrapper) if m[2] is None]   # no pseudo-elements
        matches.sort(key=lambda m: (m[3][0], m[0], m[3][1]))
        specified: dict = {}
        for _, _, _, (_, _, decls) in matches:
            for name, value in decls.items():
                _expand(specified, name, value)
        return specified

    # -- fonts ----------------------------------------------------------------------------------
    def font(self, bold: bool = False, italic: bool = False) -> _Font:
        key = (bold, italic)
        if key not in self._fonts:
            url = self._faces.get(key) or self._faces.get((False, False))
            if url is None:
                raise TemplateError(f"{STYLESHEET}: no @font-face for the document font")
            path = self.resolve(str(Path(STYLESHEET).parent / url))
            if path is None:
                raise TemplateError(f"{STYLESHEET}: the font {url} is not in the template folders")
            self._fonts[key] = _load_font(str(path))
        return self._fonts[key]

    def coverage(self) -> frozenset[int]:
        """The code points every face of the document font can draw."""
        if not hasattr(self, "_coverage"):
            keys = set(self._faces) or {(False, False)}
            self._coverage = frozenset.intersection(*(frozenset(self.font(*key).cmap) for key in keys))
        return self._coverage

    def resolve(self, relative: str) -> Path | None:
        for root in self.search_path:
            root = root.resolve()
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None

    def text_width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        key = (text, bold, italic)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 100_000:
                self._widths.clear()
            width = self._widths[key] = self.font(bold, italic).width(text)
        return width * size


def find_stylesheet(search_path: list[Path]) -> str:
    """The house stylesheet as the PDF writer sees it: the first on the template search path."""
    for root in search_path:
        candidate = Path(root) / STYLESHEET
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise TemplateError(f"{STYLESHEET} is not in the template folders ({', '.join(map(str, search_path))})")


_HOUSES: dict[tuple, HouseStyle] = {}


def house_style(search_path: list[Path]) -> HouseStyle:
    """This process's house style for a template search path (re-read when the stylesheet changes)."""
    paths = [Path(p) for p in search_path]
    stamp = tuple((str(p), (p / STYLESHEET).stat().st_mtime_ns if (p / STYLESHEET).is_file() else 0)
                  for p in paths)
    if stamp not in _HOUSES:
        _HOUSES[stamp] = HouseStyle(paths)
    return _HOUSES[stamp]


# -- fonts ---------------------------------------------------------------------------------------
class _Font:
    def __init__(self, path: str):
        from fontTools.ttLib import TTFont  # WeasyPrint's own dependency: loaded with it, on first use

        font = TTFont(path, lazy=True)
        self.path = path
        self.family = font["name"].getDebugName(1) or Path(path).stem
        self.cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        upm = font["head"].unitsPerEm
        self._advance = {cp: metrics[name][0] / upm for cp, name in self.cmap.items()}

    def width(self, text: str) -> float:
        """Advance width of ``text`` in ems (no kerning, as both formats set it)."""
        return sum(self._advance.get(ord(c), 0.5) for c in text)


@cache
def _load_font(path: str) -> _Font:
    return _Font(path)


# -- values ----------------------------------------------------------------------------------------
def _declarations(tinycss2, content) -> dict[str, list]:
    out: dict[str, list] = {}
    for decl in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            out[decl.lower_name] = _values(decl.value)
    return out


def _values(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _element(parent, tag: str, classes: frozenset[str]):
    attrib = {"class": " ".join(sorted(classes))} if classes else {}
    return ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)


SHORTHAND_BOX = {"margin", "padding"}
BREAKS = {"page-break-before": "break-before", "page-break-after": "break-after",
          "page-break-inside": "break-inside"}


def _expand(specified: dict, name: str, value: list) -> None:
    if name in SHORTHAND_BOX:
        for side, token in zip(("top", "right", "bottom", "left"), _four(value), strict=False):   # none if empty
            specified[f"{name}-{side}"] = [token]
    elif name in BREAKS:
        specified[BREAKS[name]] = value
    elif name in ("border", "border-top", "border-right", "border-bottom", "border-left"):
        sides = ("top", "right", "bottom", "left") if name == "border" else (name.split("-")[1],)
        for side in sides:
            specified[f"border-{side}"] = value
    elif name == "background":
        specified["background-color"] = value
    else:
        specified[name] = value


def _four(values: list) -> list:
    if len(values) == 1:
        return values * 4
    if len(values) == 2:
        return [values[0], values[1], values[0], values[1]]
    if len(values) == 3:
        return [values[0], values[1], values[2], values[1]]
    return values[:4]


def _compute(spec: dict, parent: Style | None) -> Style:
    parent_size = parent.font_size if parent else 12.0

    size_token = spec.get("font-size")
    size = _font_size(size_token, parent_size) if size_token else parent_size
    line_token = spec.get("line-height")
    if line_token:
        line = _line_height(line_token, size)
        line_rule = line_token
    else:
        line_rule = parent.line_rule if parent else None
        line = _line_height(line_rule, size) if line_rule else (parent.line_height if parent else size * 1.15)

    def length(name: str, base: float = size, default: float = 0.0) -> float:
        tokens = spec.get(name)
        return _length(tokens[0], base) if tokens else default

    def keyword(name: str, default: str, inherit_from: str | None = None) -> str:
        tokens = spec.get(name)
        if tokens:
            return _keyword(tokens, default)
        if parent is not None and inherit_from:
            return getattr(parent, inherit_from)
        return default

    weight = _keyword(spec.get("font-weight"), "") if spec.get("font-weight") else None
    bold = (weight in ("bold", "bolder", "600", "700", "800", "900")) if weight is not None else \
        (parent.bold if parent else False)
    style_kw = _keyword(spec.get("font-style"), "") if spec.get("font-style") else None
    italic = style_kw in ("italic", "oblique") if style_kw is not None else (parent.italic if parent else False)
    white = keyword("white-space", "normal")
    nowrap = white in ("nowrap", "pre") if spec.get("white-space") else (parent.nowrap if parent else False)
    borders = {}
    for side in ("top", "right", "bottom", "left"):
        tokens = spec.get(f"border-{side}")
        if tokens:
            width = next((_length(t, size) for t in tokens if t.type == "dimension"), 1.0)
            styled = next((t.lower_value for t in tokens if t.type == "ident"), "none")
            if styled not in ("none", "hidden") and width > 0:
                colors = [t for t in tokens if t.type == "hash"
                          or (t.type == "ident" and t.lower_value in NAMED_COLORS)]
                borders[side] = (width, _color(colors) or "000000")
    text_indent = length("text-indent") if spec.get("text-indent") else (parent.text_indent if parent else 0.0)
    align = keyword("text-align", "left", "text_align")
    color: str | None = _color(spec.get("color")) if spec.get("color") else (parent.color if parent else None)
    background = _color(spec.get("background-color"))
    width_tokens = spec.get("width")
    box_width = _length(width_tokens[0], size) if width_tokens and width_tokens[0].type == "dimension" else None
    style = Style(
        font_size=size, line_height=line,
        margin=(length("margin-top"), length("margin-right"), length("margin-bottom"), length("margin-left")),
        padding=(length("padding-top"), length("padding-right"), length("padding-bottom"), length("padding-left")),
        text_indent=text_indent, text_align=align, bold=bold, italic=italic, color=color,
        background=background, nowrap=nowrap, width=box_width,
        break_before=keyword("break-before", "auto"), break_after=keyword("break-after", "auto"),
        break_inside=keyword("break-inside", "auto"), borders=borders,
        widows=int(spec["widows"][0].value) if spec.get("widows") else (parent.widows if parent else 2),
        orphans=int(spec["orphans"][0].value) if spec.get("orphans") else (parent.orphans if parent else 2),
        line_rule=line_rule)
    return style


def _one(decls: dict, name: str, where: str):
    tokens = decls.get(name)
    if not tokens:
        raise TemplateError(f"{STYLESHEET}: the DOCX writer reads '{name}' from @{where}, which is missing")
    return tokens[0]


def _length(token, font_size: float) -> float:
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "dimension":
        unit = token.lower_unit
        if unit in PT:
            return float(token.value) * PT[unit]
        if unit == "em":
            return float(token.value) * font_size
    if token.type == "ident" and token.lower_value in ("auto", "initial"):
        return 0.0
    raise TemplateError(f"{STYLESHEET}: expected a length in pt, in, cm, mm, px or em, got {token.serialize()}")


def _font_size(tokens: list, parent_size: float) -> float:
    token = tokens[0]
    if token.type == "percentage":
        return parent_size * float(token.value) / 100
    return _length(token, parent_size)


def _line_height(tokens, size: float) -> float:
    if not tokens:
        return size * 1.15
    token = tokens[0]
    if token.type == "number":
        return float(token.value) * size
    if token.type == "percentage":
        return float(token.value) * size / 100
    if token.type == "ident":
        raise TemplateError(f"{STYLESHEET}: line-height must be a number or a length (Word has no 'normal')")
    return _length(token, size)


def _box(values: list, size: float) -> tuple[float, float, float, float]:
    if not values:
        return (0.0, 0.0, 0.0, 0.0)
    top, right, bottom, left = (_length(t, size) for t in _four(values))
    return (top, right, bottom, left)


def _keyword(tokens, default: str) -> str:
    if not tokens:
        return default
    token = tokens[0]
    if token.type == "ident":
        return token.lower_value
    if token.type == "number":
        return str(int(token.value))
    return default


NAMED_COLORS = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "gray": "808080", "grey": "808080"}


def _color(tokens) -> str | None:
    if not tokens:
        return None
    token = tokens[0]
    if token.type == "hash":
        value = token.value
        if len(value) == 3:
            value = "".join(c * 2 for c in value)
        value = value.upper()
        return None if value == "000000" else value
    if token.type == "ident":
        value = NAMED_COLORS.get(token.lower_value)
        return None if value in (None, "000000") else value
    return None
