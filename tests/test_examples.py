"""The example document repository's Makefile rebuilds a deal when (and only when) its inputs change."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from .conftest import ROOT
from .processes import run

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")]


# closingdocs as make runs it, its documents made as text: the subject is what make runs and when, not the bytes
CLOSINGDOCS = f"{sys.executable} -m tests.text_run"


def make(repo, *args):
    env = {**os.environ, "CLOSINGDOCS": CLOSINGDOCS, "BUILDFLAGS": "--jobs 1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    return run(["make", "-C", repo, *args], env=env)


def newer_than(path, stamp) -> None:
    """``path`` changed after ``stamp`` was made, as make sees it (no sleeping for the clock to tick)."""
    later = stamp.stat().st_mtime + 2
    os.utime(path, (later, later))


def test_makefile_rebuilds_only_when_yaml_or_templates_change(tmp_path):
    repo = tmp_path / "docs"       # the committed example, its deal file's link followed to the sample deal
    shutil.copytree(ROOT / "examples" / "document-repo", repo, symlinks=False)

    first = make(repo)
    assert first.returncode == 0, first.stderr
    assert f"{CLOSINGDOCS} build deal_data/amnis-2003.yaml" in first.stdout
    stamp = repo / "output" / "amnis-2003" / "closing" / ".built"
    assert stamp.exists() and (stamp.parent / "officers-certificate.pdf").exists()

    again = make(repo)
    assert "Nothing to be done" in again.stdout

    newer_than(repo / "templates" / "README.md", stamp)
    rebuilt = make(repo)
    assert f"{CLOSINGDOCS} build deal_data/amnis-2003.yaml" in rebuilt.stdout

    text = (repo / "deal_data" / "amnis-2003.yaml").read_text()
    (repo / "deal_data" / "amnis-2003.yaml").write_text(text.replace("principal: 500000", "principal: lots"))
    newer_than(repo / "deal_data" / "amnis-2003.yaml", stamp)
    failed = make(repo)
    assert failed.returncode != 0 and "buyers[0].principal" in failed.stderr
    assert not stamp.exists()  # .DELETE_ON_ERROR: the next make tries again
