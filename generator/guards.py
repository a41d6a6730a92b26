"""The publicity guard (SPA s.4(c), s.4(q)): a public document may not name a Buyer that has
not consented in writing. It reads the text of both finished files, the PDF and the DOCX,
so nothing a template, a filter or a layout does can slip a name past it: case, punctuation
and line breaks are ignored, and each Buyer's name is also tried without its legal suffix
and under any aliases the deal data gives."""
from __future__ import annotations

import io
import re
import unicodedata

from .errors import ClosingDocsError
from .model import Buyer, Deal

LEGAL_SUFFIXES = {"lp", "l p", "llc", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "ag",
                  "aktiengesellschaft", "gmbh", "plc", "sa", "nv", "bv", "co", "company", "fund"}


class PublicityError(ClosingDocsError):
    """A public document names a Buyer without its recorded written consent."""

    exit_code = 7
    title = "a Buyer would be named without its written consent (SPA s.4(c), s.4(q))"


def normalize(text: str) -> str:
    """Lower case, accents folded, hyphenation at line ends undone, punctuation and white space collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"-\s*\n\s*", "", text)          # a word hyphenated across a line
    text = re.sub(r"[^\w]+", " ", text.lower())
    return f" {' '.join(text.split())} "


def names_of(buyer: Buyer) -> list[str]:
    """The forms of a Buyer's name to look for: full, without legal suffixes, and its aliases."""
    forms = {normalize(buyer.name).strip()}
    words = normalize(buyer.name).split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
        if len(words) >= 2:
            forms.add(" ".join(words))
    forms |= {normalize(alias).strip() for alias in buyer.aliases}
    return sorted(f for f in forms if f)


def named_buyers(deal: Deal, text: str) -> list[tuple[Buyer, str]]:
    """Buyers without consent whose name appears in ``text``, with the form found."""
    haystack = normalize(text)
    found = []
    for buyer in deal.buyers:
        if buyer.consents_to_be_named:
            continue
        for form in names_of(buyer):
            if f" {form} " in haystack:
                found.append((buyer, form))
                break
    return found


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


EXTRACTORS = {".pdf": pdf_text, ".docx": docx_text}


def check_public_document(deal: Deal, title: str, files: dict[str, bytes]) -> None:
    """Raise :class:`PublicityError` naming each Buyer found, and in which format."""
    problems = []
    for suffix, content in files.items():
        for buyer, form in named_buyers(deal, EXTRACTORS[suffix](content)):
            problems.append(f"the {title} ({suffix[1:].upper()}) names {buyer.name} (found as \"{form}\"), "
                            "which has not consented in writing; set consents_to_be_named: true with "
                            "consent_recorded_on once it has")
    if problems:
        raise PublicityError("; ".join(problems))
