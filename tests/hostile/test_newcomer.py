"""The newcomer's path: help for every argument, an example at the end of each --help, --version, one
draft/final convention, the TBC list once per run, --quiet and --verbose, progress on a terminal, and
the README's and docs/ pages' commands as written."""
from __future__ import annotations

import argparse
import re
import shlex

import pytest

from generator.cli import main, parser
from generator.commands import COMMANDS

from ..conftest import AMNIS, EXAMPLE, ROOT, closing_set_files, confirmed_example, mutate

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

BUILDING = ["binder", "build", "collate", "due", "expenses", "invoice", "memorandum", "reserve-list"]
REQUIRED = {"build": [], "binder": [], "collate": ["signed.pdf"], "memorandum": [], "reserve-list": ["--month", "2003-06"], "invoice": ["--breach", "x"],
            "expenses": ["--invoice", "x", "--through", "2003-07-01"], "due": [], "check": [],
            "figures": ["--as-of", "2003-05-09"]}


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_argument_and_option_has_help_text():
    missing = [f"{name} {a.dest}" for name, sub in _subparsers().items() for a in sub._actions
               if not a.help or a.help == argparse.SUPPRESS]
    assert missing == []


@pytest.mark.parametrize("command", [c.NAME for c in COMMANDS])
def test_each_commands_help_ends_with_an_example(command, capsys):
    assert main([command, "--help"]) == 0
    text = capsys.readouterr().out.rstrip()
    tail = text[text.rindex("example:"):].splitlines()
    assert tail[0] == "example:" and all(line.startswith("  closingdocs ") for line in tail[1:]), text


def test_version(capsys):
    assert main(["--version"]) == 0
    assert re.fullmatch(r"closingdocs \d+\.\d+\.\d+\n", capsys.readouterr().out)


def test_the_building_commands_are_the_ones_that_take_draft_and_final():
    assert sorted(name for name, sub in _subparsers().items()
                  if any("--final" in a.option_strings for a in sub._actions) and name != "check") == BUILDING


@pytest.mark.parametrize("command", BUILDING)
def test_every_building_command_makes_a_draft_unless_final(command):
    args = [command, "deal.yaml", *REQUIRED[command]]
    assert parser().parse_args(args).final is False
    assert parser().parse_args(args + ["--final"]).final is True
    assert parser().parse_args(args + ["--draft"]).final is False


def test_draft_and_final_together_are_refused(capsys):
    assert main(["build", "deal.yaml", "--draft", "--final"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_quiet_prints_nothing_and_verbose_everything(tmp_path, capsys):
    assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1", "--verbose"]) == 0
    out, err = capsys.readouterr()
    assert "up to date" in out                            # the second build had nothing to do: it says so,
    assert out.count("  unchanged ") == closing_set_files(AMNIS) - 1 and "templates: the built-in ones" in out   # and lists each file
    # each fact still to be confirmed that the set prints or derives a figure from: 15 TBC, the maturity date,
    # the inferred Conversion Price and how the board adopted the resolutions; the Buyers' signatories still TBC (3) and the escrow agent and its signatory (3)
    assert err.count("line ") == 24


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_the_tbc_list_is_printed_once_per_run_grouped_by_file(tmp_path, capsys):
    """`due --draft` over two deals and several months: one list, each file once, each fact once."""
    deal = tmp_path / "deal_data" / "other.yaml"
    deal.parent.mkdir()
    deal.write_text(mutate(AMNIS.read_text(), "id: amnis-2003", "id: other-2003")
                    .replace("attention: Scott Derby", 'attention: "TBC: SDS contact"'))
    code = main(["due", str(deal), str(EXAMPLE), "--today", "2003-08-10", "--output", str(tmp_path / "out"),
                 "--jobs", "1", "--draft", "--verbose"])
    assert code == 6   # the example's July list is overdue
    err = capsys.readouterr().err
    assert err.count("DRAFT:") == 1
    assert err.count("other.yaml:\n") == 1
    assert err.count("buyers[0].notice.attention") == 1


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_due_shows_progress_on_a_terminal_and_nothing_extra_otherwise(tmp_path, capsys, monkeypatch):
    example = confirmed_example(tmp_path / "deal_data")      # final lists: the facts they rely on confirmed
    args = ["due", str(example), "--today", "2003-07-10", "--output", str(tmp_path / "a"), "--jobs", "1", "--final"]
    assert main(args) == 0
    # as cron runs it: only the warning that the interest due June 30 was not paid to two Buyers, no progress
    warning = capsys.readouterr().err
    assert warning.startswith("closingdocs: INTEREST NOT PAID") and warning.count("\n") == 1 and "\r" not in warning
    import sys
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["due", str(example), "--today", "2003-07-10", "--output", str(tmp_path / "b"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "\rdue: 0/2 deal-month(s)" in err and "\rdue: 2/2 deal-month(s)" in err
    assert err.endswith("\r\x1b[K" + warning)      # the progress line cleared before the warning


def _readme_commands() -> list[list[str]]:
    """Every `closingdocs ...` command line of the README's and the docs/ pages' code blocks (tests/test_docs.py
    runs each of them too), without a redirection of its output."""
    from ..test_docs import doc_commands

    commands = []
    for command in doc_commands():
        args = shlex.split(command.text)[1:]
        commands.append(args[:args.index(">")] if ">" in args else args)
    return commands


def test_the_readmes_commands_parse_and_name_files_of_a_clone():
    commands = _readme_commands()
    assert len(commands) >= 10
    for args in commands:
        args = [a.replace("DEAL", str(EXAMPLE)) if a == "DEAL" else a for a in args]
        parsed = parser().parse_args(args)
        for path in [getattr(parsed, "deal", None), *getattr(parsed, "deals", [])]:
            if path is not None and "*" not in str(path):
                assert (ROOT / path).is_file() or path == EXAMPLE, path


def test_unexpected_errors_give_one_line_and_debug_gives_the_traceback(tmp_path, capsys, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")
    monkeypatch.setattr("generator.build.render_all", boom)
    assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: boom second line" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1", "--debug"])


def test_check_counts_the_tbc_facts_and_lists_them_with_verbose(capsys):
    assert main(["check", str(AMNIS)]) == 0
    out, err = capsys.readouterr()
    tbc = sum('"TBC: ' in line and not line.lstrip().startswith("#") for line in AMNIS.read_text().splitlines())
    #     each value the file writes "TBC: ..."
    assert tbc == 43
    assert "OK" in out and err.startswith(f"{tbc} fact(s) are still marked TBC") and err.count("\n") == 2
    assert "6 fact(s) are given with a source not yet confirmed" in err
    assert main(["check", str(AMNIS), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert err.count("    line ") == tbc + 6 and "DRAFT" not in err
