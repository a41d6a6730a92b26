"""``closingdocs expenses DEAL --invoice ID --through DATE``: a Buyer's expense invoice with late interest."""
from __future__ import annotations

from .common import date, deal_argument, example, output_flags, print_summary

NAME = "expenses"
HELP = "a Buyer's expense invoice with interest on late reimbursement (a draft unless --final)"
EXAMPLE = example("closingdocs expenses deal_data/examples/amnis-2003-example.yaml --invoice sds-closing-costs "
                  "--through 2003-07-01")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--invoice", required=True, metavar="ID",
                        help="the id of an expense_invoice entry in the deal's ledger")
    parser.add_argument("--through", type=date, required=True, metavar="YYYY-MM-DD",
                        help="count interest through this date, that day included, on or after the invoice's "
                             "date")
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the statement's date, not before --through: it is built from the ledger as it stood "
                             "that day (default: the date it counts through)")
    output_flags(parser)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_expense_invoice

    print_summary(build_expense_invoice(options, args.invoice, args.through, dated=args.date), options.verbosity)
    return 0
