"""``closingdocs invoice DEAL --breach ID``: liquidated damages invoices, one per Buyer."""
from __future__ import annotations

from .common import date, deal_argument, example, output_flags, print_summary

NAME = "invoice"
HELP = "liquidated damages invoices for a breach, one per Buyer (a draft unless --final)"
EXAMPLE = example("closingdocs invoice deal_data/examples/amnis-2003-example.yaml --breach list-2003-07",
                  "closingdocs invoice DEAL --breach list-2003-08 --through 2003-10-15   # an open breach")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--breach", required=True, metavar="ID",
                        help="a breach id, as `closingdocs figures` lists them (e.g. list-2003-07)")
    parser.add_argument("--through", type=date, default=None, metavar="YYYY-MM-DD",
                        help="count damages through this date, that day included (as figures --as-of does); "
                             "default: the last day a cured breach counts (its cure day counted or not, as the "
                             "deal reads it)")
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the invoice's date, not before --through: it is built from the ledger as it stood "
                             "that day, and its Conversion Price sets the share alternative (default: the date it "
                             "counts through; without --through, the day of the cure)")
    output_flags(parser)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_damages_invoices

    print_summary(build_damages_invoices(options, args.breach, args.through, dated=args.date), options.verbosity)
    return 0
