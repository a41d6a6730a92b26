"""manifest.json: what each file came from; a build with the same inputs renders nothing; verify catches edits."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from generator.cli import main

from .conftest import AMNIS, EXAMPLE, ROOT, closing_set_files, confirmed_example

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _build(deal, out, *flags) -> int:
    return main(["build", str(deal), "--output", str(out), "--jobs", "1", *flags])


@pytest.fixture
def repo(tmp_path):
    """A document repository: both Amnis files and the Sierra file under deal_data/, and a templates/ folder."""
    (tmp_path / "deal_data" / "examples").mkdir(parents=True)
    shutil.copy(AMNIS, tmp_path / "deal_data" / "amnis-2003.yaml")
    shutil.copy(EXAMPLE, tmp_path / "deal_data" / "examples" / "amnis-2003-example.yaml")
    shutil.copy(SIERRA, tmp_path / "deal_data" / "examples" / "sierra-lumen-2024.yaml")
    (tmp_path / "templates").mkdir()
    return tmp_path


@pytest.mark.usefixtures("text_only")   # what the manifest records of the files, whatever their bytes (tests/test_build.py
def test_the_manifest_records_every_file_its_inputs_and_the_versions(repo, capsys):   # compares real ones)
    deal = repo / "deal_data" / "examples" / "amnis-2003-example.yaml"
    assert _build(deal, repo / "out", "-q") == 0
    folder = repo / "out" / "amnis-2003-example"
    data = json.loads((folder / "manifest.json").read_text())
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
                     and p.name != "manifest.json")
    assert sorted(data["files"]) == on_disk and "deadlines.ics" in on_disk
    for name, entry in data["files"].items():
        assert entry["sha256"] == _sha(folder / name) and entry["bytes"] == (folder / name).stat().st_size
    closing = data["sets"]["closing"]
    assert closing["files"] == sorted(data["files"])
    # the deal file first, then the file it extends, each with its hash
    assert [(f["path"].rsplit("/", 1)[-1], f["sha256"]) for f in closing["inputs"]["deal_files"]] == [
        ("amnis-2003-example.yaml", _sha(deal)), ("amnis-2003.yaml", _sha(repo / "deal_data" / "amnis-2003.yaml"))]
    builtin = next(v for k, v in closing["inputs"]["templates"].items() if k.endswith("templates") and v)
    assert builtin["closing/officers-certificate.html.j2"] == _sha(ROOT / "templates" / "closing" /
                                                                   "officers-certificate.html.j2")
    assert "assets/fonts/LiberationSerif-Regular.ttf" in builtin
    assert data["closingdocs"] and data["renderers"]["weasyprint"].startswith("70")
    assert {"icalendar", "pypdf", "python-docx"} <= set(data["renderers"])
    # the same bytes from the same inputs: a rebuild into a fresh folder gives the same manifest
    assert _build(deal, repo / "again", "-q") == 0
    assert (repo / "again" / "amnis-2003-example" / "manifest.json").read_bytes() == (folder / "manifest.json").read_bytes()


@pytest.mark.usefixtures("text_only")   # the manifest, the no-op check and verify: no PDF or DOCX bytes read
def test_a_build_with_the_same_inputs_renders_nothing(repo, capsys, monkeypatch):
    deal = repo / "deal_data" / "amnis-2003.yaml"
    assert _build(deal, repo / "out") == 0
    capsys.readouterr()
    import generator.build

    def no_render(*args, **kwargs):
        raise AssertionError("an up-to-date build rendered")

    with monkeypatch.context() as patched:      # (undone at its end: the documents stay made as text)
        patched.setattr(generator.build, "build", no_render)
        assert _build(deal, repo / "out") == 0
    captured = capsys.readouterr()
    assert f"amnis-2003: up to date ({closing_set_files(deal) - 1} file(s)" in captured.out   # the manifest aside
    assert "DRAFT: 24 fact(s)" in captured.err          # a draft still says what is TBC, as recorded
    # anything that changes the bytes builds again: --final (refused here: TBC), a template override, the deal file
    assert _build(deal, repo / "out", "--final") == 4
    (repo / "templates" / "unused.txt").write_text("an override folder's file is an input too")
    assert _build(deal, repo / "out") == 0
    assert "up to date" not in capsys.readouterr().out
    assert _build(deal, repo / "out") == 0
    assert "up to date" in capsys.readouterr().out
    deal.write_text(deal.read_text() + "\n# a comment\n")
    assert _build(deal, repo / "out") == 0
    assert "up to date" not in capsys.readouterr().out


@pytest.mark.usefixtures("text_only")   # the manifest, the no-op check and verify: no PDF or DOCX bytes read
def test_an_edited_base_file_or_output_file_is_not_up_to_date(repo, capsys):
    deal = repo / "deal_data" / "examples" / "amnis-2003-example.yaml"
    folder = repo / "out" / "amnis-2003-example"
    assert _build(deal, repo / "out", "-q") == 0
    pdf = folder / "closing" / "officers-certificate.pdf"
    original = pdf.read_bytes()
    pdf.write_bytes(original + b"% edited\n")
    assert _build(deal, repo / "out") == 0
    assert "wrote" in capsys.readouterr().out and pdf.read_bytes() == original      # put back
    base = repo / "deal_data" / "amnis-2003.yaml"
    base.write_text(base.read_text() + "\n# the base file changed\n")
    assert _build(deal, repo / "out") == 0
    assert "up to date" not in capsys.readouterr().out


@pytest.mark.usefixtures("text_only")   # the manifest, the no-op check and verify: no PDF or DOCX bytes read
def test_verify_reports_edited_missing_and_extra_files(repo, capsys):
    deal = repo / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
    folder = repo / "out" / "sierra-lumen-2024"
    assert _build(deal, repo / "out", "--final", "-q") == 0
    assert main(["verify", str(deal), "--output", str(repo / "out")]) == 0
    assert "match the manifest" in capsys.readouterr().out
    pdf = folder / "closing" / "officers-certificate.pdf"
    content = bytearray(pdf.read_bytes())
    content[len(content) // 2] ^= 0x01                                                # same size, one bit other
    pdf.write_bytes(bytes(content))
    (folder / "closing" / "press-release.docx").unlink()
    (folder / "closing" / "notes.txt").write_text("not closingdocs'")
    assert main(["verify", str(deal), "--output", str(repo / "out")]) == 9
    err = capsys.readouterr().err
    assert f"EDITED {pdf}" in err
    assert f"MISSING {folder / 'closing' / 'press-release.docx'}" in err
    assert f"EXTRA {folder / 'closing' / 'notes.txt'}" in err
    deal.write_text(deal.read_text() + "\n# changed since the build\n")
    assert main(["verify", str(deal), "--output", str(repo / "out")]) == 9
    assert "OUT OF DATE sierra-lumen-2024: 'closing'" in capsys.readouterr().err
    # hidden files and links are seen; a link out of the folder is said to be one
    (folder / "closing" / ".wire-instructions.pdf").write_bytes(b"%PDF- wire the money elsewhere")
    (folder / "closing" / "etc-link").symlink_to("/etc")
    (folder / "closing" / "inner-link.pdf").symlink_to("officers-certificate.pdf")
    assert main(["verify", str(deal), "--output", str(repo / "out")]) == 9
    err = capsys.readouterr().err
    assert f"EXTRA {folder / 'closing' / '.wire-instructions.pdf'}" in err
    assert f"EXTRA {folder / 'closing' / 'etc-link'} -> /etc (outside the deal folder)" in err
    assert f"EXTRA {folder / 'closing' / 'inner-link.pdf'} -> officers-certificate.pdf (a link" in err
    # a manifest naming a file outside the deal folder is corrupt: nothing is hashed
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text())
    data["files"]["../../../../etc/hostname"] = next(iter(data["files"].values()))
    manifest.write_text(json.dumps(data))
    assert main(["verify", str(deal), "--output", str(repo / "out")]) == 10
    err = capsys.readouterr().err
    assert "corrupt manifest" in err and "'../../../../etc/hostname' is not a path inside the deal folder" in err


def test_the_no_op_check_hashes_every_file_the_template_loader_can_read(tmp_path):
    from generator.manifest import template_hashes
    tpl = tmp_path / "tpl"
    (tpl / "closing" / ".hidden").mkdir(parents=True)
    (tpl / "closing" / ".part.html.j2").write_text("words")
    (tpl / "closing" / ".hidden" / "more.html.j2").write_text("more words")
    (tpl / "closing" / "outside.html.j2").symlink_to("/etc/hostname")
    os.mkfifo(tpl / "closing" / "pipe.html.j2")
    hashes = template_hashes([tpl], tmp_path)["tpl"]
    assert sorted(hashes) == ["closing/.hidden/more.html.j2", "closing/.part.html.j2"]   # not the link out, nor the pipe
    (tpl / "closing" / ".part.html.j2").write_text("other words")
    assert template_hashes([tpl], tmp_path)["tpl"] != hashes


def test_verify_without_a_manifest_says_so(repo, capsys):
    assert main(["verify", str(repo / "deal_data" / "amnis-2003.yaml"), "--output", str(repo / "out")]) == 5
    assert "no manifest.json" in capsys.readouterr().err


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_a_no_op_due_is_answered_from_the_manifest(repo, capsys, monkeypatch):
    confirmed_example(repo / "deal_data")          # final lists: the facts they rely on confirmed
    deals = [str(repo / "deal_data" / "amnis-2003.yaml"), str(SIERRA)]
    args = ["due", *deals, "--today", "2025-06-01", "--output", str(repo / "out"), "--jobs", "1"]
    assert main(args) == 6
    full = capsys.readouterr()
    assert "built reserve lists" in full.out and "OVERDUE amnis-2003" in full.err and "PAST MATURITY" in full.err
    import generator.due

    def no_run(*a, **k):
        raise AssertionError("the full due run was started")

    monkeypatch.setattr(generator.due, "run_due", no_run)
    assert main(args) == 6
    fast = capsys.readouterr()
    assert fast.out == "" and fast.err == full.err                   # what the full run reported, word for word
    # a schedule edited to say nothing is late: what is late is decided from the deal file and the date
    manifest = repo / "out" / "amnis-2003" / "manifest.json"
    data = json.loads(manifest.read_text())
    for month in data["schedule"]["months"]:
        month["overdue"] = None
    manifest.write_text(json.dumps(data))
    sierra = repo / "out" / "sierra-lumen-2024" / "manifest.json"
    data = json.loads(sierra.read_text())
    data["schedule"]["past_maturity"] = None
    sierra.write_text(json.dumps(data))
    assert main(args) == 6
    assert capsys.readouterr().err == full.err
    # a list owed and missing: the full run builds it
    (repo / "out" / "amnis-2003" / "reserve-lists" / "2003-06" / "summary.pdf").unlink()
    assert main(args) == 1
    assert "the full due run was started" in capsys.readouterr().err


@pytest.mark.usefixtures("text_only")   # the manifest, the no-op check and verify: no PDF or DOCX bytes read
def test_a_no_op_build_imports_no_renderer_and_no_deal_model(repo):
    deal = repo / "deal_data" / "amnis-2003.yaml"
    assert _build(deal, repo / "out", "-q") == 0
    probe = ("import sys; from generator.cli import main; code = main(sys.argv[1:]);"
             "print(code, sorted(m for m in ('weasyprint', 'docx', 'pydantic', 'yaml', 'jinja2') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe, "build", str(deal), "--output", str(repo / "out")],
                            capture_output=True, text=True, cwd=repo)
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr
