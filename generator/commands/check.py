"""``closingdocs check DEAL``: validate a deal file and report every problem."""
from __future__ import annotations

from pathlib import Path

NAME = "check"
HELP = "validate a deal file and report every problem"


def configure(parser) -> None:
    parser.add_argument("deal", type=Path)
    parser.add_argument("--final", action="store_true", help="also refuse any fact still marked TBC")


def run(args, options) -> int:
    # imported when run: --help and other commands do without the pipeline
    from ..build import build

    deal = build(options)
    print(f"{args.deal}: OK ({deal.id}: {len(deal.buyers)} buyers)")
    return 0
