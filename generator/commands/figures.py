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
    from ..deal.load import load  # other commands do without the deal model and the figures
    from ..deal.provenance import unconfirmed  # (see above)
    from ..deal.validate import validate  # (see above)

    loaded = load(args.deal)
    deal = validate(loaded)
    data = figures(deal, args.as_of)
    # the working notes a certified document leaves out: the facts still to be confirmed these figures may
    # be derived from, each with its line in the deal file and where it is to come from
    data["still_to_be_confirmed"] = [{"fact": f.path, "file": f.file, "line": f.line, "source": f.note}
                                     for f in unconfirmed(deal, loaded).values()]
    print(to_json(data))
    return 0
