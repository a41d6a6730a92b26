"""What the commands share: argument types, the flags of every command, the summary a build prints."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import typing
from pathlib import Path

from ..limits import DATE_RANGE, date_in_range

MAX_JOBS = 32


def date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
    if not date_in_range(day):
        raise argparse.ArgumentTypeError(f"expected a date {DATE_RANGE}, got {text}")
    return day


def month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}")
    if not date_in_range(dt.date(int(text[:4]), int(text[5:]), 1)):
        raise argparse.ArgumentTypeError(f"expected a month {DATE_RANGE}, got {text}")
    return text


def jobs(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes from 1 to {MAX_JOBS}, got {text!r}")
    return int(text)


def deal_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("deal", type=Path, metavar="DEAL",
                        help="the deal file (YAML), e.g. deal_data/amnis-2003.yaml")


def add_common_flags(parser: argparse.ArgumentParser) -> None:
    """--quiet, --verbose and --debug: every command takes them, shown together under one heading (added to each
    command's parser, not through ``parents=``, which would show -q/-v outside the group)."""
    group = parser.add_argument_group("output on the terminal")
    loudness = group.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=0, default=1,
                          help="print only errors and warnings (for cron)")
    loudness.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=2,
                          help="print everything: each file written or unchanged, the template folders, "
                               "each fact still to be confirmed")
    group.add_argument("--debug", action="store_true",
                       help="on an unexpected error, print the Python traceback (for a bug report)")


def output_flags(parser: argparse.ArgumentParser) -> None:
    """--output, --templates, --jobs, and --draft/--final: every building command makes a draft unless --final."""
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="output root: files go to DIR/<deal id>/ (default: output)")
    parser.add_argument("--templates", type=Path, action="append", default=[], metavar="DIR",
                        help="a folder of templates that override the built-in ones of the same name, searched "
                             "before the repository's own templates/ (repeatable; the folder must exist)")
    parser.add_argument("--jobs", type=jobs, default=None, metavar="N",
                        help=f"worker processes, 1 to {MAX_JOBS} (default: one per core, at most 4)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--final", dest="final", action="store_true", default=False,
                      help="final documents: refuse (exit 4) while any fact they print is still marked TBC")
    mode.add_argument("--draft", dest="final", action="store_false",
                      help="draft documents (the default): facts still marked TBC are printed as [●] and every page "
                           "is marked DRAFT")


def example(*lines: str) -> str:
    """A command's --help epilog: how it is used."""
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


def group_by_file(facts, default_file) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for fact in sorted(facts, key=lambda f: (str(f.file or default_file), f.line)):
        grouped.setdefault(str(fact.file or default_file), []).append(fact)
    return grouped


def print_pending(facts, default_file, verbosity: int, final_hint: str = "rerun with --final once they are "
                  "filled in", lead: str = "DRAFT: {n} fact(s) still to be confirmed are marked [●]") -> None:
    """Facts still to be confirmed (that the documents printed): a count, or (verbose) each one by file."""
    facts = list(dict.fromkeys(facts))
    if not facts or verbosity == 0:
        return
    grouped = group_by_file(facts, default_file)
    where = ", ".join(f"{_shown(name)} ({len(items)})" for name, items in grouped.items())
    if verbosity < 2:
        print(f"{lead.format(n=len(facts))} (in {where}); --verbose lists them", file=sys.stderr)
        return
    print(f"{lead.format(n=len(facts))}; {final_hint}:", file=sys.stderr)
    for name, items in grouped.items():
        print(f"  {_shown(name)}:", file=sys.stderr)
        for fact in items:
            print(f"    line {fact.line}: {fact.path}: {fact.note}", file=sys.stderr)


def _shown(path) -> str:
    """A path as the user would type it: relative to the current folder when it is below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def describe_templates(overrides) -> str:
    if not overrides:
        return "templates: the built-in ones (no override folder)"
    return f"templates: overrides from {', '.join(_shown(p) for p in overrides)}, then the built-in ones"


def print_up_to_date(options, name: str, set_options: dict) -> bool:
    """A set whose inputs hash as its manifest records, with every file there as recorded: nothing is rendered;
    say so (and, for a draft, the facts it prints that are still TBC, as recorded). False: build it."""
    from ..manifest import up_to_date  # imported when run: the no-op check needs only the standard library
    from ..render.locate import BUILTIN_TEMPLATES, search_path  # (as above)

    hit = up_to_date(options.deal_file, options.output_root, name, search_path(options.template_overrides()),
                     set_options)
    if hit is None:
        return False
    if options.verbosity:
        print(f"{hit.deal_id}: up to date ({len(hit.files)} file(s) in {_shown(hit.folder)}; the deal file, templates "
              "and closingdocs are unchanged since they were built)")
        if options.verbosity > 1:
            for name in hit.files:
                print(f"  unchanged {_shown(hit.folder / name)}")
            overrides = [p for p in search_path(options.template_overrides()) if p != BUILTIN_TEMPLATES.resolve()]
            print(f"  {describe_templates(overrides)}")
        if not options.final:
            facts = [_Recorded(os.path.normpath(hit.folder / f["file"]), f["line"], f["path"], f["note"])
                     for f in hit.pending]
            print_pending([f._replace(file=_shown(f.file)) for f in facts], options.deal_file, options.verbosity)
    return True


def collation_options(options) -> dict:
    """What the closing set and the binder record among their options of the last collation (the signature
    status they show): its record's SHA-256, or "none"; so that a new collation makes them again."""
    from ..collation import fingerprint  # imported when run: the no-op check needs only the standard library
    from ..manifest import guess_deal_id  # (as above)

    deal_id = guess_deal_id(options.deal_file)
    if deal_id is None:
        return {"collation": "none"}     # the no-op check finds no manifest by this id either
    return {"collation": fingerprint(Path(os.path.abspath(options.output_root)) / deal_id, deal_id)}


class _Recorded(typing.NamedTuple):
    """A fact still TBC as the manifest recorded it (file, line, key, note), printed as a loaded one is."""

    file: str
    line: int
    path: str
    note: str


def print_summary(outcome, verbosity: int = 1) -> None:
    """What a build wrote, which template folders it used and, in a draft, the facts still to be confirmed."""
    if verbosity == 0:
        return
    written, unchanged = outcome.result.written, outcome.result.unchanged
    print(f"{outcome.deal.id}: {len(written)} file(s) written, {len(unchanged)} unchanged, in "
          f"{_shown(outcome.folder)}")
    for path in written:
        print(f"  wrote {_shown(path)}")
    if verbosity > 1:
        for path in unchanged:
            print(f"  unchanged {_shown(path)}")
    print(f"  {describe_templates(outcome.overrides)}")
    if not outcome.draft and outcome.pending_items:
        print(f"closingdocs: PENDING {outcome.deal.id}: {len(outcome.pending_items)} condition(s) or deliverable(s) of "
              "the closing still pending (closing.deliveries):", file=sys.stderr)
        for item in outcome.pending_items:
            print(f"  {item}", file=sys.stderr)
    if outcome.draft:
        print_pending(outcome.pending, outcome.deal_file, verbosity)
