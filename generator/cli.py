"""Command line: maps flags onto one :class:`Options`, runs a command, turns errors into exit codes.

No exception leaves as a traceback: an expected failure (:class:`ClosingDocsError`) is reported
with its exit code; Ctrl-C (or a TERM) prints one line and exits 130 (143) with nothing
half-written; anything else is a one-line message, exit 1, and a hint to rerun with --debug.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import sys
from pathlib import Path

from .commands import COMMANDS
from .commands.common import add_common_flags
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


class _Parser(argparse.ArgumentParser):
    """argparse, with a "did you mean" (difflib) on a mistyped command or flag, and a command's own usage on an
    unknown flag given with it (argparse reports those from the top level, with the top-level usage)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}   # the top level's: each command's parser, by name

    def error(self, message: str):
        choice = re.search(r"invalid choice: '([^']*)'", message)
        if choice:
            message += _did_you_mean(choice.group(1), [c for a in self._actions if a.choices for c in a.choices])
        super().error(message)

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and not self.commands:          # a command's parser: its own unknown flags, its own usage
            self.error(_unrecognized(extras, self))
        if extras and getattr(namespace, "command", None) in self.commands:   # flags before the command
            self.commands[namespace.command].error(_unrecognized(extras, self.commands[namespace.command])
                                                   + " (a command's options go after it)")
        return namespace, extras


def _unrecognized(extras: list[str], parser: argparse.ArgumentParser) -> str:
    """argparse's message, with the flag each unknown one may misspell."""
    flags = [f for a in parser._actions for f in a.option_strings if f.startswith("--")]
    unknown = [e for e in extras if e.startswith("--") and e.split("=", 1)[0] not in flags]
    return f"unrecognized arguments: {' '.join(extras)}" + "".join(
        _did_you_mean(e.split("=", 1)[0], flags, f"for {e} " if len(unknown) > 1 else "") for e in unknown)


def _did_you_mean(word: str, choices, label: str = "") -> str:
    match = difflib.get_close_matches(word, [str(c) for c in choices], n=1)
    return f"; {label}did you mean '{match[0]}'?" if match else ""


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="closingdocs", description="Closing documents and covenant reports for a securities purchase "
        "agreement, as PDF and DOCX, from a YAML file of deal facts.",
        epilog=exit_code_table() + "\n\n" + "example:\n  closingdocs check deal_data/amnis-2003.yaml\n"
        "  closingdocs build deal_data/amnis-2003.yaml\n  closingdocs COMMAND --help   # each command's options",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action=_VersionAction)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        each = top.commands[command.NAME] = sub.add_parser(
            command.NAME, help=command.HELP, description=getattr(command, "DESCRIPTION", command.HELP),
            epilog=command.EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
        add_common_flags(each)
        command.configure(each)
    return top


def options_from(args: argparse.Namespace) -> Options:
    """The one options object: every building command makes a draft unless --final."""
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
