"""``closingdocs check DEAL``: validate a deal file and report every problem."""
from __future__ import annotations

from .common import deal_argument, example, print_pending

NAME = "check"
HELP = "validate a deal file, check that its closing set agrees with itself, and report every problem (writes nothing)"
EXAMPLE = example("closingdocs check deal_data/amnis-2003.yaml",
                  "closingdocs check deal_data/amnis-2003.yaml --final    # also refuses any fact still TBC")


def configure(parser) -> None:
    deal_argument(parser)
    parser.add_argument("--final", action="store_true",
                        help="also refuse (exit 4) any fact still marked TBC anywhere in the file")


def run(args, options) -> int:
    from ..compute.validate import validate  # imported when run: --help and other commands do without the pipeline
    from ..deal.load import load  # (as above)

    loaded = load(options.deal_file)
    deal = validate(loaded, final=options.final)
    _consistency(options, loaded, deal)
    if options.verbosity:
        print(f"{args.deal}: OK ({deal.id}: {len(deal.buyers)} buyers)")
    from ..deal.provenance import unconfirmed  # (as above)

    print_pending(loaded.pending, options.deal_file, options.verbosity,
                  "check or build with --final once they are filled in",
                  lead="{n} fact(s) are still marked TBC, to be confirmed")
    print_pending(list(unconfirmed(deal, loaded).values()), options.deal_file, options.verbosity,
                  "check or build with --final once their sources confirm them",
                  lead="{n} fact(s) are given with a source not yet confirmed")
    return 0


def _consistency(options, loaded, deal) -> None:
    """The closing set and its checklist, rendered (not produced or written) and checked against the deal and
    each other (generator/consistency.py): an error with --final, a warning otherwise."""
    from ..build import checklist_documents  # imported when run (as above)
    from ..consistency import consistency_stage  # (as above)
    from ..plan.documents import closing_documents  # (as above)
    from ..render.environment import Renderer  # (as above)
    from ..render.locate import search_path  # (as above)
    from ..render.set import render_all  # (as above)

    renderer = Renderer(search_path(options.template_overrides()))
    documents = render_all(renderer, closing_documents(deal), deal, draft=not options.final, loaded=loaded)
    documents += render_all(renderer, checklist_documents(deal, documents), deal, draft=not options.final,
                            loaded=loaded)
    consistency_stage(deal, documents, final=options.final, loaded=loaded)
