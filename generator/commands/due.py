"""``closingdocs due DEAL...``: what cron runs; every reserve list owed and not yet built, and late ones."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..errors import ExitCode
from .common import date, output_flags

NAME = "due"
HELP = "(cron) build every reserve list owed and not yet built; report late ones"


def configure(parser) -> None:
    parser.add_argument("deals", type=Path, nargs="+", metavar="DEAL")
    parser.add_argument("--today", type=date, default=None, metavar="YYYY-MM-DD")
    output_flags(parser, final_by_default=True)


def run(args, options) -> int:
    from ..due import run_due  # imported when run: --help does without the pipeline

    today = args.today or dt.date.today()
    report = run_due(list(args.deals), today, options)
    for deal_id, months in sorted(report.built.items()):
        print(f"{deal_id}: built reserve lists for {', '.join(months)}")
    for deal_id, lm, names in report.overdue:
        print(f"closingdocs: OVERDUE {deal_id}: the reserve list for {lm.as_of:%B %Y} was due {lm.due:%B} "
              f"{lm.due.day}, {lm.due.year} and is not recorded as delivered to {', '.join(names)}; the "
              "Standard Liquidated Damages Amount accrues until it is delivered (SPA s.4(h))", file=sys.stderr)
    for path, error in report.errors:
        print(f"{path}: {error.report()}", file=sys.stderr)
    if report.errors:
        return max(error.exit_code for _, error in report.errors)
    return ExitCode.OVERDUE if report.overdue else ExitCode.OK
