"""A PDF's words, a page at a time, as PDFium (the PDF engine of Chrome) extracts them: for the tests that read
many pages (a set's every file, a binder, the packets), fifteen times faster than pypdf's ``extract_text``.
pypdf still opens, edits and inspects the files (outlines, links, attachments, stamped signatures)."""
from __future__ import annotations

from pathlib import Path

import pypdfium2


def page_texts(pdf: Path | bytes) -> list[str]:
    """Each page's text, lines ended by "\\n"."""
    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()
