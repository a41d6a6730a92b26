"""``closingdocs diff OLD NEW`` (or ``DEAL --against REV``): what a change of facts moves; --redline: blacklines."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import DIFF_STATUS_TEXT, ComparisonError, DiffStatus
from .common import date, example, month

NAME = "diff"
HELP = ("compare two versions of a deal: the facts that changed, the figures and dates they move, the "
        "documents whose words change; --redline writes blacklines (exit 0: no change, 1: changes, 2: bad input, "
        "11: a set that disagrees with itself)")
DESCRIPTION = (HELP + ".\n\nOLD and NEW are deal files; or give one deal file and --against a git revision of it "
               "(the revision is OLD, the file as it is now NEW). Both are rendered with the same templates, as "
               "drafts: the closing set, and the reserve lists of each --month and of every month owed by the last "
               "date compared. Each set is checked against its deal and itself as build checks it: a mismatch on "
               "either side is listed (OLD or NEW, both places named) and diff exits 11 after its report, writing "
               "no blackline.\n\n" + DIFF_STATUS_TEXT)
EXAMPLE = example("closingdocs diff deal_data/amnis-2003.yaml deal_data/examples/amnis-2003-example.yaml",
                  "closingdocs diff deal_data/amnis-2003.yaml --against HEAD~1 --redline")
UNEXPECTED_EXIT = DiffStatus.TROUBLE     # like diff(1): 1 always means "something changed"


def author(text: str) -> str:
    """The tracked changes' author, as Word shows it: one line of at most 255 characters, no control character."""
    if not text.strip() or len(text) > 255 or any(ord(c) < 32 or 127 <= ord(c) < 160 or c in "\u2028\u2029"
                                                  for c in text):
        raise argparse.ArgumentTypeError(f"expected a name on one line, of at most 255 characters and no control "
                                         f"character, got {text[:80]!r}")
    return text


def configure(parser) -> None:
    parser.add_argument("deals", type=Path, nargs="+", metavar="DEAL",
                        help="OLD and NEW deal files (YAML); or one deal file with --against")
    parser.add_argument("--against", metavar="REV",
                        help="compare the deal file as the git revision REV has it (HEAD~1, a tag such as "
                             "v1-draft) with the file as it is now")
    parser.add_argument("--json", action="store_true", help="print the report as JSON (exact decimal strings)")
    parser.add_argument("--redline", action="store_true",
                        help="write a blackline of each document whose words change: "
                             "DIR/<deal id>/redlines/<folder>/<name>.redline.docx (Word tracked changes) and "
                             ".redline.pdf (insertions underlined, deletions struck through)")
    parser.add_argument("--month", type=month, action="append", default=[], metavar="YYYY-MM",
                        help="also compare that month's reserve lists (repeatable; the lists of every month owed by "
                             "the last date the figures are compared on are compared anyway)")
    parser.add_argument("--as-of", type=date, action="append", default=[], metavar="YYYY-MM-DD",
                        help="also compare every figure on that date (repeatable; default: the last date either "
                             "ledger records, when it is after both closings)")
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="output root for --redline: files go to DIR/<NEW's deal id>/redlines/ (default: output)")
    parser.add_argument("--templates", type=Path, action="append", default=[], metavar="DIR",
                        help="a folder of override templates, searched first (repeatable); both versions are "
                             "rendered with the same templates")
    parser.add_argument("--author", type=author, default="closingdocs", metavar="NAME",
                        help="the author of the blacklines' tracked changes (default: closingdocs)")
    parser.add_argument("--date", type=date, default=None, metavar="YYYY-MM-DD",
                        help="the date of the blacklines' tracked changes (default: the date of each new document, "
                             "so the same inputs give the same bytes)")


def run(args, options) -> int:
    from ..compare.pipeline import InconsistentComparisonError, compare, redline_files  # imported when run, as below:
    from ..compare.report import json_report, text_report  # --help and the other commands do
    from ..compare.sources import Source  # without the comparison, the deal model and the writers
    from ..compute.figures import to_json  # (see above)
    from ..output import deal_folder, write_set  # (see above)
    from ..render.locate import search_path  # (see above)
    from .common import _shown  # (see above)

    if args.against is None and len(args.deals) != 2:
        raise ComparisonError("give two deal files (OLD NEW), or one deal file and --against REV")
    if args.against is not None and len(args.deals) != 1:
        raise ComparisonError("with --against REV give one deal file: it is compared with itself at REV")
    if args.against is not None:
        old, new = Source(args.deals[0], args.against), Source(args.deals[0])
    else:
        old, new = Source(args.deals[0]), Source(args.deals[1])
    paths = search_path(options.template_overrides())
    comparison = compare(old, new, paths, args.month, args.as_of)
    written: list[str] = []
    if args.redline and comparison.changed_documents and comparison.consistent:
        files = redline_files(comparison, paths, args.author, args.date)
        folder = deal_folder(options.output_root, comparison.new.deal.id)
        write_set(folder, files)
        written = [_shown(folder / f.relative) for f in files]
    if args.json:
        print(to_json(json_report(comparison, written)))
    elif options.verbosity > 0 and comparison.changed:
        print(text_report(comparison, written))
    if not comparison.consistent:      # as build --final: a set that disagrees with itself is refused (exit 11)
        raise InconsistentComparisonError(list(comparison.mismatches))
    return DiffStatus.DIFFERENT if comparison.changed else DiffStatus.SAME
