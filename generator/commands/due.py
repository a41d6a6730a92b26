"""``closingdocs due DEAL...``: what cron runs; every reserve list owed and not yet built, and late ones."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..deal.citation import cite
from ..errors import ExitCode
from .common import date, example, output_flags, print_pending

NAME = "due"
HELP = "(cron) build every monthly reserve list owed and not yet built; report late ones (final unless --draft)"
EXAMPLE = example("closingdocs due deal_data/*.yaml                      # what cron runs each day",
                  "closingdocs due deal_data/*.yaml --today 2003-09-10   # as if run on that day")


def configure(parser) -> None:
    parser.add_argument("deals", type=Path, nargs="+", metavar="DEAL",
                        help="deal files (YAML), each deal once; a bad one is reported and the others still built")
    parser.add_argument("--today", type=date, default=None, metavar="YYYY-MM-DD",
                        help="run as if today were this date (default: today)")
    parser.add_argument("--changes", action="store_true",
                        help="add to each list what moved since the last list, and why (from the ledger)")
    output_flags(parser, final_by_default=True)


class _Progress:
    """`due: 12/48 deal-months` on a terminal, rewritten in place; nothing when not on a terminal."""

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        self.stream.write(f"\rdue: {done}/{total} deal-month(s) of reserve lists")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run(args, options) -> int:
    from ..due import run_due  # imported when run: --help does without the pipeline

    today = args.today or dt.date.today()
    progress = _Progress(sys.stderr) if options.verbosity and sys.stderr.isatty() else None
    try:
        report = run_due(list(args.deals), today, options, progress)
    finally:
        if progress:
            progress.clear()
    if options.verbosity:
        for deal_id, months in sorted(report.built.items()):
            print(f"{deal_id}: built reserve lists for {', '.join(months)}")
    for deal_id, lm, names in report.overdue:
        covenants = report.deals[deal_id].covenants
        print(f"closingdocs: OVERDUE {deal_id}: the reserve list for {lm.as_of:%B %Y} was due {lm.due:%B} "
              f"{lm.due.day}, {lm.due.year} and is not recorded as delivered to {', '.join(names)}; the "
              f"{covenants.liquidated_damages.defined_term} accrues until it is delivered "
              f"({cite(covenants.share_reserve.section)})", file=sys.stderr)
    for deal_id, state in report.past_maturity:
        term = report.deals[deal_id].securities.convertible.defined_term
        print(f"closingdocs: PAST MATURITY {deal_id}: the {term} matured on {state.maturity:%B} "
              f"{state.maturity.day}, {state.maturity.year} with principal unpaid and nothing recorded since; no "
              "reserve list is built for a later month until the ledger records what happened (a repayment, "
              "conversion or redemption, or a default under which the lists continue)", file=sys.stderr)
    for path, error in report.errors:
        print(f"{path}: {error.report()}", file=sys.stderr)
    if not options.final:
        print_pending(report.pending, None, options.verbosity)
    if report.errors:
        return max(error.exit_code for _, error in report.errors)
    if report.overdue:
        return ExitCode.OVERDUE
    return ExitCode.PAST_MATURITY if report.past_maturity else ExitCode.OK
