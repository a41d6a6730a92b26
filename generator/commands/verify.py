"""``closingdocs verify DEAL``: re-hash the deal's output files against ``output/<deal>/manifest.json``."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import CorruptManifestError, ExitCode, OutputError
from .common import deal_argument, example

NAME = "verify"
HELP = ("check the deal's output folder against its manifest: report every file edited, missing or not made by "
        "closingdocs, hidden files and links included (exit 9), a corrupt manifest (exit 10), and every set whose deal file or templates changed since it was built")
EXAMPLE = example("closingdocs verify deal_data/amnis-2003.yaml")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--output", type=Path, default=Path("output"), metavar="DIR",
                        help="output root: the files are in DIR/<deal id>/ (default: output)")


def run(args, options) -> int:
    from ..compute.validate import validate  # imported when run: --help does without the deal model
    from ..deal.load import load  # (as above)
    from ..manifest import stale_sets, verify  # (as above)
    from ..output import deal_folder  # (as above)
    from ..readback import Corrupt  # (as above)
    from ..render.locate import search_path  # (as above)

    deal = validate(load(options.deal_file))
    folder = deal_folder(options.output_root, deal.id)
    try:
        found = verify(folder)
    except Corrupt as exc:
        raise CorruptManifestError(f"{exc}; nothing was checked (closingdocs build rebuilds the deal over it)") \
            from None
    if found is None:
        raise OutputError(f"{folder} has no manifest.json: build the deal first (closingdocs build)")
    for label, names in (("EDITED", found.edited), ("MISSING", found.missing), ("EXTRA", found.extra)):
        for name in names:
            print(f"closingdocs: {label} {folder / name}", file=sys.stderr)
    for name, leads, outside in found.links:
        where = "outside the deal folder" if outside else "a link, which closingdocs never makes"
        print(f"closingdocs: EXTRA {folder / name} -> {leads} ({where})", file=sys.stderr)
    for name in stale_sets(folder, options.deal_file, search_path(options.template_overrides())):
        print(f"closingdocs: OUT OF DATE {deal.id}: '{name}' was built from another version of the deal file or "
              "templates (or of closingdocs); rebuild it", file=sys.stderr)
    if not found.ok:
        return ExitCode.MODIFIED
    if options.verbosity:
        print(f"{deal.id}: {found.checked} file(s) match the manifest in {folder}")
    return ExitCode.OK
