"""The words the agreements of this family use for the same party or the same security, each agreement choosing
one of each: a vocabulary of the family (like the charter names of ``jurisdictions``), not one agreement's terms.
The consistency stage looks for a word of another agreement where the deal uses its own."""
from __future__ import annotations

BUYER_TERM = "Buyer"                      # what every template calls the purchasers
PARTY_TERMS = ("Holder", "Purchaser", "Investor", "Subscriber", "Lender")
SECURITY_TERMS = ("Debenture", "Note")    # singular; the deal's own is securities.convertible.defined_term (plural)
