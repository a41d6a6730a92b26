"""Where templates and assets are found: the repository's own folders first, then the built-ins."""
from __future__ import annotations

from pathlib import Path

from ..errors import TemplateError

_PACKAGE = Path(__file__).resolve().parent.parent


def _builtin_templates() -> Path:
    """``generator/templates`` in an installed wheel (package data mapped from the repository's
    top-level ``templates/``); the top-level folder itself in a source checkout."""
    installed = _PACKAGE / "templates"
    return installed if installed.is_dir() else _PACKAGE.parent / "templates"


BUILTIN_TEMPLATES = _builtin_templates()


def search_path(extra: list[Path] | None = None) -> list[Path]:
    """Override folders first, then the built-in templates; missing folders and duplicates dropped."""
    paths: list[Path] = []
    for p in [*(extra or []), BUILTIN_TEMPLATES]:
        p = Path(p).resolve()
        if p.is_dir() and p not in paths:
            paths.append(p)
    if BUILTIN_TEMPLATES.resolve() not in paths:
        raise TemplateError(f"the built-in templates folder {BUILTIN_TEMPLATES} is missing; reinstall closingdocs")
    return paths
