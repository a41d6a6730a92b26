"""Real signals and a real kill -9: one line and exit 130/143 with nothing half-written, and a run that
died in the middle of committing a set is put back by the next one."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.output import JOURNAL, recover

from ..conftest import AMNIS, EXAMPLE, ROOT
from ..processes import spawn
from .harness import OLD_SET, snapshot

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

CLOSING = Path("amnis-2003") / "closing"


def _old_set(out: Path) -> None:
    for folder, slugs in OLD_SET.items():
        (out / folder).mkdir(parents=True)
        for slug in slugs:
            for ext in ("pdf", "docx"):
                (out / folder / f"{slug}.{ext}").write_bytes(f"old {slug}.{ext}".encode())


# What a child runs before closingdocs' own main: its documents made as text (tests/producers.py; what is
# written, when, and what is said are the subject here, not the bytes of a PDF), and, given a file descriptor,
# a byte written to it once the first set has been committed (the moment to send a signal, without polling).
CHILD = """
import os, sys
import generator.due, generator.writers
from tests.producers import TextWriter
generator.writers.writer_for = lambda fmt, search_path: TextWriter(fmt)
told, real_write_all = [], generator.due.write_all
def write_all(folder, files):
    result = real_write_all(folder, files)
    if TOLD is not None and not told:
        told.append(os.write(TOLD, b"1"))
    return result
generator.due.write_all = write_all
"""


def _child(*args: str, told: int | None = None, prelude: str = "") -> subprocess.Popen:
    """``closingdocs ARGS`` in a real process of its own (the documents made as text), with default signals."""
    code = f"TOLD = {told!r}\n{CHILD}{prelude}\nfrom generator.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return spawn([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                 cwd=ROOT, pass_fds=() if told is None else (told,))


def _complete_or_absent(folder: Path) -> None:
    """Every month of lists has all 10 files (three Buyers' lists, the summary and its working copy) or none;
    no temporary file or journal is left."""
    for month in (folder / "amnis-2003-example" / "reserve-lists").iterdir():
        assert len(list(month.iterdir())) == 10, month
    names = [p.name for p in folder.rglob("*")]
    assert not [n for n in names if n.endswith((".tmp", ".old")) or n == JOURNAL], names


def _interrupt(tmp_path, signum: int, code: int, word: str) -> None:
    out = tmp_path / "out"
    _old_set(out)
    read, write = os.pipe()
    run = _child("due", str(EXAMPLE), "--today", "2010-01-01", "--output", str(out), "--jobs", "2", "--draft",
                 told=write)
    os.close(write)
    with os.fdopen(read, "rb") as told:    # a month written, some 80 still to do (or the child is stuck: said)
        assert select.select([told], [], [], 120)[0], "no month of lists committed in 120 s"
        assert told.read(1) == b"1", run.communicate(timeout=60)
    run.send_signal(signum)
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert "Traceback" not in stderr and stderr.strip().splitlines() == [
        f"closingdocs: {word}; no file was left half-written"], stderr
    _complete_or_absent(out)


def test_ctrl_c_prints_one_line_exits_130_and_leaves_nothing_half_written(tmp_path):
    _interrupt(tmp_path, signal.SIGINT, 130, "interrupted")


def test_term_prints_one_line_exits_143_and_leaves_nothing_half_written(tmp_path):
    _interrupt(tmp_path, signal.SIGTERM, 143, "terminated")


KILL_DURING_COMMIT = """
import signal
real, renamed = os.replace, []
def replace(src, dst, *args, **kwargs):
    if str(src).endswith(".tmp") and "journal" not in str(src):
        renamed.append(dst)
        if len(renamed) == 4:
            os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)
os.replace = replace
"""


@pytest.mark.usefixtures("text_only")   # the next run, in this process: its documents made as text too
def test_a_run_killed_in_the_middle_of_a_commit_is_put_back_by_the_next(tmp_path, capsys):
    out = tmp_path / "out"
    _old_set(out)
    before = snapshot(out)
    killed = _child("build", str(AMNIS), "--output", str(out), "--jobs", "1", prelude=KILL_DURING_COMMIT)
    killed.communicate(timeout=600)
    assert killed.returncode == -signal.SIGKILL
    folder = out / "amnis-2003"
    assert (folder / JOURNAL).exists()                                   # died half committed:
    documents = [p for p in (out / CLOSING).iterdir() if p.is_file() and not p.name.startswith(".")]
    assert sum(p.read_bytes().startswith(b"old ") for p in documents) == 5          # 3 new, 5 old
    assert recover(folder)                                               # what the next run does first
    assert snapshot(out) == before                                       # the old set, whole, nothing else
    assert main(["build", str(AMNIS), "--output", str(out), "--jobs", "1"]) == 0
    assert not any(p.read_bytes().startswith(b"old ") for p in (out / CLOSING).rglob("*") if p.is_file())


@pytest.mark.usefixtures("text_only")   # the next run's subject is what it removes, not the documents' bytes
def test_the_next_run_removes_what_a_killed_run_left(tmp_path, capsys):
    out = tmp_path / "out"
    _old_set(out)
    leftover = out / CLOSING / ".press-release.pdf.0123456789abcdef.tmp"
    leftover.write_bytes(b"half")
    os.utime(leftover, (0, 0))
    assert main(["build", str(AMNIS), "--output", str(out), "--jobs", "1"]) == 0
    assert not leftover.exists()
