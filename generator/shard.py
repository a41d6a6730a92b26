"""``due --shard K/N``: a stable share of the deal files, by deal id, so that N hosts (N cron machines, a CI
matrix, a Kubernetes Indexed Job) split a portfolio with no deal in two shards and none in no shard.

A deal belongs to shard ``1 + int(sha256(id)) mod N``: the same on every machine and every run, whatever the
file is called or where it lies, and a deal's shard changes only when N does. The id is read from the file's
plain top-level ``id:`` line (no YAML parsing); a file without one (it cannot load anyway) is placed by its path,
so that exactly one shard reports it. Kept light: only the standard library.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .manifest import guess_deal_id

_SHARD = re.compile(r"([1-9][0-9]{0,5})/([1-9][0-9]{0,5})")


def parse(text: str) -> tuple[int, int]:
    """``K/N`` with 1 <= K <= N; ValueError otherwise."""
    found = _SHARD.fullmatch(text)
    if not found or not int(found[1]) <= int(found[2]):
        raise ValueError(f"expected K/N with 1 <= K <= N (e.g. 2/4), got {text!r}")
    return int(found[1]), int(found[2])


def shard_of(deal_file: Path, count: int) -> int:
    """The shard (1 to ``count``) the deal file belongs to."""
    key = guess_deal_id(Path(deal_file)) or str(Path(deal_file))
    return 1 + int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], 16) % count


def select(deal_files: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """The deal files of shard K of N, in the order given (all of them without a shard)."""
    if shard is None:
        return list(deal_files)
    k, n = shard
    return [f for f in deal_files if shard_of(f, n) == k]
