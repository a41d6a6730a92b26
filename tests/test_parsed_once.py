"""The deal files' bytes parsed once per test process (tests/parsed_once.py): the same name and bytes give a copy
of the first parse, equal and independent; other bytes, or another name, are parsed anew; an error every time."""
from __future__ import annotations

import pytest

from generator.deal import load as stage
from generator.errors import DealDataError

from .conftest import AMNIS
from .parsed_once import REAL_PARSE, STATS, parsed_once


def _fields(loaded):
    return (loaded.file, loaded.data, loaded.value_marks, loaded.key_marks, loaded.pending, loaded.problems,
            loaded.origins)


def test_every_load_of_the_session_goes_through_it():
    assert stage.parse is parsed_once


def test_the_same_bytes_give_an_equal_copy_of_the_first_parse():
    raw = AMNIS.read_bytes()
    first, again = parsed_once(str(AMNIS), raw), parsed_once(str(AMNIS), raw)
    assert _fields(first) == _fields(again) == _fields(REAL_PARSE(str(AMNIS), raw))
    assert first is not again and first.data is not again.data
    first.data["company"]["name"] = "Changed by a test"
    first.value_marks.clear()
    assert _fields(parsed_once(str(AMNIS), raw)) == _fields(again)


def test_other_bytes_or_another_name_are_parsed_anew():
    raw = AMNIS.read_bytes()
    before = STATS["parsed"]
    changed = parsed_once(str(AMNIS), raw.replace(b"principal: 500000", b"principal: 500001", 1))
    elsewhere = parsed_once("/elsewhere/deal.yaml", raw)
    assert STATS["parsed"] == before + 2
    assert changed.data["buyers"][0]["principal"] == 500001
    assert elsewhere.file == "/elsewhere/deal.yaml" and {p.file for p in elsewhere.pending} == {"/elsewhere/deal.yaml"}


def test_a_file_that_does_not_parse_is_refused_every_time():
    before = STATS["parsed"]
    for _ in range(2):
        with pytest.raises(DealDataError) as refused:
            parsed_once("bad.yaml", b"closing_date: [2003-05-09\n")
        assert [p.message.split(":")[0] for p in refused.value.problems] == ["YAML syntax"]
    assert STATS["parsed"] == before
