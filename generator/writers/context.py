"""What a writer is given beside the document it writes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WriteContext:
    """What the formats made before this one found out: the PDF's page count, which the DOCX states
    (its NUMPAGES) before Word counts the pages itself."""

    pages: int | None = None


NO_CONTEXT = WriteContext()
