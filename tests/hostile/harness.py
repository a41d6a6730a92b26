"""Running one hostile case: a deal repository in a temporary folder, an output folder holding an
older set, the command run as `closingdocs` runs it, and what must (not) have happened."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.cli import main

from ..conftest import AMNIS, EXAMPLE, PREFERRED, line_of

OLD_SET = {
    "amnis-2003/closing": ["transfer-agent-instructions", "officers-certificate", "secretarys-certificate",
                           "press-release"],
    "amnis-2003-example/reserve-lists/2003-05": ["buyer-sds", "buyer-alpha", "buyer-bristol", "summary"],
}


@dataclass(frozen=True)
class Case:
    """One bad input or fault, and what closingdocs must do about it."""

    id: str
    command: tuple[str, ...]              # arguments; {deal} {example} {out} {tmp} are filled in
    exit: int                              # the exit status
    says: tuple[str, ...] = ()            # fragments of what is printed on stderr
    line: str | None = None               # text of the line the message must name as {deal}:<line>:
    edits: tuple[tuple[str, str], ...] = ()   # replacements in the deal file's text (each anchor unique)
    append: str = ""                       # text added at the end of the deal file (ledger entries)
    base: str = "amnis"                    # "amnis": {deal} is a copy of the Amnis deal; "example": of the example;
    #                                        "preferred": of the convertible preferred example
    prepare: Callable[[Path], None] | None = None    # more setup, given the temporary folder
    fault: Callable | None = None          # fault injection, given pytest's monkeypatch
    may_change: tuple[str, ...] = ()      # folders under {out} a healthy part of the run may write
    check: Callable | None = None          # more assertions, given the temporary folder
    marks: tuple = field(default=())


def prepare(case: Case, tmp: Path) -> dict[str, str]:
    """The deal repository and an output folder holding an older set; the placeholders' values."""
    data = tmp / "repo" / "deal_data"
    (data / "examples").mkdir(parents=True)
    shutil.copy(AMNIS, data / AMNIS.name)
    shutil.copy(EXAMPLE, data / "examples" / EXAMPLE.name)
    source = {"amnis": AMNIS, "example": EXAMPLE, "preferred": PREFERRED}[case.base]
    deal = data / "deal.yaml" if case.base == "amnis" else data / "examples" / "deal.yaml"
    text = source.read_text(encoding="utf-8")
    for old, new in case.edits:
        assert text.count(old) == 1, f"anchor {old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    if case.append:
        text = text.rstrip("\n") + "\n" + case.append + "\n"
    deal.write_text(text, encoding="utf-8")
    out = tmp / "out"
    for folder, slugs in OLD_SET.items():
        (out / folder).mkdir(parents=True)
        for slug in slugs:
            for ext in ("pdf", "docx"):
                (out / folder / f"{slug}.{ext}").write_bytes(f"old {slug}.{ext}".encode())
    values = {"deal": str(deal), "example": str(data / "examples" / EXAMPLE.name), "out": str(out),
              "tmp": str(tmp), "amnis": str(data / AMNIS.name)}
    if case.prepare:
        case.prepare(tmp)
    return values


def snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``root``, except under the ``skip`` folders."""
    out: dict[str, bytes | None] = {}
    if not root.exists():
        return out
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if any(rel == s or rel.startswith(s + "/") for s in skip):
            continue
        out[rel] = None if path.is_dir() and not path.is_symlink() else (
            b"-> " + str(path.readlink()).encode() if path.is_symlink() else
            path.read_bytes() if path.is_file() else b"(not a regular file)")   # a named pipe is not opened
    return out


def run_case(case: Case, tmp: Path, capsys, monkeypatch) -> tuple[int, str, str, dict]:
    values = prepare(case, tmp)
    before = snapshot(tmp / "out", case.may_change)
    if case.fault:
        case.fault(monkeypatch)
    code = main([part.format(**values) for part in case.command])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert code == case.exit, f"exit {code}, expected {case.exit}\nstdout: {out}\nstderr: {err}"
    assert "Traceback" not in out + err, err
    for fragment in case.says:
        assert fragment.format(**values) in err, f"{fragment!r} not in stderr:\n{err}"
    if case.line is not None:
        deal = Path(values["deal"])
        mark = f"{deal}:{line_of(deal.read_text(encoding='utf-8'), case.line)}:"
        assert mark in err, f"{mark} not in stderr:\n{err}"
    after = snapshot(tmp / "out", case.may_change)
    assert after == before, "the output folder changed"
    if case.check:
        case.check(tmp)
    return code, out, err, values
