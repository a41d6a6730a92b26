"""What one deliverable is: kept light, so worker processes can receive it without the deal model."""
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
    date: Any = None                      # the document's date (fixed: outputs are deterministic)
    public: bool = False                  # released to the public: may not name a Buyer without consent
    author: str | None = None             # who issues it (a Buyer's invoice), if not the Company
    # the facts (dotted deal-file paths) its figures are derived from: a final document refuses to be made
    # while one of them is still to be confirmed (the facts it prints itself are found as it is rendered)
    relies_on: tuple[str, ...] = ()
    working: bool = False                 # a working note (a cover note): names unconfirmed facts as such
    # bound inside a larger PDF (a binder's cover and hash page): (the number of its first page, the PDF's pages),
    # so its footer counts the whole ("Page 1 of 20"), not itself alone ("Page 1 of 1")
    page_numbers: tuple[int, int] | None = None
    footer: tuple[str, ...] = ()          # lines at the foot of every page in place of the page numbers (a
    #                                       signature page's caption and identifier), in both formats
