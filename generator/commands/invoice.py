"""``closingdocs invoice DEAL --breach ID``: Standard Liquidated Damages invoices, one per Buyer."""
from __future__ import annotations

from .common import date, deal_argument, example, output_flags, print_summary

NAME = "invoice"
HELP = "Standard Liquidated Damages invoices for a breach (SPA s.2(f)), one per Buyer (a draft unless --final)"
EXAMPLE = example("closingdocs invoice deal_data/examples/amnis-2003-example.yaml --breach shortfall-2003-06-09",
                  "closingdocs invoice DEAL --breach list-2003-08 --through 2003-10-15   # an open breach")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--breach", required=True, metavar="ID",
                        help="a breach id, as `closingdocs figures` lists them (e.g. shortfall-2003-06-09)")
    parser.add_argument("--through", type=date, default=None, metavar="YYYY-MM-DD",
                        help="count damages up to (not including) this date; default: the cure date")
    output_flags(parser, final_by_default=False)


def run(args, options) -> int:
    # imported when run: --help does without the pipeline
    from ..build import build_damages_invoices

    print_summary(build_damages_invoices(options, args.breach, args.through), options.verbosity)
    return 0
