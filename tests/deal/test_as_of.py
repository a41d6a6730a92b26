"""``Deal.as_of``: the deal as it stood at the end of a day, the one cut every dated computation uses."""
from __future__ import annotations

import datetime as dt

from generator.deal.validate import validate

from ..conftest import EXAMPLE, ROOT
from ..deals import validated

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


def test_the_cut_keeps_the_entries_of_the_day_and_before_and_nothing_later():
    deal = validated(EXAMPLE, validate)
    day = dt.date(2003, 8, 25)
    cut = deal.as_of(day)
    assert [e for e in deal.ledger if e.date <= day] == cut.ledger
    assert cut.ledger and all(e.date <= day for e in cut.ledger)
    assert any(e.date > day for e in deal.ledger)
    # the Stockholder Approval recorded that day is in; the reserve of the next day is not
    assert any(e.event == "authorized_shares" for e in cut.ledger)
    assert not any(e.event == "reserve" and e.date == dt.date(2003, 8, 26) for e in cut.ledger)


def test_a_cure_or_acceptance_an_entry_records_for_a_later_day_is_not_yet_known():
    deal = validated(EXAMPLE, validate)
    opinion = next(e for e in deal.as_of(dt.date(2003, 9, 11)).ledger if e.event == "opinion_delivered")
    assert opinion.accepted is None
    opinion = next(e for e in deal.as_of(dt.date(2003, 9, 12)).ledger if e.event == "opinion_delivered")
    assert opinion.accepted == dt.date(2003, 9, 12)
    breach = next(e for e in deal.as_of(dt.date(2004, 3, 9)).ledger if e.event == "breach")
    assert breach.cured is None
    breach = next(e for e in deal.as_of(dt.date(2004, 3, 10)).ledger if e.event == "breach")
    assert breach.cured == dt.date(2004, 3, 10)


def test_a_closing_delivery_dated_later_is_still_pending():
    deal = validated(SIERRA, validate)
    cut = deal.as_of(dt.date(2024, 9, 2))
    release = next(d for d in cut.closing.deliveries if d.item == "press-release")
    assert (release.status, release.date, release.note) == ("pending", None, None)
    assert next(d for d in deal.closing.deliveries if d.item == "press-release").status == "received"
    purchase = next(d for d in cut.closing.deliveries if d.item == "purchase-price")
    assert (purchase.status, purchase.date) == ("received", dt.date(2024, 8, 30))


def test_nothing_later_gives_the_same_deal_and_cutting_twice_is_cutting_once():
    deal = validated(EXAMPLE, validate)
    assert deal.as_of(dt.date(2199, 12, 31)) is deal
    once = deal.as_of(dt.date(2003, 7, 31))
    assert once.as_of(dt.date(2003, 7, 31)) is once
    assert deal.as_of(dt.date(2003, 7, 31)) == once


def test_a_review_or_consent_recorded_for_a_later_day_is_not_yet_given():
    # Sierra: the Buyers reviewed the release and Brévent consented to be named on August 29, 2024
    deal = validated(SIERRA, validate)
    on_the_day = deal.as_of(dt.date(2024, 8, 29))
    assert on_the_day.press_release.reviewed_by_buyers_on == dt.date(2024, 8, 29)
    brevent = on_the_day.buyer("brevent")
    assert (brevent.consents_to_be_named, brevent.consent_recorded_on) == (True, dt.date(2024, 8, 29))
    before = deal.as_of(dt.date(2024, 8, 28))
    assert before.press_release.reviewed_by_buyers_on is None
    brevent = before.buyer("brevent")
    assert (brevent.consents_to_be_named, brevent.consent_recorded_on) == (False, None)
    # what else the Buyer and the release say is untouched, and the whole deal keeps both
    assert brevent.model_copy(update={"consents_to_be_named": True, "consent_recorded_on": dt.date(2024, 8, 29)}) \
        == deal.buyer("brevent")
    assert before.press_release.headline == deal.press_release.headline
    assert deal.press_release.reviewed_by_buyers_on == dt.date(2024, 8, 29) and deal.buyer("brevent").consents_to_be_named


def test_a_review_still_to_be_confirmed_stays_pending_on_any_day():
    from generator.deal.load import Pending

    deal = validated(EXAMPLE, validate)       # the sample's review date is TBC
    assert isinstance(deal.press_release.reviewed_by_buyers_on, Pending)
    assert isinstance(deal.as_of(dt.date(2003, 5, 1)).press_release.reviewed_by_buyers_on, Pending)
