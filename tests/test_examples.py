"""The example document repository's Makefile rebuilds a deal when (and only when) its inputs change."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from .conftest import AMNIS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def make(repo, *args):
    env = {**os.environ, "CLOSINGDOCS": f"{sys.executable} -m generator", "BUILDFLAGS": "--jobs 1"}
    return subprocess.run(["make", "-C", str(repo), *args], capture_output=True, text=True, env=env)


def test_makefile_rebuilds_only_when_yaml_or_templates_change(tmp_path):
    repo = tmp_path / "docs"
    shutil.copytree(ROOT / "examples" / "document-repo", repo, symlinks=False)
    (repo / "deal_data" / "amnis-2003.yaml").unlink()
    shutil.copy(AMNIS, repo / "deal_data" / "amnis-2003.yaml")

    first = make(repo)
    assert first.returncode == 0, first.stderr
    stamp = repo / "output" / "amnis-2003" / "closing" / ".built"
    assert stamp.exists() and (stamp.parent / "officers-certificate.pdf").exists()

    again = make(repo)
    assert "Nothing to be done" in again.stdout

    time.sleep(1.1)
    (repo / "templates" / "README.md").touch()
    rebuilt = make(repo)
    assert "generator build deal_data/amnis-2003.yaml" in rebuilt.stdout

    time.sleep(1.1)
    text = (repo / "deal_data" / "amnis-2003.yaml").read_text()
    (repo / "deal_data" / "amnis-2003.yaml").write_text(text.replace("principal: 500000", "principal: lots"))
    failed = make(repo)
    assert failed.returncode != 0 and "buyers[0].principal" in failed.stderr
    assert not stamp.exists()  # .DELETE_ON_ERROR: the next make tries again
