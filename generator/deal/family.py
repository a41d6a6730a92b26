"""The words the agreements of this family use for the same party or the same security, each agreement choosing
one of each: a vocabulary of the family (like the charter names of ``jurisdictions``), not one agreement's terms.
The consistency stage looks for a word of another agreement where the deal uses its own."""
from __future__ import annotations

from dataclasses import dataclass

BUYER_TERM = "Buyer"                      # what every template calls the purchasers
PARTY_TERMS = ("Holder", "Purchaser", "Investor", "Subscriber", "Lender")
SECURITY_TERMS = ("Debenture", "Note")    # singular; the deal's own is securities.convertible.defined_term (plural)


@dataclass(frozen=True)
class SecurityWords:
    """The words a kind of convertible security uses for what it is, what accrues on it and how it ends:
    debt has a principal amount, interest and a maturity; preferred stock a Stated Value, dividends and
    a redemption. Templates, the calendar, the checklist, the figures and the invoices take them from here."""

    kind: str
    amount: str            # the amount a Buyer holds: "principal amount", "Stated Value"
    short: str             # the same, short: "principal", "Stated Value"
    income: str            # what accrues on it: "interest", "dividends"
    income_of: str         # that word before a noun: "an interest payment date", "a dividend payment date"
    end: str               # how it ends: "maturity", "mandatory redemption"
    end_date: str          # "maturity date", "mandatory redemption date"
    ended: str             # "matured", "reached its mandatory redemption date"
    paid_off: str          # a Buyer's amount paid off in cash before conversion: "repaid or redeemed", "redeemed"
    holders: str           # "holders of the {term}", "holders of {term}" (filled with the defined term)
    foreign: tuple[str, ...]   # the other kind's words, which its documents never print (the leak test)


SECURITY_WORDS = {
    "debt": SecurityWords(
        kind="debt", amount="principal amount", short="principal", income="interest", income_of="interest",
        end="maturity", end_date="maturity date", ended="matured", paid_off="repaid or redeemed",
        holders="holders of the {term}", foreign=("Stated Value", "dividend", "Preferred Shares")),
    "preferred": SecurityWords(
        kind="preferred", amount="Stated Value", short="Stated Value", income="dividends", income_of="dividend",
        end="mandatory redemption", end_date="mandatory redemption date",
        ended="reached their mandatory redemption date", paid_off="redeemed",
        holders="holders of {term}",
        foreign=("principal", "interest", "maturity", "mature", "repay", "Debenture", "Note")),
}
