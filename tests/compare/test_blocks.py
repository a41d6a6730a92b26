"""The comparison of two renderings: paragraphs and rows aligned, words compared within a paragraph."""
from __future__ import annotations

from generator.compare.blocks import DELETED, INSERTED, SAME, compare_blocks, count, word_diff
from generator.render.markup import Run, parse_markup


def _blocks(body: str):
    return parse_markup(f"<html><body>{body}</body></html>", "test")


def _marks(change):
    return [(m.run.text, m.status) for m in change.runs]


def test_words_within_a_paragraph_are_compared_word_by_word():
    marked = word_diff((Run("paid $500,000 on May 9, 2003."),), (Run("paid $550,000 on May 16, 2003."),))
    assert [(m.run.text, m.status) for m in marked] == [
        ("paid", SAME), (" ", SAME), ("$500,000", DELETED), ("$550,000", INSERTED), (" ", SAME), ("on", SAME),
        (" ", SAME), ("May", SAME), (" ", SAME), ("9,", DELETED), ("16,", INSERTED), (" ", SAME),
        ("2003.", SAME)]


def test_a_space_between_two_changes_joins_them_and_deletions_come_first():
    marked = word_diff((Run("one two three"),), (Run("uno dos three"),))
    assert [(m.run.text, m.status) for m in marked][:6] == [
        ("one", DELETED), (" ", DELETED), ("two", DELETED), ("uno", INSERTED), (" ", INSERTED), ("dos", INSERTED)]


def test_paragraphs_are_aligned_changed_inserted_and_deleted():
    old = _blocks("<p>The Buyer paid $500,000 on May 9, 2003.</p><p>Keep me.</p><p>Gone entirely now.</p>"
                  "<p>May 9, 2003</p>")
    new = _blocks("<p>The Buyer paid <strong>$550,000</strong> on May 16, 2003.</p><p>Keep me.</p>"
                  "<p>Brand new words here.</p><p>June 2, 2003</p>")
    first, kept, gone, added, dated = compare_blocks(old, new)
    assert first.status == "changed" and ("$500,000", DELETED) in _marks(first)
    assert [m for m in first.runs if m.status == INSERTED][0].run.bold     # formatting of the NEW words
    assert kept.status == SAME and gone.status == DELETED and added.status == INSERTED
    assert dated.status == "changed"                      # a short line: similar by its letters
    assert count(compare_blocks(old, new)).total == 4


def test_table_rows_are_aligned_and_cells_compared():
    old = _blocks('<table><tr><td>SDS</td><td class="num">500,000</td></tr><tr><td>Alpha</td>'
                  '<td class="num">350,000</td></tr><tr><td>Gone</td><td class="num">1</td></tr></table>')
    new = _blocks('<table><tr><td>SDS</td><td class="num">550,000</td></tr><tr><td>Alpha</td>'
                  '<td class="num">350,000</td></tr><tr><td>Total</td><td class="num">900,000</td></tr></table>')
    (table,) = compare_blocks(old, new)
    assert [r.status for r in table.rows] == ["changed", SAME, DELETED, INSERTED]
    assert _marks(table.rows[0].cells[1].paragraphs[0]) == [("500,000", DELETED), ("550,000", INSERTED)]
    assert count((table,)) == type(count(()))(inserted=2, deleted=2, changed=1)


def test_the_same_blocks_compare_the_same():
    blocks = _blocks("<h1>Title</h1><p>Text <em>here</em>.</p><table><tr><td>a</td></tr></table>")
    assert all(b.status == SAME for b in compare_blocks(blocks, blocks))
    assert count(compare_blocks(blocks, blocks)).total == 0
