"""Each deal file's bytes parsed once per test process: a run that loads a deal file whose name and bytes were
parsed before in the process is given a copy of what the parser made of them then. Parsing is a function of the
two alone (``parse`` in generator/deal/load.py; reading the file, with its checks, is done every time); a file
that does not parse is parsed, and refused, every time; every caller gets a copy of its own, so a change one
makes is never seen by another. The committed deal files are loaded hundreds of times a run, each in 40 ms."""
from __future__ import annotations

import copy
from collections import OrderedDict

from generator.deal import load as stage
from generator.deal.load import LoadedDeal

REAL_PARSE = stage.parse
KEPT = 32                      # the deal texts remembered, the least recently used forgotten first
_PARSED: OrderedDict[tuple[str, bytes], LoadedDeal] = OrderedDict()
STATS = {"parsed": 0, "again": 0}


def parsed_once(name: str, raw: bytes) -> LoadedDeal:
    """``parse(name, raw)``, as it was the first time (a copy)."""
    key = (name, raw)
    if key in _PARSED:
        _PARSED.move_to_end(key)
        STATS["again"] += 1
    else:
        _PARSED[key] = REAL_PARSE(name, raw)      # an error is raised, never remembered
        STATS["parsed"] += 1
        while len(_PARSED) > KEPT:
            _PARSED.popitem(last=False)
    return copy.deepcopy(_PARSED[key])
