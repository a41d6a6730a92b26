"""``closingdocs build DEAL``: the closing set, as PDF and DOCX, into ``output/<deal>/closing/``."""
from __future__ import annotations

from pathlib import Path

from .common import output_flags, print_summary

NAME = "build"
HELP = "build the closing set (PDF and DOCX) into output/<deal>/closing/"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    output_flags(parser, final_by_default=False)


def run(args, options) -> int:
    from ..render.locate import search_path  # imported when run: --help does without it
    from ..writers import Producer  # imported when run: --help does without it

    # Workers fork now, before the pipeline's heavy imports below, so theirs run alongside ours.
    with Producer(search_path(options.template_overrides()), options.jobs, server=True) as producer:
        from ..build import build  # imported after the fork: see above

        outcome = build(options, producer)
    print_summary(outcome)
    return 0
