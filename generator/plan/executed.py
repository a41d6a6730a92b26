"""Where each signature page of the deal stands, from the last collation's record: signed (and where it came
back), missing, or not collated (no record, or a page the record does not know: the deal's documents or signers
changed since). What the checklist, its CSV and the index page show per document and signer."""
from __future__ import annotations

from dataclasses import dataclass

from ..collation import SIGNED, Collation
from ..deal.model import Deal
from .signatures import signature_pages

NOT_COLLATED = "not collated"


@dataclass(frozen=True)
class SignatureStatus:
    document: str
    document_title: str
    page: str                  # the page identifier
    party: str
    signer: str                # who signs, in words: "Scott MacCaughern, Chairman and Chief Executive Officer"
    status: str                # signed, missing, not collated
    returned: str              # "signed/bristol.pdf, page 2" once signed
    executed: str              # executed/<document>.pdf once every page of the document is in


def signature_status(deal: Deal, record: Collation | None) -> list[SignatureStatus]:
    out = []
    for page in signature_pages(deal):
        found = record.signature(page.id) if record is not None else None
        document = record.document(page.document) if record is not None else None
        status = NOT_COLLATED if found is None else found.status
        out.append(SignatureStatus(page.document, page.document_title, page.id, page.party, signer_words(page), status,
                                   found.returned if found and status == SIGNED else "",
                                   (document.file or "") if document is not None and found is not None else ""))
    return out


def signer_words(page) -> str:
    """Who signs a page, in words: the name and the capacity ("an authorized signatory" where the name is written
    in)."""
    name = page.signer_name if page.signer_name else "an authorized signatory"
    return f"{name}, {page.capacity}" if page.capacity and page.capacity != name else name
