"""How the documents refer to the agreement: its own section numbers (the deal file's, never a
template's), and dates as a US lawyer writes them."""
from __future__ import annotations

import datetime as dt


def cite(sections) -> str:
    """'4(h)' -> 'Section 4(h)'; ['3(c)', '7(d)', '7(h)'] -> 'Sections 3(c), 7(d) and 7(h)' (numbers from the deal)."""
    refs = [sections] if isinstance(sections, str) else [s for s in sections if s]
    if not refs or not all(isinstance(r, str) and r.strip() for r in refs):
        raise ValueError(f"cite needs section numbers from the deal data, got {sections!r}")
    refs = list(dict.fromkeys(refs))
    if len(refs) == 1:
        return f"Section {refs[0]}"
    return f"Sections {', '.join(refs[:-1])} and {refs[-1]}"


def long_date(day: dt.date) -> str:
    """May 9, 2003."""
    return f"{day:%B} {day.day}, {day.year}"
