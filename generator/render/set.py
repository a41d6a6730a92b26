"""A set of documents rendered: each one, then the checks across the set (the fonts' glyphs, and in a
final set the facts still to be confirmed and the press release's review), every problem at once."""
from __future__ import annotations

import dataclasses
import datetime as dt

from ..deal.load import LoadedDeal
from ..deal.model import Deal
from ..deal.provenance import unconfirmed, watches
from ..errors import PendingFactsError, Problem
from ..plan.spec import DocumentSpec
from .environment import RenderedDocument, Renderer
from .glyphs import check_glyphs
from .guards import forbidden_names
from .house import house_style


def render_all(renderer: Renderer, specs: list[DocumentSpec], deal: Deal, draft: bool,
               loaded: LoadedDeal | None = None) -> list[RenderedDocument]:
    """Render every document; a final one may not print a fact still to be confirmed."""
    watched = tuple(watches(deal, loaded))
    open_facts = unconfirmed(deal, loaded)
    # each document reads the deal as it stood on its date (a consent or review recorded later not yet given);
    # a plan's own context may hold the deal cut already (the lists, the invoices)
    documents = [_relying(renderer.render(spec, {"deal": _as_of(deal, spec.date),
                                                 "derived_from_open": _derived_from(spec, open_facts)},
                                          draft, spec.date, spec.author or deal.company.name,
                                          deal.example, forbidden_names(deal, spec.date) if spec.public else (), watched),
                          open_facts)
                 for spec in specs]
    check_glyphs(documents, house_style(renderer.paths), loaded)
    if not draft:
        pending = list(dict.fromkeys(p for d in documents for p in d.pending))
        problems = [p.problem() for p in pending]
        problems += _unreviewed_release(specs, deal, loaded)
        if problems:
            raise PendingFactsError(problems)
    return documents


def _as_of(deal: Deal, date) -> Deal:
    """The deal as it stood on a document's date (an undated document reads the whole deal)."""
    return deal.as_of(date) if isinstance(date, dt.date) else deal


def _derived_from(spec: DocumentSpec, open_facts: dict) -> list[str]:
    """The facts still to be confirmed that a document's figures are derived from, as the deal file names
    them (a draft's mark lists them)."""
    return [] if spec.working else [path for path in spec.relies_on if path in open_facts]


def _relying(document: RenderedDocument, open_facts: dict) -> RenderedDocument:
    """A document with the unconfirmed facts its figures are derived from (its plan's ``relies_on``) added
    to those it prints: a final one may not be made while any is open; a draft lists them."""
    # a figure computed from a fact still to be confirmed prints that fact as the compute layer found it (with no
    # line): it is reported at the fact's own line
    printed = tuple(dict.fromkeys(open_facts.get(p.path, p) if not p.line else p for p in document.pending))
    if printed != document.pending:
        document = dataclasses.replace(document, pending=printed)
    derived = [open_facts[path] for path in document.spec.relies_on if path in open_facts]
    if not derived or document.spec.working:
        return document
    return dataclasses.replace(document, pending=tuple(dict.fromkeys([*document.pending, *derived])))


def _unreviewed_release(specs: list[DocumentSpec], deal: Deal, loaded: LoadedDeal | None) -> list[Problem]:
    """A final press release needs the Buyers' prior review recorded (the publicity covenant); a review
    still marked TBC is already listed with the facts to be confirmed."""
    public = next((s for s in specs if s.public), None)
    if public is None or deal.press_release is None:
        return []
    reviewed = deal.press_release.reviewed_by_buyers_on
    as_it_stood = _as_of(deal, public.date).press_release
    if as_it_stood is not None and as_it_stood.reviewed_by_buyers_on is not None:
        return []
    where: tuple[str, ...]
    if reviewed is None:
        message, where = "the Buyers' review of the press release is not recorded: add reviewed_by_buyers_on", \
            ("press_release",)
    else:      # recorded for a day after the release's date: the release was not reviewed on the day it bears
        message = (f"the Buyers' review of the press release is recorded on {reviewed}, after the date the "
                   f"release bears ({public.date}): a release may not go out before their review")
        where = ("press_release", "reviewed_by_buyers_on")
    if loaded is None:
        return [Problem("", 0, 0, "press_release.reviewed_by_buyers_on", message)]
    return [loaded.problem(where, message, key=where[-1] == "press_release")]
