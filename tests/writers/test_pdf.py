"""PDF output: US Letter, the project's own embedded serif, and no file outside the templates."""
from __future__ import annotations

from decimal import Decimal

import pypdf
import pytest

from generator.errors import TemplateError
from generator.render.documents import DocumentSpec
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
