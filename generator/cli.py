"""Command line: maps flags onto one :class:`Options`, runs a command, turns errors into exit codes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .commands import COMMANDS
from .errors import ClosingDocsError, exit_code_table
from .options import Options
from .writers import default_jobs


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="closingdocs", description="Closing deliverables from deal data.",
                                  epilog=exit_code_table(), formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.configure(sub.add_parser(command.NAME, help=command.HELP, description=command.HELP))
    return top


def options_from(args: argparse.Namespace) -> Options:
    """The one options object: lists and `due` are final unless --draft; the rest draft unless --final."""
    final = not args.draft if hasattr(args, "draft") else getattr(args, "final", True)
    deal = getattr(args, "deal", None) or (args.deals[0] if getattr(args, "deals", None) else Path("."))
    return Options(deal_file=deal,
                   output_root=getattr(args, "output", Path("output")), final=final,
                   templates=tuple(getattr(args, "templates", ())), check_only=args.command == "check",
                   jobs=getattr(args, "jobs", None) or default_jobs())


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = next(c for c in COMMANDS if c.NAME == args.command)
    try:
        return command.run(args, options_from(args))
    except ClosingDocsError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code
