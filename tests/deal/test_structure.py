"""The agreement's structure in the deal file: charter names by jurisdiction, and every structural mistake a
located error, all at once, nothing written."""
from __future__ import annotations

import subprocess
import sys

import pytest

from generator.deal.load import load
from generator.deal.validate import validate

from ..conftest import AMNIS, line_of, mutate
from ..deals import validated


def _deal(tmp_path, text):
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    return path


def test_charter_names_follow_the_state_unless_the_deal_names_them(tmp_path, amnis_text):
    assert validated(AMNIS, validate).company.charter_documents.name == "Certificate of Incorporation"
    nevada = validate(load(_deal(tmp_path, mutate(amnis_text, "  state: Delaware", "  state: Nevada"))))
    assert (nevada.company.charter_documents.name, nevada.company.charter_documents.bylaws) == (
        "Articles of Incorporation", "Bylaws")
    named = validate(load(_deal(tmp_path, mutate(amnis_text, "  entity_type: corporation\n",
                                                 "  entity_type: corporation\n  charter: {name: Charter, bylaws: "
                                                 "Regulations}\n"))))
    assert named.company.charter_documents.bylaws == "Regulations"


@pytest.mark.slow
def test_a_governing_law_clause_names_a_commonwealth_as_such(tmp_path, amnis_text):
    """Pennsylvania, Massachusetts, Virginia and Kentucky are Commonwealths; New York and Nevada are States."""
    assert validated(AMNIS, validate).agreement.governing_jurisdiction == "the State of New York"
    for state, name in [("Pennsylvania", "the Commonwealth of Pennsylvania"), ("Kentucky", "the Commonwealth of Kentucky"),
                        ("Massachusetts", "the Commonwealth of Massachusetts"), ("Virginia", "the Commonwealth of Virginia"),
                        ("Nevada", "the State of Nevada"), ("West Virginia", "the State of West Virginia")]:
        deal = validate(load(_deal(tmp_path, mutate(amnis_text, "  governing_law: New York", f"  governing_law: {state}"))))
        assert deal.agreement.governing_jurisdiction == name


def test_structural_mistakes_are_each_located_all_at_once_and_nothing_is_written(tmp_path, amnis_text):
    text = mutate(amnis_text, "    section: 4(h)\n", "\n")                         # a covenant without its section
    text = mutate(text, "  representations: 3(z)", "  information_statement_deadline: 2003-08-31\n"
                  "  representations: 3(z)")                                      # a parameter without its covenant
    text = mutate(text, "day_count: actual/365 ", "day_count: actual/366 ")      # an unknown day count
    text = mutate(text, "maturity_date: 2005-05-09", "maturity_date: 2003-05-01")  # maturity before closing
    deal = _deal(tmp_path, text)
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(deal), "--output", str(tmp_path / "o")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    err = result.stderr
    assert f"{deal}:" in err and "covenants.share_reserve.section: required fact is missing" in err
    assert f":{line_of(text, 'information_statement_deadline: 2003-08-31')}:" in err and "unknown key" in err
    assert "securities.convertible.day_count" in err and "actual/366" in err
    assert "maturity date 2003-05-01 is not after the closing date" in err
    assert not (tmp_path / "o").exists()


def test_a_ledger_entry_for_a_covenant_the_deal_does_not_have_is_refused(tmp_path):
    from ..conftest import ROOT
    sierra = (ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml").read_text()
    text = sierra + "  - {date: 2024-10-01, event: information_statement_filed}\n"
    result = subprocess.run([sys.executable, "-m", "generator", "check", str(_deal(tmp_path, text))],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "covenants.stockholder_approval" in result.stderr and "does not have" in result.stderr
