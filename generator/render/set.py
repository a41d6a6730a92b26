"""A set of documents rendered: each one, then the checks across the set (the fonts' glyphs, and in a
final set the facts still to be confirmed and the press release's review), every problem at once."""
from __future__ import annotations

import dataclasses
import re

from ..deal.load import LoadedDeal, Pending
from ..deal.model import Deal
from ..errors import PendingFactsError, Problem
from ..plan.spec import DocumentSpec
from .environment import RenderedDocument, Renderer
from .glyphs import check_glyphs
from .guards import forbidden_names
from .house import house_style


def render_all(renderer: Renderer, specs: list[DocumentSpec], deal: Deal, draft: bool,
               loaded: LoadedDeal | None = None) -> list[RenderedDocument]:
    """Render every document; a final one may not print a fact still to be confirmed."""
    forbidden = forbidden_names(deal)
    documents = [renderer.render(spec, {"deal": deal}, draft, spec.date, spec.author or deal.company.name,
                                 deal.example,
                                 forbidden if spec.public else ()) for spec in specs]
    if loaded is not None:
        documents = [dataclasses.replace(d, pending=tuple(_located(p, loaded) for p in d.pending)) for d in documents]
    check_glyphs(documents, house_style(renderer.paths), loaded)
    if not draft:
        pending = list(dict.fromkeys(p for d in documents for p in d.pending))
        problems = [Problem(p.file, p.line, 1, p.path, f"still to be confirmed: {p.note}") for p in pending]
        problems += _unreviewed_release(specs, deal, loaded)
        if problems:
            raise PendingFactsError(problems)
    return documents


def _located(fact: Pending, loaded: LoadedDeal) -> Pending:
    """A fact the plan marks as still to be confirmed by its key alone (an inferred figure, such as a Conversion
    Price not confirmed), placed at its line in the deal file."""
    if fact.line:
        return fact
    path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", fact.path) if p)
    line, _ = loaded.where(path)
    return dataclasses.replace(fact, file=loaded.file_of(path), line=line)


def _unreviewed_release(specs: list[DocumentSpec], deal: Deal, loaded: LoadedDeal | None) -> list[Problem]:
    """A final press release needs the Buyers' prior review recorded (the publicity covenant); a review
    still marked TBC is already listed with the facts to be confirmed."""
    if not any(s.public for s in specs) or deal.press_release is None:
        return []
    if deal.press_release.reviewed_by_buyers_on is not None:
        return []
    message = "the Buyers' review of the press release is not recorded: add reviewed_by_buyers_on"
    if loaded is None:
        return [Problem("", 0, 0, "press_release.reviewed_by_buyers_on", message)]
    return [loaded.problem(("press_release",), message, key=True)]
