"""Which documents a request makes, and the date each is read on."""
from __future__ import annotations

import datetime as dt

from generator.compute.validate import validate
from generator.deal.load import load
from generator.plan.documents import press_release_documents

from ..conftest import ROOT

ALLEGHENY = ROOT / "deal_data" / "examples" / "allegheny-vireo-2025.yaml"


def test_the_press_release_cover_note_is_read_on_the_release_date():
    """The note says whether the release may go out: it is read on the day of the release, so a review the
    Buyers completed after the closing and before the release shows as done (Allegheny: closing September 12,
    review September 15, release September 16, 2025)."""
    deal = validate(load(ALLEGHENY))
    release, cover = press_release_documents(deal)
    assert deal.closing_date == dt.date(2025, 9, 12)
    assert deal.press_release.reviewed_by_buyers_on == dt.date(2025, 9, 15)
    assert release.date == cover.date == deal.press_release.release_date == dt.date(2025, 9, 16)
