"""``closingdocs reserve-list DEAL --month YYYY-MM``: one month's reserve lists (one per Buyer and a summary)."""
from __future__ import annotations

from pathlib import Path

from .common import month, output_flags, print_summary

NAME = "reserve-list"
HELP = "build one month's reserve lists (the share-reserve covenant)"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    parser.add_argument("--month", type=month, required=True, metavar="YYYY-MM")
    output_flags(parser, final_by_default=True)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_reserve_list

    print_summary(build_reserve_list(options, args.month))
    return 0
