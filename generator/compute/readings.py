"""The sentence each document prints for a reading of the agreement its figures depend on."""
from __future__ import annotations

from ..deal.citation import cite
from ..deal.jurisdictions import MONTH_RULE, WEEKEND_RULE, rolls_deadlines_by_default
from ..deal.model import Deal


def statements(deal: Deal, *which: str) -> list[str]:
    """One plain sentence per reading named in ``which`` (in that order), as this deal reads it; a
    reading about a covenant the deal does not have says nothing."""
    r = deal.readings
    approval = deal.covenants.stockholder_approval
    reserve = deal.covenants.share_reserve
    new_york = rolls_deadlines_by_default(deal.agreement.governing_law)
    out = []
    for name in which:
        if name == "roll_deadlines_to_business_day":
            out.append("Deadlines stated as a date or a number of days that end on a Saturday, Sunday or holiday "
                       + (f"move to the next business day ({WEEKEND_RULE})."
                          if deal.rolls_deadlines else "do not move."))
        elif name == "shortfall_before_approval" and approval is not None:
            term = approval.defined_term
            out.append(f"While the {term} is pending (not obtained and its deadline not passed), a shortfall "
                       f"below the Reserved Amount {'does not start' if r.shortfall_before_approval == 'tolled' else 'starts'}"
                       f" the {reserve.shortfall_cure_days}-day period of {cite(reserve.section)}.")
        elif name == "conversions_before_approval" and approval is not None:
            out.append(f"Until the {approval.defined_term}, each Buyer converts "
                       + ("only against the shares allocated to it." if r.conversions_before_approval
                          == "own-allocation" else "against all the shares available to the Buyers."))
        elif name == "allocation":
            out.append("Each reservation is allocated among the Buyers pro rata to their Reserved Amounts when it "
                       "is made, and a Buyer's conversions use only its own part."
                       if r.allocation == "fixed-when-reserved" else
                       "The shares reserved for the Buyers are allocated among them pro rata to their Reserved "
                       "Amounts on each date, after the conversions made so far.")
        elif name == "interest_shares_from":
            income = deal.securities.convertible.words.income
            out.append(f"{income.capitalize()} paid in shares {'are' if income == 'dividends' else 'is'} issued out of the "
                       + ("shares reserved for the Buyers." if r.interest_shares_from == "buyers-reserve"
                          else "authorized shares not reserved for the Buyers."))
        elif name == "cure_day":
            out.append("A breach counts every day on which it existed, the day of its cure included."
                       if r.cure_day == "counted" else "A breach counts up to, but not including, the day of its cure.")
        elif name == "short_months":
            out.append("A monthly period that starts on a day the later month does not have (the 31st) ends on "
                       "that month's last day" + ((f" ({MONTH_RULE})." if new_york else ".")
                                                  if r.short_months == "governing-law" else
                                                  "; the next period starts on that last day."))
        elif name == "expense_interest":
            on = "the total amount to be reimbursed" if r.expense_interest_on == "total" else "the unpaid balance"
            since = ("from the submission of the invoice" if r.expense_interest_from == "submission"
                     else "from the day after the payment deadline")
            out.append(f"If the invoice is not paid in full within the deadline, interest runs on {on} {since} "
                       f"until paid in full, the day of payment {'included' if r.cure_day == 'counted' else 'excluded'}.")
        elif name == "as_of":
            out.append("Figures as of a date include that whole day." if r.as_of == "end-of-day" else
                       "Figures as of a date are taken at the start of that day.")
    return out
