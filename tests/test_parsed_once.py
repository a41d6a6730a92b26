"""The deal files' bytes parsed once per test process (tests/parsed_once.py): the same bytes give a copy of the
first parse, under the name they are read from, equal to a parse of their own and independent of every other
copy; other bytes are parsed anew; an error every time."""
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


def test_the_same_bytes_under_another_name_are_what_a_parse_under_that_name_gives():
    raw = AMNIS.read_bytes()
    first = parsed_once("/one/deal.yaml", raw)
    elsewhere = parsed_once("/elsewhere/deal.yaml", raw)
    assert _fields(elsewhere) == _fields(REAL_PARSE("/elsewhere/deal.yaml", raw))
    assert first.pending and {p.file for p in elsewhere.pending} == {"/elsewhere/deal.yaml"}
    # a fact still to be confirmed is one object, in the data and in the list of them, as the parser makes it
    parsed = REAL_PARSE("/elsewhere/deal.yaml", raw)
    assert _shared(parsed) == _shared(elsewhere) > 0


def _shared(loaded) -> int:
    found: list = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif any(value is p for p in loaded.pending):
            found.append(value)
    walk(loaded.data)
    return len(found)


def test_a_problem_of_a_value_is_reported_under_the_name_read_from():
    raw = b"id: x\nclosing_date: 2\xef\xbb\xbf003-05-09\n"
    first = parsed_once("/one/deal.yaml", raw)
    again = parsed_once("/two/deal.yaml", raw)
    assert [p.file for p in first.problems] == ["/one/deal.yaml"] and [p.file for p in again.problems] == [
        "/two/deal.yaml"]
    assert _fields(again) == _fields(REAL_PARSE("/two/deal.yaml", raw))


def test_other_bytes_are_parsed_anew():
    raw = AMNIS.read_bytes()
    before = STATS["parsed"]
    changed = parsed_once(str(AMNIS), raw.replace(b"principal: 500000", b"principal: 500001", 1))
    assert STATS["parsed"] == before + 1
    assert changed.data["buyers"][0]["principal"] == 500001


def test_a_file_that_does_not_parse_is_refused_every_time():
    before = STATS["parsed"]
    for _ in range(2):
        with pytest.raises(DealDataError) as refused:
            parsed_once("bad.yaml", b"closing_date: [2003-05-09\n")
        assert [p.message.split(":")[0] for p in refused.value.problems] == ["YAML syntax"]
    assert STATS["parsed"] == before
