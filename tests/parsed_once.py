"""Each deal file's bytes parsed once per test process: a run that loads a deal file whose bytes were parsed before
in the process is given a copy of what the parser made of them then, under the file's own name. Parsing is a
function of a file's name and bytes alone (``parse`` in generator/deal/load.py), and the name is only recorded
(the file of each problem and of each fact still to be confirmed); reading the file, with its checks, is done
every time; a file that does not parse is parsed, and refused, every time; every caller gets a copy of its own,
so a change one makes is never seen by another. The committed deal files are loaded hundreds of times a run
(many as copies in a test's own folder), each parse taking 40 ms."""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from generator.deal import load as stage
from generator.deal.load import LoadedDeal, Pending

REAL_PARSE = stage.parse
KEPT = 32                      # the deal texts remembered, the least recently used forgotten first
_PARSED: OrderedDict[bytes, LoadedDeal] = OrderedDict()
STATS = {"parsed": 0, "again": 0}


def parsed_once(name: str, raw: bytes) -> LoadedDeal:
    """``parse(name, raw)``: a copy of the first parse of the same bytes, under ``name``."""
    if raw in _PARSED:
        _PARSED.move_to_end(raw)
        STATS["again"] += 1
    else:
        _PARSED[raw] = REAL_PARSE(name, raw)      # an error is raised, never remembered
        STATS["parsed"] += 1
        while len(_PARSED) > KEPT:
            _PARSED.popitem(last=False)
    return _copy(_PARSED[raw], name)


def _copy(loaded: LoadedDeal, name: str) -> LoadedDeal:
    """``loaded`` as parsed under ``name``: its mappings and lists new, each fact still to be confirmed renamed
    once (the one object in the data and in the list of them, as parsed), the rest immutable and shared."""
    renamed: dict[int, Pending] = {}

    def copied(value: Any) -> Any:
        if isinstance(value, Pending):
            if id(value) not in renamed:
                renamed[id(value)] = dataclasses.replace(value, file=name)
            return renamed[id(value)]
        if isinstance(value, dict):
            return {key: copied(item) for key, item in value.items()}
        if isinstance(value, list):
            return [copied(item) for item in value]
        return value               # text, numbers, dates, None
    return LoadedDeal(name, copied(loaded.data), dict(loaded.value_marks), dict(loaded.key_marks),
                      [copied(p) for p in loaded.pending], [dataclasses.replace(p, file=name) for p in loaded.problems],
                      dict(loaded.origins))
