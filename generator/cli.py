"""Command line: maps flags onto :class:`Options`, runs a pipeline, turns errors into exit codes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ClosingDocsError

EXIT_CODES = """exit status:
  0  done
  1  unexpected error
  2  the deal data has problems (each listed with file:line:column and key)
  3  a template is missing, broken or uses unsupported markup
  4  --final refused: facts still marked TBC (each listed)
  5  the output folder cannot be written
"""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="closingdocs", description="Closing deliverables from deal data.",
                                  epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a deal file and report every problem")
    check.add_argument("deal", type=Path)
    check.add_argument("--final", action="store_true", help="also refuse facts still marked TBC")

    build = sub.add_parser("build", help="build the closing set (PDF and DOCX) into output/<deal>/closing/")
    build.add_argument("deal", type=Path)
    build.add_argument("--final", action="store_true",
                       help="final documents: refuse while any fact is still marked TBC")
    build.add_argument("--output", type=Path, default=Path("output"), help="output root (default: output)")
    build.add_argument("--templates", type=Path, action="append", default=[],
                       help="a folder of templates that override the built-in ones (repeatable)")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: one per core, at most 4)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .locate import search_path
    from .options import Options
    from .writers import Producer, default_jobs

    jobs = getattr(args, "jobs", None)
    options = Options(deal_file=args.deal, output_root=getattr(args, "output", Path("output")),
                      final=args.final, templates=tuple(getattr(args, "templates", ())),
                      check_only=args.command == "check", jobs=jobs if jobs else default_jobs())
    try:
        if options.check_only:
            from .build import build

            outcome = build(options)
        else:
            # Workers fork now, before the heavy imports below, so theirs run alongside ours.
            with Producer(search_path(options.template_overrides()), options.jobs) as producer:
                from .build import build

                outcome = build(options, producer)
    except ClosingDocsError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code
    if options.check_only:
        print(f"{args.deal}: OK ({outcome.id}: {len(outcome.buyers)} buyers)")
        return 0
    _summary(outcome)
    return 0


def _summary(outcome) -> None:
    written, unchanged = outcome.result.written, outcome.result.unchanged
    print(f"{outcome.deal.id}: {len(written)} file(s) written, {len(unchanged)} unchanged, in {outcome.folder}")
    for path in written:
        print(f"  wrote {path}")
    if outcome.draft:
        print(f"DRAFT: {len(outcome.pending)} fact(s) still to be confirmed are marked [●]; "
              "build with --final once they are filled in:", file=sys.stderr)
        for fact in outcome.pending:
            print(f"  {outcome.deal_file}:{fact.line}: {fact.path}: {fact.note}", file=sys.stderr)
