"""The one options object the CLI fills in and every stage reads."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TemplateError


@dataclass(frozen=True)
class Options:
    deal_file: Path
    output_root: Path = Path("output")
    final: bool = False
    templates: tuple[Path, ...] = field(default=())   # override folders, searched before the built-ins
    jobs: int = 1                                      # worker processes for PDF/DOCX production
    verbosity: int = 1                                 # 0 --quiet, 1 default, 2 --verbose
    list_changes: bool = False                         # lists say what moved since the last list, and why

    def template_overrides(self) -> list[Path]:
        """Explicit folders (each must exist), then the deal repository's own ``templates/``: the one
        beside the nearest folder named ``deal_data`` that holds the deal file (at any depth below it)."""
        for folder in self.templates:
            if not Path(folder).is_dir():
                raise TemplateError(f"--templates {folder}: no such folder of templates")
        beside = repository_templates(self.deal_file)
        return [*self.templates, *([beside] if beside else [])]


def repository_templates(deal_file: Path) -> Path | None:
    """``<repository>/templates`` for a deal file anywhere under ``<repository>/deal_data/``; None for a
    deal file outside any ``deal_data`` folder (then only ``--templates`` folders override)."""
    here = Path(os.path.abspath(deal_file))
    for parent in here.parents:
        if parent.name == "deal_data":
            candidate = parent.parent / "templates"
            return candidate if candidate.is_dir() else None
    return None
