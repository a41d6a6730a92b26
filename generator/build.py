"""``build()``: the closing set, stage by stage. Everything is computed before anything is written."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .compute import closing_figures
from .documents import CLOSING_SET, DocumentSpec
from .load import load
from .model import Deal
from .options import Options
from .render import RenderedDocument, Renderer, search_path
from .validate import validate
from .write import OutputFile, WriteResult, deal_folder, write_all
from .writers import Producer


@dataclass(frozen=True)
class BuildResult:
    deal: Deal
    folder: Path
    result: WriteResult
    draft: bool
    pending: tuple
    deal_file: Path


def build(options: Options, producer: Producer | None = None) -> BuildResult | Deal:
    """load -> validate -> compute -> render -> (PDF, DOCX) -> write.

    ``producer`` may be started by the caller before this module is even imported, so that
    its workers' imports overlap ours (see ``cli``).
    """
    if options.check_only:
        return validate(load(options.deal_file), final=options.final)
    paths = search_path(options.template_overrides())
    with nullcontext(producer) if producer else Producer(paths, options.jobs) as producer:
        loaded = load(options.deal_file)
        deal = validate(loaded, final=options.final)
        folder = deal_folder(options.output_root, deal.id)
        context = {"deal": deal, "figures": closing_figures(deal)}
        documents = render_all(Renderer(paths), CLOSING_SET, context, deal, draft=not options.final)
        files = convert(documents, producer)
    result = write_all(folder, files)
    return BuildResult(deal, folder, result, not options.final, tuple(loaded.pending), options.deal_file)


def render_all(renderer: Renderer, specs: tuple[DocumentSpec, ...], context: dict, deal: Deal,
               draft: bool) -> list[RenderedDocument]:
    return [renderer.render(spec, context, draft, deal.closing_date, deal.company.name) for spec in specs]


def convert(documents: list[RenderedDocument], producer: Producer) -> list[OutputFile]:
    """Every document in every format, in memory."""
    made = iter(producer.produce(documents))
    return [OutputFile(Path(doc.spec.folder) / f"{doc.spec.slug}{suffix}", next(made))
            for doc in documents for suffix in producer.suffixes()]
