"""DOCX output: real Word styles, US Letter with 1-inch margins, deterministic packages."""
from __future__ import annotations

import zipfile

import docx
from docx.oxml.ns import qn
from docx.shared import Inches

from generator.render.house import Node


def test_page_setup_and_styles(built_set):
    document = docx.Document(built_set / "officers-certificate.docx")
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert {section.left_margin, section.right_margin, section.top_margin, section.bottom_margin} == {Inches(1)}
    styles = [p.style.name for p in document.paragraphs]
    assert styles[1:3] == ["Heading 1", "Heading 2"]
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


def test_the_page_geometry_and_type_scale_are_the_stylesheets(built_set):
    """Margins, header and footer distances, type size and exact line heights: as the PDF's CSS."""
    document = docx.Document(built_set / "officers-certificate.docx")
    section = document.sections[0]
    assert section.header_distance == section.footer_distance == Inches(0.5)
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing == docx.shared.Pt(13.8) and normal.space_after == docx.shared.Pt(10)
    assert document.styles["Normal"].font.size == docx.shared.Pt(12)
    quote = document.styles["Quote"]
    assert quote.font.size == docx.shared.Pt(11) and quote.paragraph_format.line_spacing == docx.shared.Pt(12.65)
    assert {s.name for s in document.styles} >= {"Body Indent", "Numbered Paragraph", "Signature Block",
                                                   "Table Text", "Table Figures", "Small Print"}


def test_every_signature_block_leaves_two_lines_to_sign_in(built_set, built_example):
    """Two blank lines (2 x 13.8pt) between the entity's name and "By:", in the DOCX as in the PDF."""
    paths = list(built_set.rglob("*.docx")) + list(built_example.rglob("*.docx"))   # signature pages too
    seen = 0
    for path in paths:
        paragraphs = docx.Document(path).paragraphs
        for above, by in zip(paragraphs, paragraphs[1:], strict=False):
            if by.text.startswith("By:"):
                space = (above.paragraph_format.space_after or 0) + (by.paragraph_format.space_before or 0)
                assert space >= docx.shared.Pt(27.6), (path.name, above.text)
                assert above.paragraph_format.keep_with_next, (path.name, above.text)
                seen += 1
    assert seen >= 10


def _fits(document_path) -> list[str]:
    """Figures (right-aligned cells) wider than their cell's text width, measured with the shipped font."""
    from generator.render.house import house_style
    from generator.render.locate import search_path

    house = house_style(search_path([]))
    document = docx.Document(document_path)
    problems = []
    for tbl in document.element.body.findall(qn("w:tbl")):
        widths = [int(col.get(qn("w:w"))) for col in tbl.tblGrid.findall(qn("w:gridCol"))]
        margins = tbl.tblPr.find(qn("w:tblCellMar"))
        side = sum(int(margins.find(qn(f"w:{s}")).get(qn("w:w"))) for s in ("left", "right"))
        for row in tbl.tr_lst:
            if row.trPr is not None and row.trPr.find(qn("w:tblHeader")) is not None:
                continue   # headings may wrap between words
            for tc, width in zip(row.tc_lst, widths, strict=False):   # a row may have fewer cells
                for p in tc.p_lst:
                    jc = p.find(qn("w:pPr") + "/" + qn("w:jc"))
                    if jc is None or jc.get(qn("w:val")) != "right":
                        continue
                    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                    size = p.find(".//" + qn("w:sz"))
                    style = p.find(qn("w:pPr") + "/" + qn("w:pStyle")).get(qn("w:val"))
                    pt = int(size.get(qn("w:val"))) / 2 if size is not None else \
                        (8.5 if style == "TableFigures" else 11.0)
                    bold = p.find(".//" + qn("w:b")) is not None
                    if house.text_width(text, pt, bold) > (width - side) / 20:
                        problems.append(f"{document_path.name}: {text!r}")
    return problems


def test_no_figure_is_wider_than_its_column(built_set, built_example):
    """Column widths come from the content: every figure fits its cell on one line (both formats share
    the widths: generator/render/layout.py)."""
    paths = list(built_set.rglob("*.docx")) + list(built_example.rglob("*.docx"))   # signature pages too
    assert [problem for path in paths for problem in _fits(path)] == []


def test_dense_tables_take_smaller_type_rather_than_wrap_a_figure():
    from generator.render.house import house_style
    from generator.render.layout import table_layout
    from generator.render.locate import search_path
    from generator.render.markup import parse_markup

    row = "".join(f'<td class="num">${n}1,000,000,000.00</td>' for n in range(9))
    (table,) = parse_markup(f'<html><body><table class="grid figures"><tbody><tr><td>Buyer</td>{row}</tr>'
                            "</tbody></table></body></html>", "t")
    layout = table_layout(house_style(search_path([])), table)
    assert layout.font_size is not None and layout.font_size < 8.5
    assert sum(layout.widths) == 6.5 * 1440


def test_a_changed_stylesheet_changes_the_docx(tmp_path):
    """The DOCX follows the stylesheet on the template search path, overrides included."""
    from generator.render.house import HouseStyle
    from generator.render.locate import BUILTIN_TEMPLATES, search_path

    css = (BUILTIN_TEMPLATES / "assets" / "closingdocs.css").read_text()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "closingdocs.css").write_text(
        css.replace("margin: 1in;", "margin: 1.25in;").replace("font-size: 12pt; line-height: 1.15;",
                                                               "font-size: 12pt; line-height: 1.5;"))
    built_in = HouseStyle(search_path([]))
    overridden = HouseStyle(search_path([tmp_path]))
    assert built_in.page.text_width == 468 and overridden.page.text_width == 432
    paragraph = (Node("html"), Node("body"), Node("p"))
    assert round(built_in.style(paragraph).line_height, 3) == 13.8
    assert round(overridden.style(paragraph).line_height, 3) == 18


def test_numbered_paragraphs_are_word_numbering_restarting_in_each_document(built_set):
    """Numbers come from numbering.xml (a lawyer who inserts a paragraph gets the next number), not text."""
    for name, count in (("officers-certificate", 5), ("secretarys-certificate", 5),   # with the convertible terms
                        ("transfer-agent-instructions", 9)):
        document = docx.Document(built_set / f"{name}.docx")
        elements = document.element.body.findall(qn("w:p"))    # the document's paragraphs, as XML
        numbered = [(p, el) for p, el in zip(document.paragraphs, elements, strict=True)
                    if el.pPr is not None and el.pPr.numPr is not None]
        assert len(numbered) == count
        assert all(p.style.name == "Numbered Paragraph" for p, _ in numbered)
        assert not any(p.text[:1].isdigit() for p, _ in numbered)          # no literal numbers left
        assert {el.pPr.numPr.numId.val for _, el in numbered} == {1}
        levels = document.part.numbering_part.element.findall(qn("w:abstractNum") + "/" + qn("w:lvl"))
        assert [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in levels] == ["%1.", "(%2)"]
        assert levels[0].find(qn("w:start")).get(qn("w:val")) == "1"


def test_fields_show_their_value_before_word_updates_them(built_set):
    """PAGE and NUMPAGES carry a cached result: NUMPAGES is the PDF's page count."""
    import pypdf

    for name in ("officers-certificate", "secretarys-certificate"):
        pages = len(pypdf.PdfReader(built_set / f"{name}.pdf").pages)
        footer = docx.Document(built_set / f"{name}.docx").sections[0].footer
        assert footer.paragraphs[0].text == f"Page 1 of {pages}"


def test_headings_are_word_heading_styles_and_header_rows_repeat(built_example):
    document = docx.Document(built_example / "reserve-lists" / "2003-08" / "summary.docx")
    assert {p.style.name for p in document.paragraphs} >= {"Heading 1", "Heading 2", "Heading 3"}
    header = document.element.body.find(qn("w:tbl")).tr_lst[0].trPr
    assert header.find(qn("w:tblHeader")) is not None and header.find(qn("w:cantSplit")) is not None


def test_sub_paragraphs_are_the_second_numbering_level(tmp_path):
    import io

    from generator.plan.spec import DocumentSpec
    from generator.render.environment import BUILTIN_TEMPLATES, Renderer
    from generator.writers.docx import DocxWriter

    (tmp_path / "t.html.j2").write_text('<html><head><link rel="stylesheet" href="assets/closingdocs.css"></head>'
                                        '<body><p class="numbered">A</p><p class="subnumbered">B</p></body></html>')
    spec = DocumentSpec("t", "T", "t.html.j2", "x", "s")
    document = Renderer([tmp_path, BUILTIN_TEMPLATES]).render(spec, {}, draft=False, date=None, author="A")
    made = docx.Document(io.BytesIO(DocxWriter([tmp_path, BUILTIN_TEMPLATES]).write(document)))
    paragraphs = made.paragraphs
    assert [p.pPr.numPr.ilvl.val for p in made.element.body.findall(qn("w:p"))] == [0, 1]
    assert [p.style.name for p in paragraphs] == ["Numbered Paragraph", "Numbered Subparagraph"]


def test_the_page_count_comes_in_the_write_context(tmp_path):
    """The DOCX states the page count its context carries (the PDF's, made before it), and 1 without one."""
    import io

    from generator.plan.spec import DocumentSpec
    from generator.render.environment import BUILTIN_TEMPLATES, Renderer
    from generator.writers.context import WriteContext
    from generator.writers.docx import DocxWriter

    (tmp_path / "t.html.j2").write_text('<html><head><link rel="stylesheet" href="assets/closingdocs.css"></head>'
                                        '<body><p>A</p></body></html>')
    document = Renderer([tmp_path, BUILTIN_TEMPLATES]).render(DocumentSpec("t", "T", "t.html.j2", "x", "s"), {},
                                                              draft=False, date=None, author="A")
    writer = DocxWriter([tmp_path, BUILTIN_TEMPLATES])
    for context, shown in ((WriteContext(pages=7), "Page 1 of 7"), (WriteContext(), "Page 1 of 1")):
        footer = docx.Document(io.BytesIO(writer.write(document, context))).sections[0].footer
        assert footer.paragraphs[0].text == shown
