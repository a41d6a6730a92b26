"""A fact still to be confirmed is reported where it is written (file:line:column), the same by `check --final`
and by a final build, which refuses only the facts its documents print."""
from __future__ import annotations

import re

import pytest

from generator.cli import main

from .conftest import AMNIS

LOCATED = re.compile(r"^  (?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<path>[^:]+): still to be confirmed", re.M)


def _located(err: str) -> dict[str, tuple[int, int]]:
    return {m["path"]: (int(m["line"]), int(m["column"])) for m in LOCATED.finditer(err)}


@pytest.mark.usefixtures("text_only")
def test_a_final_build_points_at_each_fact_as_check_does(tmp_path, capsys):
    assert main(["check", str(AMNIS), "--final"]) == 4
    checked = _located(capsys.readouterr().err)
    assert main(["build", str(AMNIS), "--final", "--output", str(tmp_path), "--jobs", "1"]) == 4
    built = _located(capsys.readouterr().err)
    assert built and set(built) <= set(checked)
    assert {path: checked[path] for path in built} == built
    lines = AMNIS.read_text(encoding="utf-8").splitlines()
    for path, (line, column) in built.items():
        key = path.rsplit(".", 1)[-1].split("[")[0]
        written = lines[line - 1][column - 1:]
        # a TBC value points at its text; a fact given with an unconfirmed source, at the key that names it
        assert written.startswith(('"TBC', "TBC", f"{key}:")), (path, line, column, written)
    assert not list(tmp_path.rglob("*.pdf"))
