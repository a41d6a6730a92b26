"""The tests' shared sets (tests/sets.py): a copy reads as the set closingdocs would have written there."""
from __future__ import annotations

import pytest

from generator.cli import main

from .conftest import AMNIS

pytestmark = pytest.mark.slow     # builds a whole set


def test_a_build_over_a_copied_set_with_the_same_inputs_writes_nothing(built_into, capsys):
    output = built_into("closing", AMNIS)
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["build", str(AMNIS), "--output", str(output), "--jobs", "1", "-v"]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out or "unchanged" in out, out
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before
    assert main(["verify", str(AMNIS), "--output", str(output)]) == 0


def test_a_copy_is_the_tests_own(built_into, sets, tmp_path):
    output = built_into("closing", AMNIS)
    (output / "amnis-2003" / "manifest.json").unlink()
    again = sets.copy("closing", AMNIS, tmp_path.parent / "other" / "output")
    assert (again / "amnis-2003" / "manifest.json").is_file()


def test_a_set_asked_for_under_text_only_is_made_with_the_real_writers(sets, text_only, tmp_path):
    from .conftest import EXAMPLE

    output = sets.copy("closing", EXAMPLE, tmp_path / "output")
    assert (output / "amnis-2003-example" / "closing" / "officers-certificate.pdf").read_bytes().startswith(b"%PDF-")
