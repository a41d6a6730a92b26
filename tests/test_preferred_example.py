"""The convertible preferred example, end to end: every file its closing set, closing memorandum, binder, a month
of lists, a damages invoice and the deadline calendar write (PDF, DOCX, the calendar, the checklist CSV, the
index page) says Stated Value, dividends and redemption, and never a debt word; the debt example's files never
say the preferred words its agreement does not use. And its dividends against a hand calculation from the deal's
words."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.compute import position
from generator.compute.interest import accrued_interest, interest_schedule
from generator.compute.validate import validate
from generator.deal.family import SECURITY_WORDS
from generator.deal.load import load

from .conftest import PREFERRED, ROOT
from .made_once import documents_made_once  # noqa: F401  (a fixture: each document made once)
from .pdftext import page_texts

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"

# The debt words a preferred deal's documents never print (family.SECURITY_WORDS["preferred"].foreign): "Note"
# as the security (the press release's "Cover Note" is the working group's covering note, not a security).
DEBT_WORDS = re.compile(r"(?i:principal|interest|maturity|mature|repay|debenture)|(?<!Cover )\bNotes?\b")
PREFERRED_WORDS = re.compile(r"Stated Value|dividend|redemption", re.I)


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page_texts(path))
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            return "\n".join(re.sub(r"<[^>]+>", " ", docx.read(name).decode("utf-8"))
                             for name in docx.namelist() if name.startswith("word/") and name.endswith(".xml"))
    return path.read_text(encoding="utf-8")


def _made(deal_file: Path, month: str, breach: str, out: Path) -> dict[Path, str]:
    """Every kind of file the deal makes, written under ``out``; the files read (the manifest is bookkeeping), each
    once: its words by its path."""
    deal = str(deal_file)
    for args in (["build", deal, "--final"], ["memorandum", deal, "--final"], ["binder", deal],
                 ["reserve-list", deal, "--month", month, "--final"], ["invoice", deal, "--breach", breach, "--final"],
                 ["calendar", deal]):
        jobs = ["--jobs", "1"] if args[0] != "calendar" else []
        assert main([*args, "--output", str(out), *jobs, "-q"]) == 0, args
    files = [p for p in sorted(out.rglob("*")) if p.suffix in (".pdf", ".docx", ".ics", ".csv", ".html")]
    kinds = {p.suffix for p in files}
    assert kinds == {".pdf", ".docx", ".ics", ".csv", ".html"}, kinds
    names = {p.name for p in files}
    assert {"binder.pdf", "checklist.pdf", "checklist.csv", "deadlines.ics", "index.html",
            "transfer-agent-instructions.docx", "summary.pdf"} <= names, names
    assert any(p.parent.name == "invoices" for p in files)
    return {p: _text(p) for p in files}


# Every document is made by the real writers; one a set makes again (the binder's documents after a build with
# the same marks, another module's) is made once in this process (tests/made_once.py)
@pytest.mark.slow
@pytest.mark.usefixtures("documents_made_once")
def test_the_preferred_example_never_prints_a_debt_word(tmp_path):
    assert set(SECURITY_WORDS["preferred"].foreign) <= {"principal", "interest", "maturity", "mature", "repay",
                                                         "Debenture", "Note"}
    files = _made(PREFERRED, "2025-12", "list-2025-12", tmp_path)
    found = [(p.relative_to(tmp_path).as_posix(), m.group(0)) for p, text in files.items()
             for m in DEBT_WORDS.finditer(text)]
    assert found == []
    # and it says its own words: the lists and the invoices, the instructions, the calendar
    texts = {p.relative_to(tmp_path).as_posix(): re.sub(r"\s+", " ", text) for p, text in files.items()}
    lists = [t for name, t in texts.items() if "/reserve-lists/2025-12/buyer-" in name and name.endswith(".pdf")]
    assert lists and all("Accrued and unpaid dividends" in t and "Stated Value" in t for t in lists)
    assert all("accrued and unpaid dividends" in t for n, t in texts.items() if "/invoices/" in n and n.endswith("pdf"))
    instructions = texts["allegheny-vireo-2025/closing/transfer-agent-instructions.pdf"]
    assert "no par value" in instructions and "Stated Value of One Thousand Dollars" in instructions
    assert "no par value" in texts["allegheny-vireo-2025/closing/officers-certificate.pdf"]
    assert "its shareholders" in texts["allegheny-vireo-2025/closing/secretarys-certificate.pdf"]
    calendar = texts["allegheny-vireo-2025/deadlines.ics"]
    assert "pay dividends on the Preferred Shares" in calendar and "redeem the Preferred Shares" in calendar


@pytest.mark.slow
@pytest.mark.usefixtures("documents_made_once")
def test_the_debt_example_never_prints_a_preferred_word(tmp_path):
    files = _made(SIERRA, "2024-11", "list-2024-12", tmp_path)
    found = [(p.relative_to(tmp_path).as_posix(), m.group(0)) for p, text in files.items()
             for m in PREFERRED_WORDS.finditer(text)]
    assert found == []


def test_the_debt_pattern_can_fail():
    assert DEBT_WORDS.search("the outstanding principal") and DEBT_WORDS.search("the Notes mature")
    assert DEBT_WORDS.search("accrued Interest") and not DEBT_WORDS.search("Press Release: Cover Note")
    assert not DEBT_WORDS.search("the working notes; a note to the checklist")
    assert PREFERRED_WORDS.search("accrued Dividends") and not PREFERRED_WORDS.search("the Notes")


# -- the dividends, by hand from the deal's words -------------------------------------------------------------
# Series B terms (deal_data/examples/allegheny-vireo-2025.yaml): Stated Value $1,000 a share; cumulative
# dividends of 8% a year on the Stated Value, 30E/360 (a 31st counts as the 30th, start and end alike), from
# the Closing Date, September 12, 2025, paid monthly on the 15th (the next business day where the 15th is
# not one), accruing to the 15th. The Buyers hold 900, 800 and 400 shares; Laurel Ridge converts 150 of its
# shares on December 31, 2025 with their dividends since December 15 (which convert with them); 200 of
# Conestoga's are redeemed on March 31, 2026.
def _e30(start: dt.date, end: dt.date) -> int:
    """Days under 30E/360, by hand: each date's 31st is the 30th."""
    d1, d2 = min(start.day, 30), min(end.day, 30)
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


RATE = Decimal("0.08")


def test_the_dividends_match_a_hand_calculation_from_the_deals_words():
    deal = validate(load(PREFERRED))
    monongahela, conestoga, laurel = deal.buyers
    closing = dt.date(2025, 9, 12)
    oct15, nov15, dec15, dec31, jan15 = (dt.date(2025, 10, 15), dt.date(2025, 11, 15), dt.date(2025, 12, 15),
                                        dt.date(2025, 12, 31), dt.date(2026, 1, 15))
    # the first period, September 12 to October 15: 33 days; $900,000 x 8% x 33 / 360 = $6,600.00
    assert _e30(closing, oct15) == 33
    assert _cents(accrued_interest(deal, monongahela, oct15)) == _cents(Decimal(900_000) * RATE * 33 / 360) \
        == Decimal("6600.00")
    # a full month is 30 days: $800,000 x 8% x 30 / 360 = $5,333.33 from October 15 to November 15
    assert _cents(accrued_interest(deal, conestoga, nov15) - accrued_interest(deal, conestoga, oct15)) \
        == Decimal("5333.33")
    # each payment recorded is what accrued to its 15th, to the cent, less what was paid before
    for buyer in deal.buyers:
        paid = Decimal(0)
        for e in deal.events("dividend_payment", "conversion"):
            if e.buyer != buyer.id or e.date > dt.date(2026, 3, 16):
                continue
            amount = e.amount if e.event == "dividend_payment" else e.dividends
            if e.event == "dividend_payment":
                fifteenth = e.date.replace(day=15)
                assert amount == _cents(accrued_interest(deal, buyer, fifteenth)) - paid, (buyer.id, e.date)
            paid += amount
    # 30E/360: December 15 to 31 is 15 days (the US bond basis counts 16): the 150 shares converted on
    # December 31 carry $150,000 x 8% x 15 / 360 = $500.00 of dividends, as the ledger converts them
    assert _e30(dec15, dec31) == 15
    conversion = deal.events("conversion")[0]
    assert conversion.dividends == _cents(Decimal(150_000) * RATE * 15 / 360) == Decimal("500.00")
    assert conversion.shares_issued == (Decimal(150_000) + Decimal("500.00")) / Decimal("2.50") == 60200
    # Laurel Ridge to January 15: $400,000 for 15 days, then $250,000 for 15 days (December 31 counts as the 30th)
    laurel_to_jan15 = Decimal(400_000) * RATE * 15 / 360 + Decimal(250_000) * RATE * _e30(dec31, jan15) / 360
    since_dec15 = accrued_interest(deal, laurel, jan15) - accrued_interest(deal, laurel, dec15)
    assert _e30(dec31, jan15) == 15 and abs(since_dec15 - laurel_to_jan15) < Decimal("1e-20")
    # at the end of December 31 the list shows what is unpaid: to January 1, less the $500.00 converted
    unpaid = Decimal(400_000) * RATE * 15 / 360 + Decimal(250_000) * RATE * 1 / 360 - Decimal("500.00")
    bp = position(deal, dec31).for_buyer("laurel")
    assert _cents(bp.accrued_unpaid_interest) == _cents(unpaid) == Decimal("888.89")
    # the dividends still unpaid convert with the shares: ($250,000 + $888.89) / $2.50, rounded up
    assert bp.converting_dividends == Decimal("888.89")
    exact = (Decimal(250_000) + Decimal("888.89")) / Decimal("2.50")          # 100,355.556
    assert bp.conversion_shares == 100356 == exact.to_integral_value(rounding=ROUND_CEILING)
    # November 15, 2025 was a Saturday: due Monday, November 17 (following), still accruing to the 15th
    november = next(p for p in interest_schedule(deal) if p.scheduled == nov15)
    assert (november.due, november.accrual_end) == (dt.date(2025, 11, 17), nov15)
    # the redemption of 200 of Conestoga's shares on March 31, 2026 pays their dividends since March 15:
    # $200,000 x 8% x 15 / 360 = $666.67 (30E/360)
    paid = [e for e in deal.events("dividend_payment") if e.date == dt.date(2026, 3, 31)]
    assert [e.amount for e in paid] == [_cents(Decimal(200_000) * RATE * _e30(dt.date(2026, 3, 15),
                                                                              dt.date(2026, 3, 31)) / 360)]
    assert paid[0].amount == Decimal("666.67")
    # after the redemption Conestoga holds 600 shares ($600,000 of Stated Value); at the end of March 31 their
    # dividends since March 15 are unpaid: $800,000 for 15 days and $600,000 for March 31 itself, less the
    # $666.67 paid with the redemption (every earlier dividend was paid in full)
    after = position(deal, dt.date(2026, 3, 31)).for_buyer("conestoga")
    assert after.outstanding_principal == Decimal(600_000) and after.principal_repaid == Decimal(200_000)
    unpaid = Decimal(800_000) * RATE * 15 / 360 + Decimal(600_000) * RATE * 1 / 360 - Decimal("666.67")
    assert _cents(after.accrued_unpaid_interest) == _cents(unpaid) == Decimal("2133.33")
