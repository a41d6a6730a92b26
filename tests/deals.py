"""The committed deal files, loaded and validated once per test process: a test that reads a validated deal (a
``Deal`` is frozen) and does not change its file is given the one made the first time it was asked for, by the
same ``validate`` (facts only, or with the figures); it is made again if the file, or one it extends, has changed."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.deal.load import LoadedDeal, load
from generator.deal.model import Deal

_MADE: dict[tuple[Callable, Path], tuple[dict[Path, str], Deal]] = {}


def _texts(loaded: LoadedDeal) -> dict[Path, str]:
    return {Path(f): Path(f).read_text(encoding="utf-8") for f in {loaded.file, *loaded.origins.values()}}


def validated(deal_file: Path, validate: Callable[[LoadedDeal], Deal]) -> Deal:
    """``validate(load(deal_file))``, made once while the files it was read from read the same."""
    key = (validate, Path(deal_file).resolve())
    made = _MADE.get(key)
    if made is None or any(p.read_text(encoding="utf-8") != text for p, text in made[0].items()):
        loaded = load(deal_file)
        made = _MADE[key] = (_texts(loaded), validate(loaded))
    return made[1]
