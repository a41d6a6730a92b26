from decimal import Decimal

import pytest

from generator.deal.load import Pending, dotted, load
from generator.errors import DealDataError

from .conftest import AMNIS


def test_floats_are_read_as_the_exact_decimal_of_their_text(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("a: 0.007\nb: 0.1\nc: 1_000.50\n")
    data = load(f).data
    assert data == {"a": Decimal("0.007"), "b": Decimal("0.1"), "c": Decimal("1000.50")}
    assert all(isinstance(v, Decimal) for v in data.values())


def test_marks_record_line_and_column_of_keys_and_values(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("top:\n  items:\n    - x: 1\n      y: two\n")
    loaded = load(f)
    assert loaded.value_marks[("top", "items", 0, "y")] == (4, 10)
    assert loaded.key_marks[("top", "items", 0, "y")] == (4, 7)
    assert loaded.where(("top", "items", 0, "missing")) == (3, 7)


def test_tbc_values_become_pending_facts_with_their_note(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("a: TBC\nb: 'TBC: the agent'\nc: TBCX\n")
    loaded = load(f)
    assert loaded.data["a"] == Pending("to be confirmed", "a", 1, str(f), column=4)
    assert loaded.data["b"] == Pending("the agent", "b", 2, str(f), column=4)
    assert loaded.data["c"] == "TBCX"
    assert [p.path for p in loaded.pending] == ["a", "b"]


def test_dotted_paths():
    assert dotted(("buyers", 1, "notice", "address", 0)) == "buyers[1].notice.address[0]"
    assert dotted(()) == ""


def test_amnis_file_loads_with_no_problems():
    loaded = load(AMNIS)
    assert loaded.problems == []
    assert loaded.data["id"] == "amnis-2003"


def test_unreadable_file_is_a_deal_data_error(tmp_path):
    with pytest.raises(DealDataError) as info:
        load(tmp_path / "absent.yaml")
    assert "cannot read the deal file" in info.value.report()
