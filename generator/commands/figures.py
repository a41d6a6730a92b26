"""``closingdocs figures DEAL --as-of DATE``: every computed figure on a date, as JSON."""
from __future__ import annotations

from .common import date, deal_argument, example

NAME = "figures"
HELP = "print every computed figure on a date, as JSON (writes nothing)"
EXAMPLE = example("closingdocs figures deal_data/amnis-2003.yaml --as-of 2003-05-09 --json")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--as-of", type=date, required=True, metavar="YYYY-MM-DD",
                        help="the date of the figures (events dated that day included)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON, money and prices as exact decimal strings (the only format)")


def run(args, options) -> int:
    from ..compute.figures import figures, to_json  # imported when run, as the three below: --help and
    from ..compute.validate import validate  # other commands do without the deal model and the figures
    from ..deal.load import load  # (see above)

    print(to_json(figures(validate(load(args.deal)), args.as_of)))
    return 0
