"""``closingdocs memorandum DEAL``: the closing memorandum, dated, as PDF and DOCX."""
from __future__ import annotations

from ..plan import sets
from .common import (
    collation_options,
    date,
    deal_argument,
    example,
    output_flags,
    print_summary,
    print_up_to_date,
)

NAME = "memorandum"
HELP = ("the closing memorandum (parties, documents and signers, conditions, deliveries, funds flow, post-closing "
        "agenda) into output/<deal>/closing/ (a draft unless --final)")
EXAMPLE = example("closingdocs memorandum deal_data/examples/sierra-lumen-2024.yaml --final",
                  "closingdocs memorandum deal_data/amnis-2003.yaml --date 2003-05-09   # as the closing stood that day")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the memorandum's date, on or after the Closing Date: it is built from the deal as it "
                             "stood that day (default: the last day a closing delivery or wire is recorded)")
    output_flags(parser)


def run(args, options) -> int:
    if print_up_to_date(options, sets.MEMORANDUM, sets.recorded_options(
            sets.MEMORANDUM, options.final, dated=str(args.date), **collation_options(options))):
        return 0
    from ..build import build_memorandum  # imported when run: --help does without the pipeline

    print_summary(build_memorandum(options, args.date), options.verbosity)
    return 0
