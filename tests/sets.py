"""Sets made once per test process with the real writers, for the tests that read a set's PDF and DOCX files
or start from a built folder: each kind of set of each deal is built the first time a test asks for it, then
copied into the test's own output folder (a test may change its copy; the built one is never handed out).

The copy lands at the same depth below pytest's base folder as the built one (``<base>/<test>/output/<deal>``
beside ``<base>/set-closing0/output/<deal>``), so the manifest's paths, which are relative to the deal's folder, read
the same: a build over the copy with the same inputs is a no-op, as over the set it was copied from."""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import generator.writers
from generator.cli import main

REAL_WRITERS = generator.writers.writer_for     # as imported, before any test's ``text_only``

# what each kind of set is made by: a closingdocs command line, the deal file and --output added
COMMANDS: dict[str, tuple[str, ...]] = {
    "closing": ("build",),                  # the closing set (a draft unless the deal asks for --final)
    "final": ("build", "--final"),
    "binder": ("binder",),                  # the closing set and its binder
}


class Sets:
    """The sets built so far in this test process, by (kind, deal file, its text)."""

    def __init__(self, factory: pytest.TempPathFactory):
        self.factory = factory
        self.built_sets: dict[tuple[str, Path, str], Path] = {}

    def built(self, kind: str, deal_file: Path) -> Path:
        """The output root the ``kind`` set of ``deal_file`` was built under: to read, never to change."""
        deal_file = Path(deal_file).resolve()
        key = (kind, deal_file, deal_file.read_text(encoding="utf-8"))
        if key not in self.built_sets:
            output = self.factory.mktemp(f"set-{kind}") / "output"
            with _real_writers():     # a test asking under ``text_only`` still gets (and shares) the real files
                code = main([*COMMANDS[kind], str(deal_file), "--output", str(output), "--jobs", "1", "-q"])
            assert code == 0, f"closingdocs {' '.join(COMMANDS[kind])} {deal_file} exited {code}"
            self.built_sets[key] = output
        return self.built_sets[key]

    def copy(self, kind: str, deal_file: Path, output: Path) -> Path:
        """The ``kind`` set of ``deal_file`` (as it reads now) copied under ``output``, as ``closingdocs`` would
        have written it there; returns ``output``."""
        built = self.built(kind, deal_file)
        if Path(output).resolve().parent.parent != built.resolve().parent.parent:
            raise AssertionError(f"{output}: copy a set to <test folder>/output (the manifest's relative paths)")
        shutil.copytree(built, output, symlinks=True, dirs_exist_ok=True)
        return output


@contextmanager
def _real_writers() -> Iterator[None]:
    patched = generator.writers.writer_for
    generator.writers.writer_for = REAL_WRITERS
    try:
        yield
    finally:
        generator.writers.writer_for = patched


@pytest.fixture(scope="session")
def sets(tmp_path_factory) -> Sets:
    """Real sets, built once per test process (see the module's docstring)."""
    return Sets(tmp_path_factory)


@pytest.fixture
def built_into(sets: Sets, tmp_path: Path) -> Callable[..., Path]:
    """``built_into(kind, deal_file)``: that set copied to ``tmp_path/"output"``; returns the output root."""
    return lambda kind, deal_file: sets.copy(kind, deal_file, tmp_path / "output")
