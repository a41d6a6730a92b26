"""PDF output: US Letter, the project's own embedded serif, and no file outside the templates."""
from __future__ import annotations

from decimal import Decimal

import pypdf
import pytest

from generator.errors import TemplateError
from generator.plan.documents import DocumentSpec
from generator.render.environment import BUILTIN_TEMPLATES, Renderer
from generator.writers.pdf import PdfWriter


def test_pages_are_us_letter(built_set):
    for path in built_set.glob("*.pdf"):
        for page in pypdf.PdfReader(path).pages:
            assert (Decimal(str(page.mediabox.width)), Decimal(str(page.mediabox.height))) == (612, 792)


def test_only_the_shipped_liberation_serif_is_embedded(built_set):
    for path in built_set.glob("*.pdf"):
        fonts = set()
        for page in pypdf.PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
                descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts <= {"Closing-Serif", "Closing-Serif-Bold", "Closing-Serif-Italic", "Closing-Serif-BoldItalic"}, fonts


def test_pdf_metadata_is_fixed_to_the_document_date(built_set):
    info = pypdf.PdfReader(built_set / "officers-certificate.pdf").metadata
    assert info["/CreationDate"] == "D:20030509" and info["/Title"] == "Officer's Certificate"


def _document(tmp_path, head: str, body: str = "<p>x</p>"):
    (tmp_path / "t.html.j2").write_text(f"<html><head>{head}</head><body>{body}</body></html>")
    spec = DocumentSpec("t", "T", "t.html.j2", "x", "s")
    return Renderer([tmp_path, BUILTIN_TEMPLATES]).render(spec, {}, draft=False, date=None, author="A")


@pytest.mark.parametrize("href", [
    "/etc/hostname",
    "file:///etc/hostname",
    "../../../../etc/hostname",
    "assets/../../../etc/hostname",
    "http://127.0.0.1:9/x.css",
    "data:text/css,p{color:red}",
])
def test_templates_may_not_read_files_outside_the_template_folders(tmp_path, href):
    document = _document(tmp_path, f'<link rel="stylesheet" href="{href}">')
    with pytest.raises(TemplateError) as info:
        PdfWriter([tmp_path, BUILTIN_TEMPLATES]).write(document)
    assert "a template may use only files in its template folders" in str(info.value)


def test_a_symlink_out_of_the_template_folder_is_refused(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "evil.css").symlink_to("/etc/hostname")
    document = _document(tmp_path, '<link rel="stylesheet" href="assets/evil.css">')
    with pytest.raises(TemplateError):
        PdfWriter([tmp_path]).write(document)


def test_assets_resolve_through_the_search_path(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "extra.css").write_text("p { font-weight: bold; }")
    writer = PdfWriter([tmp_path, BUILTIN_TEMPLATES])
    assert writer.resolve_asset("file:///closingdocs-templates/assets/extra.css") == (tmp_path / "assets" / "extra.css").resolve()
    assert writer.resolve_asset("file:///closingdocs-templates/assets/closingdocs.css") == \
        (BUILTIN_TEMPLATES / "assets" / "closingdocs.css").resolve()
    document = _document(tmp_path, '<link rel="stylesheet" href="assets/closingdocs.css">'
                                   '<link rel="stylesheet" href="assets/extra.css">')
    assert writer.write(document).startswith(b"%PDF-")


def _structure_types(reader) -> set[str]:
    seen, stack = set(), [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        element = stack.pop()
        if "/S" in element:
            seen.add(str(element["/S"]))
        kids = element.get("/K")
        kids = kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids]
        for kid in kids:
            kid = kid.get_object() if isinstance(kid, pypdf.generic.IndirectObject) else kid
            if isinstance(kid, pypdf.generic.DictionaryObject):
                stack.append(kid)
    return seen


def test_pdfs_are_pdf_a_3b_and_tagged(built_set, built_example):
    """PDF/A-3b identification and sRGB output intent in the XMP, and a structure tree with the
    document language, headings and tables, in every PDF."""
    paths = list(built_set.glob("*.pdf")) + list(built_example.rglob("*.pdf"))
    for path in paths:
        reader = pypdf.PdfReader(path)
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp, path.name
        (intent,) = root["/OutputIntents"]
        intent = intent.get_object()
        assert intent["/S"] == "/GTS_PDFA1" and "sRGB" in intent["/OutputConditionIdentifier"]
        assert "/DestOutputProfile" in intent
        assert root["/MarkInfo"]["/Marked"] and str(root["/Lang"]).startswith("en")
        tags = {"/Document", "/P"} | ({"/Table", "/TR", "/TD"} if path.stem != "press-release" else set())
        assert tags <= _structure_types(reader), path.name          # the release alone has no table
        assert {"/H1", "/H2", "/H3"} & _structure_types(reader), path.name
    for name in ("officers-certificate", "secretarys-certificate", "transfer-agent-instructions"):
        # numbered paragraphs are a list: L > LI > LBody
        assert {"/L", "/LI", "/LBody"} <= _structure_types(pypdf.PdfReader(built_set / f"{name}.pdf")), name


def test_metadata_names_the_real_author_and_the_date_the_document_bears(built_example):
    invoice = pypdf.PdfReader(built_example / "invoices" / "expenses-sds-closing-costs.pdf")
    assert invoice.metadata["/Author"] == "SDS Merchant Fund, LP"        # from the Buyer, not the Company
    assert invoice.metadata["/CreationDate"] == "D:20030701"
    summary = pypdf.PdfReader(built_example / "reserve-lists" / "2003-08" / "summary.pdf")
    assert summary.metadata["/Author"] == "Amnis Systems Inc." and summary.metadata["/CreationDate"] == "D:20030831"
    xmp = summary.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<rdf:li>Amnis Systems Inc.</rdf:li>" in xmp and "<xmp:CreateDate>2003-08-31</xmp:CreateDate>" in xmp


@pytest.mark.parametrize("name, char", [("王小明", "王"), ("Արամ Խաչատրյան", "Ա")])
def test_a_character_the_shipped_fonts_cannot_draw_is_an_error_naming_the_key(tmp_path, amnis_text, name, char):
    """No blank in the PDF and no system font: the key and the character are named, nothing is written."""
    from generator.build import build
    from generator.errors import DealDataError
    from generator.options import Options
    from tests.conftest import mutate

    text = mutate(amnis_text, "name: Scott MacCaughern", f"name: {name}")
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DealDataError) as info:
        build(Options(deal_file=tmp_path / "d.yaml", output_root=tmp_path / "out"))
    report = str(info.value.report())
    assert "officers[0].name" in report and f"U+{ord(char):04X}" in report and "cannot be drawn" in report
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_greek_and_cyrillic_names_are_drawn_by_the_shipped_font(tmp_path, amnis_text, monkeypatch):
    from generator.build import build
    from generator.options import Options
    from tests.conftest import mutate
    from tests.producers import real_writers_for, slugs

    # the whole set built; the certificate read here laid out by the real writers, the others made as text
    real_writers_for(monkeypatch, slugs("officers-certificate"))

    text = mutate(amnis_text, "name: Scott MacCaughern", "name: Σωκράτης Ωμέγα-Иванов")
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    result = build(Options(deal_file=tmp_path / "d.yaml", output_root=tmp_path / "out"))
    pdf = result.folder / "closing" / "officers-certificate.pdf"
    assert "Σωκράτης Ωμέγα-Иванов" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    fonts = {str(f.get_object()["/BaseFont"]).split("+", 1)[-1]
             for page in pypdf.PdfReader(pdf).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts <= {"Closing-Serif", "Closing-Serif-Bold", "Closing-Serif-Italic", "Closing-Serif-BoldItalic"}


def test_the_laid_out_page_box_the_publicity_guard_reads_is_where_weasyprint_70_keeps_it():
    """``page_box`` is the one read of a WeasyPrint internal (``Page._page_box``, weasyprint 70.0 in
    constraints.txt): the guard reads the words as laid out, a line per line box."""
    from weasyprint.formatting_structure import boxes

    from generator.render.locate import search_path
    from generator.render.markup import parse_document
    from generator.writers.pdf import _page_text, page_box

    writer = PdfWriter(search_path([]))
    writer._start()
    html = ("<html><head><link rel=\"stylesheet\" href=\"assets/closingdocs.css\"></head><body>"
            "<p>First paragraph.</p><p>Second paragraph.</p></body></html>")
    parsed = parse_document(html, "probe")
    fetcher = writer._fetcher_class()
    sheets = [writer._stylesheet(url, fetcher) for url in parsed.stylesheets]
    laid_out = writer._html_class(parsed.tree, fetcher).render(stylesheets=sheets, font_config=writer.font_config)
    (page,) = laid_out.pages
    assert isinstance(page_box(page), boxes.PageBox)
    assert _page_text(laid_out).split("\n")[:2] == ["First paragraph.", "Second paragraph."]
