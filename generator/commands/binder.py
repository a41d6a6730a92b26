"""``closingdocs binder DEAL``: the closing binder (one PDF of the closing set) and the signature packets."""
from __future__ import annotations

from ..plan import sets
from .common import collation_options, deal_argument, example, output_flags, print_summary, print_up_to_date

NAME = "binder"
HELP = ("bind the closing set into output/<deal>/closing/binder.pdf (cover, linked index, bookmarks, the deal file "
        "attached, SHA-256 of each document) and write a signature packet per signatory into "
        "closing/signature-packets/ (a draft unless --final)")
EXAMPLE = example("closingdocs binder deal_data/amnis-2003.yaml              # closing/binder.pdf, closing/signature-packets/",
                  "closingdocs binder deal_data/amnis-2003.yaml --final      # refuses while a fact it prints is TBC",
                  "closingdocs binder deal_data/amnis-2003.yaml --executed   # executed/binder.pdf, after collate")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--executed", action="store_true",
                        help="bind the execution versions closingdocs collate wrote (executed/<document>.pdf) into "
                             "executed/binder.pdf instead; refused (exit 12) while a signature page is missing")
    output_flags(parser)


def run(args, options) -> int:
    from ..render.locate import search_path  # imported when run: --help does without it
    from ..writers import Producer  # imported when run: --help does without it

    if args.executed:
        from ..binder import build_executed_binder  # imported when run: --help does without it

        print_summary(build_executed_binder(options), options.verbosity)
        return 0
    if print_up_to_date(options, sets.BINDER, sets.recorded_options(sets.BINDER, options.final,
                                                                      **collation_options(options))):
        return 0
    # Workers fork now, before the pipeline's heavy imports below (see the build command).
    with Producer(search_path(options.template_overrides()), options.jobs, ("pdf",)) as producer:
        from ..binder import build_binder  # imported after the fork

        outcome = build_binder(options, producer)
    print_summary(outcome, options.verbosity)
    return 0
