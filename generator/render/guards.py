"""The publicity guard (SPA s.4(c), s.4(q)): a public document may not name a Buyer that has
not consented in writing.

Each writer checks the text of the file it makes: the PDF writer the text WeasyPrint lays out
line by line, the DOCX writer the text of the Word document. Case, accents, punctuation and
line breaks (hyphenated or not) are ignored, and each Buyer's name is also tried without its
legal suffix and under any aliases the deal data gives. Light on purpose: the writers import
it in worker processes that never load the deal model.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..errors import PublicityError

if TYPE_CHECKING:
    from ..deal.model import Buyer, Deal

LEGAL_SUFFIXES = {"lp", "l p", "llc", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "ag",
                  "aktiengesellschaft", "gmbh", "plc", "sa", "nv", "bv", "co", "company", "fund"}

# (buyer's name, the normalized forms to look for), for each Buyer without recorded consent
Forbidden = tuple[tuple[str, tuple[str, ...]], ...]


def normalize(text: str) -> str:
    """Lower case, accents folded, hyphenation at line ends undone, punctuation and white space collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"-\s*\n\s*", "", text)          # a word hyphenated across a line
    text = re.sub(r"[^\w]+", " ", text.lower())
    return f" {' '.join(text.split())} "


def names_of(buyer: "Buyer") -> tuple[str, ...]:
    """The forms of a Buyer's name to look for: full, without legal suffixes, and its aliases."""
    forms = {normalize(buyer.name).strip()}
    words = normalize(buyer.name).split()
    while words and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
        if len(words) >= 2:
            forms.add(" ".join(words))
    forms |= {normalize(alias).strip() for alias in buyer.aliases}
    return tuple(sorted(f for f in forms if f))


def consented(buyer: "Buyer") -> bool:
    """Named only with a recorded written consent: the flag and the date it was recorded."""
    return bool(buyer.consents_to_be_named and buyer.consent_recorded_on is not None)


def forbidden_names(deal: "Deal") -> Forbidden:
    return tuple((b.name, names_of(b)) for b in deal.buyers if not consented(b))


def named(text: str, forbidden: Forbidden) -> list[tuple[str, str]]:
    """(Buyer name, form found) for each forbidden Buyer named in ``text``."""
    haystack = normalize(text)
    found = []
    for name, forms in forbidden:
        form = next((f for f in forms if f" {f} " in haystack), None)
        if form:
            found.append((name, form))
    return found


def check_text(title: str, fmt: str, text: str, forbidden: Forbidden) -> None:
    """Raise :class:`PublicityError` naming each Buyer found in one format's text."""
    problems = [f"the {title} ({fmt}) names {name} (found as \"{form}\"), which has not consented in writing; "
                "set consents_to_be_named: true with consent_recorded_on once it has"
                for name, form in named(text, forbidden)]
    if problems:
        raise PublicityError("; ".join(problems))
