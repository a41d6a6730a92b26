"""A payment date that is not a business day, moved under the schedule's convention, shows as moved in a
Buyer's list, the deadline calendar and the figures: the second deal paying on the 15th (following)."""
from __future__ import annotations

import datetime as dt

from generator.compute.deadlines import deadlines
from generator.compute.figures import figures
from generator.deal.load import load
from generator.deal.validate import validate
from generator.plan.documents import reserve_list_documents
from generator.render.environment import Renderer, search_path
from generator.render.markup import plain_text
from generator.render.set import render_all
from generator.writers.ics import calendar_bytes

from .conftest import ROOT, mutate

D = dt.date
SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def _deal(tmp_path):
    text = mutate(SIERRA.read_text(), "      first: 2024-10-01\n      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n      day: first-business-day",
                  "      first: 2024-10-15\n      frequency: monthly\n      day: 15\n      business_day: following")
    path = tmp_path / "deal.yaml"
    path.write_text(text)
    return validate(load(path))


def test_the_list_gives_the_moved_date_and_says_why(tmp_path):
    deal = _deal(tmp_path)
    docs = render_all(Renderer(search_path([])), reserve_list_documents(deal, "2024-11"), deal, draft=True)
    text = plain_text(next(d for d in docs if d.spec.slug == "buyer-brevent").blocks)
    # the next payment after November 30, 2024: Sunday December 15 moves to Monday December 16
    assert "Next interest payment date December 16, 2024" in " ".join(text.split())
    assert ("December 15, 2024 is not a business day: payment is due December 16, 2024 under the following "
            "business day convention") in " ".join(text.split())


def test_the_calendar_and_figures_give_the_moved_date(tmp_path):
    deal = _deal(tmp_path)
    entry = next(d for d in deadlines(deal) if d.key == "interest-2024-12")
    assert entry.date == D(2024, 12, 16)
    assert "day 15 of the month, every month, from October 15, 2024; a date that is not a business day moves " \
        "under the following business day convention" in entry.rule
    assert "December 15, 2024 is not a business day: payment is due December 16, 2024" in entry.rule
    ics = calendar_bytes(deal, deadlines(deal), 3).decode().replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20241216" in ics and "DTSTART;VALUE=DATE:20241215" not in ics
    report = figures(deal, D(2024, 11, 30))
    assert report["next_interest_date"] == D(2024, 12, 16)
    assert report["next_interest_payment"] == {"scheduled": D(2024, 12, 15), "due": D(2024, 12, 16),
                                               "accrual_end": D(2024, 12, 15)}
    assert {"scheduled": D(2025, 2, 15), "due": D(2025, 2, 18), "accrual_end": D(2025, 2, 15)} \
        in report["interest_payment_dates"]       # Saturday; Monday February 17 is Washington's Birthday
