"""Stage 3, compute: every figure the documents print, derived from the deal before rendering.

Rounding rules, each named and printed on the documents that use them:
  * ``SHARES_UP``: shares issuable for a dollar amount are rounded up to the whole share;
  * ``CENTS_HALF_UP``: money is carried exactly and shown rounded half-up to the cent;
  * ``LARGEST_REMAINDER``: a pro-rata allocation of whole shares gives each buyer the whole
    part of its share, then one more share to the largest remainders, so it sums exactly.
"""
from .breaches import Breach, breaches, find_breach, latest_fact_date
from .closing import BuyerAllocation, ClosingFigures, closing_figures
from .damages import FRACTION_RULE, Damages, DamagesLine, damages
from .reserve import BuyerPosition, Position, position
from .rounding import CENTS_HALF_UP, LARGEST_REMAINDER, RESERVED_UP, SHARES_UP, allocate, cents, shares_for

__all__ = ["BuyerAllocation", "ClosingFigures", "closing_figures", "BuyerPosition", "Position", "position",
           "Breach", "breaches", "find_breach", "latest_fact_date", "FRACTION_RULE", "Damages", "DamagesLine", "damages",
           "CENTS_HALF_UP", "LARGEST_REMAINDER", "RESERVED_UP", "SHARES_UP", "allocate", "cents", "shares_for"]
