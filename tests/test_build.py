"""The whole pipeline: determinism, atomic writes, nothing half-written, parallel = serial."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import BuildResult, build
from generator.errors import OutputError
from generator.options import Options
from generator.output import OutputFile, atomic_write, deal_folder, write_all

from .conftest import AMNIS, closing_set_files
from .processes import kill, spawn

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop


def _bytes(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def parallel(tmp_path_factory):
    """The Amnis closing set made by two workers forked from this process into a folder of its own, once for this
    module's tests; each compares it, byte for byte, with the session's set made in one process (``built_set``)."""
    # at the depth of the session's set (``<base>/<folder>/output``): the manifests' relative paths read the same
    return build(Options(deal_file=AMNIS, output_root=tmp_path_factory.mktemp("parallel") / "output", jobs=2))


@dataclass
class Served:
    before: dict[Path, bytes]           # the parallel set's files before this build
    mtimes: dict[Path, int]
    made: dict[Path, bytes]             # every file this build made, in memory, before it was written (or not)
    result: BuildResult


@pytest.fixture(scope="module")
def served(parallel):
    """The same set made again over the parallel one by two workers forked from a warmed-up fork server (as
    `closingdocs build` forks them), with the files it made, before the output layer compared them with the folder's."""
    import generator.output as output
    from generator.render.locate import search_path
    from generator.writers import Producer

    before = _bytes(parallel.folder)
    mtimes = {p: p.stat().st_mtime_ns for p in parallel.folder.rglob("*.*")}
    made: list[dict[Path, bytes]] = []
    real_write_all = output.write_all

    def write_all(folder, files):
        made.append({Path(f.relative): f.content for f in files})
        return real_write_all(folder, files)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(output, "write_all", write_all)
        with Producer(search_path([]), 2, server=True) as producer:
            result = build(Options(deal_file=AMNIS, output_root=parallel.folder.parent, jobs=2), producer)
    assert len(made) == 1
    return Served(before, mtimes, made[0], result)


def test_same_inputs_give_byte_identical_files_and_unchanged_files_are_not_rewritten(served, built_set):
    files = served.before
    assert len(files) == closing_set_files(AMNIS)  # each closing document, signature page and the checklist x
    #                                                (PDF, DOCX), the checklist's CSV, the calendar, the index page, the manifest
    second = served.result                         # the same inputs built again over the first set
    assert served.made == files                    # the bytes it made, compared here, not by the output layer
    assert second.result.written == () and len(second.result.unchanged) == closing_set_files(AMNIS)
    assert _bytes(second.folder) == files
    assert {p: p.stat().st_mtime_ns for p in second.folder.rglob("*.*")} == served.mtimes
    # the session build (another output root, another process state) made the same bytes
    assert _bytes(built_set.parent) == files


def test_parallel_workers_make_the_same_bytes_as_one_process(parallel, built_set):
    serial = built_set.parent                     # the deal folder of a build with --jobs 1
    assert _bytes(serial) == _bytes(parallel.folder)


def test_deal_ids_cannot_escape_the_output_root(tmp_path):
    assert deal_folder(tmp_path, "amnis-2003") == (tmp_path / "amnis-2003").resolve()
    for bad in ("..", "../x", "/etc", "a/../../b", ""):
        with pytest.raises(OutputError):
            deal_folder(tmp_path, bad)


def test_write_all_refuses_paths_outside_the_folder(tmp_path):
    with pytest.raises(OutputError):
        write_all(tmp_path / "deal", [OutputFile(__import__("pathlib").Path("../escape.pdf"), b"x")])
    assert not (tmp_path / "escape.pdf").exists()


def test_atomic_write_leaves_no_temporary_file_behind(tmp_path, monkeypatch):
    target = tmp_path / "a" / "doc.pdf"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError) as info:
        atomic_write(target, b"two")
    assert "No space left on device" in str(info.value)
    assert target.read_bytes() == b"one"
    assert sorted(p.name for p in target.parent.iterdir()) == ["doc.pdf"]


def test_a_template_error_writes_nothing(deal_repo):
    (deal_repo / "templates" / "closing").mkdir()
    (deal_repo / "templates" / "closing" / "secretarys-certificate.html.j2").write_text(
        "{% extends 'base.html.j2' %}{% block content %}<p>{{ deal.nonexistent }}</p>{% endblock %}")
    from generator.errors import TemplateError
    with pytest.raises(TemplateError):
        build(Options(deal_file=deal_repo / "deal_data" / "amnis-2003.yaml", output_root=deal_repo / "output",
                      jobs=2))
    assert not (deal_repo / "output").exists()


def test_a_deal_folder_is_locked_against_another_process_and_freed_when_it_dies(tmp_path):
    import subprocess
    import sys

    from generator.output import DealLock

    from .conftest import ROOT

    folder = tmp_path / "deal"
    holder = spawn(
        [sys.executable, "-c", "import sys, time\nfrom generator.output import DealLock\n"
         "DealLock(sys.argv[1]).acquire()\nprint('locked', flush=True)\ntime.sleep(60)", str(folder)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match="another closingdocs run has been writing"):
            DealLock(folder, timeout=0.3).acquire()
    finally:
        kill(holder)
    with DealLock(folder, timeout=1):          # the dead holder's lock went with it
        assert folder.is_dir()
    new = tmp_path / "new"
    with DealLock(new, timeout=1):
        assert new.is_dir()
    assert not new.exists()                    # made by the lock and left empty: removed again


def test_workers_forked_from_a_fork_server_make_the_same_bytes(served, built_set):
    """`closingdocs build` forks its workers from a warmed-up fork server: same files as one process."""
    single = built_set.parent                     # the deal folder of the session's build in one process
    closing = sorted(p for p in (single / "closing").rglob("*") if p.is_file())
    assert closing
    for path in closing:
        assert served.made[path.relative_to(single)] == path.read_bytes(), path.name
