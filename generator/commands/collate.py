"""``closingdocs collate DEAL SIGNED...``: signed pages returned, placed into the execution version of each
document, with a report of what is in, missing, duplicated or unknown."""
from __future__ import annotations

from pathlib import Path

from .common import deal_argument, example, output_flags, print_summary

NAME = "collate"
HELP = ("read signed pages returned (PDF files of one or many pages, in any order), place each by its page "
        "identifier (or its caption), and write the execution version of each document whose pages are all in "
        "to output/<deal>/executed/, with a report of what is in, missing, duplicated or unknown")
EXAMPLE = example("closingdocs collate deal_data/amnis-2003.yaml signed/*.pdf            # the report, then the files",
                  "closingdocs collate deal_data/amnis-2003.yaml signed/*.pdf --json     # the report as JSON")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("signed", type=Path, nargs="+", metavar="SIGNED",
                        help="PDF files of signed pages as returned (scans with a text layer, e-signature PDFs), "
                             "in any order, one or many pages each")
    parser.add_argument("--json", action="store_true",
                        help="print the report as JSON on stdout (every page in, missing, duplicated or unknown, "
                             "with its file and page; the execution versions written; the exit status)")
    output_flags(parser)


def run(args, options) -> int:
    from ..render.locate import search_path  # imported when run: --help does without it
    from ..writers import Producer  # (as above)

    with Producer(search_path(options.template_overrides()), options.jobs, ("pdf",)) as producer:
        from ..collate.pipeline import collate  # imported after the fork (see the build command)
        from ..collate.report import exit_status, to_json, to_text  # (as above)

        done = collate(options, list(args.signed), producer)
    if args.json:
        print(to_json(done.report))
    else:
        print(to_text(done.found, done.report, done.titles, options.verbosity))
        print_summary(done.outcome, options.verbosity)
    return exit_status(done.found)
