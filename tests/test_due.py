"""`closingdocs due`, as cron runs it."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.output import DealLock

from .conftest import AMNIS, EXAMPLE, ROOT, confirmed_example
from .processes import spawn

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*.*")) if p.is_file()
            and not p.name.endswith(".lock")}


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_due_builds_every_ended_month_once_and_reports_overdue_lists(tmp_path, capsys):
    code = main(["due", str(EXAMPLE), "--today", "2003-09-10", "--output", str(tmp_path), "--jobs", "1", "--draft"])
    out, err = capsys.readouterr()
    assert "amnis-2003-example: built reserve lists for 2003-05, 2003-06, 2003-07, 2003-08" in out
    folder = tmp_path / "amnis-2003-example" / "reserve-lists"
    assert sorted(p.name for p in folder.iterdir()) == ["2003-05", "2003-06", "2003-07", "2003-08"]
    assert sorted(p.name for p in (folder / "2003-06").iterdir()) == sorted(
        f"{slug}.{ext}" for slug in ("buyer-sds", "buyer-alpha", "buyer-bristol", "summary", "summary-working-copy")
        for ext in ("pdf", "docx"))
    # only August is past due (September 8) and not recorded as delivered
    assert code == 6
    assert err.count("OVERDUE") == 1 and "August 2003 was due September 8, 2003" in err
    # the interest due June 30 was paid to SDS only
    assert ("INTEREST NOT PAID amnis-2003-example: the interest on the Debentures due June 30, 2003 is not recorded "
            "as paid in full to Alpha Capital Aktiengesellschaft ($5,983.56 accrued to that day), Bristol") in err

    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*.*")}
    code = main(["due", str(EXAMPLE), "--today", "2003-09-10", "--output", str(tmp_path), "--jobs", "1", "--draft"])
    out, err = capsys.readouterr()
    assert out == "" and code == 6
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*.*")} == before


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_due_is_quiet_when_nothing_is_owed_or_late(tmp_path, capsys):
    example = confirmed_example(tmp_path / "deal_data")      # final lists: every fact they rely on confirmed
    assert main(["due", str(example), "--today", "2003-06-05", "--output", str(tmp_path), "--jobs", "1", "--final"]) == 0
    out, err = capsys.readouterr()
    assert "built reserve lists for 2003-05" in out and err == ""
    assert main(["due", str(example), "--today", "2003-06-06", "--output", str(tmp_path), "--jobs", "1", "--final"]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_a_list_is_late_the_day_after_it_is_due(tmp_path, capsys):
    # May 2003's list is due June 6 for the real deal, which records no delivery
    assert main(["due", str(AMNIS), "--today", "2003-06-06", "--output", str(tmp_path), "--jobs", "1", "--draft"]) == 0
    capsys.readouterr()
    assert main(["due", str(AMNIS), "--today", "2003-06-07", "--output", str(tmp_path), "--jobs", "1", "--draft"]) == 6
    assert "May 2003 was due June 6, 2003" in capsys.readouterr().err


def _at_the_lock(child, folder) -> bool:
    """``child`` holds ``folder`` open: it has reached the deal's lock (DealLock opens the folder, then flocks it)."""
    fds = Path(f"/proc/{child.pid}/fd")
    for fd in (fds.iterdir() if fds.is_dir() else ()):
        try:
            if os.readlink(fd) == str(folder):
                return True
        except OSError:       # closed while we looked
            pass
    return False


@pytest.mark.usefixtures("text_only")   # the lock between two real processes is the subject, not PDF or DOCX bytes
def test_runs_wait_for_the_deal_lock_then_write_each_list_once_and_completely(tmp_path, capsys):
    """Two runs start while the deal folder's lock is held (as by a run already under way): neither
    writes anything until it is released; then one builds every list and the other finds them built.
    The runs are real processes making their documents as text (tests/text_run.py), like the
    run alone they are compared with."""
    today = ("--today", "2003-09-10")
    started = time.monotonic()
    assert main(["due", str(EXAMPLE), *today, "--output", str(tmp_path / "ref"), "--jobs", "1", "--draft"]) == 6
    took = time.monotonic() - started
    alone = capsys.readouterr().out
    assert "built reserve lists for 2003-05, 2003-06, 2003-07, 2003-08" in alone

    out = tmp_path / "out"
    folder = out / "amnis-2003-example"
    folder.mkdir(parents=True)
    lock = DealLock(folder, timeout=0).acquire()             # the lock every writer takes (generator/output.py)
    held = True
    runs = []

    def still_waiting():
        assert [r.poll() for r in runs] == [None, None], "a run finished while another held the deal's lock"
        assert _files(out) == {} and not list(out.rglob("*.tmp"))

    try:
        args = [sys.executable, "-m", "tests.text_run", "due", str(EXAMPLE), *today, "--output", str(out)]
        runs = [spawn(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(2)]
        # until both runs have reached the lock (where /proc shows it; else as long as starting one takes) ...
        reached_by = time.monotonic() + (60 if Path("/proc/self/fd").is_dir() else 3)
        while not all(_at_the_lock(r, folder) for r in runs) and time.monotonic() < reached_by:
            still_waiting()
            time.sleep(0.02)
        assert all(_at_the_lock(r, folder) for r in runs) or not Path("/proc/self/fd").is_dir()
        # ... then twice as long as a whole run took on its own: unblocked, they would have written their lists by now
        held_until = time.monotonic() + max(1.0, 2 * took)
        while time.monotonic() < held_until:
            still_waiting()
            time.sleep(0.05)
        still_waiting()
        lock.release()
        held = False
        results = [r.communicate(timeout=120) for r in runs]
    finally:
        if held:
            lock.release()
        for r in runs:
            if r.poll() is None:
                r.kill()
                r.communicate()

    assert [r.returncode for r in runs] == [6, 6], [err for _, err in results]
    outs = sorted(out for out, _ in results)
    assert outs[0] == ""                                    # the second run found every list built
    assert outs[1] == alone                                 # the first built each of the four months once
    assert all(err.count("OVERDUE") == 1 for _, err in results)
    assert _files(out) == _files(tmp_path / "ref")
    assert not list(out.rglob("*.tmp"))


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_one_bad_deal_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(AMNIS.read_text().replace("principal: 500000", "principal: lots"))
    code = main(["due", str(bad), str(EXAMPLE), "--today", "2003-06-10", "--output", str(tmp_path / "out"), "--jobs", "1",
                 "--draft"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "buyers[0].principal" in err and "Traceback" not in err
    assert "amnis-2003-example: built reserve lists for 2003-05" in out


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_due_refuses_to_deliver_a_list_with_facts_still_to_be_confirmed(tmp_path, capsys):
    # the deal with its sources confirmed (its lists' figures rely on none still open), and one fact a list prints TBC
    confirmed = confirmed_example(tmp_path / "deal_data").parent.parent / AMNIS.name
    deal = tmp_path / "deal.yaml"
    deal.write_text(confirmed.read_text().replace("attention: Scott Derby", 'attention: "TBC: SDS contact"'))
    # as cron runs it
    assert main(["due", str(deal), "--today", "2003-06-05", "--output", str(tmp_path / "out"), "--jobs", "1",
                 "--final"]) == 4
    assert "buyers[0].notice.attention" in capsys.readouterr().err
    assert not list((tmp_path / "out").rglob("*.pdf"))
    # a draft unless --final
    assert main(["due", str(deal), "--today", "2003-06-05", "--output", str(tmp_path / "out"), "--jobs", "1"]) == 0
    assert list((tmp_path / "out").rglob("*.pdf"))
    assert "DRAFT: 1 fact(s)" in capsys.readouterr().err


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_a_delivery_recorded_for_a_later_day_does_not_silence_an_earlier_run(tmp_path, capsys):
    # July 2003's list was due August 7 and is recorded as delivered on August 12: a run on August 10
    # reports it overdue, as it was that day; a run on August 12 does not
    assert main(["due", str(EXAMPLE), "--today", "2003-08-10", "--output", str(tmp_path), "--jobs", "1"]) == 6
    err = capsys.readouterr().err
    assert err.count("OVERDUE") == 1 and "July 2003 was due August 7, 2003" in err
    assert main(["due", str(EXAMPLE), "--today", "2003-08-12", "--output", str(tmp_path), "--jobs", "1"]) == 0
    assert "OVERDUE" not in capsys.readouterr().err


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
def test_json_reports_the_run_for_monitoring(tmp_path, capsys):
    import json

    code = main(["due", str(EXAMPLE), "--today", "2003-09-10", "--output", str(tmp_path), "--jobs", "1", "--json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == report["exit_status"] == 6
    assert report["built"] == {"amnis-2003-example": ["2003-05", "2003-06", "2003-07", "2003-08"]}
    (late,) = report["overdue"]
    assert (late["month"], late["due"]) == ("2003-08", "2003-09-08") and late["message"] in err
    assert len(report["interest_not_paid"]) == 1 and report["interest_not_paid"][0] in err   # June 30, 2003
    assert report["errors"] == [] and report["past_maturity"] == [] and report["deals"] == ["amnis-2003-example"]
    # a bad deal beside it: reported with its exit status, the other deal's work still listed
    bad = tmp_path / "bad.yaml"
    bad.write_text(AMNIS.read_text().replace("principal: 500000", "principal: lots"))
    assert main(["due", str(bad), str(EXAMPLE), "--today", "2003-09-10", "--output", str(tmp_path), "--jobs", "1",
                 "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["exit_status"] == 2 and report["errors"][0]["file"] == str(bad)
    assert "buyers[0].principal" in report["errors"][0]["message"] and report["overdue"]


@pytest.mark.usefixtures("text_only")   # words, files and messages: no PDF or DOCX bytes read
@pytest.mark.parametrize("lists_start, built, code", [
    (None, "2024-07, 2024-08", 6),                 # the one-day closing month owes a list, never delivered
    ("first-full-month", "2024-08", 0),            # the first list is August's, delivered September 9
])
def test_due_starts_the_lists_where_the_deal_says(tmp_path, capsys, lists_start, built, code):
    from .compute.test_list_start import closing_july_31
    deal = tmp_path / "deal.yaml"
    deal.write_text(closing_july_31(lists_start))
    assert main(["due", str(deal), "--today", "2024-09-20", "--output", str(tmp_path / "out"), "--jobs", "1",
                 "--draft"]) == code
    out, err = capsys.readouterr()
    assert f"sierra-lumen-2024: built reserve lists for {built}" in out
    folder = tmp_path / "out" / "sierra-lumen-2024" / "reserve-lists"
    assert sorted(p.name for p in folder.iterdir()) == built.split(", ")
    assert ("OVERDUE" in err) == (lists_start is None)


@pytest.mark.usefixtures("text_only")
def test_a_run_with_one_month_or_none_to_make_starts_no_workers(tmp_path, capsys, monkeypatch):
    """Each month is one worker's unit: for none or one, no workers are forked (each would import WeasyPrint)."""
    def refused(self, context):
        raise AssertionError("a pool of workers was started for one month or none")

    monkeypatch.setattr("generator.writers.Producer._make_pool", refused)
    args = ["due", str(EXAMPLE), "--output", str(tmp_path), "--jobs", "4", "--draft"]
    assert main([*args, "--today", "2003-06-10"]) == 0          # May's list, the first
    assert "built reserve lists for 2003-05" in capsys.readouterr().out
    assert main([*args, "--today", "2003-06-10"]) == 0          # nothing left to make
    assert capsys.readouterr().out == ""
