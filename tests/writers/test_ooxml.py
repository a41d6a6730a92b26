"""The OOXML package writer (generator/writers/ooxml.py): python-docx's own package, member for member,
with fixed times; and no module reaching into python-docx's internals."""
from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.writers import ooxml

ROOT = Path(__file__).resolve().parents[2]


def _document():
    document = docx.Document()
    document.add_paragraph("Closing  date: ").add_run("May 9, 2003")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "$1,000,000"
    document.part.relate_to("https://www.sec.gov/", RT.HYPERLINK, is_external=True)
    return document


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def test_the_package_is_python_docx_s_own_member_for_member_with_fixed_times():
    document = _document()
    saved = io.BytesIO()
    document.save(saved)
    ours = ooxml.package_bytes(document.part.package)
    assert _members(ours) == _members(saved.getvalue())
    assert list(_members(ours)) == list(_members(saved.getvalue()))          # in the same order
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        assert {info.date_time for info in package.infolist()} == {ooxml.ZIP_TIME}
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_DEFLATED}
    assert b'TargetMode="External"' in _members(ours)["word/_rels/document.xml.rels"]
    again = docx.Document(io.BytesIO(ours))
    assert [p.text for p in again.paragraphs] == ["Closing  date: May 9, 2003"]
    assert again.tables[0].cell(0, 1).text == "$1,000,000"


def test_the_same_document_gives_the_same_bytes():
    assert ooxml.package_bytes(_document().part.package) == ooxml.package_bytes(_document().part.package)


def test_a_replaced_part_is_written_as_given_and_an_unknown_one_is_refused():
    document = _document()
    numbering = document.part.numbering_part.partname      # made: the default template has none
    root = ooxml.element("numbering")
    ooxml.sub(ooxml.sub(root, "num", numId=7), "abstractNumId", val=0)
    blob = ooxml.part_xml(root)
    members = _members(ooxml.package_bytes(document.part.package, {numbering: blob}))
    assert members[numbering.lstrip("/")] == blob
    assert b"/word/numbering.xml" in members["[Content_Types].xml"]
    with pytest.raises(ValueError, match="/word/nothing.xml"):
        ooxml.package_bytes(document.part.package, {"/word/nothing.xml": blob})


def test_dropped_relationships_leave_their_parts_out():
    document = docx.Document()
    assert "docProps/thumbnail.jpeg" in _members(ooxml.package_bytes(document.part.package))
    ooxml.drop_relationships((document.part.package, document.part), {"thumbnail", "stylesWithEffects"})
    members = _members(ooxml.package_bytes(document.part.package))
    assert "docProps/thumbnail.jpeg" not in members and "word/stylesWithEffects.xml" not in members
    assert b"thumbnail" not in members["[Content_Types].xml"] + members["_rels/.rels"]
    assert "word/styles.xml" in members


def test_fields_carry_their_cached_result_and_text_keeps_its_spaces():
    p = ooxml.element("p")
    ooxml.text_run(p, "Page ")
    ooxml.field(p, "NUMPAGES", "3")
    texts = [t.text for t in p.iter(ooxml.w("t"))]
    assert texts == ["Page ", "3"]
    assert p.find(f"{ooxml.w('r')}/{ooxml.w('t')}").get(ooxml.XML_SPACE) == "preserve"
    assert [i.text for i in p.iter(ooxml.w("instrText"))] == [" NUMPAGES "]
    assert [c.get(ooxml.w("fldCharType")) for c in p.iter(ooxml.w("fldChar"))] == ["begin", "separate", "end"]
    ooxml.clear(p)
    assert len(p) == 0


def _python_docx_private_names() -> set[str]:
    """Every private name python-docx defines: its functions, classes and attributes starting with ``_``."""
    names = set()
    for path in Path(docx.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_no_module_reaches_into_python_docx_internals():
    """A private name of python-docx read on anything but ``self`` (``footer._element``,
    ``PackageWriter._write_parts``) or imported from it breaks on its next release: use its public
    interface or generator/writers/ooxml.py."""
    private = _python_docx_private_names()
    assert {"_element", "_sectPr", "_write_parts", "_styles_part", "_p"} <= private   # the scan sees them
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in private and not (
                    isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "docx":
                found += [f"{where}:{node.lineno}: from {node.module} import {alias.name}"
                          for alias in node.names if alias.name.startswith("_")]
                if "pkgwriter" in (node.module or "") or "phys_pkg" in (node.module or ""):
                    found.append(f"{where}:{node.lineno}: from {node.module} (python-docx's package internals)")
    assert found == []
