"""The closing's round trip: the packets built, each signature page "signed" (stamped "/s/ <signer>"), shuffled
and split into files as pages come back, collated, and every page found in place in the execution versions;
and each defect of a real return (a page twice, another deal's page, a page whose footer is cropped, a page of a
document the deal does not have, a page missing) reported with its file and page, the exit status saying which.
On the sample deal (its officers and Buyers sign) with another deal's pages from the Sierra Lumen example."""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from generator.cli import main
from generator.collate.identify import words
from generator.deal.load import load
from generator.deal.validate import validate
from generator.errors import ExitCode
from generator.plan.signatures import parse_anchor_codes, parse_page_id, signature_pages

from ..conftest import AMNIS, ROOT
from ..made_once import documents_made_once  # noqa: F401  (a fixture: each document made once)
from ..pdftext import page_texts
from .signing import crop_text, pages_of, pdf_of, shuffled_into_files, signature_of, signed_packets, signed_pages

# end to end (see `make test-fast` for the edit loop); each document the packets, the collations and the builds make
# again is made once by the real writers (tests/made_once.py): the subject is what collate does with them
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("documents_made_once")]

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


@pytest.fixture(scope="module")
def closing(tmp_path_factory, documents_made_once):  # noqa: F811  (the fixture, imported above)
    """The sample deal's packets, signed; and the Sierra Lumen example's signature pages, signed (another deal's)."""
    out = tmp_path_factory.mktemp("packets")
    return {"amnis": signed_packets(AMNIS, out), "sierra": signed_pages(SIERRA), "out": out,
            "deal": validate(load(AMNIS))}


def _collate(files: list[bytes], folder: Path, *more: str) -> tuple[int, dict]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, content in enumerate(files, 1):
        (folder / f"returned-{n}.pdf").write_bytes(content)
        paths.append(str(folder / f"returned-{n}.pdf"))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["collate", str(AMNIS), *paths, "--output", str(folder / "out"), "--jobs", "1", "--json", *more])
    assert "Traceback" not in err.getvalue()
    return code, json.loads(out.getvalue())


@pytest.fixture(scope="module")
def first_missing(closing, tmp_path_factory):
    """Every signed page but the first returned in one file (returned-1.pdf) and collated into ``out``: the
    folder, to be copied by each test that starts there, and the exit status and report."""
    folder = tmp_path_factory.mktemp("first-missing")
    pages = signature_pages(closing["deal"])
    code, report = _collate([pdf_of([closing["amnis"][p.id] for p in pages[1:]])], folder)
    return folder, code, report


def _from(first_missing, tmp_path: Path) -> tuple[int, dict]:
    folder, code, report = first_missing
    shutil.copytree(folder, tmp_path, symlinks=True, dirs_exist_ok=True)
    return code, report


def test_every_page_signed_shuffled_and_split_comes_back_in_place(closing, built_set, tmp_path):
    deal = closing["deal"]
    pages = signature_pages(deal)
    files = shuffled_into_files(list(closing["amnis"].values()), files=4, seed=21)
    code, report = _collate(files, tmp_path)
    assert code == ExitCode.OK, report
    assert (report["missing"], report["duplicated"], report["unknown"]) == ([], [], [])
    assert len(report["in"]) == len(pages) == report["signature_pages"]
    executed = tmp_path / "out" / deal.id / "executed"
    for document in dict.fromkeys(p.document for p in pages):
        texts = [words(t) for t in page_texts(executed / f"{document}.pdf")]
        own = [p for p in pages if p.document == document]
        # each signer's page is there once, signed by that signer, in the order of the document's signers
        where = [next(i for i, t in enumerate(texts) if f"Signature page ID: {p.id}" in t) for p in own]
        assert where == sorted(where) and len(set(where)) == len(own)
        for p, i in zip(own, where, strict=True):
            assert signature_of(p) in texts[i]
            assert sum(parse_page_id(t) == p.id for t in texts) == 1
        if own[0].made_by == "closingdocs":    # the document's other pages as the closing set has them, in order
            body = [words(t) for t in page_texts(built_set / f"{document}.pdf") if parse_page_id(t) is None]
            assert body and [t for t in texts if parse_page_id(t) is None] == body
        else:                                  # counsel's: a cover saying so, then the signed pages
            assert "Execution Version: Signature Pages" in texts[0] and len(texts) == len(own) + 1
    record = json.loads((executed / "collation.json").read_text())
    assert all(d["file"] == f"executed/{d['id']}.pdf" for d in record["documents"])
    # the execution versions bind into the executed binder
    assert main(["binder", str(AMNIS), "--executed", "--output", str(tmp_path / "out"), "--jobs", "1", "-q"]) == 0
    binder = pypdf.PdfReader(tmp_path / "out" / deal.id / "executed" / "binder.pdf")
    assert [o.title for o in binder.outline] == [d["title"] for d in record["documents"]]
    assert f"Page 1 of {len(binder.pages)}" in words(page_texts(executed / "binder.pdf")[0])


def test_each_defect_is_reported_with_its_file_and_page(closing, tmp_path, capsys):
    deal = closing["deal"]
    pages = signature_pages(deal)
    signed = closing["amnis"]
    first, second, cropped, left_out = pages[0], pages[1], pages[2], pages[-1]
    other_deal = next(iter(closing["sierra"].values()))
    sierra = validate(load(SIERRA))
    theirs = next(p for p in signature_pages(sierra) if p.document_title not in {q.document_title for q in pages})
    no_such_document = crop_text(pages_of(pdf_of([closing["sierra"][theirs.id]]))[0],
                                 lambda w: theirs.code in w or "Signature page ID" in w)
    footless = crop_text(pages_of(pdf_of([signed[cropped.id]]))[0],
                         lambda w: cropped.code in w or "Signature page ID" in w)
    assert parse_page_id(footless.extract_text()) is None and not parse_anchor_codes(footless.extract_text())
    rest = [signed[p.id] for p in pages if p not in (first, second, cropped, left_out)]
    files = [pdf_of([signed[first.id], signed[second.id]]),           # returned-1.pdf
             pdf_of([other_deal, signed[first.id]]),                  # returned-2.pdf: another deal's; a duplicate
             pdf_of([footless, no_such_document]),                    # returned-3.pdf: cropped; a document not ours
             pdf_of(rest)]
    code, report = _collate(files, tmp_path)
    assert code == ExitCode.SIGNED_PAGES_UNKNOWN
    at = {(Path(u["file"]).name, u["file_page"]): u["reason"] for u in report["unknown"]}
    assert set(at) == {("returned-2.pdf", 1), ("returned-3.pdf", 2)}
    assert at[("returned-2.pdf", 1)].startswith(f"a page of another deal ({sierra.id}: page identifier ")
    assert at[("returned-3.pdf", 2)] == (f"a signature page to the {theirs.document_title}: a document this deal "
                                         "does not have")
    assert [(Path(d["file"]).name, d["file_page"], d["page"], Path(d["bound"]["file"]).name, d["bound"]["file_page"])
            for d in report["duplicated"]] == [("returned-2.pdf", 2, first.id, "returned-1.pdf", 1)]
    by_caption = next(p for p in report["in"] if p["page"] == cropped.id)
    assert (Path(by_caption["file"]).name, by_caption["file_page"], by_caption["by"]) == ("returned-3.pdf", 1,
                                                                                          "caption")
    assert [m["page"] for m in report["missing"]] == [left_out.id]
    # the documents complete are written; the one with a page missing is not, and binder --executed refuses
    written = {e["document"] for e in report["executed"] if e["file"]}
    assert written == {p.document for p in pages} - {left_out.document}
    capsys.readouterr()
    assert main(["binder", str(AMNIS), "--executed", "--output", str(tmp_path / "out"), "--jobs", "1"]) == \
        ExitCode.SIGNATURES_MISSING
    assert left_out.id in capsys.readouterr().err


def test_only_a_page_missing_exits_12_and_says_which(closing, first_missing, tmp_path, capsys):
    pages = signature_pages(closing["deal"])
    code, report = _from(first_missing, tmp_path)        # every page but the first returned, collated
    assert code == ExitCode.SIGNATURES_MISSING
    assert [m["page"] for m in report["missing"]] == [pages[0].id] and not report["unknown"]
    capsys.readouterr()
    main(["collate", str(AMNIS), str(tmp_path / "returned-1.pdf"), "--output", str(tmp_path / "out"), "--jobs", "1"])
    text = capsys.readouterr().out
    assert re.search(rf"MISSING +{re.escape(pages[0].document_title)}: .*\[{re.escape(pages[0].id)}\]", text)


def test_the_checklist_and_index_page_show_each_signers_status_after_a_collation(closing, first_missing, tmp_path,
                                                                                  capsys):
    deal = closing["deal"]
    pages = signature_pages(deal)
    _from(first_missing, tmp_path)                       # every page but the first returned, collated
    out = tmp_path / "out"
    assert main(["build", str(AMNIS), "--output", str(out), "--jobs", "1", "-q"]) == 0
    rows = [r for r in io.StringIO((out / deal.id / "closing" / "checklist.csv").read_text(encoding="utf-8-sig"))]
    signature_rows = [r for r in rows if ",signature," in r]
    assert len(signature_rows) == len(pages)
    assert sum(",missing," in r for r in signature_rows) == 1 and sum(",signed," in r for r in signature_rows) == \
        len(pages) - 1
    page = (out / deal.id / "index.html").read_text(encoding="utf-8")
    assert f"{len(pages) - 1} of {len(pages)} signature page(s) signed and returned" in page
    checklist = " ".join(words(t) for t in page_texts(out / deal.id / "closing" / "checklist.pdf"))
    assert "Signature status" in checklist and "MISSING" in checklist and pages[0].id in checklist
    # a second build with nothing new is a no-op; a new collation makes the checklist again
    capsys.readouterr()
    assert main(["build", str(AMNIS), "--output", str(out), "--jobs", "1"]) == 0
    assert "up to date" in capsys.readouterr().out
    _collate([pdf_of([closing["amnis"][p.id] for p in pages])], tmp_path)
    assert main(["build", str(AMNIS), "--output", str(out), "--jobs", "1", "-q"]) == 0
    assert f"{len(pages)} of {len(pages)} signature page(s) signed and returned" in \
        (out / deal.id / "index.html").read_text(encoding="utf-8")
