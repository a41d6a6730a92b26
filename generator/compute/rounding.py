"""The rounding rules, by name: every figure is computed and rounded here, in ``compute``.

The template filters (``render/filters.py``) only present a figure already computed: money
shown to the cent uses the same rule as :func:`cents` (``CENTS_HALF_UP``), and a share count
must already be whole.
"""
from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction

SHARES_UP = "Shares for a dollar amount: the amount divided by the price per share, rounded up to a whole share."
CENTS_HALF_UP = "Money: carried at full precision and stated rounded half-up to the cent."
LARGEST_REMAINDER = ("Allocation among the Buyers: pro rata to each Buyer's Reserved Amount in whole shares, any "
                     "shares left over going one at a time to the largest remainders, so the parts add up exactly.")

RESERVED_UP = ("Reserved Amount: the multiple times the shares issuable, rounded up to a whole share where the "
               "multiple is not a whole number.")

# Warrant coverage (the Warrants as a percentage of the conversion shares), by the agreement's rule:
# the exact number (the percentage of the amount converted divided by the initial Conversion Price) is
# rounded once, to a whole share.
COVERAGE_RULES = {
    "down": "rounded down to a whole share",
    "up": "rounded up to a whole share",
    "half-up": "rounded to the nearest whole share (a half share up)",
}

_CENT = Decimal("0.01")


def shares_for(amount: Decimal, price: Decimal) -> int:
    """SHARES_UP: whole shares issuable for ``amount`` at ``price``."""
    if price <= 0:
        raise ValueError("a price per share must be positive")
    return int((Decimal(amount) / Decimal(price)).to_integral_value(rounding=ROUND_CEILING))


def coverage_shares(amount: Decimal, price: Decimal, percent: Decimal, rule: str) -> int:
    """COVERAGE_RULES[rule]: ``percent`` of the shares issuable for ``amount`` at ``price``, as one exact
    quotient rounded once to a whole share."""
    if price <= 0:
        raise ValueError("a price per share must be positive")
    exact = Fraction(Decimal(amount)) * Fraction(Decimal(percent)) / 100 / Fraction(Decimal(price))
    if rule == "down":
        return math.floor(exact)
    if rule == "up":
        return math.ceil(exact)
    if rule == "half-up":
        return math.floor(exact + Fraction(1, 2))
    raise ValueError(f"no rounding rule named {rule!r} ({', '.join(COVERAGE_RULES)})")


def cents(amount: Decimal) -> Decimal:
    """CENTS_HALF_UP."""
    return Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP)


def allocate(total: int, weights: list[int | Decimal]) -> list[int]:
    """LARGEST_REMAINDER: split ``total`` whole shares in proportion to ``weights``, summing exactly.

    Exact integer arithmetic throughout. With no positive weight, the split is equal
    (ties go to the earlier entry)."""
    if total < 0:
        raise ValueError("cannot allocate a negative number of shares")
    if not weights:
        return []
    decimals = [Decimal(w) for w in weights]
    if any(w < 0 for w in decimals):
        raise ValueError("allocation weights cannot be negative")
    places = max([0, *(-_exponent(w) for w in decimals)])
    ints = [int(w.scaleb(places)) for w in decimals]
    if sum(ints) == 0:
        ints = [1] * len(ints)
    whole = sum(ints)
    base = [total * w // whole for w in ints]
    remainders = [total * w % whole for w in ints]
    order = sorted(range(len(ints)), key=lambda i: (-remainders[i], i))
    for i in order[: total - sum(base)]:
        base[i] += 1
    return base


def reserved_amount(multiple: Decimal, shares: int) -> int:
    """RESERVED_UP: ``multiple`` x ``shares`` in whole shares, rounded up."""
    return int((Decimal(multiple) * shares).to_integral_value(rounding=ROUND_CEILING))


def _exponent(number: Decimal) -> int:
    """A finite number's exponent (-2 for 12.34); weights are finite (ints, or amounts of the deal)."""
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int), number   # 'n', 'N' or 'F' only for NaN and infinity
    return exponent
