"""Each page returned placed by its identifier, by its anchor strings where the footer is cropped, by its caption
where those are gone too, or reported: duplicated, unknown (another deal's, a document the deal does not have,
no identifier or caption), and the signature pages no page returned is; without PDFs (pages as text)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.collate.identify import Readers, identify, words
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
    capacity: str = ""
    counterpart_name: str = ""
    made_by: str = "counsel"

    @property
    def code(self) -> str:
        return self.id.rpartition("/")[2]


SPA = "Securities Purchase Agreement"
PAGES = [Page("amnis-2003/AAAAAAA2", "spa", SPA, "Amnis Systems Inc.", "ceo", "Scott MacCaughern",
              f"[Signature Page to {SPA}]"),
         Page("amnis-2003/BBBBBBB3", "spa", SPA, "Bristol Investment Fund, Ltd.", "bristol", "Paul Kessler",
              f"[Signature Page to {SPA}]"),
         Page("amnis-2003/CCCCCCC4", "rra", "Registration Rights Agreement", "Amnis Systems Inc.", "ceo",
              "Scott MacCaughern", "[Signature Page to Registration Rights Agreement]")]
_ID = re.compile(r"Signature page ID: ([a-z0-9-]+/[A-Z2-7]{8})")
_ANCHOR = re.compile(r"\\sig-([A-Z2-7]{8})\\")
READERS = Readers(lambda t: (m.group(1) if (m := _ID.search(t)) else None),
                  lambda t: list(dict.fromkeys(_ANCHOR.findall(t))))


def _text(page: Page, footer: bool = True, anchors: bool = True) -> str:
    return (f"{page.caption} {page.party.upper()} By: /s/ {page.signer_name}"
            + (f" \\sig-{page.code}\\" if anchors else "") + f" Name: {page.signer_name}"
            + (f" Signature page ID: {page.id}" if footer else ""))


def _returned(*texts: str, file: str = "signed.pdf") -> list[ReturnedPage]:
    return [ReturnedPage(file, n, t) for n, t in enumerate(texts, 1)]


def _identify(*texts: str, pages=PAGES):
    return identify(_returned(*texts), pages, "amnis-2003", READERS)


def test_every_page_in_by_its_identifier_in_any_order():
    found = _identify(*(_text(p) for p in reversed(PAGES)))
    assert [(p.page.id, p.returned.number, p.by) for p in found.placed] == [
        ("amnis-2003/AAAAAAA2", 3, "identifier"), ("amnis-2003/BBBBBBB3", 2, "identifier"),
        ("amnis-2003/CCCCCCC4", 1, "identifier")]
    assert found.complete and exit_status(found) == ExitCode.OK


def test_a_page_whose_footer_is_cropped_is_placed_by_its_anchors_else_its_caption_and_signer():
    found = _identify(_text(PAGES[1], footer=False), _text(PAGES[2], footer=False, anchors=False))
    assert [(p.page.id, p.by) for p in found.placed] == [("amnis-2003/BBBBBBB3", "anchor"),
                                                         ("amnis-2003/CCCCCCC4", "caption")]
    assert [p.id for p in found.missing] == ["amnis-2003/AAAAAAA2"]
    assert exit_status(found) == ExitCode.SIGNATURES_MISSING


def test_the_caption_alone_cannot_tell_two_pages_of_one_signer_apart():
    twin = Page("amnis-2003/DDDDDDD5", "spa", SPA, "Amnis Systems Inc.", "ceo-2", "Scott MacCaughern",
                f"[Signature Page to {SPA}]")
    found = _identify(_text(PAGES[0], footer=False, anchors=False), pages=[*PAGES, twin])
    assert not found.placed
    assert "fit 2 pages (amnis-2003/AAAAAAA2, amnis-2003/DDDDDDD5)" in found.unknown[0].reason


def test_a_second_copy_is_duplicated_and_the_first_is_bound():
    found = identify(_returned(_text(PAGES[0]), _text(PAGES[0]), file="a.pdf")
                     + _returned(_text(PAGES[0], footer=False, anchors=False), file="b.pdf"),
                     PAGES, "amnis-2003", READERS)
    assert [str(p.returned) for p in found.placed] == ["a.pdf, page 1"]
    assert [(str(d.returned), str(d.first)) for d in found.duplicated] == [
        ("a.pdf, page 2", "a.pdf, page 1"), ("b.pdf, page 1", "a.pdf, page 1")]
    assert exit_status(found) == ExitCode.SIGNED_PAGES_UNKNOWN


def test_pages_that_are_not_this_deals_are_unknown_each_with_why():
    other_deal = _text(PAGES[1]).replace("amnis-2003/", "sierra-lumen-2024/")
    no_such_document = _text(PAGES[0]).replace(SPA, "Escrow Agreement").replace("AAAAAAA2", "EEEEEEE6")
    taken_out = _text(PAGES[0]).replace("AAAAAAA2", "FFFFFFF7")
    cropped_other_deal = _text(PAGES[1], footer=False).replace("BBBBBBB3", "GGGGGGG2")
    cropped_bare = _text(PAGES[1], footer=False, anchors=False).replace("Paul Kessler", "Jane Roe").replace(
        "Bristol Investment Fund, Ltd.".upper(), "SIERRA CAPITAL LP")
    found = _identify(other_deal, no_such_document, taken_out, cropped_other_deal, cropped_bare, "Wire instructions",
                      _text(PAGES[2]))
    reasons = [u.reason for u in found.unknown]
    assert [u.returned.number for u in found.unknown] == [1, 2, 3, 4, 5, 6]
    assert reasons[0].startswith("a page of another deal (sierra-lumen-2024: page identifier "
                                 "sierra-lumen-2024/BBBBBBB3, a signature page to the Securities Purchase Agreement)")
    assert "a signature page to the Escrow Agreement: a document this deal does not have" in reasons[1]
    assert "no signature page of this deal has it now" in reasons[2]
    assert "its anchor strings name GGGGGGG2, no signature page of this deal" in reasons[3]
    assert "naming no party or signer of it this deal has" in reasons[4]
    assert reasons[5].startswith("no page identifier and no")
    assert [p.page.id for p in found.placed] == ["amnis-2003/CCCCCCC4"]
    assert exit_status(found) == ExitCode.SIGNED_PAGES_UNKNOWN


def test_a_signer_with_no_name_yet_is_never_matched_by_its_empty_name():
    agent = Page("amnis-2003/HHHHHHH2", "tai", "Irrevocable Transfer Agent Instructions", "[●]", "transfer-agent", "",
                 "[Signature Page to Irrevocable Transfer Agent Instructions]")
    officer = Page("amnis-2003/JJJJJJJ3", "tai", "Irrevocable Transfer Agent Instructions", "Amnis Systems Inc.",
                   "ceo", "Scott MacCaughern", "[Signature Page to Irrevocable Transfer Agent Instructions]")
    found = _identify(_text(officer, footer=False, anchors=False), pages=[agent, officer])
    assert [(p.page.id, p.by) for p in found.placed] == [("amnis-2003/JJJJJJJ3", "caption")]


def test_a_packets_cover_returned_with_its_pages_is_set_aside():
    cover = ("AMNIS SYSTEMS INC. Signature Packet Signatory Paul Kessler What to sign, and where Page Document "
             "2 Securities Purchase Agreement amnis-2003/BBBBBBB3")
    found = _identify(cover, _text(PAGES[1]))
    assert [str(r) for r in found.set_aside] == ["signed.pdf, page 1"] and not found.unknown
    assert [p.page.id for p in found.placed] == ["amnis-2003/BBBBBBB3"]
    assert exit_status(found) == ExitCode.SIGNATURES_MISSING      # (the other two pages), not 13


def test_a_signed_draft_page_is_never_bound_into_a_final_execution_version():
    draft = "DRAFT: not for signature. Facts still to be confirmed are marked [●]. " + _text(PAGES[0])
    assert [p.page.id for p in _identify(draft).placed] == ["amnis-2003/AAAAAAA2"]
    found = identify(_returned(draft), PAGES, "amnis-2003", READERS, final=True)
    assert not found.placed and "of a draft packet" in found.unknown[0].reason


def test_words_compare_across_line_breaks_and_typographic_quotes():
    assert words("[Signature Page to\nOfficer\u2019s  Certificate]") == "[Signature Page to Officer's Certificate]"
