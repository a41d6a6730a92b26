"""What the law of a jurisdiction supplies to every deal governed by it, not any one agreement's terms:
the usual names of charter documents by state, what its statute calls a corporation's owners
(stockholders or shareholders), a state's formal name (State or Commonwealth), and New York's rule for deadlines that fall on a
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
        "Pennsylvania": ("Articles of Incorporation", "Bylaws"),
        "Massachusetts": ("Articles of Organization", "By-laws"),
        "New Jersey": ("Certificate of Incorporation", "By-laws"),
        "Arizona": ("Articles of Incorporation", "Bylaws"),
        "Oregon": ("Articles of Incorporation", "Bylaws"),
        "Virginia": ("Articles of Incorporation", "Bylaws"),
        "North Carolina": ("Articles of Incorporation", "Bylaws"),
        "Ohio": ("Articles of Incorporation", "Code of Regulations"),
        "Illinois": ("Articles of Incorporation", "By-laws"),
        "Michigan": ("Articles of Incorporation", "Bylaws"),
    },
    "limited liability company": {
        "default": ("Certificate of Formation", "Limited Liability Company Agreement"),
        "Nevada": ("Articles of Organization", "Operating Agreement"),
        "California": ("Articles of Organization", "Operating Agreement"),
        "Florida": ("Articles of Organization", "Operating Agreement"),
    },
}


# What a corporation's statute calls its owners, by state; a deal file's ``company.words.owners`` overrides it.
# "stockholders": Delaware (DGCL), Nevada (NRS ch. 78), Maryland, Kansas, Oklahoma's predecessor usage aside;
# "shareholders": the Model Business Corporation Act states and the codes below (e.g. 15 Pa.C.S. s.1103,
# RCW 23B.01.400, Minn. Stat. s.302A.011, N.Y. Bus. Corp. Law s.102, Cal. Corp. Code s.185).
STOCKHOLDER_STATES = frozenset({"Delaware", "Nevada", "Maryland", "Kansas"})
SHAREHOLDER_STATES = frozenset({
    "New York", "California", "Pennsylvania", "Washington", "Minnesota", "Florida", "Texas", "Colorado",
    "Georgia", "Utah", "Massachusetts", "New Jersey", "Arizona", "Oregon", "Virginia", "North Carolina",
    "Ohio", "Illinois", "Michigan", "Wisconsin", "Indiana", "Tennessee", "Connecticut", "Idaho", "Iowa"})


def corporate_words(entity_type: str, state: str) -> str:
    """What the company's statute calls its owners: members of a limited liability company; for a corporation,
    shareholders in the states listed, stockholders in Delaware, Nevada and every state not listed (the
    word most of this family's agreements use); a deal file's ``company.words`` overrides it."""
    if entity_type == "limited liability company":
        return "members"
    return "shareholders" if state in SHAREHOLDER_STATES else "stockholders"


# The four states whose constitutions name them Commonwealths (Pa. Const. art. IV s.1, Mass. Const. pt. 2,
# Va. Const. art. I s.1, Ky. Const. s.1); every other state is "the State of ...".
COMMONWEALTHS = frozenset({"Pennsylvania", "Massachusetts", "Virginia", "Kentucky"})


def formal_name(state: str) -> str:
    """A state's formal name as a governing-law clause prints it: "the Commonwealth of Pennsylvania",
    "the State of New York"."""
    return f"the {'Commonwealth' if state in COMMONWEALTHS else 'State'} of {state}"


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
