"""Each page returned placed by its identifier, by its caption where the identifier is cropped, or reported:
duplicated, unknown (another deal's, a document the deal does not have, no identifier or caption), and the
signature pages no page returned is; without PDFs (pages as text)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.collate.identify import identify, words
from generator.collate.report import exit_status
from generator.collate.returned import ReturnedPage
from generator.errors import ExitCode


@dataclass(frozen=True)
class Page:
    id: str
    document: str
    document_title: str
    party: str
    signer: str
    signer_name: str
    caption: str


SPA = "Securities Purchase Agreement"
PAGES = [Page("AMN-SPA-1", "spa", SPA, "Amnis Systems Inc.", "Chief Executive Officer", "Scott MacCaughern",
              f"[Signature Page to {SPA}]"),
         Page("AMN-SPA-2", "spa", SPA, "Bristol Investment Fund, Ltd.", "Director", "Paul Kessler",
              f"[Signature Page to {SPA}]"),
         Page("AMN-RRA-1", "rra", "Registration Rights Agreement", "Amnis Systems Inc.", "Chief Executive Officer",
              "Scott MacCaughern", "[Signature Page to Registration Rights Agreement]")]
IDENTIFIER = re.compile(r"\b([A-Z]{3}-[A-Z]{3}-\d+)\b")


def identifier_in(text: str) -> str | None:
    found = IDENTIFIER.search(text)
    return found.group(1) if found else None


def _text(page: Page, identifier: bool = True) -> str:
    return (f"{page.caption} {page.party.upper()} By: /s/ {page.signer_name} Name: {page.signer_name} Title: "
            f"{page.signer}" + (f" {page.id}" if identifier else ""))


def _returned(*texts: str, file: str = "signed.pdf") -> list[ReturnedPage]:
    return [ReturnedPage(file, n, t) for n, t in enumerate(texts, 1)]


def test_every_page_in_by_its_identifier_in_any_order():
    found = identify(_returned(*(_text(p) for p in reversed(PAGES))), PAGES, identifier_in)
    assert [(p.page.id, p.returned.number, p.by) for p in found.placed] == [
        ("AMN-SPA-1", 3, "identifier"), ("AMN-SPA-2", 2, "identifier"), ("AMN-RRA-1", 1, "identifier")]
    assert found.complete and exit_status(found) == ExitCode.OK


def test_a_page_whose_identifier_is_cropped_is_placed_by_its_caption_and_signer():
    found = identify(_returned(_text(PAGES[1], identifier=False)), PAGES, identifier_in)
    assert [(p.page.id, p.by) for p in found.placed] == [("AMN-SPA-2", "caption")]
    assert [p.id for p in found.missing] == ["AMN-SPA-1", "AMN-RRA-1"]
    assert exit_status(found) == ExitCode.SIGNATURES_MISSING


def test_the_caption_alone_cannot_tell_two_pages_of_one_signer_apart():
    twin = Page("AMN-SPA-3", "spa", SPA, "Amnis Systems Inc.", "Chief Executive Officer", "Scott MacCaughern",
                f"[Signature Page to {SPA}]")
    found = identify(_returned(_text(PAGES[0], identifier=False)), [*PAGES, twin], identifier_in)
    assert not found.placed
    assert "fit 2 pages (AMN-SPA-1, AMN-SPA-3)" in found.unknown[0].reason


def test_a_second_copy_is_duplicated_and_the_first_is_bound():
    found = identify(_returned(_text(PAGES[0]), _text(PAGES[0]), file="a.pdf")
                     + _returned(_text(PAGES[0], identifier=False), file="b.pdf"), PAGES, identifier_in)
    assert [(str(p.returned)) for p in found.placed] == ["a.pdf, page 1"]
    assert [(str(d.returned), str(d.first)) for d in found.duplicated] == [
        ("a.pdf, page 2", "a.pdf, page 1"), ("b.pdf, page 1", "a.pdf, page 1")]
    assert exit_status(found) == ExitCode.SIGNED_PAGES_UNKNOWN


def test_pages_that_are_not_this_deals_are_unknown_each_with_why():
    other_deal = _text(PAGES[1]).replace("AMN-SPA-2", "SRL-SPA-2")
    no_such_document = _text(PAGES[0]).replace("Securities Purchase Agreement", "Escrow Agreement").replace(
        "AMN-SPA-1", "AMN-ESC-1")
    cropped_other_deal = _text(PAGES[1], identifier=False).replace("Paul Kessler", "Jane Roe").replace(
        "Bristol Investment Fund, Ltd.".upper(), "SIERRA CAPITAL LP")
    found = identify(_returned(other_deal, no_such_document, cropped_other_deal, "Wire instructions",
                               _text(PAGES[2])), PAGES, identifier_in)
    reasons = [(u.returned.number, u.reason) for u in found.unknown]
    assert reasons[0][0] == 1 and "SRL-SPA-2 is not a signature page of this deal" in reasons[0][1]
    assert reasons[1][0] == 2 and "Escrow Agreement: a document this deal does not have" in reasons[1][1]
    assert reasons[2][0] == 3 and "for no signer of it this deal has" in reasons[2][1]
    assert reasons[3][0] == 4 and "no page identifier and no" in reasons[3][1]
    assert [p.page.id for p in found.placed] == ["AMN-RRA-1"]
    assert exit_status(found) == ExitCode.SIGNED_PAGES_UNKNOWN


def test_words_compare_across_line_breaks_and_typographic_quotes():
    assert words("[Signature Page to\nOfficer\u2019s  Certificate]") == "[Signature Page to Officer's Certificate]"
