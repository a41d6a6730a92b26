"""Blacklines: DOCX with Word tracked changes that Accept and Reject resolve to the NEW and the OLD
document, and a PDF with the changes marked and summarised; the same inputs give the same bytes."""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from generator.cli import main
from generator.compare.blocks import compare_blocks
from generator.compare.pipeline import compare, redline_files
from generator.compare.sources import Source
from generator.render.locate import search_path
from generator.writers.ooxml import document_text

from ..conftest import AMNIS, EXAMPLE
from ..producers import real_writers_for
from .test_diff import bigger_example, bigger_sds

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

W_INS, W_DEL = qn("w:ins"), qn("w:del")


# The example's ledger from the Section 2(f) opinion on (an opinion and a breach cured in March 2004) adds only
# more months of the same reserve lists to compare; the blacklines here are of the ledger before it.
LATER_EVENTS = "  # Section 2(f): an opinion of counsel"


def through_august(text: str) -> str:
    """The example deal file without its ledger's events after August 2003 (the last in the file)."""
    assert text.count(LATER_EVENTS) == 1 and "\nledger:" in text.split(LATER_EVENTS)[0]
    return text.split(LATER_EVENTS)[0]


def _example(root: Path, base: str, example: str) -> Path:
    (root / "deal_data" / "examples").mkdir(parents=True)
    (root / "deal_data" / "amnis-2003.yaml").write_text(base)
    (root / "deal_data" / "examples" / EXAMPLE.name).write_text(example)
    return root / "deal_data" / "examples" / EXAMPLE.name


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The example deal through August 2003 (OLD) compared with itself over a base where SDS bought $550,000
    (NEW), and its blacklines; and the two deal files."""
    old = _example(tmp_path_factory.mktemp("old"), AMNIS.read_text(), through_august(EXAMPLE.read_text()))
    new = _example(tmp_path_factory.mktemp("changed"), bigger_sds(AMNIS.read_text()),
                   bigger_example(through_august(EXAMPLE.read_text())))
    paths = search_path([])
    comparison = compare(Source(old), Source(new), paths, ["2003-08"])
    files = {str(f.relative): f.content for f in redline_files(comparison, paths, "Jane Paralegal",
                                                                   dt.date(2003, 5, 8))}
    return comparison, files, old, new


@pytest.fixture(scope="module")
def written(changed, tmp_path_factory):
    """``closingdocs diff --redline`` run once over the same pair (a comparison and blacklines of its own, made
    apart from ``changed``'s): its exit status, what it printed, and the blacklines it wrote by name."""
    _, _, old, new = changed
    out = tmp_path_factory.mktemp("written") / "out"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["diff", str(old), str(new), "--redline", "--output", str(out), "--month", "2003-08",
                     "--author", "Jane Paralegal", "--date", "2003-05-08"])
    folder = out / "amnis-2003-example"
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in out.rglob("*.redline.*")}
    return code, printed.getvalue(), files


def _body(content: bytes):
    return docx.Document(io.BytesIO(content)).element.body


def test_a_blackline_for_each_changed_document_and_none_for_the_others(changed):
    comparison, files, *_ = changed
    changed_docs = {f"redlines/{d.folder}/{d.slug}" for d in comparison.changed_documents}
    assert "redlines/closing/transfer-agent-instructions" in changed_docs
    assert "redlines/closing/officers-certificate" in changed_docs       # it states the Reserved Amount
    assert "redlines/closing/secretarys-certificate" not in changed_docs
    assert set(files) == {f"{name}.redline.{ext}" for name in changed_docs for ext in ("docx", "pdf")}


def test_tracked_changes_carry_the_author_and_date_and_the_old_words_as_deleted_text(changed):
    _, files, *_ = changed
    body = _body(files["redlines/closing/transfer-agent-instructions.redline.docx"])
    marks = list(body.iter(W_INS, W_DEL))
    assert marks and {m.get(qn("w:author")) for m in marks} == {"Jane Paralegal"}
    assert {m.get(qn("w:date")) for m in marks} == {"2003-05-08T00:00:00Z"}
    ids = [m.get(qn("w:id")) for m in marks]
    assert len(set(ids)) == len(ids)
    deleted = ["".join(t.text for t in m.iter(qn("w:delText"))) for m in marks if m.tag == W_DEL]
    inserted = ["".join(t.text for t in m.iter(qn("w:t"))) for m in marks if m.tag == W_INS]
    assert "$500,000" in deleted and "$550,000" in inserted           # Schedule I, word level
    assert "($1,000,000)" in deleted and "($1,050,000)" in inserted
    assert all(not list(m.iter(qn("w:t"))) for m in marks if m.tag == W_DEL)     # deleted text is w:delText


def _resolve(body, accept: bool):
    """Word's Accept All (or Reject All) on a copy of the body: the text it leaves, a paragraph a line."""
    body = copy.deepcopy(body)
    keep, drop = (W_INS, W_DEL) if accept else (W_DEL, W_INS)
    for tr in list(body.iter(qn("w:tr"))):
        if tr.find(qn("w:trPr")) is not None and tr.find(qn("w:trPr")).find(drop) is not None:
            tr.getparent().remove(tr)
    for p in list(body.iter(qn("w:p"))):
        ppr = p.find(qn("w:pPr"))
        mark = ppr.find(qn("w:rPr")) if ppr is not None else None
        if mark is not None and mark.find(drop) is not None:
            p.getparent().remove(p)        # its words go with it (a whole paragraph inserted or deleted)
    for element in list(body.iter(drop)):
        if element.getparent().tag == qn("w:p"):
            element.getparent().remove(element)
    for element in list(body.iter(keep)):
        parent = element.getparent()
        if parent.tag != qn("w:p"):
            continue
        for child in list(element):
            for t in child.iter(qn("w:delText")):
                t.tag = qn("w:t")
            element.addprevious(child)
        parent.remove(element)
    return [line for line in document_text(body).splitlines() if line]


def _document(path) -> list[str]:
    return [line for line in document_text(docx.Document(path).element.body).splitlines() if line]


def test_accept_all_gives_the_new_document_and_reject_all_the_old(changed, monkeypatch, tmp_path):
    _, files, old, new = changed
    # each deal's closing set as `closingdocs build` writes it, the two Word files read made by the real writer
    slugs = ("transfer-agent-instructions", "press-release")
    real_writers_for(monkeypatch, lambda fmt, document: fmt == "docx" and document.spec.slug in slugs)
    for side, deal_file in (("old", old), ("new", new)):
        assert main(["build", str(deal_file), "--output", str(tmp_path / side), "--jobs", "1", "-q"]) == 0
    old_set, new_set = (tmp_path / side / "amnis-2003-example" for side in ("old", "new"))
    for slug in slugs:
        body = _body(files[f"redlines/closing/{slug}.redline.docx"])
        assert _resolve(body, accept=True) == _document(new_set / "closing" / f"{slug}.docx"), slug
        assert _resolve(body, accept=False) == _document(old_set / "closing" / f"{slug}.docx"), slug


def test_whole_paragraphs_and_table_rows_inserted_and_deleted_are_tracked():
    from generator.render.markup import parse_markup
    from generator.writers.redline import Redline, redline_docx

    old = parse_markup("<html><body><p>Stays.</p><p>Removed in full, every word.</p><table class=\"grid\">"
                       "<tr><td>SDS</td><td class=\"num\">1</td></tr><tr><td>Gone</td><td class=\"num\">2</td></tr>"
                       "</table></body></html>", "t")
    new = parse_markup("<html><body><p>Stays.</p><table class=\"grid\"><tr><td>SDS</td><td class=\"num\">1</td></tr>"
                       "<tr><td>Added</td><td class=\"num\">3</td></tr></table><p>A new closing line.</p>"
                       "</body></html>", "t")
    from generator.plan.spec import DocumentSpec
    from generator.render.environment import RenderedDocument

    base = RenderedDocument(DocumentSpec("t", "Test", "t.html.j2", "closing", ""), "", new, True,
                            dt.date(2003, 5, 9), "Author")
    content = redline_docx(Redline(compare_blocks(old, new), base, ("summary",), "closingdocs", dt.date(2003, 5, 9),
                                   b"x"), search_path([]))
    body = _body(content)
    marks = {(m.getparent().getparent().tag if m.getparent().tag == qn("w:rPr") else m.getparent().tag, m.tag)
             for m in body.iter(W_INS, W_DEL)}
    assert (qn("w:trPr"), W_INS) in {(m.getparent().tag, m.tag) for m in body.iter(W_INS)}
    assert (qn("w:trPr"), W_DEL) in {(m.getparent().tag, m.tag) for m in body.iter(W_DEL)}
    assert (qn("w:pPr"), W_DEL) in marks and (qn("w:pPr"), W_INS) in marks
    assert _resolve(body, accept=True) == ["Stays.", "SDS", "1", "Added", "3", "A new closing line."]
    assert _resolve(body, accept=False) == ["Stays.", "Removed in full, every word.", "SDS", "1", "Gone", "2"]


def test_the_pdf_shows_the_summary_and_both_the_old_and_the_new_words(changed):
    _, files, *_ = changed
    reader = pypdf.PdfReader(io.BytesIO(files["redlines/closing/transfer-agent-instructions.redline.pdf"]))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Blackline of the Irrevocable Transfer Agent Instructions" in first
    assert "paragraph(s) changed" in first and "buyers[0].principal: 500000 -> 550000" in first
    assert "underlined in blue" in first and "struck through in red" in first
    assert "BLACKLINE" in first
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "$500,000" in text and "$550,000" in text


def test_the_pdf_marks_insertions_and_deletions_in_colour(changed):
    _, files, *_ = changed
    reader = pypdf.PdfReader(io.BytesIO(files["redlines/closing/transfer-agent-instructions.redline.pdf"]))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert b"0 0.2 0.8 rg" in content and b"0.752941 0 0 rg" in content    # #0033cc and #c00000


def test_blacklines_are_deterministic(changed, written):
    # made twice from the same pair, each time from a comparison of its own: the same bytes
    _, files, *_ = changed
    _, _, again = written
    assert again == files
    with zipfile.ZipFile(io.BytesIO(files["redlines/closing/press-release.redline.docx"])) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_diff_redline_writes_the_blacklines_under_the_deal_folder(changed, written, tmp_path):
    _, files, *_ = changed
    code, printed, on_disk = written
    assert code == 1
    assert sorted(on_disk) == sorted(files)
    for name, content in files.items():
        assert on_disk[name] == content
    assert "Blacklines (" in printed
    assert main(["diff", str(EXAMPLE), str(EXAMPLE), "--redline", "--output", str(tmp_path / "none")]) == 0
    assert not (tmp_path / "none").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lists_the_changes_as_tracked_changes(changed, tmp_path):
    _, files, *_ = changed
    source = tmp_path / "tai.docx"
    source.write_bytes(files["redlines/closing/transfer-agent-instructions.redline.docx"])
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True,
                   timeout=180)
    with zipfile.ZipFile(tmp_path / "tai.odt") as odt:
        content = odt.read("content.xml").decode()
    assert content.count("<text:changed-region") >= 10
    assert "<text:insertion>" in content and "<text:deletion>" in content
    assert "<dc:creator>Jane Paralegal</dc:creator>" in content
