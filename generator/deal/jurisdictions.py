"""What the law of a jurisdiction supplies to every deal governed by it, not any one agreement's terms:
the usual names of charter documents by state, and New York's rule for deadlines that fall on a
weekend or holiday (General Construction Law s.25)."""
from __future__ import annotations

import datetime as dt

import holidays

from .citation import long_date

# The states and territories of the United States by name ("Connecticut" -> "CT"), as the ``holidays`` package
# names them: where a Buyer resides in one, a state notice filing may be due.
US_STATES: dict[str, str] = dict(holidays.US.subdivisions_aliases)

# The usual names by jurisdiction; a deal file's ``company.charter`` overrides them.
CHARTER_NAMES = {
    "corporation": {
        "default": ("Certificate of Incorporation", "By-laws"),
        "Nevada": ("Articles of Incorporation", "Bylaws"),
        "California": ("Articles of Incorporation", "Bylaws"),
        "Florida": ("Articles of Incorporation", "Bylaws"),
        "Colorado": ("Articles of Incorporation", "Bylaws"),
        "Minnesota": ("Articles of Incorporation", "Bylaws"),
        "Utah": ("Articles of Incorporation", "Bylaws"),
        "Washington": ("Articles of Incorporation", "Bylaws"),
        "Georgia": ("Articles of Incorporation", "Bylaws"),
        "Texas": ("Certificate of Formation", "Bylaws"),
    },
    "limited liability company": {
        "default": ("Certificate of Formation", "Limited Liability Company Agreement"),
        "Nevada": ("Articles of Organization", "Operating Agreement"),
        "California": ("Articles of Organization", "Operating Agreement"),
        "Florida": ("Articles of Organization", "Operating Agreement"),
    },
}


def rolls_deadlines_by_default(governing_law: str) -> bool:
    """Default of the deadline reading: on under New York law (General Construction Law s.25), off
    elsewhere, since other laws differ; a deal file can choose either way."""
    return governing_law.strip().lower() == "new york"


NY_GENERAL_CONSTRUCTION_LAW = "New York General Construction Law"
WEEKEND_RULE = f"{NY_GENERAL_CONSTRUCTION_LAW} s.25"       # a deadline on a weekend or holiday moves
MONTH_RULE = f"{NY_GENERAL_CONSTRUCTION_LAW} s.30"         # a month from the 31st ends on the last day


def deadline_moved_note(deadline: dt.date, moved: dt.date, what: str, past: bool = True) -> str:
    """The sentence a document prints where a deadline moved to the next business day."""
    kind = f"a {deadline:%A}" if deadline.weekday() >= 5 else "a holiday"
    was, timely = ("was", "was") if past else ("is", "is")
    return (f"{long_date(deadline)} {was} {kind}; under Section 25 of the New York General Construction Law "
            f"{what} {timely} timely through {long_date(moved)}")
