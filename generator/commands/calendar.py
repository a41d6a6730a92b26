"""``closingdocs calendar DEAL``: the deadline calendar, ``output/<deal>/deadlines.ics`` (RFC 5545)."""
from __future__ import annotations

from pathlib import Path

from .common import deal_argument, example, print_summary

NAME = "calendar"
HELP = ("write the deadline calendar output/<deal>/deadlines.ics: every dated obligation with a reminder, for "
        "Outlook, Google Calendar or Apple Calendar (every build writes it too)")
EXAMPLE = example("closingdocs calendar deal_data/amnis-2003.yaml      # then import output/amnis-2003/deadlines.ics")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="output root: the file goes to DIR/<deal id>/deadlines.ics (default: output)")


def run(args, options) -> int:
    from ..build import build_calendar  # imported when run: --help does without the pipeline

    print_summary(build_calendar(options), options.verbosity)
    return 0
