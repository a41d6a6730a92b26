"""Monthly lists against the last one: what happened in the ledger, and each figure it moved."""
from __future__ import annotations

import pytest

from generator.cli import main
from generator.compute.changes import changes_since_last_list
from generator.deal.validate import validate
from generator.plan.documents import reserve_list_documents
from generator.render.environment import Renderer
from generator.render.locate import search_path
from generator.render.markup import plain_text
from generator.render.set import render_all

from ..conftest import EXAMPLE
from ..deals import validated
from ..producers import real_writers_for, slugs


def test_august_2003_against_july():
    deal = validated(EXAMPLE, validate)
    changes = changes_since_last_list(deal, "2003-08")
    assert changes.since.isoformat() == "2003-07-31"
    assert [e.split(":")[0] for e in changes.events] == [
        "August 22, 2003", "August 25, 2003", "August 26, 2003", "August 28, 2003"]
    moved = {(m.label, m.buyer): (m.before, m.after) for m in changes.moved}
    # the aggregate Reserved Amount at $0.005: 2 x ($950,000 / 0.005 + 5,000,000) on July 31, and
    # 2 x ($850,000 / 0.005 + 5,000,000) after Alpha converted $100,000 on August 28
    assert moved[("Aggregate Reserved Amount", None)] == (390_000_000, 350_000_000)
    assert moved[("Outstanding principal", "Alpha Capital Aktiengesellschaft")] == (350000, 250000)
    assert moved[("Shares reserved for the Buyers", None)] == (12_857_142, 530_000_000)
    assert ("Outstanding principal", "SDS Merchant Fund, LP") not in moved        # SDS did nothing in August


def test_the_first_list_has_no_earlier_list_to_compare():
    assert changes_since_last_list(validated(EXAMPLE, validate), "2003-05") is None


@pytest.mark.slow
def test_lists_say_what_moved_only_when_asked(tmp_path, monkeypatch):
    deal = validated(EXAMPLE, validate)
    renderer = Renderer(search_path([]))
    plain = render_all(renderer, reserve_list_documents(deal, "2003-08"), deal, draft=True)
    assert all("Changes since the last list" not in plain_text(d.blocks) for d in plain)
    with_changes = render_all(renderer, reserve_list_documents(deal, "2003-08", changes=True), deal, draft=True)
    sds = plain_text(next(d for d in with_changes if d.spec.slug == "buyer-sds").blocks)
    assert "Changes since the last list (July 31, 2003)" in sds
    assert "Alpha Capital Aktiengesellschaft converted $100,000 of its Debentures into 20,000,000 shares" in sds
    assert "Shares reserved for the Buyer\nJuly 31" not in sds and "2,857,142\n260,897,436" in sds
    # the command makes each list with its changes: a Buyer's list and the summary (one of each template) laid out
    # in PDF and DOCX by the real writers, the other copies as text
    real_writers_for(monkeypatch, slugs("buyer-sds", "summary"))
    assert main(["reserve-list", str(EXAMPLE), "--month", "2003-08", "--changes", "--output", str(tmp_path),
                 "--jobs", "1", "--draft"]) == 0
