"""DOCX output: real Word styles, US Letter with 1-inch margins, deterministic packages."""
from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import Inches


def test_page_setup_and_styles(built_set):
    document = docx.Document(built_set / "officers-certificate.docx")
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert {section.left_margin, section.right_margin, section.top_margin, section.bottom_margin} == {Inches(1)}
    styles = [p.style.name for p in document.paragraphs]
    assert styles[1:3] == ["Title", "Heading 1"]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.tables[0].style.name == "Table Grid"


def test_transfer_agent_instructions_quote_the_legend_in_quote_style(built_set):
    document = docx.Document(built_set / "transfer-agent-instructions.docx")
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) == 1 and quotes[0].startswith("“The securities represented by this certificate")


def test_pending_facts_are_highlighted(built_set):
    document = docx.Document(built_set / "transfer-agent-instructions.docx")
    marks = [r for p in document.paragraphs for r in p.runs if r.text == "[●]"]
    assert marks and all(r.font.highlight_color is not None and r.bold for r in marks)


def test_package_members_have_fixed_times(built_set):
    with zipfile.ZipFile(built_set / "secretarys-certificate.docx") as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2003-05-09T12:00:00Z" in core


def _css_length(css: str, selector: str, prop: str, index: int = 0) -> int:
    """A length from the stylesheet as EMU, read with a plain regular expression (not the writer's parser)."""
    import re

    body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css).group(1)
    value = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([^;]+)", body).group(1).split()[index]
    number, unit = re.fullmatch(r"([\d.]+)(in|pt)", value).groups()
    return round(float(number) * {"in": 914400, "pt": 12700}[unit])


def test_tables_have_the_pdf_column_widths_from_the_stylesheet(built_example):
    from generator.render.locate import BUILTIN_TEMPLATES

    css = (BUILTIN_TEMPLATES / "assets" / "closingdocs.css").read_text()
    num = _css_length(css, "table.figures td.num, table.figures th.num", "width")
    padding = _css_length(css, "table.figures td, table.figures th", "padding", 1)
    document = docx.Document(built_example / "reserve-lists" / "2003-08" / "summary.docx")
    figures = document.tables[0]
    widths = [col.w for col in figures._tbl.tblGrid.gridCol_lst]
    twip = 635                                               # Word stores widths in twentieths of a point
    assert all(abs(w - (num + 2 * padding)) <= twip for w in widths[1:])   # the numeric columns, as border boxes
    assert abs(sum(widths) - Inches(6.5)) <= 8 * twip                      # the text width
    margins = figures._tbl.tblPr.find(qn("w:tblCellMar"))
    assert int(margins.find(qn("w:left")).get(qn("w:w"))) * twip == padding
    assert figures.rows[1].cells[1].paragraphs[0].runs[0].font.size == docx.shared.Pt(8.5)


def test_a_changed_stylesheet_changes_the_docx_widths(tmp_path):
    """The DOCX follows the stylesheet on the template search path, overrides included."""
    from generator.render.locate import BUILTIN_TEMPLATES, search_path
    from generator.writers.docx import TableGeometry, find_stylesheet

    css = (BUILTIN_TEMPLATES / "assets" / "closingdocs.css").read_text()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "closingdocs.css").write_text(
        css.replace("td.num, th.num { width: 1.3in; }", "td.num, th.num { width: 1.5in; }"))
    built_in = TableGeometry.from_css(find_stylesheet(search_path([])))
    overridden = TableGeometry.from_css(find_stylesheet(search_path([tmp_path])))
    assert built_in.num_width == Inches(1.3) and overridden.num_width == Inches(1.5)
