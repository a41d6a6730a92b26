"""``closingdocs build DEAL``: the closing set, as PDF and DOCX, into ``output/<deal>/closing/``."""
from __future__ import annotations

from ..plan import sets
from .common import collation_options, deal_argument, example, output_flags, print_summary, print_up_to_date

NAME = "build"
HELP = "build the closing set (PDF and DOCX) into output/<deal>/closing/ (a draft unless --final)"
EXAMPLE = example("closingdocs build deal_data/amnis-2003.yaml            # a draft, facts still TBC shown as [●]",
                  "closingdocs build deal_data/amnis-2003.yaml --final    # refuses while a fact it prints is TBC")


def configure(parser) -> None:
    deal_argument(parser)
    output_flags(parser)


def run(args, options) -> int:
    from ..render.locate import search_path  # imported when run: --help does without it
    from ..writers import Producer  # imported when run: --help does without it

    if print_up_to_date(options, sets.CLOSING, sets.recorded_options(sets.CLOSING, options.final,
                                                                      **collation_options(options))):
        return 0
    # Workers fork now, before the pipeline's heavy imports below, so theirs run alongside ours.
    with Producer(search_path(options.template_overrides()), options.jobs, server=True) as producer:
        from ..build import build  # imported after the fork: see above

        outcome = build(options, producer)
    print_summary(outcome, options.verbosity)
    return 0
