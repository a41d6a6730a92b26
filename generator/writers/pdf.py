"""PDF through WeasyPrint, reading only the template search path's own asset files."""
from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import TemplateError
from ..render import RenderedDocument

ASSET_ROOT = "file:///closingdocs-templates/"  # virtual base; resolved against the search path


def _load_weasyprint():
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except OSError as exc:  # Pango or its friends are missing
        raise TemplateError(f"WeasyPrint cannot start ({exc}); install Pango (Debian: libpango-1.0-0 "
                            "libpangoft2-1.0-0) and run `make setup`") from None
    return weasyprint, URLFetcher, URLFetcherResponse


class PdfWriter:
    """US Letter PDFs with the project's embedded Times-metric serif."""

    suffix = ".pdf"
    cost = 3  # relative to a DOCX, for scheduling

    def __init__(self, search_path: list[Path]):
        self.search_path = [Path(p).resolve() for p in search_path]
        self.weasyprint = None  # imported on first use: forked workers import it in parallel

    def _start(self) -> None:
        self.weasyprint, fetcher_base, self._response = _load_weasyprint()
        writer = self

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

    def write(self, document: RenderedDocument) -> bytes:
        if self.weasyprint is None:
            self._start()
        fetcher = self._fetcher_class()
        html = self.weasyprint.HTML(string=document.html, base_url=ASSET_ROOT, url_fetcher=fetcher)
        extra = []
        if document.running_header:  # the same words the DOCX writer puts in its header
            extra.append(self.weasyprint.CSS(string='@page { @top-right { content: "%s"; font: bold 10pt '
                                             '"Closing Serif"; color: #a00000; } }' % document.running_header))
        try:
            pdf = html.write_pdf(stylesheets=extra, pdf_identifier=document.fingerprint, uncompressed_pdf=False)
        except BaseException as exc:  # WeasyPrint's FatalURLFetchingError is a BaseException
            if fetcher.refused:
                raise TemplateError(self._refusal(document, fetcher.refused)) from None
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise TemplateError(f"{document.spec.template}: the PDF could not be laid out: {exc}") from None
        if fetcher.refused:
            raise TemplateError(self._refusal(document, fetcher.refused))
        return pdf

    def _refusal(self, document: RenderedDocument, urls: list[str]) -> str:
        shown = ", ".join(sorted(set(urls)))
        return (f"{document.spec.template}: refers to {shown}; a template may use only files in its "
                f"template folders ({', '.join(map(str, self.search_path))})")
