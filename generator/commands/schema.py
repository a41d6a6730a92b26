"""``closingdocs schema``: the deal file's JSON Schema (for an editor), or its reference page as Markdown."""
from __future__ import annotations

from pathlib import Path

from .common import example

NAME = "schema"
HELP = "print the deal file's JSON Schema (or, with --markdown, the reference page docs/deal-file.md)"
EXAMPLE = example("closingdocs schema > docs/deal.schema.json",
                  "closingdocs schema --markdown > docs/deal-file.md")


def configure(parser) -> None:
    parser.add_argument("--markdown", action="store_true",
                        help="the reference page (every key, its type, default and an example) instead")
    parser.add_argument("--examples", type=Path, default=Path("."), metavar="DIR",
                        help="the repository whose deal_data/ gives the page its examples (default: .)")


def run(args, options) -> int:
    from ..deal import reference  # imported when run: --help does without the model

    print(reference.markdown(args.examples) if args.markdown else reference.schema_json(), end="")
    return 0
