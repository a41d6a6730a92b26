"""`closingdocs diff`: the facts that changed, the figures and dates they move, the documents whose words
change; exit 0 (nothing), 1 (something), 2 (bad input); --against a git revision."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

from ..conftest import AMNIS, EXAMPLE, ROOT, mutate

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def bigger_sds(text: str) -> str:
    """SDS's principal (and its purchase price and the aggregate) up by $50,000, with every figure the deal file
    types for them (the release's headline, the s.3(c) shares to reserve on approval): a set that agrees with
    itself."""
    text = stale_sds(text)
    text = mutate(text, "Completes $1,000,000 Private Placement", "Completes $1,050,000 Private Placement")
    return mutate(text, "reserve_on_approval: 295714286", "reserve_on_approval: 310000000")


def bigger_example(text: str) -> str:
    """The example deal over a base where SDS bought $550,000: its closing statement's net proceeds $50,000 more
    (its funds flow must add up: the wires less what was paid out of them)."""
    return mutate(text, "  net_proceeds: 872500\n", "  net_proceeds: 922500\n")


def stale_sds(text: str) -> str:
    """SDS's principal, purchase price and the aggregate up by $50,000, the headline and s.3(c)'s figure not."""
    text = mutate(text, "    principal: 500000\n", "    principal: 550000\n")
    text = mutate(text, "    purchase_price: 500000\n", "    purchase_price: 550000\n")
    return mutate(text, "    aggregate_principal: 1000000\n", "    aggregate_principal: 1050000\n")


@pytest.fixture
def changed_example(tmp_path) -> Path:
    """The example deal (with its ledger) over a base file where SDS bought $550,000."""
    (tmp_path / "deal_data" / "examples").mkdir(parents=True)
    (tmp_path / "deal_data" / "amnis-2003.yaml").write_text(bigger_sds(AMNIS.read_text()))
    (tmp_path / "deal_data" / "examples" / EXAMPLE.name).write_text(bigger_example(EXAMPLE.read_text()))
    return tmp_path / "deal_data" / "examples" / EXAMPLE.name


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("deal", [AMNIS, EXAMPLE, SIERRA], ids=["amnis", "example", "sierra"])
def test_an_unchanged_pair_reports_nothing_and_exits_0(deal, capsys):
    assert run(capsys, deal, deal) == (0, "", "")
    code, out, _ = run(capsys, deal, deal, "--json")
    report = json.loads(out)
    assert code == 0 and report["changed"] is False and report["facts"] == report["figures"] == []
    assert {d["status"] for d in report["documents"]} == {"same"}


def test_one_buyers_principal_moves_every_figure_and_document(changed_example, capsys):
    code, out, err = run(capsys, EXAMPLE, changed_example)
    assert code == 1 and err == ""
    facts = out[out.index("Facts that changed"):out.index("Figures and dates")]
    assert "buyers[0].principal: 500000 -> 550000   (deal_data/amnis-2003.yaml:73 -> " in facts
    assert "securities.convertible.aggregate_principal: 1000000 -> 1050000" in facts
    assert "press_release.headline: Amnis Systems Inc. Completes $1,000,000 " in facts
    assert "covenants.stockholder_approval.reserve_on_approval: 295714286 -> 310000000" in facts
    assert "funds_flow.net_proceeds: 872500 -> 922500   (line 50 -> line 50)" in facts
    assert facts.count("\n  ") == 6
    # Reserved Amounts, the allocation of the reserve among all three Buyers, damages
    for line in ("    buyers[sds].reserved_amount: 147,857,144 -> 162,142,858",
                 "    aggregate.reserved_amount: 295,714,286 -> 310,000,000",
                 "    buyers[alpha].authorized_and_reserved: 7,000,000 -> 6,677,419",
                 "    buyers[bristol].authorized_and_reserved: 3,000,000 -> 2,861,751",
                 "    liquidated_damages_total.per_buyer.sds: 297,706.75 -> 331,319.41"):
        assert line in out
    assert "  closing (2003-05-09):" in out and "  as of 2004-03-10:" in out
    changed = out[out.index("Documents whose words change"):out.index("Documents that do not change")]
    assert "closing/transfer-agent-instructions" in changed and "closing/press-release " in changed
    assert "reserve-lists/2003-08/buyer-sds" in changed and "reserve-lists/2003-08/summary" in changed
    assert "closing/officers-certificate" in changed      # it states the Reserved Amount to be reserved on approval
    unchanged = out[out.index("Documents that do not change"):]
    assert "closing/secretarys-certificate" in unchanged


def test_the_json_report_says_the_same(changed_example, capsys):
    code, out, _ = run(capsys, EXAMPLE, changed_example, "--json")
    report = json.loads(out)
    assert code == 1 and report["changed"] is True
    assert report["facts"][0] == {"path": "buyers[0].principal", "kind": "changed", "old": 500000, "new": 550000,
                                  "old_at": "deal_data/amnis-2003.yaml:73",
                                  "new_at": report["facts"][0]["new_at"]}
    assert report["facts"][0]["new_at"].endswith("deal_data/amnis-2003.yaml:73")
    moved = {(f["moment"], f["path"]): (f["old"], f["new"]) for f in report["figures"]}
    assert moved["closing", "buyers[sds].reserved_amount"] == (147857144, 162142858)
    assert moved["as of 2004-03-10", "liquidated_damages_total.total"] == ("569936.16", "603548.82")
    documents = {d["slug"]: d for d in report["documents"] if d["folder"] == "closing"}
    assert documents["transfer-agent-instructions"]["status"] == "changed"
    assert documents["transfer-agent-instructions"]["paragraphs_changed"] == 7
    assert documents["officers-certificate"]["status"] == "changed"     # the Reserved Amount it states


def test_a_set_that_disagrees_with_itself_is_reported_and_exits_11(tmp_path, capsys):
    # issue 18: one Buyer's principal raised, the headline and s.3(c)'s figure typed in the deal file left as
    # they were: the report is printed, then each mismatch of NEW's set (none of OLD's), and exit 11 as build
    (tmp_path / "deal_data" / "examples").mkdir(parents=True)
    stale = tmp_path / "deal_data" / "amnis-2003.yaml"
    stale.write_text(stale_sds(AMNIS.read_text()))
    code, out, err = run(capsys, AMNIS, stale, "--redline", "--output", tmp_path / "out")
    assert code == 11 and "Facts that changed (3)" in out
    assert "the documents of a compared set do not agree (2); nothing was written" in err
    assert f"NEW ({stale}): figure: press-release, paragraph" in err
    assert "Completes $1,000,000 Private Placement" in err and "OLD (" not in err
    assert "the aggregate principal amount is $1,050,000, not $1,000,000" in err
    assert "reserve_on_approval" in err and not (tmp_path / "out").exists()     # no blackline written
    code, out, _ = run(capsys, AMNIS, stale, "--json")
    mismatches = json.loads(out)["mismatches"]
    assert code == 11 and {m["side"] for m in mismatches} == {"NEW"} and len(mismatches) == 2
    assert {m["kind"] for m in mismatches} == {"figure"} and mismatches[0]["file"] == str(stale)
    # either side: the stale file as OLD is named OLD
    code, _, err = run(capsys, stale, AMNIS)
    assert code == 11 and f"OLD ({stale}): figure:" in err and "NEW (" not in err


def test_a_later_closing_date_moves_the_press_release_and_the_lists(tmp_path, capsys):
    later = tmp_path / "later.yaml"
    text = mutate(AMNIS.read_text(), "closing_date: 2003-05-09", "closing_date: 2003-06-02")
    later.write_text(mutate(text, "  - date: 2003-05-09\n    event: reserve", "  - date: 2003-06-02\n    event: reserve"))
    code, out, _ = run(capsys, AMNIS, later)
    assert code == 1
    assert "    press_release_due: 2003-05-12 -> 2003-06-03" in out
    assert "    reserve_lists[2003-05]: {month: 2003-05, as_of: 2003-05-31, due: 2003-06-06} -> (none)" in out
    assert "closing_date: 2003-05-09 -> 2003-06-02   (line 25 -> line 25)" in out
    changed = out[out.index("Documents whose words change"):out.index("Documents that do not change")]
    # every closing document bears the closing date (a signature page of an agreement dated before it does not)
    for slug in ("transfer-agent-instructions", "officers-certificate", "secretarys-certificate", "press-release",
                 "press-release-cover"):
        assert f"  closing/{slug}  " in changed
    assert "securities-purchase-agreement" not in changed


def test_the_sierra_deal_compares_too(tmp_path, capsys):
    changed = tmp_path / "sierra.yaml"
    text = SIERRA.read_text()
    changed.write_text(mutate(text, "closing_date: 2024-08-30", "closing_date: 2024-08-29"))
    code, out, _ = run(capsys, SIERRA, changed)
    assert code == 1 and "    press_release_due: 2024-09-04 -> 2024-09-03" in out
    # the reservation the ledger dates at the old closing has not been made at the new one
    assert "    buyers[brevent].authorized_and_reserved: 2,291,664 -> 0" in out


@pytest.mark.parametrize("args, message", [
    ([AMNIS], "give two deal files"),
    ([AMNIS, AMNIS, "--against", "HEAD"], "give one deal file"),
    ([AMNIS, "--against", "no-such-revision"], "not a revision"),
    ([AMNIS, "--against=-p"], "not a revision"),
    ([AMNIS, "/no/such/deal.yaml"], "cannot read the deal file"),
])
def test_bad_input_exits_2(args, message, capsys):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_an_unexpected_error_exits_2_not_1(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("generator.compare.pipeline.compare", boom)
    code, out, err = run(capsys, AMNIS, AMNIS)
    assert code == 2 and "RuntimeError: boom" in err


# -- against a git revision ------------------------------------------------------------------------------
def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A document repository in git: the Amnis file and the example extending it, committed and tagged."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "deal_data" / "examples").mkdir(parents=True)
    shutil.copy(AMNIS, tmp_path / "deal_data" / "amnis-2003.yaml")
    shutil.copy(EXAMPLE, tmp_path / "deal_data" / "examples" / EXAMPLE.name)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first draft")
    git(tmp_path, "tag", "v1-draft")
    return tmp_path


def test_against_a_revision(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    deal = Path("deal_data/amnis-2003.yaml")
    assert run(capsys, deal, "--against", "HEAD") == (0, "", "")
    deal.write_text(bigger_sds(deal.read_text()))
    code, out, _ = run(capsys, deal, "--against", "v1-draft")
    assert code == 1 and out.startswith("closingdocs diff: v1-draft:deal_data/amnis-2003.yaml -> "
                                        "deal_data/amnis-2003.yaml\n")
    git(repo, "commit", "-qam", "SDS takes more")
    assert run(capsys, deal, "--against", "HEAD")[0] == 0
    code, out, _ = run(capsys, deal, "--against", "HEAD~1", "--json")
    assert code == 1 and json.loads(out)["facts"][0]["old_at"] == "HEAD~1:deal_data/amnis-2003.yaml:73"


def test_against_a_revision_reads_the_file_it_extends_at_that_revision(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    base = Path("deal_data/amnis-2003.yaml")
    base.write_text(bigger_sds(base.read_text()))
    example = Path("deal_data/examples") / EXAMPLE.name
    example.write_text(bigger_example(example.read_text()))
    code, out, _ = run(capsys, Path("deal_data/examples") / EXAMPLE.name, "--against", "HEAD")
    assert code == 1
    assert "buyers[0].principal: 500000 -> 550000   (HEAD:deal_data/amnis-2003.yaml:73 -> " \
           "deal_data/amnis-2003.yaml:73)" in out


def test_a_revision_with_bad_data_is_reported_as_that_revision(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    deal = Path("deal_data/amnis-2003.yaml")
    good = deal.read_text()
    deal.write_text(good.replace("    principal: 500000\n", "    principal: lots\n"))
    git(repo, "commit", "-qam", "broken")
    deal.write_text(good)
    code, out, err = run(capsys, deal, "--against", "HEAD")
    assert code == 2 and "HEAD:deal_data/amnis-2003.yaml:73:" in err and "closingdocs-diff-" not in err
    assert run(capsys, Path("deal_data/nope.yaml"), "--against", "HEAD")[0] == 2
