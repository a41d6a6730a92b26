"""The one options object the CLI fills in and every stage reads."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Options:
    deal_file: Path
    output_root: Path = Path("output")
    final: bool = False
    templates: tuple[Path, ...] = field(default=())   # override folders, searched before the built-ins
    check_only: bool = False
    jobs: int = 1                                      # worker processes for PDF/DOCX production
    verbosity: int = 1                                 # 0 --quiet, 1 default, 2 --verbose

    def template_overrides(self) -> list[Path]:
        """Explicit folders, then the deal repository's own ``templates/`` beside ``deal_data/``."""
        beside = Path(self.deal_file).resolve().parent.parent / "templates"
        return [*self.templates, beside]
