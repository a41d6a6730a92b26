"""The documentation: the README a newcomer reads, and the reference in docs/ built with MkDocs.

Every `closingdocs ...` command shown in README.md or on a docs/ page is run here, from the repository's
top folder and into a fresh output folder, and must exit as its comment says (`# ... exit 4`; 0 when it
says nothing): once per command line, however many pages show it; the binder and collate with the real
writers (they read the set's PDFs back), the others with their documents made as text. The Commands page
names every option `--help` has, and the same exit statuses.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main, parser
from generator.errors import EXIT_CODE_MEANINGS

from .conftest import AMNIS, EXAMPLE, ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
PLACEHOLDER = "DEAL"                         # "closingdocs invoice DEAL ...": the example deal


@dataclass(frozen=True)
class DocCommand:
    page: Path
    line: int
    text: str                                # the command line, without its comment
    comment: str

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    def args(self) -> list[str]:
        words = shlex.split(self.text)[1:]
        return [str(EXAMPLE.relative_to(ROOT)) if w == PLACEHOLDER else w for w in words]

    def exits(self) -> set[int]:
        """The exit statuses its comment allows: `exit 4`, `exit 0 or 1`; 0 when it names none."""
        found = re.search(r"\bexit (\d+)(?: or (\d+))?", self.comment)
        return {int(n) for n in found.groups() if n} if found else {0}


def doc_commands(pages=PAGES) -> list[DocCommand]:
    """Every `closingdocs ...` line of a code block (indented or fenced) of the given pages."""
    commands = []
    for page in pages:
        fenced = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            text = line.strip()
            if (fenced or line.startswith("    ")) and text.startswith("closingdocs "):
                command, _, comment = text.partition("  #")
                commands.append(DocCommand(page, number, command.strip(), comment))
    return commands


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


# -- the README ---------------------------------------------------------------------------------------

def test_the_readme_is_a_short_page_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) < 200, f"README.md has {len(lines)} lines: move reference material into docs/"
    assert any(line.startswith("    make demo ") for line in lines)
    assert any(line.startswith("    make test ") for line in lines)
    assert "/work/" not in text and "/home/" not in text, "a path of a development machine"


def test_the_readmes_links_lead_to_files_of_the_repository():
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert len(targets) >= 8
    for target in targets:
        assert not target.startswith(("http:", "https:", "/")), target
        assert (ROOT / target).exists(), target


def test_the_readmes_deal_file_lines_are_the_sample_deals_first_lines():
    text = README.read_text(encoding="utf-8")
    block = text[text.index("```yaml\n") + len("```yaml\n"):]
    block = block[:block.index("```\n")]
    assert len(block.splitlines()) >= 10
    assert AMNIS.read_text(encoding="utf-8").startswith(block)


# -- the reference pages ------------------------------------------------------------------------------

def test_the_reference_builds_with_mkdocs_strict(tmp_path):
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (it is in the test extra: pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "commands" / "index.html").is_file()


def test_every_page_is_in_the_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert f": {page.name}\n" in config, f"{page.name} is not in mkdocs.yml's nav"


def _section(page: str, heading: str) -> str:
    start = page.index(f"\n## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start:end if end != -1 else None]


def test_the_commands_page_names_every_option_of_every_command():
    page = (DOCS / "commands.md").read_text(encoding="utf-8")
    common = _section(page, "Options every command takes") + _section(page, "Options of the commands that build documents")
    for name, sub in _subparsers().items():
        section = _section(page, name)
        options = {s for a in sub._actions for s in a.option_strings if s.startswith("--")}
        missing = sorted(o for o in options if f"`{o}" not in section and f"`{o}" not in common)
        assert not missing, f"docs/commands.md, {name}: not documented: {missing}"
        shown = set(re.findall(r"^\| `(--[a-z-]+)", section, re.MULTILINE))
        assert shown <= options, f"docs/commands.md, {name}: no such option: {sorted(shown - options)}"


def test_the_commands_page_has_the_exit_statuses_of_the_help():
    section = _section((DOCS / "commands.md").read_text(encoding="utf-8"), "Exit statuses")
    for code, meaning in EXIT_CODE_MEANINGS.items():
        assert f"| {int(code)} | {meaning} |" in section, f"exit status {int(code)}: as generator/errors.py says it"
    rows = re.findall(r"^\| (\d+) \|", section, re.MULTILINE)
    assert sorted(map(int, rows)) == sorted(map(int, EXIT_CODE_MEANINGS))


# -- every command shown ------------------------------------------------------------------------------

COMMANDS = doc_commands()


def test_the_pages_show_commands_of_every_kind():
    shown = {c.args()[0] for c in COMMANDS}
    assert shown == set(_subparsers()), f"commands shown nowhere: {sorted(set(_subparsers()) - shown)}"
    assert len([c for c in COMMANDS if c.page == README]) >= 3


# the commands whose documents are read back as PDFs (the binder merges the set's PDFs, collate places signed pages
# into them): made with the real writers; every other command's documents are made as text (their words, files
# and exit statuses are what is shown; tests/writers and tests/test_build.py hold the PDF and DOCX bytes)
READ_BACK = {"binder", "collate"}


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    output: Path                             # the fresh output folder it ran into


@pytest.fixture(scope="module")
def ran() -> dict[tuple[str, ...], Ran]:
    """Each command line run so far, by its words: a line shown on several pages (``closingdocs build
    deal_data/amnis-2003.yaml`` is on five) is run once into a fresh output folder, and each page's comment is
    checked against that run; the signed pages collate reads come from the binder command's run."""
    return {}


def _run(args: list[str], output: Path, ran: dict, capsys) -> Ran:
    """``closingdocs ARGS`` (its --output and --jobs 1 added where it takes them) run once into ``output``."""
    key = tuple(args)
    if key not in ran:
        options = {s for a in _subparsers()[args[0]]._actions for s in a.option_strings}
        args = list(args)
        if "--output" in options and "--output" not in args:
            args += ["--output", str(output)]
        if "--jobs" in options and "--jobs" not in args:
            args += ["--jobs", "1"]
        capsys.readouterr()
        code = main(args)
        out, err = capsys.readouterr()
        ran[key] = Ran(code, out, err, output)
    return ran[key]


def _signed(deal: str, flags: list[str], folder: Path, ran: dict, capsys) -> list[str]:
    """What the signers of ``deal`` returned: every signature page of the packets ``closingdocs binder DEAL
    [FLAGS]`` wrote, signed, shuffled into three files under ``folder`` (once per binder run)."""
    from .collate.signing import packets_signed, pdf_of, shuffled_into_files

    binder = _run(["binder", deal, *flags], folder / "binder" / "output", ran, capsys)
    assert binder.code == 0, binder.err
    signed_folder = folder / "signed"
    if not signed_folder.is_dir():
        pages = list(packets_signed(ROOT / deal, binder.output).values())
        signed_folder.mkdir(parents=True)
        for n, content in enumerate(shuffled_into_files(pages, files=3, seed=1) if len(pages) > 2 else [pdf_of(pages)]):
            (signed_folder / f"returned-{n + 1}.pdf").write_bytes(content)
    return sorted(str(p) for p in signed_folder.glob("*.pdf"))


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c.id for c in COMMANDS])
def test_each_command_shown_runs_as_its_comment_says(command, ran, built_into, tmp_path_factory, monkeypatch, capsys,
                                                     request):
    monkeypatch.chdir(ROOT)
    args = command.args()
    target = None
    if ">" in args:                      # `closingdocs schema > docs/deal.schema.json`: prints that file
        target = ROOT / args[args.index(">") + 1]
        args = args[:args.index(">")]
    args = [match for a in args for match in (sorted(glob.glob(a)) if "*" in a and a != "signed/*.pdf" else [a])]
    if "--against" in args:
        revision = args[args.index("--against") + 1]
        if subprocess.run(["git", "rev-parse", "--verify", "--quiet", revision], cwd=ROOT,
                          capture_output=True).returncode != 0:
            pytest.skip(f"not a git checkout with the revision {revision}")
    output = tmp_path_factory.mktemp("run") / "output"      # kept for the session: collate signs a binder's packets
    if args[0] == "verify":              # verify checks what a build wrote: the real set, built once per test process
        output, ran = built_into("closing", ROOT / args[1]), {}     # (before text_only: the set is shared)
    if args[0] not in READ_BACK:
        request.getfixturevalue("text_only")
    if args[0] == "collate" and "signed/*.pdf" in args:   # what the signers returned: the packets signed first
        flags = [a for a in args if a == "--final"]
        signed = _signed(args[1], flags, tmp_path_factory.getbasetemp() / "speed-docs-signed" / "-".join(
            [Path(args[1]).stem, *flags]), ran, capsys)
        args = [a for a in args if a != "signed/*.pdf"]
        args[2:2] = signed
    result = _run(args, output, ran, capsys)
    assert result.code in command.exits(), f"{command.id}: `{command.text}` exited {result.code}\n{result.err[-3000:]}"
    assert "Traceback" not in result.err
    if target is not None:
        assert result.out == target.read_text(encoding="utf-8"), \
            f"{target.relative_to(ROOT)} is not what `{command.text}` prints"
