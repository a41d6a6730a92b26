"""The wheel is a working closingdocs: built from the repository, installed into a fresh virtual
environment, run from a folder outside the repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import AMNIS, EXAMPLE, ROOT

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop


def _run(*args, cwd=None, env=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


# check, build, reserve-list and invoice run by ``generator.cli.main`` as the ``closingdocs`` script runs it; prints where
# the package was imported from; exits non-zero, naming the command, if one of them does
_COMMANDS = """
import sys
import generator
from generator.cli import main
print(generator.__file__)
example = "deal_data/examples/amnis-2003-example.yaml"
for args in (["check", "deal_data/amnis-2003.yaml"], ["build", "deal_data/amnis-2003.yaml", "--jobs", "1"],
             ["reserve-list", example, "--month", "2003-08", "--jobs", "1", "--draft"],
             ["invoice", example, "--breach", "list-2003-07", "--jobs", "1"]):
    code = main(args)
    if code != 0:
        sys.exit(f"closingdocs {' '.join(args)} exited {code}")
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding only the wheel (not even pip: the test environment's pip installs into it); its
    dependencies are borrowed from the test environment by a path entry placed after its own site-packages (so
    the wheel's `generator` is the one found)."""
    base = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", base / "dist", ROOT,
         cwd=base)
    wheels = list((base / "dist").glob("closingdocs-*.whl"))
    assert len(wheels) == 1
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet", wheels[0])
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "zz-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_the_wheel_holds_every_subpackage_and_the_templates(installed):
    python = installed / "bin" / "python"
    where = _run(python, "-c", "import generator, generator.render.locate as l; "
                 "print(generator.__file__); print(l.BUILTIN_TEMPLATES)", cwd=installed).stdout.split()
    assert str(installed) in where[0] and str(ROOT) not in where[0]
    templates = Path(where[1])
    assert templates == Path(where[0]).parent / "templates"
    for name in ("base.html.j2", "closing/press-release.html.j2", "reserve/summary.html.j2",
                 "invoices/damages.html.j2", "assets/closingdocs.css", "assets/fonts/LiberationSerif-Regular.ttf"):
        assert (templates / name).is_file(), name
    source = {p.relative_to(ROOT / "generator") for p in (ROOT / "generator").rglob("*.py")}
    shipped = {p.relative_to(Path(where[0]).parent) for p in Path(where[0]).parent.rglob("*.py")}
    assert source <= shipped


def test_the_installed_closingdocs_builds_from_outside_the_repository(installed, tmp_path):
    repo = tmp_path / "deals"
    (repo / "deal_data" / "examples").mkdir(parents=True)
    shutil.copy(AMNIS, repo / "deal_data" / AMNIS.name)
    shutil.copy(EXAMPLE, repo / "deal_data" / "examples" / EXAMPLE.name)
    exe = installed / "bin" / "closingdocs"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # the script pip wrote runs the installed package's entry point, which reads the installed wheel's version
    wheel = next((installed.parent / "dist").glob("closingdocs-*.whl")).name
    assert _run(exe, "--version", cwd=repo, env=env).stdout == f"closingdocs {wheel.split('-')[1]}\n"
    # the commands through that entry point (generator.cli:main, as the script calls it), one after another in one
    # process of the venv: each exits 0, with the package imported from the venv
    where = _run(installed / "bin" / "python", "-c", _COMMANDS, cwd=repo, env=env).stdout.split()
    assert str(installed) in where[0] and str(ROOT) not in where[0]
    out = repo / "output"
    assert len(list((out / "amnis-2003" / "closing").glob("*.pdf"))) == 6      # with the checklist
    assert len(list((out / "amnis-2003-example" / "reserve-lists" / "2003-08").glob("*.docx"))) == 5  # + working copy
    assert list((out / "amnis-2003-example" / "invoices").glob("list-2003-07-*.pdf"))
