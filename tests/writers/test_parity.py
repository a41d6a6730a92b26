"""One source, two formats: the PDF and the DOCX of every document say the same words."""
from __future__ import annotations

import re

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from generator.plan.documents import CLOSING_SET

RUNNING = re.compile(r"Page \d+ of \d+|^(DRAFT|EXAMPLE|DRAFT · EXAMPLE)$", re.M)


def pdf_words(path) -> list[str]:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    text = re.sub(r"-\n", "-", text)   # a line broken after a hyphen (a long invoice number) is layout
    return _words(RUNNING.sub(" ", text))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_words(path) -> list[str]:
    """The words of the Word file, numbering labels included (Word draws them from numbering.xml)."""
    document = docx.Document(path)
    parts: list[str] = []
    body = document.element.body
    counters = [0, 0]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        level = child.find(f"{W}pPr/{W}numPr/{W}ilvl")
        if level is not None:
            n = int(level.get(f"{W}val"))
            counters[n] += 1
            counters[n + 1:] = [0] * (len(counters) - n - 1)
            parts.append(f" {counters[0]}. " if n == 0 else f" ({chr(96 + counters[1])}) ")
        if tag in ("p", "tbl"):
            for t in child.iter():
                if t.tag.endswith("}t"):
                    parts.append(t.text or "")
                elif t.tag.endswith("}noBreakHyphen"):
                    parts.append("-")
                elif t.tag.endswith(("}p", "}br", "}tab")):
                    parts.append(" ")
    return _words("".join(parts))


def _words(text: str) -> list[str]:
    return text.replace("\xa0", " ").split()


def header_rows(path) -> list[list[str]]:
    """Words of table header rows, which a PDF repeats on every page a table spans."""
    rows = []
    document = docx.Document(path)
    for table, tbl in zip(document.tables, document.element.body.findall(qn("w:tbl")), strict=True):
        for row, tr in zip(table.rows, tbl.tr_lst, strict=True):
            if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None:
                rows.append(_words(" ".join(cell.text for cell in row.cells)))
    return rows


def without_repeated_headers(words: list[str], headers: list[list[str]]) -> list[str]:
    for header in headers:
        seen = False
        i = 0
        while i <= len(words) - len(header):
            if words[i:i + len(header)] == header:
                if seen:
                    del words[i:i + len(header)]
                    continue
                seen = True
            i += 1
    return words


@pytest.mark.parametrize("slug", [s.slug for s in CLOSING_SET] + ["press-release"])
def test_pdf_and_docx_carry_the_same_words(built_set, slug):
    word = docx_words(built_set / f"{slug}.docx")
    pdf = without_repeated_headers(pdf_words(built_set / f"{slug}.pdf"), header_rows(built_set / f"{slug}.docx"))
    assert len(pdf) > 100
    assert pdf == word


def test_running_header_and_footer_are_in_both_formats(built_set):
    path = built_set / "officers-certificate"
    reader = pypdf.PdfReader(f"{path}.pdf")
    first = reader.pages[0].extract_text()
    assert "Page 1 of" in first and "DRAFT" in first
    document = docx.Document(f"{path}.docx")
    section = document.sections[0]
    footer_xml = section.footer.part.element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert section.header.paragraphs[0].text == "DRAFT"


@pytest.mark.parametrize("name", ["reserve-lists/2003-08/buyer-sds", "reserve-lists/2003-08/summary",
                                  "invoices/list-2003-07-alpha", "invoices/expenses-sds-closing-costs"])
def test_lists_and_invoices_carry_the_same_words_in_both_formats(built_example, name):
    word = docx_words(built_example / f"{name}.docx")
    pdf = without_repeated_headers(pdf_words(built_example / f"{name}.pdf"), header_rows(built_example / f"{name}.docx"))
    assert len(pdf) > 100
    assert pdf == word


def test_the_press_release_alone_carries_no_page_numbers(built_set):
    """A release holds only the release: no "Page 1 of 1" in either format; every other document numbers its pages."""
    import docx
    import pypdf

    for name in ("press-release", "officers-certificate"):
        pdf = " ".join(page.extract_text() for page in pypdf.PdfReader(built_set / f"{name}.pdf").pages)
        footer = docx.Document(built_set / f"{name}.docx").sections[0].footer.paragraphs[0].text
        numbered = name != "press-release"
        assert ("Page 1 of" in pdf) is numbered and ("Page" in footer) is numbered, name
