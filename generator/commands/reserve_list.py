"""``closingdocs reserve-list DEAL --month YYYY-MM``: one month's reserve lists (one per Buyer and a summary)."""
from __future__ import annotations

from .common import deal_argument, example, month, output_flags, print_summary

NAME = "reserve-list"
HELP = "build one month's reserve lists (the share-reserve covenant), one per Buyer and a summary (a draft unless --final)"
EXAMPLE = example("closingdocs reserve-list deal_data/amnis-2003.yaml --month 2003-06 --final   # to deliver",
                  "closingdocs reserve-list deal_data/amnis-2003.yaml --month 2003-06           # a draft to review")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--month", type=month, required=True, metavar="YYYY-MM",
                        help="the month the lists are for (as of its last day)")
    parser.add_argument("--changes", action="store_true",
                        help="add to each list what moved since the last list, and why (from the ledger)")
    output_flags(parser)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_reserve_list

    print_summary(build_reserve_list(options, args.month), options.verbosity)
    return 0
