"""Command line: maps flags onto one :class:`Options`, runs a pipeline, turns errors into exit codes."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from .errors import ClosingDocsError

EXIT_CODES = """exit status:
  0  done
  1  unexpected error
  2  the deal data has problems (each listed with file:line:column and key)
  3  a template is missing, broken or uses unsupported markup
  4  facts still marked TBC where final documents were asked for (each listed)
  5  the output folder cannot be written
  6  (due) a reserve list is past due and not recorded as delivered: damages accrue
  7  a public document (the press release) would name a Buyer without its written consent
"""
EXIT_OVERDUE = 6


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}")
    return text


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="closingdocs", description="Closing deliverables from deal data.",
                                  epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def output_flags(p, final_default: bool):
        p.add_argument("--output", type=Path, default=Path("output"), help="output root (default: output)")
        p.add_argument("--templates", type=Path, action="append", default=[],
                       help="a folder of templates that override the built-in ones (repeatable)")
        p.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: one per core, at most 4)")
        if final_default:
            p.add_argument("--draft", action="store_true", help="allow facts still marked TBC, shown as [●]")
        else:
            p.add_argument("--final", action="store_true",
                           help="final documents: refuse while any fact they print is still marked TBC")

    check = sub.add_parser("check", help="validate a deal file and report every problem")
    check.add_argument("deal", type=Path)
    check.add_argument("--final", action="store_true", help="also refuse any fact still marked TBC")

    build = sub.add_parser("build", help="build the closing set (PDF and DOCX) into output/<deal>/closing/")
    build.add_argument("deal", type=Path)
    output_flags(build, final_default=False)

    figures = sub.add_parser("figures", help="print every computed figure on a date")
    figures.add_argument("deal", type=Path)
    figures.add_argument("--as-of", type=_date, required=True, metavar="YYYY-MM-DD")
    figures.add_argument("--json", action="store_true", help="JSON (decimals as strings); the only format")

    reserve = sub.add_parser("reserve-list", help="build one month's reserve lists (SPA s.4(h))")
    reserve.add_argument("deal", type=Path)
    reserve.add_argument("--month", type=_month, required=True, metavar="YYYY-MM")
    output_flags(reserve, final_default=True)

    invoice = sub.add_parser("invoice", help="Standard Liquidated Damages invoices for a breach, one per Buyer")
    invoice.add_argument("deal", type=Path)
    invoice.add_argument("--breach", required=True, metavar="ID", help="a breach id (see `figures`)")
    invoice.add_argument("--through", type=_date, default=None, metavar="YYYY-MM-DD",
                         help="count damages up to (not including) this date; default: the cure date")
    output_flags(invoice, final_default=False)

    expenses = sub.add_parser("expenses", help="a Buyer's expense invoice with interest on late payment (s.4(f))")
    expenses.add_argument("deal", type=Path)
    expenses.add_argument("--invoice", required=True, metavar="ID", help="an expense_invoice id in the ledger")
    expenses.add_argument("--through", type=_date, required=True, metavar="YYYY-MM-DD")
    output_flags(expenses, final_default=False)

    due = sub.add_parser("due", help="(cron) build every reserve list owed and not yet built; report late ones")
    due.add_argument("deals", type=Path, nargs="+", metavar="DEAL")
    due.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD")
    output_flags(due, final_default=True)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .options import Options
    from .writers import default_jobs

    # lists and `due` are final unless --draft; the closing set and invoices draft unless --final
    final = not args.draft if hasattr(args, "draft") else getattr(args, "final", True)
    options = Options(deal_file=getattr(args, "deal", None) or args.deals[0],
                      output_root=getattr(args, "output", Path("output")), final=final,
                      templates=tuple(getattr(args, "templates", ())), check_only=args.command == "check",
                      jobs=getattr(args, "jobs", None) or default_jobs())
    try:
        return COMMANDS[args.command](args, options)
    except ClosingDocsError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code


def _check(args, options) -> int:
    from .build import build

    deal = build(options)
    print(f"{args.deal}: OK ({deal.id}: {len(deal.buyers)} buyers)")
    return 0


def _build(args, options) -> int:
    from .locate import search_path
    from .writers import Producer

    # Workers fork now, before the heavy imports below, so theirs run alongside ours.
    with Producer(search_path(options.template_overrides()), options.jobs) as producer:
        from .build import build

        outcome = build(options, producer)
    _summary(outcome)
    return 0


def _reserve_list(args, options) -> int:
    from .build import build_reserve_list

    _summary(build_reserve_list(options, args.month))
    return 0


def _invoice(args, options) -> int:
    from .build import build_damages_invoices

    _summary(build_damages_invoices(options, args.breach, args.through))
    return 0


def _expenses(args, options) -> int:
    from .build import build_expense_invoice

    _summary(build_expense_invoice(options, args.invoice, args.through))
    return 0


def _figures(args, options) -> int:
    from .figures import figures, to_json
    from .load import load
    from .validate import validate

    print(to_json(figures(validate(load(args.deal)), args.as_of)))
    return 0


def _due(args, options) -> int:
    from .due import run_due

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
    return EXIT_OVERDUE if report.overdue else 0


def _summary(outcome) -> None:
    written, unchanged = outcome.result.written, outcome.result.unchanged
    print(f"{outcome.deal.id}: {len(written)} file(s) written, {len(unchanged)} unchanged, in {outcome.folder}")
    for path in written:
        print(f"  wrote {path}")
    if outcome.draft and outcome.pending:
        print(f"DRAFT: {len(outcome.pending)} fact(s) still to be confirmed are marked [●]; "
              "build with --final once they are filled in:", file=sys.stderr)
        for fact in outcome.pending:
            print(f"  {fact.file or outcome.deal_file}:{fact.line}: {fact.path}: {fact.note}", file=sys.stderr)


COMMANDS = {"check": _check, "build": _build, "figures": _figures, "reserve-list": _reserve_list, "due": _due,
            "invoice": _invoice, "expenses": _expenses}
