"""The documents closingdocs makes: which template, what title, where the files go."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentSpec:
    """One deliverable: rendered from ``template`` into ``<folder>/<slug>.{pdf,docx}``."""

    slug: str
    title: str
    template: str
    folder: str
    section: str
    context: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


CLOSING_SET = (
    DocumentSpec("transfer-agent-instructions", "Irrevocable Transfer Agent Instructions",
                 "closing/transfer-agent-instructions.html.j2", "closing", "Sections 2(g), 5 and 7(c)"),
    DocumentSpec("officers-certificate", "Officer's Certificate",
                 "closing/officers-certificate.html.j2", "closing", "Sections 3(c), 7(d) and 7(h)"),
    DocumentSpec("secretarys-certificate", "Secretary's Certificate",
                 "closing/secretarys-certificate.html.j2", "closing", "Sections 3(c), 7(d) and 7(h)"),
)
