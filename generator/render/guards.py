"""The publicity guard (SPA s.4(c), s.4(q)): a public document may not name a Buyer that has
not consented in writing.

Each writer checks the text of the file it makes: the PDF writer the text WeasyPrint lays out
line by line, the DOCX writer the text of the Word document. Case, accents, punctuation and
line breaks (hyphenated or not) are ignored, and each Buyer's name is also tried without its
legal suffix, under any aliases the deal data gives, and by each of its distinctive words alone
("Bristol" for Bristol Investment Fund, Ltd.): every word of the name that is not a legal suffix,
a generic word of fund names ("Investment", "Capital", "Fund"), shorter than three letters, or
a word of the Company's name or of a consenting Buyer's name. A distinctive word used in its
ordinary sense ("Bristol, England") also stops the build: the guard errs on the side of the
Buyer. Light on purpose: the writers import it in worker processes that never load the deal model.
"""
from __future__ import annotations

import datetime as dt
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


# Words of fund and company names that say what kind of firm it is, not which one
GENERIC_WORDS = {"the", "and", "of", "for", "fund", "funds", "capital", "investment", "investments", "investors",
                 "partners", "partnership", "management", "holdings", "holding", "group", "trust", "associates",
                 "advisors", "advisers", "securities", "equity", "equities", "ventures", "venture", "financial",
                 "finance", "asset", "assets", "global", "international", "merchant", "master", "offshore",
                 "opportunity", "opportunities", "strategic", "strategies", "partner", "private", "special",
                 "situations", "value", "growth", "income", "bank", "banking", "systems", "technologies"}


def names_of(buyer: Buyer, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The forms of a Buyer's name to look for: full, without legal suffixes, its aliases, and each
    distinctive word of its name (not generic, not a legal suffix, not in ``common``)."""
    forms = {normalize(buyer.name).strip()}
    words = normalize(buyer.name).split()
    forms |= {w for w in words if len(w) >= 3 and not w.isdigit() and w not in LEGAL_SUFFIXES
              and w not in GENERIC_WORDS and w not in common}
    while words and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
        if len(words) >= 2:
            forms.add(" ".join(words))
    forms |= {normalize(alias).strip() for alias in buyer.aliases}
    return tuple(sorted(f for f in forms if f))


def consented(buyer: Buyer, on: dt.date | None = None) -> bool:
    """Named only with a recorded written consent: the flag and the date it was recorded, on or before ``on``
    (the date the public document bears: a consent recorded later was not given on that day)."""
    recorded = buyer.consent_recorded_on
    return bool(buyer.consents_to_be_named and recorded is not None and (on is None or recorded <= on))


def forbidden_names(deal: Deal, on: dt.date | None = None) -> Forbidden:
    """Each Buyer without a consent recorded by ``on`` (the public document's date), and the forms of its name
    that document may not use. Words of the Company's name and of consenting Buyers' names are not looked for
    alone."""
    common = {w for b in deal.buyers if consented(b, on) for w in normalize(b.name).split()}
    common |= set(normalize(deal.company.name).split())
    return tuple((b.name, names_of(b, frozenset(common))) for b in deal.buyers if not consented(b, on))


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
    problems = [f"the {title} ({fmt}) names {name} (found as \"{form}\"), which had not consented in writing by "
                "the date the document bears; set consents_to_be_named: true with consent_recorded_on (on or before "
                "that date) once it has"
                for name, form in named(text, forbidden)]
    if problems:
        raise PublicityError("; ".join(problems))
