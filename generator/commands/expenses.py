"""``closingdocs expenses DEAL --invoice ID --through DATE``: a Buyer's expense invoice with late interest."""
from __future__ import annotations

from pathlib import Path

from .common import date, output_flags, print_summary

NAME = "expenses"
HELP = "a Buyer's expense invoice with interest on late reimbursement"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    parser.add_argument("--invoice", required=True, metavar="ID", help="an expense_invoice id in the ledger")
    parser.add_argument("--through", type=date, required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the invoice's date, whose Conversion Price sets any share alternative (default: the "
                             "date it counts to)")
    output_flags(parser, final_by_default=False)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_expense_invoice

    print_summary(build_expense_invoice(options, args.invoice, args.through, dated=args.date))
    return 0
