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
    parser.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                        help="only the deals of share K of N (by deal id, stable): N hosts or an Indexed Job each run "
                             "one share, with no deal in two and none left out")
    parser.add_argument("--json", action="store_true",
                        help="also print the run's report on stdout as JSON, for monitoring (deals, lists built, "
                             "overdue, past maturity, interest not paid, errors, exit status)")
    output_flags(parser)


def _shard(text: str):
    import argparse  # imported when used: only a run with --shard parses one

    from ..shard import parse  # (as above)
    try:
        return parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
    from ..shard import select  # imported when run: the standard library only

    args.deals = select(args.deals, args.shard)
    if not args.deals:
        return ExitCode.OK       # this share of the portfolio is empty
    from ..due import overdue_message, past_maturity_message  # imported when run: --help does without the pipeline

    report = _nothing_to_build(args.deals, today, options)
    if report is None:
        from ..due import run_due  # (as above)

        progress = _Progress(sys.stderr) if options.verbosity and sys.stderr.isatty() else None
        try:
            report = run_due(list(args.deals), today, options, progress)
        finally:
            if progress:
                progress.clear()
    if options.verbosity and not args.json:    # with --json, stdout holds the JSON alone
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
    code = _exit_status(report)
    if args.json:
        print(_json(report, today, options.final, code))
    return code


def _exit_status(report) -> int:
    if report.errors:
        return max(error.exit_code for _, error in report.errors)
    if report.overdue:
        return ExitCode.OVERDUE
    return ExitCode.PAST_MATURITY if report.past_maturity else ExitCode.OK


def _json(report, today: dt.date, final: bool, code: int) -> str:
    """The run's report for monitoring: what stderr says, as data (one object, keys sorted)."""
    import json  # imported when used

    from ..due import overdue_message, past_maturity_message  # (as above)

    data = {
        "today": today.isoformat(),
        "final": final,
        "deals": sorted(report.deals),
        "built": {deal_id: months for deal_id, months in sorted(report.built.items())},
        "overdue": [{"deal": deal_id, "month": lm.month, "due": lm.due.isoformat(), "buyers": names,
                     "message": overdue_message(report.deals[deal_id], lm, names)}
                    for deal_id, lm, names in report.overdue],
        "past_maturity": [{"deal": deal_id, "since": state.since.isoformat() if state.since else None,
                           "message": past_maturity_message(report.deals[deal_id], state)}
                          for deal_id, state in report.past_maturity],
        "interest_not_paid": list(report.missed_interest),
        "errors": [{"file": str(path), "exit_status": int(error.exit_code), "message": error.report()}
                   for path, error in report.errors],
        "exit_status": int(code),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def _nothing_to_build(deal_files, today, options):
    """When every deal's manifest says no list is owed and missing: what is overdue and past maturity, decided from
    the deal files and the date (rendering is all that is skipped); None when any deal needs the full run."""
    from ..compute.validate import validate  # (as above)
    from ..deal.load import load  # imported when run: --help does without the deal model
    from ..due import DueReport, report_late  # (as above)
    from ..errors import ClosingDocsError  # (as above)
    from ..manifest import due_from_schedule  # (as above)
    from ..render.locate import search_path  # (as above)

    paths = search_path(options.template_overrides())
    ids = [due_from_schedule(path, options.output_root, today, paths, options.final) for path in deal_files]
    if None in ids or len(set(ids)) != len(ids):
        return None          # a list to build, or a deal given twice (the full run refuses it, naming the files)
    report = DueReport()
    for path, deal_id in zip(deal_files, ids, strict=True):
        try:
            deal = validate(load(path))
        except ClosingDocsError:
            return None      # the full run reports it with the others
        if deal.id != deal_id:
            return None
        report_late(report, deal, today)
    return report
