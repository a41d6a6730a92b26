"""Command line: maps flags onto one :class:`Options`, runs a command, turns errors into exit codes.

No exception leaves as a traceback: an expected failure (:class:`ClosingDocsError`) is reported
with its exit code; Ctrl-C (or a TERM) prints one line and exits 130 (143) with nothing
half-written; anything else is a one-line message, exit 1, and a hint to rerun with --debug.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .commands import COMMANDS
from .commands.common import common_flags
from .errors import ClosingDocsError, ExitCode, exit_code_table
from .options import Options
from .writers import default_jobs

INTERRUPTED = 130      # 128 + SIGINT, as a shell reports Ctrl-C
TERMINATED = 143       # 128 + SIGTERM


class _Terminated(BaseException):
    """A TERM signal (systemd stopping the run, kill): unwound like Ctrl-C."""


def version() -> str:
    import importlib.metadata  # only for --version

    try:
        return importlib.metadata.version("closingdocs")
    except importlib.metadata.PackageNotFoundError:
        from . import __version__  # a source checkout that is not installed

        return __version__


class _VersionAction(argparse.Action):
    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print closingdocs' version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"closingdocs {version()}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="closingdocs", description="Closing documents and covenant reports for a securities purchase "
        "agreement, as PDF and DOCX, from a YAML file of deal facts.",
        epilog=exit_code_table() + "\n\n" + "example:\n  closingdocs check deal_data/amnis-2003.yaml\n"
        "  closingdocs build deal_data/amnis-2003.yaml\n  closingdocs COMMAND --help   # each command's options",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action=_VersionAction)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = common_flags()
    for command in COMMANDS:
        command.configure(sub.add_parser(command.NAME, help=command.HELP,
                                         description=getattr(command, "DESCRIPTION", command.HELP),
                                         epilog=command.EXAMPLE, parents=[common],
                                         formatter_class=argparse.RawDescriptionHelpFormatter))
    return top


def options_from(args: argparse.Namespace) -> Options:
    """The one options object: each command's --final/--draft default is set where its flags are made."""
    deal = getattr(args, "deal", None) or (args.deals[0] if getattr(args, "deals", None) else Path("."))
    return Options(deal_file=deal,
                   output_root=getattr(args, "output", Path("output")), final=getattr(args, "final", False),
                   templates=tuple(getattr(args, "templates", ())),
                   jobs=getattr(args, "jobs", None) or default_jobs(), verbosity=args.verbosity,
                   list_changes=getattr(args, "changes", False))


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:        # --help, --version, or a usage error argparse has reported
        return exc.code if isinstance(exc.code, int) else ExitCode.DEAL_DATA
    command = next(c for c in COMMANDS if c.NAME == args.command)
    previous = _on_terminate()
    try:
        return command.run(args, options_from(args))
    except ClosingDocsError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nclosingdocs: interrupted; no file was left half-written", file=sys.stderr)
        return INTERRUPTED
    except _Terminated:
        print("closingdocs: terminated; no file was left half-written", file=sys.stderr)
        return TERMINATED
    except BrokenPipeError:          # `closingdocs figures ... | head`: the reader has gone
        _silence_stdout()
        return ExitCode.OK
    except Exception as exc:
        if args.debug:
            raise
        message = " ".join(str(exc).split())
        message = message if len(message) <= 200 else message[:197] + "..."
        print(f"closingdocs: unexpected error: {type(exc).__name__}{': ' + message if message else ''} "
              "(this is a bug in closingdocs; rerun with --debug for the details to report)", file=sys.stderr)
        return getattr(command, "UNEXPECTED_EXIT", ExitCode.UNEXPECTED)   # diff: 1 means "changed"
    finally:
        _restore_terminate(previous)


def _on_terminate():
    """A TERM unwinds the run as Ctrl-C does (a set being committed finishes or is put back first)."""
    def terminated(signum, frame):
        raise _Terminated()
    try:
        return signal.signal(signal.SIGTERM, terminated)
    except ValueError:   # not the main thread (an embedding application): leave TERM alone
        return None


def _restore_terminate(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
