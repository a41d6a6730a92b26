"""``closingdocs invoice DEAL --breach ID``: Standard Liquidated Damages invoices, one per Buyer."""
from __future__ import annotations

from pathlib import Path

from .common import date, output_flags, print_summary

NAME = "invoice"
HELP = "liquidated damages invoices for a breach, one per Buyer"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    parser.add_argument("--breach", required=True, metavar="ID", help="a breach id (see `figures`)")
    parser.add_argument("--through", type=date, default=None, metavar="YYYY-MM-DD",
                        help="count damages up to (not including) this date; default: the cure date")
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the invoice's date, whose Conversion Price sets any share alternative (default: the "
                             "date it counts to)")
    output_flags(parser, final_by_default=False)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_damages_invoices

    print_summary(build_damages_invoices(options, args.breach, args.through, dated=args.date))
    return 0
