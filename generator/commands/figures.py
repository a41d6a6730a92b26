"""``closingdocs figures DEAL --as-of DATE``: every computed figure on a date, as text or (``--json``) JSON."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from .common import date, deal_argument, example

NAME = "figures"
HELP = "print every computed figure on a date, as an indented list or, with --json, as JSON (writes nothing)"
EXAMPLE = example("closingdocs figures deal_data/amnis-2003.yaml --as-of 2003-05-09",
                  "closingdocs figures deal_data/amnis-2003.yaml --as-of 2003-05-09 --json   # for a program")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--as-of", type=date, required=True, metavar="YYYY-MM-DD",
                        help="the date of the figures (events dated that day included)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON, money and prices as exact decimal strings, instead of the indented list")


def run(args, options) -> int:
    from ..compute.figures import figures, to_json  # imported when run, as the three below: --help and
    from ..compute.validate import validate  # other commands do without the deal model and the figures
    from ..deal.load import load  # (see above)
    from ..deal.provenance import unconfirmed  # (see above)

    loaded = load(args.deal)
    deal = validate(loaded)
    found = figures(deal, args.as_of)
    # the working notes a certified document leaves out: the facts still to be confirmed these figures may
    # be derived from, each with its line in the deal file and where it is to come from
    found["still_to_be_confirmed"] = [{"fact": f.path, "file": f.file, "line": f.line, "source": f.note}
                                      for f in unconfirmed(deal, loaded).values()]
    print(to_json(found) if args.json else to_text(found))
    return 0


def to_text(data: dict) -> str:
    """The figures as an indented list: the JSON's keys in words, amounts exact with thousands separators, dates as
    YYYY-MM-DD, "none" for a value not set, each list entry after a dash."""
    return "\n".join(_lines(data, ""))


def _lines(value: dict | list, pad: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            label = str(key).replace("_", " ")
            if isinstance(item, dict | list) and item:
                yield f"{pad}{label}:"
                yield from _lines(item, pad + "  ")
            else:
                yield f"{pad}{label}: {_text(item)}"
        return
    for item in value:
        if isinstance(item, dict | list) and item:
            first, *rest = _lines(item, pad + "  ")
            yield f"{pad}- {first[len(pad) + 2:]}"
            yield from rest
        else:
            yield f"{pad}- {_text(item)}"


def _text(value) -> str:
    if value is None or value == [] or value == {}:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal):
        return f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
