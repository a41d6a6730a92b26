"""Reproducible dependencies: every runtime dependency bounded above in pyproject.toml, and the
environment the tests run in is exactly the one constraints.txt pins (make setup installs it), with
every package closingdocs[test] needs pinned there."""
from __future__ import annotations

import importlib.metadata
import re
import tomllib

from packaging.requirements import Requirement

from .conftest import ROOT

CONSTRAINTS = ROOT / "constraints.txt"
REGENERATE = "run `make setup` to install the pinned versions, or `make constraints` after changing dependencies"


def _name(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503): ``PyYAML`` = ``pyyaml``, ``pydantic_core`` =
    ``pydantic-core``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for number, line in enumerate(CONSTRAINTS.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep and name.strip() and version.strip(), f"constraints.txt:{number}: expected name==version: {line!r}"
        pins[_name(name.strip())] = version.strip()
    return pins


def _installed() -> dict[str, str]:
    return {_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}


def _needed(root: str, extras: tuple[str, ...]) -> set[str]:
    """Every distribution ``root[extras]`` needs, directly or through another, on this interpreter."""
    needed: set[str] = set()
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        for spec in importlib.metadata.requires(name) or ():
            requirement = Requirement(spec)
            marker = requirement.marker
            if marker is not None and not any(marker.evaluate({"extra": extra}) for extra in wanted or ("",)):
                continue
            key = _name(requirement.name)
            if key not in needed:
                needed.add(key)
                todo.append((requirement.name, tuple(sorted(requirement.extras))))
    return needed


def test_every_runtime_dependency_has_an_upper_bound():
    """A release of a dependency may change what closingdocs writes (holidays: a deadline)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    unbounded = [spec for spec in project["dependencies"]
                 if not any(s.operator in ("<", "<=", "==", "~=", "===") for s in Requirement(spec).specifier)]
    assert unbounded == []


def test_the_installed_versions_are_the_pinned_ones():
    """A drifted environment (a package upgraded by hand, an old .venv) fails here, naming each package."""
    installed = _installed()
    drift = [f"{name}: constraints.txt pins {version}, installed {installed.get(name, 'nothing')}"
             for name, version in sorted(_pins().items()) if installed.get(name) != version]
    assert drift == [], REGENERATE


def test_everything_closingdocs_and_its_tests_need_is_pinned():
    """A dependency added to pyproject.toml (or one a new release of another brings) without
    regenerating constraints.txt fails here."""
    needed = _needed("closingdocs", ("test",))
    assert {"weasyprint", "fonttools", "pydyf", "lxml", "holidays", "pydantic-core", "pytest"} <= needed
    assert sorted(needed - set(_pins())) == [], REGENERATE


def test_the_pins_are_read_as_pip_reads_them():
    assert _name("PyYAML") == _name("pyyaml") and _name("pydantic_core") == _name("Pydantic.Core") == "pydantic-core"
    pins = _pins()
    assert {"fonttools", "pydyf", "tinycss2", "cssselect2", "pyphen", "lxml", "pydantic-core"} <= set(pins)
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version) for version in pins.values())
