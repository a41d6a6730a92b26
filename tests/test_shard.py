"""``due --shard K/N``: over a generated portfolio, the N shards together are exactly the unsharded run's work,
with no deal in two shards; a deal's shard depends on its id only."""
from __future__ import annotations

import pytest

import generator.due
from generator.cli import main
from generator.due import DueReport
from generator.shard import parse, select, shard_of

from .conftest import EXAMPLE


@pytest.fixture
def portfolio(tmp_path):
    """240 deal files (the example deal under other ids), in three folders."""
    text = EXAMPLE.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("id:"))
    files = []
    for i in range(240):
        folder = tmp_path / "deals" / f"desk-{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"deal-{i:03}.yaml"
        path.write_text(text.replace(old, f"id: portfolio-deal-{i:03}", 1), encoding="utf-8")
        files.append(path)
    return files


def _work(monkeypatch, files, *flags) -> list[str]:
    """The deal files ``due`` hands to the full run (which is recorded, not run)."""
    seen = []

    def recorded(deal_files, today, options, progress=None):
        seen.extend(map(str, deal_files))
        return DueReport()
    monkeypatch.setattr(generator.due, "run_due", recorded)
    assert main(["due", *map(str, files), "--today", "2003-07-10", "--output", str(files[0].parent / "out"),
                 *flags]) == 0
    return seen


def test_the_shards_together_are_the_unsharded_work_with_no_overlap(portfolio, monkeypatch):
    everything = _work(monkeypatch, portfolio)
    assert sorted(everything) == sorted(map(str, portfolio))
    for n in (2, 3, 7):
        shards = [_work(monkeypatch, portfolio, "--shard", f"{k}/{n}") for k in range(1, n + 1)]
        assert sorted(f for shard in shards for f in shard) == sorted(everything)       # no gap, no overlap
        assert all(len(shard) > 240 / n / 2 for shard in shards)                          # each a fair share


def test_a_deal_keeps_its_shard_wherever_its_file_lies(portfolio, tmp_path):
    moved = tmp_path / "elsewhere.yaml"
    moved.write_text(portfolio[5].read_text(encoding="utf-8"), encoding="utf-8")
    assert [shard_of(moved, n) for n in (2, 5, 9)] == [shard_of(portfolio[5], n) for n in (2, 5, 9)]
    assert select(portfolio, None) == portfolio and select(portfolio, (1, 1)) == portfolio


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"])
def test_a_shard_is_k_of_n(text, capsys):
    with pytest.raises(ValueError):
        parse(text)
    assert main(["due", str(EXAMPLE), f"--shard={text}"]) == 2
    assert "expected K/N with 1 <= K <= N" in capsys.readouterr().err
