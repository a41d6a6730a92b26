"""Tables laid out from their content (issue 18 item 6), on the three shapes of Buyer table: the sample deal's
three Buyers with warrants, the Sierra deal's four, and four with long addresses that run Schedule I over a page.
Column widths are shared by both writers (generator/render/layout.py): a column of short entries is set whole, a
column of addresses takes the rest, a telephone number never breaks; a Schedule longer than a page breaks between
rows under its heading, with no blank page and no heading alone at a page foot, in the PDF and the DOCX."""
from __future__ import annotations

import io
import re

import pytest

from generator.deal.load import load
from generator.deal.validate import validate
from generator.plan.documents import closing_documents
from generator.render.environment import Renderer
from generator.render.house import house_style
from generator.render.layout import _content_widths, _share, table_layout
from generator.render.locate import search_path
from generator.render.markup import Table, parse_markup
from generator.render.set import render_all

from ..conftest import AMNIS, ROOT, mutate

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"
# three more lines in every Buyer's address for notices: Schedule I no longer fits on one page
LONG = ("        - c/o Fiduciary Administration Services (International) Limited, Level 14, Harbourfront Tower\n"
        "        - Attention of the General Counsel and the Chief Compliance Officer, Legal Department\n") * 3
TELEPHONES = ("(212) 555-0117", "+49 211 555 0180", "(602) 555-0133")


def long_addresses(tmp_path):
    text = SIERRA.read_text(encoding="utf-8")
    for first in ("1185 Avenue of the Americas", "Königsallee 61", "94 Solaris Avenue", "2 North Central Avenue"):
        text = mutate(text, f"      address:\n        - {first}", f"      address:\n{LONG}        - {first}")
    path = tmp_path / "four-long.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def instructions(path):
    deal = validate(load(path))
    specs = [s for s in closing_documents(deal) if s.slug == "transfer-agent-instructions"]
    (document,) = render_all(Renderer(search_path([])), specs, deal, draft=True)
    return document


def schedule(document) -> Table:
    return [b for b in document.blocks if isinstance(b, Table)][-1]


# -- the widths, from the content ----------------------------------------------------------------------------

def test_free_columns_share_the_room_by_what_their_lines_take():
    # a column of short entries that fit whole in an equal share gets just what they take; the other the rest
    assert _share(100.0, [10.0, 20.0], [15.0, 300.0]) == [15.0, 85.0]
    # both too long: each its least, the rest in proportion to what each would take more
    assert _share(100.0, [10.0, 20.0], [70.0, 140.0]) == pytest.approx([10.0 + 70 * 60 / 180, 20.0 + 70 * 120 / 180])
    # all fit whole: in proportion to their lines
    assert _share(100.0, [5.0, 5.0], [10.0, 30.0]) == [25.0, 75.0]
    # a short column is not given its whole lines when the other could then not have its least
    assert _share(30.0, [1.0, 26.0], [14.0, 90.0]) == pytest.approx([1.0 + 3 * 13 / 77, 26.0 + 3 * 64 / 77])
    assert _share(10.0, [6.0, 6.0], [7.0, 7.0]) == [6.0, 6.0]        # too narrow: the caller sets smaller type


@pytest.mark.parametrize("path", [AMNIS, SIERRA], ids=["amnis", "sierra"])
def test_no_residence_and_no_buyers_name_wraps_and_figures_take_no_more_than_they_need(path):
    house = house_style(search_path([]))
    table = schedule(instructions(path))
    widths = [w / 20 for w in table_layout(house, table).widths]   # pt
    padding = 10 + 0.5          # the cell's padding and half of each border: the text fits within the rest
    residences = [row[1] for row in table.rows[1:-1]]
    widest = max(house.text_width(c.paragraphs[0].runs[0].text, 11, False, False) for c in residences)
    assert widths[1] >= widest + padding                                  # "Cayman Islands" on one line
    names = [row[0].paragraphs[0] for row in table.rows[1:-1]]
    assert widths[0] >= max(house.text_width(p.runs[0].text, 11, True, False) for p in names) + padding
    assert all(w <= 0.85 * 72 + padding + 0.1 for w in widths[2:])   # figures: the stylesheet's least, no more
    assert sum(widths) == pytest.approx(6.5 * 72, abs=0.1)


def test_a_telephone_number_is_one_piece_that_sets_the_least_width_of_its_column():
    house = house_style(search_path([]))
    html = ('<html><body><table class="grid"><tbody><tr><td><p>Telephone: <span class="nowrap">+49 211 555 0180'
            '</span></p></td><td><p>x</p></td></tr></tbody></table></body></html>')
    (table,) = parse_markup(html, "t")
    narrow = table_layout(house, table)
    (plain,) = parse_markup(html.replace('<span class="nowrap">', "<span>"), "t")
    assert table.rows[0][0].paragraphs[0].runs[-1].nowrap
    whole = house.text_width("+49 211 555 0180", 11, False, False)
    style = house.style(table.rows[0][0].path)
    assert _content_widths(house, table.rows[0][0], style, None)[0] == pytest.approx(whole)
    assert _content_widths(house, plain.rows[0][0], style, None)[0] < 0.7 * whole   # "Telephone:" the widest word
    assert narrow.widths[0] / 20 >= whole


# -- the pages, in both formats -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def long_schedule(tmp_path_factory):
    """The four-Buyer instructions with long addresses, as PDF and DOCX."""
    from generator.writers import writer_for
    from generator.writers.context import WriteContext

    document = instructions(long_addresses(tmp_path_factory.mktemp("deal")))
    paths = search_path([])
    pdf, pages = writer_for("pdf", paths).write_counted(document)
    return document, pdf, writer_for("docx", paths).write(document, WriteContext(pages))


@pytest.mark.slow
def test_a_schedule_longer_than_a_page_breaks_between_rows_under_its_heading(long_schedule):
    import pypdf

    _, pdf, _ = long_schedule
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    body = [re.sub(r"DRAFT · EXAMPLE|Page \d+ of \d+", "", p).strip() for p in pages]
    assert all(body), f"a blank page: {[i + 1 for i, b in enumerate(body) if not b]}"
    (first,) = [i for i, p in enumerate(pages) if "SCHEDULE I" in p]
    # the heading's page holds the table's header and its first Buyer, not the heading alone
    assert "Buyer and address for notices" in pages[first] and "Brévent & Associés Capital Partners" in pages[first]
    assert all("Buyer and address for notices" in p for p in pages[first:])   # the header repeats
    assert "Total $2,400,000 5,000,000" in pages[-1]
    assert len(pages) <= first + 3


@pytest.mark.slow
def test_no_telephone_number_breaks_across_lines_in_either_format(long_schedule):
    import docx
    from docx.oxml.ns import qn

    from generator.writers.pdf import PdfWriter, _page_text

    document, _, word = long_schedule
    writer = PdfWriter(search_path([]))
    writer._start()
    fetcher = writer._fetcher_class()
    sheets = [writer._stylesheet(url, fetcher) for url in document.stylesheets]
    lines = _page_text(writer._html_class(document.tree, fetcher).render(stylesheets=sheets,
                                                                          font_config=writer.font_config))
    for number in TELEPHONES:
        assert f"Telephone: {number}" in lines.splitlines() or any(
            line.endswith(number) for line in lines.splitlines()), number
    # the DOCX: no-break spaces and Word's no-break hyphens inside each number, the header row repeated, rows whole
    body = docx.Document(io.BytesIO(word)).element.body
    table = body.findall(qn("w:tbl"))[-1]
    runs = ["".join(t.text or "\u2011" if t.tag == qn("w:noBreakHyphen") else t.text or ""
                    for t in r.iter(qn("w:t"), qn("w:noBreakHyphen"))) for r in table.iter(qn("w:r"))]
    for number in TELEPHONES:
        assert number.replace(" ", "\xa0").replace("-", "\u2011") in runs, number
    rows = table.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
