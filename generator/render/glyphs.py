"""Every character a document prints must be drawable by the fonts its stylesheet ships.

A character the shipped fonts lack (a CJK or Armenian name, say) would otherwise be drawn by
whatever system font the machine has, or not at all: the PDF would differ from machine to
machine, or show a blank.  So it is an error naming the deal-data key and the character (or
the template, when the character is the template's own), before any file is made.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from ..errors import DealDataError, TemplateError
from .markup import plain_text

if TYPE_CHECKING:
    from ..deal.load import LoadedDeal
    from .environment import RenderedDocument
    from .house import HouseStyle


def check_glyphs(documents: list[RenderedDocument], house: HouseStyle, loaded: LoadedDeal | None) -> None:
    covered = house.coverage()
    missing: dict[str, RenderedDocument] = {}
    for document in documents:
        for char in set(plain_text(document.blocks) + document.running_header + "".join(document.spec.footer)):
            if not char.isspace() and ord(char) not in covered:
                missing.setdefault(char, document)
    if not missing:
        return
    font = house.font().family
    advice = "write it in Latin, Greek or Cyrillic letters, or ship a font that has it"
    problems, placed = [], set()
    for path, text in _strings(loaded.data, ()) if loaded is not None else ():
        chars = sorted(set(text) & set(missing))
        if chars and loaded is not None:
            placed |= set(chars)
            names = ", ".join(f"{c!r} ({_name(c)})" for c in chars)
            problems.append(loaded.problem(path, f"{names} cannot be drawn by the document font ({font}); {advice}"))
    if problems:
        raise DealDataError(problems)
    raise TemplateError("; ".join(f"{missing[c].spec.template}: {c!r} ({_name(c)}) cannot be drawn by the document "
                                  f"font ({font}); {advice}" for c in sorted(set(missing) - placed)))


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"


def _strings(data: Any, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, path + (key,))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, path + (i,))]
    return []   # numbers, dates, and facts still to be confirmed (printed as [●])
