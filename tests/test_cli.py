"""The command line as a paralegal and cron see it: messages, exit codes, no tracebacks."""
from __future__ import annotations

import subprocess
import sys

import pytest

from generator.cli import main

from .conftest import AMNIS, closing_set_files, line_of, mutate

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd)


def test_check_reports_ok_for_the_amnis_deal(capsys):
    assert main(["check", str(AMNIS)]) == 0
    assert "OK" in capsys.readouterr().out


def test_bad_data_gives_every_problem_exit_2_no_traceback_and_writes_nothing(tmp_path, amnis_text):
    text = mutate(amnis_text, "principal: 500000", "principal: lots")
    text = mutate(text, "id: amnis-2003", "id: ../escape")
    deal = tmp_path / "bad.yaml"
    deal.write_text(text)
    result = run("build", deal, "--output", tmp_path / "out")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{deal}:" in result.stderr and "buyers[0].principal" in result.stderr and " id:" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_final_build_refuses_pending_facts_with_exit_4(tmp_path, capsys):
    assert main(["build", str(AMNIS), "--final", "--output", str(tmp_path / "out")]) == 4
    stderr = capsys.readouterr().err
    assert "transfer_agent.name" in stderr and "still to be confirmed" in stderr
    assert "(24)" in stderr      # 15 TBC, the maturity date, the inferred price and how the board adopted;
    #                                    the Buyers' signatories still TBC (3) and the escrow agent and its signatory (3)
    assert "securities.convertible.maturity_date" in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_draft_build_writes_the_set_and_lists_pending_facts(tmp_path, capsys):
    assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1", "--verbose"]) == 0
    captured = capsys.readouterr()
    assert f"{closing_set_files(AMNIS)} file(s) written" in captured.out   # the closing set, its signature pages and
    #                                            the checklist (PDF, DOCX, CSV), deadlines.ics, index.html, manifest.json
    agent_line = line_of(AMNIS.read_text(), "TBC: the Company's transfer agent")
    # the facts these documents print: the transfer agent (4), the Secretary, the resolutions date, and
    # the press release's contact (3), use of proceeds, quote and description, and the material terms it states
    # that are TBC (the Warrants' exercise price and expiry, the collateral); listed under their file; and the
    # facts with a source not yet confirmed: the maturity date, the inferred Conversion Price (the release and
    # the Reserved Amount) and how the board adopted the resolutions; on the signature pages, the Buyers' signatories still TBC (3) and the escrow agent and its signatory (3)
    assert "DRAFT: 24 fact(s)" in captured.err
    assert "amnis-2003.yaml:\n" in captured.err
    assert f"    line {agent_line}: transfer_agent.name: the Company's transfer agent" in captured.err
    assert "securities.warrants.exercise_price" in captured.err
    # by default, one line: how many, in which file
    assert main(["build", str(AMNIS), "--output", str(tmp_path), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DRAFT: 24 fact(s)" in err and "amnis-2003.yaml (24)" in err
    assert sorted(p.name for p in (tmp_path / "amnis-2003" / "closing").iterdir() if p.is_file()) == [
        "checklist.csv", "checklist.docx", "checklist.pdf", "officers-certificate.docx", "officers-certificate.pdf", "press-release-cover.docx", "press-release-cover.pdf",
        "press-release.docx", "press-release.pdf",
        "secretarys-certificate.docx",
        "secretarys-certificate.pdf", "transfer-agent-instructions.docx", "transfer-agent-instructions.pdf"]


def test_a_broken_template_exits_3(deal_repo, capsys):
    (deal_repo / "templates" / "base.html.j2").write_text("<html><body>{% block content %}</body></html>")
    code = main(["build", str(deal_repo / "deal_data" / "amnis-2003.yaml"), "--output", str(deal_repo / "out")])
    stderr = capsys.readouterr().err
    assert code == 3, stderr
    assert "template error" in stderr and "base.html.j2" in stderr and "Traceback" not in stderr


def test_a_mistyped_command_is_named_with_the_one_meant(capsys):
    assert main(["buidl", "deal.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: closingdocs [-h]") and err.rstrip().endswith("; did you mean 'build'?")


def test_a_wrong_flag_after_a_command_gives_that_commands_usage_and_the_flag_meant(capsys):
    assert main(["build", "deal.yaml", "--finall"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: closingdocs build [-h]")
    assert err.splitlines()[-1] == "closingdocs build: error: unrecognized arguments: --finall; did you mean '--final'?"
    assert main(["reserve-list", "deal.yaml", "--month", "2003-06", "--chnages", "--zzz"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: closingdocs reserve-list [-h]")
    assert err.splitlines()[-1].endswith("--chnages --zzz; for --chnages did you mean '--changes'?")


def test_a_commands_flag_before_the_command_says_where_it_goes(capsys):
    assert main(["--verbos", "build", "deal.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: closingdocs build [-h]")
    assert err.splitlines()[-1] == ("closingdocs build: error: unrecognized arguments: --verbos; did you mean "
                                    "'--verbose'? (a command's options go after it)")


def test_quiet_and_verbose_are_listed_in_their_group_in_help(capsys):
    assert main(["build", "--help"]) == 0
    out = capsys.readouterr().out
    group = out[out.index("output on the terminal:"):out.index("example:")]
    assert "-q, --quiet" in group and "-v, --verbose" in group and "--debug" in group
    assert "-q, --quiet" not in out[:out.index("output on the terminal:")].split("options:", 1)[1]


def test_a_misspelt_key_is_one_error_naming_the_key_meant(tmp_path, amnis_text, capsys):
    deal = tmp_path / "typo.yaml"
    deal.write_text(mutate(amnis_text, "closing_date: 2003-05-09", "closng_date: 2003-05-09"))
    code = main(["check", str(deal)])
    stderr = capsys.readouterr().err
    assert code == 2 and "Traceback" not in stderr
    assert "closng_date: unknown key 'closng_date': did you mean 'closing_date'?" in stderr
    assert "closing_date: required fact is missing" not in stderr
