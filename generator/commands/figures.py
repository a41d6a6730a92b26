"""``closingdocs figures DEAL --as-of DATE``: every computed figure on a date, as JSON."""
from __future__ import annotations

from pathlib import Path

from .common import date

NAME = "figures"
HELP = "print every computed figure on a date"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    parser.add_argument("--as-of", type=date, required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="JSON (decimals as strings); the only format")


def run(args, options) -> int:
    from ..compute.figures import figures, to_json  # imported when run, as the three below: --help and
    from ..deal.load import load  # other commands do without the deal model and the figures
    from ..deal.validate import validate  # (see above)

    print(to_json(figures(validate(load(args.deal)), args.as_of)))
    return 0
