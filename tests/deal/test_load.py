"""Stage 1's two YAML parsers: libyaml (C) reads every deal file into the node tree PyYAML's own parser (Python)
reads, every tag, value and mark the same; and a file either refuses is reported as PyYAML's parser reports it."""
from __future__ import annotations

from pathlib import Path

import pytest
from yaml.nodes import MappingNode, ScalarNode

from generator.deal import load as stage
from generator.deal.load import load
from generator.errors import DealDataError

from ..conftest import ROOT

DEAL_FILES = sorted(p for folder in ("deal_data", "examples") for p in (ROOT / folder).rglob("*.yaml"))

# what a hand-written deal file may hold: every way of writing a scalar, flow and block collections, comments,
# characters outside the BMP and combining ones before a value (its column), CRLF line ends, a byte-order mark
TRICKY = {
    "scalars": 'a: plain words, a time 10:30 and a colon:inside\nb: "double \\u00e9 \\t quoted"\nc: \'single \'\'quoted\'\'\'\n'
               "d: |\n  kept\n   indented  \n\n  trailing\ne: >-\n  folded\n  lines\n\n  para\n"
               "f: 12_000.50\ng: 0\nh: -7\ni: 2003-05-09\nj: \"TBC: the price\"\nk:\nl: ~\nm: yes\n",
    "flow": 'buyers: [{name: "Ünïcode 😀", principal: 500000}, {name: e\u0301, x: [1, 2, [3]]}]\n'
            "empty: {}\nnone: []\n",
    "multi-line plain": "description: the Company did not send\n  the Buyers its report\n\n  within ten days\n"
                        "next: 1 # a comment\n# a whole line\n",
    "document markers": "%YAML 1.1\n---\nid: x\n...\n",
    "crlf": "id: x\r\nlist:\r\n  - one\r\n  - two # c\r\n",
    "bom": "\ufeffid: x\nname: y\n",
    "complex key": "? long key\n: value\nplain: 'x'\n",
    "nested sequences": "ledger:\n- date: 2003-06-05\n  event: list_delivered\n-   - deep\n    - er\n",
}

# what each parser refuses, as PyYAML's parser reports it
BROKEN = {
    "unclosed flow": "closing_date: [2003-05-09\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
    "tab indentation": "a:\n\tb: 1\n",
    "mapping in plain": "a: b: c\n",
    "unclosed quote": 'a: "open\n',
    "alias": "a: &x 1\nb: *x\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "deep": "a: " + "[" * 30 + "]" * 30 + "\n",
    "undefined alias": "a: *nowhere\n",
}


def _tree(node) -> tuple:
    """A node tree as plain values: each node's kind, tag, value (a scalar's) and where it starts and ends."""
    where = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, MappingNode):
        return ("map", node.tag, where, tuple((_tree(k), _tree(v)) for k, v in node.value))
    return ("seq", node.tag, where, tuple(_tree(item) for item in node.value))


def _both(text: str) -> tuple[tuple, tuple]:
    c, python = stage._LibyamlLoader(text), stage._StrictLoader(text)
    return _tree(c.get_single_node()), _tree(python.get_single_node())


libyaml = pytest.mark.skipif(stage.CParser is None, reason="PyYAML is installed without libyaml")


@libyaml
@pytest.mark.parametrize("path", DEAL_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DEAL_FILES])
def test_every_deal_file_of_the_repository_reads_the_same_with_either_parser(path):
    c, python = _both(path.read_text(encoding="utf-8"))
    assert c == python


@libyaml
@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_every_way_of_writing_a_value_reads_the_same_with_either_parser(text):
    c, python = _both(text)
    assert c == python


def _problems(path: Path) -> list:
    try:
        load(path)
    except DealDataError as exc:
        return exc.problems
    raise AssertionError(f"{path} was read")


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_a_file_either_parser_refuses_is_reported_as_pythons_parser_reports_it(text, tmp_path, monkeypatch):
    deal = tmp_path / "deal.yaml"
    deal.write_text(text, encoding="utf-8")
    reported = _problems(deal)
    assert len(reported) == 1 and reported[0].line >= 1 and reported[0].message
    monkeypatch.setattr(stage, "CParser", None)          # PyYAML without libyaml: its parser alone
    assert _problems(deal) == reported


def test_without_libyaml_a_deal_reads_the_same(monkeypatch):
    for path in DEAL_FILES:
        with_c = load(path)
        monkeypatch.setattr(stage, "CParser", None)
        without = load(path)
        monkeypatch.undo()
        assert (without.data, without.value_marks, without.key_marks, without.pending) == \
               (with_c.data, with_c.value_marks, with_c.key_marks, with_c.pending), path
