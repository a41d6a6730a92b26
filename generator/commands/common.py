"""What the commands share: the output flags and the summary a build prints."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}")
    return text


def output_flags(parser: argparse.ArgumentParser, final_by_default: bool) -> None:
    """--output, --templates, --jobs, and --draft or --final (whichever is not the default)."""
    parser.add_argument("--output", type=Path, default=Path("output"), help="output root (default: output)")
    parser.add_argument("--templates", type=Path, action="append", default=[],
                        help="a folder of templates that override the built-in ones (repeatable)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes (default: one per core, at most 4)")
    if final_by_default:
        parser.add_argument("--draft", action="store_true", help="allow facts still marked TBC, shown as [●]")
    else:
        parser.add_argument("--final", action="store_true",
                            help="final documents: refuse while any fact they print is still marked TBC")


def print_summary(outcome) -> None:
    """What a build wrote, and in a draft the facts still to be confirmed that it printed."""
    written, unchanged = outcome.result.written, outcome.result.unchanged
    print(f"{outcome.deal.id}: {len(written)} file(s) written, {len(unchanged)} unchanged, in {outcome.folder}")
    for path in written:
        print(f"  wrote {path}")
    if outcome.draft and outcome.pending:
        print(f"DRAFT: {len(outcome.pending)} fact(s) still to be confirmed are marked [●]; "
              "build with --final once they are filled in:", file=sys.stderr)
        for fact in outcome.pending:
            print(f"  {fact.file or outcome.deal_file}:{fact.line}: {fact.path}: {fact.note}", file=sys.stderr)
