"""Warrant coverage: each Buyer's Warrants as the agreement states them, a typed number of shares or a
percentage of its conversion shares (``securities.warrants.coverage``).

With a coverage, a Buyer's Warrants cover that percentage of the shares issuable on conversion of its
convertible security at the initial Conversion Price (its amount divided by that price), the exact number
rounded once to a whole share under the agreement's rule (``rounding.COVERAGE_RULES``); the aggregate is
the sum of the Buyers'. A number also typed must agree with it. :func:`derive` puts the derived numbers in
the deal, each with its source ("derived: ..."), before anything else reads them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..deal.load import LoadedDeal
from ..deal.model import Buyer, Deal, Source
from ..errors import Problem
from .rounding import COVERAGE_RULES, coverage_shares


@dataclass(frozen=True)
class Coverage:
    """One Buyer's Warrants derived from the coverage."""

    buyer_id: str
    amount: Decimal            # what converts: the Buyer's amount of the convertible security
    price: Decimal             # the initial Conversion Price
    percent: Decimal
    rule: str                  # a key of COVERAGE_RULES
    shares: int

    @property
    def conversion_shares(self) -> Decimal:
        """The exact shares issuable on conversion (not rounded: the coverage is rounded once)."""
        return self.amount / self.price

    @property
    def rounding(self) -> str:
        return COVERAGE_RULES[self.rule]


def conversion_amount(deal: Deal, buyer: Buyer) -> Decimal:
    """The amount of a Buyer's convertible security that converts at the Conversion Price: its principal
    amount, or the Stated Value of its Preferred Shares (``Deal.amount``)."""
    return deal.amount(buyer)


def coverages(deal: Deal) -> list[Coverage]:
    """Each Buyer's Warrants derived from the coverage; none where the deal types them as counts."""
    war = deal.securities.warrants
    if war is None or war.coverage is None:
        return []
    price = deal.securities.convertible.conversion_price.price
    cov = war.coverage
    return [Coverage(b.id, conversion_amount(deal, b), price, cov.percent, cov.rounding,
                     coverage_shares(conversion_amount(deal, b), price, cov.percent, cov.rounding)) for b in deal.buyers]


def derivation(deal: Deal, coverage: Coverage) -> str:
    """How a Buyer's Warrants are derived, in words: the source a document and the figures JSON give."""
    sec = deal.securities.convertible
    return (f"{coverage.percent.normalize():f}% of the shares issuable on conversion of its "
            f"{sec.defined_term} (${coverage.amount:,.2f} at the initial Conversion Price of "
            f"${coverage.price.normalize():f}), {coverage.rounding}")


def derive(deal: Deal, loaded: LoadedDeal) -> tuple[Deal, list[Problem]]:
    """The deal with each Buyer's Warrants and their aggregate derived from the coverage (each with its source),
    and a problem for every typed number that disagrees with the derived one, naming both."""
    war = deal.securities.warrants
    found = coverages(deal)
    if war is None or war.coverage is None:
        return deal, []
    problems = []
    coverage_path = ("securities", "warrants", "coverage")
    line = loaded.where(coverage_path)[0]
    buyers = []
    for i, (buyer, cov) in enumerate(zip(deal.buyers, found, strict=True)):
        derived = Source(derived=derivation(deal, cov))
        if buyer.warrants is not None and buyer.warrants != cov.shares:
            problems.append(loaded.problem(("buyers", i, "warrants"), (
                f"{buyer.id}'s Warrants are typed as {buyer.warrants:,} shares here, but the warrant coverage "
                f"(securities.warrants.coverage, line {line}) gives {cov.shares:,}: {derived.derived}; "
                "remove one, or make them agree")))
        buyers.append(buyer.model_copy(update={"warrants": cov.shares,
                                               "sources": {**buyer.sources, "warrants": derived}}))
    aggregate = sum(c.shares for c in found)
    if war.aggregate_shares is not None and war.aggregate_shares != aggregate:
        problems.append(loaded.problem(("securities", "warrants", "aggregate_shares"), (
            f"typed as {war.aggregate_shares:,} shares here, but the warrant coverage (securities.warrants."
            f"coverage, line {line}) gives the Buyers {aggregate:,} in all; remove one, or make them agree")))
    total = Source(derived=f"the sum of the Buyers' {war.defined_term}, each "
                   f"{war.coverage.percent.normalize():f}% of its conversion shares, {COVERAGE_RULES[war.coverage.rounding]}")
    war = war.model_copy(update={"aggregate_shares": aggregate, "sources": {**war.sources, "aggregate_shares": total}})
    securities = deal.securities.model_copy(update={"warrants": war})
    return deal.model_copy(update={"buyers": buyers, "securities": securities}), problems


def warrant_facts(deal: Deal) -> tuple[str, ...]:
    """The deal's facts (dotted paths) the Buyers' Warrants are derived from, where a coverage derives them:
    the coverage and the initial Conversion Price. A final document that prints them is refused while one
    of these is still to be confirmed (as ``reserve.derived_from``)."""
    war = deal.securities.warrants
    if war is None or war.coverage is None:
        return ()
    return ("securities.warrants.coverage", "securities.convertible.conversion_price")
