"""PDF through WeasyPrint, reading only the template search path's own asset files."""
from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import ClosingDocsError, TemplateError
from ..render.environment import RenderedDocument
from ..render.guards import check_text
from ..render.house import USER_AGENT_CSS, house_style
from ..render.layout import introductions, table_layout
from ..render.markup import Table
from .context import NO_CONTEXT, WriteContext
from .fonts import SHIPPED_FAMILIES, foreign_families

ASSET_ROOT = "file:///closingdocs-templates/"  # virtual base; resolved against the search path
# Elements the writer adds to the tree (never a template): measured columns, and lists around the
# numbered paragraphs, so the structure tree has them as lists (no box of their own: no margins)
COLUMNS_CSS = ("colgroup { display: table-column-group } col { display: table-column } "
               "ol, li { display: block; margin: 0; padding: 0 }")
NUMBERED = {"numbered", "subnumbered"}
# PDF/A-3b: the copies that are filed and archived. WeasyPrint makes one variant at a time, so the
# PDF is tagged (structure tree, language, title) but does not also claim PDF/UA-1.
PDF_VARIANT = "pdf/a-3b"
SIZE_CLASS = "closingdocs-type-"   # a dense table's smaller type (set by the writer, never by a template)



def _load_weasyprint():
    try:
        import weasyprint  # on first use: the slow import (a third of a second), overlapped in workers
        from weasyprint.urls import URLFetcher, URLFetcherResponse  # with WeasyPrint, on first use
    except OSError as exc:  # Pango or its friends are missing
        raise TemplateError(f"WeasyPrint cannot start ({exc}); install Pango (Debian: libpango-1.0-0 "
                            "libpangoft2-1.0-0) and run `make setup`") from None
    return weasyprint, URLFetcher, URLFetcherResponse


class PdfWriter:
    """Archive-grade PDFs (PDF/A-3b, tagged) in the house geometry, with the project's embedded serif."""

    def __init__(self, search_path: list[Path], variant: str | None = PDF_VARIANT):
        self.search_path = [Path(p).resolve() for p in search_path]
        self.variant = variant
        self.weasyprint: Any = None  # imported on first use: forked workers import it in parallel

    def _start(self) -> None:
        fetcher_base: Any
        self.weasyprint, fetcher_base, self._response = _load_weasyprint()
        html_base: Any = self.weasyprint.HTML
        writer = self
        user_agent = [self.weasyprint.CSS(string=USER_AGENT_CSS + COLUMNS_CSS)]
        import cssselect2  # WeasyPrint's own dependency: loaded with it, on first use

        class HouseHTML(html_base):
            """The document as closingdocs parsed it (no second parse), with the user-agent defaults
            of the supported elements only."""

            def __init__(self, tree, url_fetcher):
                self.base_url = ASSET_ROOT
                self.url_fetcher = url_fetcher
                self.media_type = "print"
                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(tree, content_language=None)
                self.etree_element = self.wrapper_element.etree_element

            def _ua_stylesheets(self, forms=False):
                return user_agent

        self._html_class = HouseHTML
        self._stylesheets: dict = {}   # (url, path, mtime) or header -> parsed CSS, shared by documents

        class LockedFetcher(fetcher_base):
            """Serves files from the template search path; refuses every other file or URL."""

            def __init__(self):
                super().__init__(fail_on_errors=True)
                self.refused: list[str] = []

            def fetch(self, url, headers=None):
                path = writer.resolve_asset(url)
                if path is None:
                    self.refused.append(url)
                    raise PermissionError(f"closingdocs may not read {url}")
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return writer._response(url, path.read_bytes(), {"Content-Type": mime})

        self._fetcher_class = LockedFetcher
        # One font configuration for every document: the @font-face fonts are registered once.
        from weasyprint.text.fonts import FontConfiguration
        self.font_config = FontConfiguration()
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def resolve_asset(self, url: str) -> Path | None:
        """The file a template URL names, if it lies inside a template folder; else None."""
        if not url.startswith(ASSET_ROOT):
            return None
        parts = urlsplit(url)
        relative = unquote(parts.path)[len(urlsplit(ASSET_ROOT).path):]
        if parts.query or parts.fragment or not relative:
            return None
        for root in self.search_path:
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None

    def write(self, document: RenderedDocument, context: WriteContext = NO_CONTEXT) -> bytes:
        return self.write_counted(document, context)[0]

    def write_counted(self, document: RenderedDocument, context: WriteContext = NO_CONTEXT) -> tuple[bytes, int]:
        """The PDF and its page count (which the DOCX made after it states)."""
        if self.weasyprint is None:
            self._start()
        fetcher = self._fetcher_class()
        try:
            # Stylesheets are parsed once and shared: the <link>s come as parsed sheets.
            sheets = [self._stylesheet(url, fetcher) for url in document.stylesheets]
            if document.running_header:  # the same words the DOCX writer puts in its header
                sheets.append(self._header_sheet(document.running_header))
            if document.spec.footer:   # the DOCX writer's footer lines, in place of the page numbers
                sheets.append(self._footer_sheet(document.spec.footer))
            if document.spec.page_numbers is not None:   # bound inside a larger PDF: count its pages
                sheets.append(self._numbering_sheet(*document.spec.page_numbers))
            for size in sorted(self._apply_layout(document)):
                sheets.append(self._size_sheet(size))
            html = self._html_class(document.tree, fetcher)
            laid_out = html.render(stylesheets=sheets, font_config=self.font_config)
            if document.forbidden:  # a public document: check the words as laid out on the pages
                check_text(document.spec.title, "PDF", _page_text(laid_out), document.forbidden)
            pages = len(laid_out.pages)
            _metadata(laid_out.metadata, document)
            pdf = laid_out.write_pdf(pdf_identifier=document.fingerprint, uncompressed_pdf=False,
                                     pdf_variant=self.variant, pdf_tags=True)
        except BaseException as exc:  # WeasyPrint's FatalURLFetchingError is a BaseException
            if fetcher.refused:
                raise TemplateError(self._refusal(document, fetcher.refused)) from None
            if isinstance(exc, (KeyboardInterrupt, SystemExit, ClosingDocsError)):
                raise
            raise TemplateError(f"{document.spec.template}: the PDF could not be laid out: {exc}") from None
        if fetcher.refused:
            raise TemplateError(self._refusal(document, fetcher.refused))
        return pdf, pages

    def _apply_layout(self, document: RenderedDocument) -> set[float]:
        """The layout decisions the DOCX writer makes the same way (generator/render/layout.py): column
        widths measured from the content, smaller type for a dense table, a table's introduction kept
        with it.  Set on the element tree closingdocs built, never written by a template.  Returns the
        type sizes of dense tables (each a class, styled by a sheet of its own: cells keep sharing
        their computed styles)."""
        sizes = set()
        _wrap_lists(document.tree)
        for para in introductions(document.blocks):
            if para.element is not None:
                para.element.set("style", "break-after: avoid; break-inside: avoid")
        for block in document.blocks:
            if not isinstance(block, Table) or block.element is None:
                continue
            layout = table_layout(house_style(self.search_path), block)
            table = block.element
            for old in table.findall("colgroup"):
                table.remove(old)
            group = ET.Element("colgroup")
            for width in layout.widths:
                ET.SubElement(group, "col", {"style": f"width: {width / 20:g}pt"})
            table.insert(0, group)
            if layout.font_size is not None:
                classes = [c for c in table.get("class", "").split() if not c.startswith(SIZE_CLASS)]
                table.set("class", " ".join(classes + [_size_class(layout.font_size)]))
                sizes.add(layout.font_size)
        return sizes

    def _size_sheet(self, size: float):
        key = ("size", size)
        if key not in self._stylesheets:
            name = _size_class(size)
            self._stylesheets[key] = self.weasyprint.CSS(
                string=f"table.{name} td, table.{name} th {{ font-size: {size:g}pt }}", font_config=self.font_config)
        return self._stylesheets[key]

    def _stylesheet(self, href: str, fetcher):
        url = urljoin(ASSET_ROOT, href)
        path = self.resolve_asset(url)
        if path is None:
            fetcher.refused.append(url)
            raise PermissionError(url)
        key = (url, path, path.stat().st_mtime_ns)
        if key not in self._stylesheets:
            text = path.read_text(encoding="utf-8")
            foreign = foreign_families(text)
            if foreign:
                raise TemplateError(f"{path}: names the font famil{'ies' if len(foreign) > 1 else 'y'} "
                                    f"{', '.join(repr(f) for f in foreign)}; only the fonts closingdocs ships "
                                    f"({', '.join(sorted(SHIPPED_FAMILIES))}, templates/assets/fonts) are embedded, "
                                    "so that the pages do not depend on the machine that renders them")
            self._stylesheets[key] = self.weasyprint.CSS(string=text, base_url=url,
                                                          url_fetcher=fetcher, font_config=self.font_config)
            if fetcher.refused:
                del self._stylesheets[key]
                raise PermissionError(url)
        return self._stylesheets[key]

    def _header_sheet(self, header: str):
        if header not in self._stylesheets:
            self._stylesheets[header] = self.weasyprint.CSS(
                string=f'@page {{ @top-right {{ content: "{header}" }} }}', font_config=self.font_config)
        return self._stylesheets[header]

    def _footer_sheet(self, lines: tuple[str, ...]):
        """Lines at the foot of every page in place of the page numbers (a signature page's caption and id)."""
        key = ("footer", lines)
        if key not in self._stylesheets:
            text = "\\A ".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
            self._stylesheets[key] = self.weasyprint.CSS(
                string=f'@page {{ @bottom-center {{ content: "{text}"; white-space: pre-line; text-align: center }} }}',
                font_config=self.font_config)
        return self._stylesheets[key]

    def _numbering_sheet(self, first: int, total: int):
        """Page numbers of a piece bound inside a larger PDF: its first page is ``first`` of ``total``."""
        key = ("pages", first, total)
        if key not in self._stylesheets:
            self._stylesheets[key] = self.weasyprint.CSS(
                string=f'@page {{ @bottom-center {{ content: "Page " counter(page) " of {int(total)}" }} }} '
                       f"@page :first {{ counter-reset: page {int(first)} }}", font_config=self.font_config)
        return self._stylesheets[key]

    def _refusal(self, document: RenderedDocument, urls: list[str]) -> str:
        shown = ", ".join(sorted(set(urls)))
        return (f"{document.spec.template}: refers to {shown}; a template may use only files in its "
                f"template folders ({', '.join(map(str, self.search_path))})")


def _wrap_lists(tree: ET.Element) -> None:
    """Each run of numbered paragraphs in an <ol>, each paragraph in an <li> (tagged L, LI, LBody)."""
    for parent in list(tree.iter()):
        if parent.tag == "li":
            continue   # wrapped already (the same document written again)
        children = list(parent)
        runs: list[list[ET.Element]] = []
        for child in children:
            numbered = child.tag == "p" and NUMBERED & set(child.get("class", "").split())
            if numbered and runs and runs[-1][-1] is _previous(children, child):
                runs[-1].append(child)
            elif numbered:
                runs.append([child])
        for run in runs:
            ol = ET.Element("ol")
            ol.tail = run[-1].tail
            parent.insert(list(parent).index(run[0]), ol)
            for paragraph in run:
                parent.remove(paragraph)
                ET.SubElement(ol, "li").append(paragraph)


def _previous(children: list, child) -> ET.Element | None:
    index = children.index(child)
    return children[index - 1] if index else None


def _size_class(size: float) -> str:
    return f"{SIZE_CLASS}{size:g}".replace(".", "_")


def _metadata(metadata, document: RenderedDocument) -> None:
    """The document's own title, author (the Company, or the Buyer an invoice is from) and date."""
    metadata.title = document.spec.title
    metadata.authors = [document.author]
    metadata.description = f"{document.spec.section} of the Agreement"
    metadata.generator = "closingdocs"
    metadata.lang = metadata.lang or "en-US"
    if isinstance(document.date, dt.date):
        metadata.created = metadata.modified = document.date.isoformat()


def _page_text(document) -> str:
    """The text WeasyPrint laid out, a line per line box, page after page."""
    from weasyprint.formatting_structure import boxes  # WeasyPrint is imported on first use (see above)

    out: list[str] = []

    def walk(box) -> None:
        if isinstance(box, boxes.TextBox):
            out.append(box.text)
            return
        for child in getattr(box, "children", ()):
            walk(child)
        if isinstance(box, boxes.LineBox):
            out.append("\n")

    for page in document.pages:
        walk(page_box(page))
    return "".join(out)


def page_box(page):
    """The root box of one laid-out page, whose line boxes the publicity guard reads. WeasyPrint has no public
    access to it: ``Page._page_box`` of weasyprint 70.0 (constraints.txt; pyproject.toml allows <71), read here
    only; tests/writers/test_pdf.py pins it."""
    return page._page_box
