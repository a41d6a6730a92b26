"""The deal file's reference (docs/deal-file.md) and JSON Schema (docs/deal.schema.json) match the model."""
from __future__ import annotations

import json

import pytest

from generator.cli import main
from generator.deal.model import Deal
from generator.deal.reference import markdown, schema_json

from ..conftest import ROOT


@pytest.fixture(scope="module")
def page() -> str:
    """The reference page the model generates (made once: the tests below only read it)."""
    return markdown(ROOT)


def test_the_reference_page_is_the_one_the_model_generates(page):
    assert (ROOT / "docs" / "deal-file.md").read_text(encoding="utf-8") == page, \
        "docs/deal-file.md is out of date: run `closingdocs schema --markdown > docs/deal-file.md`"


def test_the_schema_file_is_the_one_the_model_generates():
    assert (ROOT / "docs" / "deal.schema.json").read_text(encoding="utf-8") == schema_json(), \
        "docs/deal.schema.json is out of date: run `closingdocs schema > docs/deal.schema.json`"


def test_every_key_of_every_model_is_documented(page):
    seen, todo = set(), [Deal]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name in model.model_fields:
            assert f"| `{name}` |" in page, f"{model.__name__}.{name}"
        from generator.deal.reference import _models
        todo += [m for f in model.model_fields.values() for m in _models(f.annotation)]
    assert len(seen) > 30


def test_the_schema_command_prints_json_with_the_covenants(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    covenants = schema["$defs"]["Covenants"]
    assert {"liquidated_damages", "share_reserve"} <= set(covenants["required"])
    assert "stockholder_approval" not in covenants["required"]
    assert schema["$defs"]["ConvertibleSecurity"]["properties"]["day_count"]["enum"] == [
        "actual/365", "actual/360", "actual/actual (ISDA)", "30/360", "30E/360", "30E/360 (ISDA)"]
