"""``closingdocs due DEAL...``: what cron runs; every reserve list owed and not yet built, and late ones."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..errors import ExitCode
from .common import date, example, output_flags, print_pending

NAME = "due"
HELP = "(cron) build every monthly reserve list owed and not yet built; report late ones (a draft unless --final)"
EXAMPLE = example("closingdocs due deal_data/*.yaml --final                      # what cron runs each day",
                  "closingdocs due deal_data/*.yaml --today 2003-09-10           # drafts, as if run on that day")


def configure(parser) -> None:
    parser.add_argument("deals", type=Path, nargs="+", metavar="DEAL",
                        help="deal files (YAML), each deal once; a bad one is reported and the others still built")
    parser.add_argument("--today", type=date, default=None, metavar="YYYY-MM-DD",
                        help="run as if today were this date (default: today)")
    parser.add_argument("--changes", action="store_true",
                        help="add to each list what moved since the last list, and why (from the ledger)")
    output_flags(parser)


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
    today = args.today or dt.date.today()
    answered = _from_manifests(args.deals, today, options)
    if answered is not None:
        return answered
    from ..due import overdue_message, past_maturity_message, run_due  # imported when run: --help and a run with
    # nothing to do (answered from the manifests above) do without the pipeline

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
        print(overdue_message(report.deals[deal_id], lm, names), file=sys.stderr)
    for deal_id, state in report.past_maturity:
        print(past_maturity_message(report.deals[deal_id], state), file=sys.stderr)
    for message in report.missed_interest:
        print(message, file=sys.stderr)
    for path, error in report.errors:
        print(f"{path}: {error.report()}", file=sys.stderr)
    if not options.final:
        print_pending(report.pending, None, options.verbosity)
    if report.errors:
        return max(error.exit_code for _, error in report.errors)
    if report.overdue:
        return ExitCode.OVERDUE
    return ExitCode.PAST_MATURITY if report.past_maturity else ExitCode.OK


def _from_manifests(deal_files, today, options) -> int | None:
    """Nothing to build for any deal (each answered from its manifest's schedule): report what is late and return
    the exit status; None when any deal needs the full run."""
    from ..manifest import due_from_schedule  # imported when run: the standard library only
    from ..render.locate import search_path  # (as above)

    paths = search_path(options.template_overrides())
    states = []
    for path in deal_files:
        state = due_from_schedule(path, options.output_root, today, paths, options.final)
        if state is None:
            return None
        states.append(state)
    if len({s.deal_id for s in states}) != len(states):
        return None          # a deal given twice: the full run refuses it, naming the files
    for state in states:
        for message in state.overdue:
            print(message, file=sys.stderr)
    for state in states:
        if state.past_maturity:
            print(state.past_maturity, file=sys.stderr)
    for state in states:
        for message in state.missed_interest:
            print(message, file=sys.stderr)
    if any(s.overdue for s in states):
        return ExitCode.OVERDUE
    return ExitCode.PAST_MATURITY if any(s.past_maturity for s in states) else ExitCode.OK
