"""Reimbursement of the Buyers' expenses (``covenants.expense_reimbursement``; SPA s.4(f)) and
interest on what is paid late.

The Company must reimburse an invoice within the covenant's business days of its submission
(five in the SPA). If it does not (and only then: on or before the last of those days no interest
is owed), interest runs at the covenant's rate (actual days over 365)
on the amount and from the day the deal's readings say (the total from submission, by the
SPA's words), until paid in full; each period between payments is one line, rounded half-up to
the cent once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..deal.model import Deal
from .business_days import business_calendar
from .rounding import cents

DAYS_IN_YEAR = Decimal(365)


@dataclass(frozen=True)
class InterestLine:
    start: dt.date
    end: dt.date             # exclusive
    unpaid: Decimal          # the amount interest runs on (the total or the unpaid balance: Readings)
    days: int
    amount: Decimal

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


@dataclass(frozen=True)
class ExpenseStatement:
    invoice_id: str
    buyer_id: str
    invoiced_on: dt.date
    items: tuple
    total: Decimal
    due: dt.date
    payments: tuple[tuple[dt.date, Decimal], ...]
    through: dt.date         # counted through this day, that day included
    rate_percent: Decimal
    interest_lines: tuple[InterestLine, ...]
    failed_on: dt.date | None = None     # the first day after the deadline, once it passed without payment in full

    @property
    def paid(self) -> Decimal:
        return sum((amount for _, amount in self.payments), Decimal("0.00"))

    @property
    def unpaid(self) -> Decimal:
        return self.total - self.paid

    @property
    def interest(self) -> Decimal:
        return sum((line.amount for line in self.interest_lines), Decimal("0.00"))

    @property
    def amount_due(self) -> Decimal:
        return self.unpaid + self.interest


def expense_statement(deal: Deal, invoice_id: str, through: dt.date) -> ExpenseStatement | None:
    """The invoice as it stood at the end of ``through`` (``Deal.as_of``): what was paid on or before that day,
    and the interest counted through it, that day included. None if no such invoice was submitted by then.

    Interest is a consequence of a failure: none is owed until the Company has failed to reimburse in full
    within the covenant's business days, that is, not on or before the last of them, nor if it paid in full
    by then. Once it has failed, interest runs, by the deal's readings, on the total amount to be reimbursed
    or on the unpaid balance, from the submission or from the day after the deadline, until paid in full (the
    payment day counted or not)."""
    deal = deal.as_of(through)
    invoice = next((e for e in deal.events("expense_invoice") if e.id == invoice_id), None)
    covenant = deal.covenants.expense_reimbursement
    if invoice is None or covenant is None:     # (validation refuses an invoice without the covenant)
        return None
    readings = deal.readings
    total = sum((item.amount for item in invoice.items), Decimal("0.00"))
    due = business_calendar(deal).add_business_days(invoice.date, covenant.business_days)
    payments = tuple((e.date, e.amount) for e in deal.events("expense_payment") if e.invoice == invoice_id)
    rate = covenant.interest_percent
    failed = through > due and sum((a for d, a in payments if d <= due), Decimal(0)) < total
    lines = []
    if failed:
        start = invoice.date if readings.expense_interest_from == "submission" else due + dt.timedelta(days=1)
        unpaid = total - sum((a for d, a in payments if d < start), Decimal(0))
        for day, amount in payments:
            if day < start or unpaid <= 0:
                continue
            end = day + dt.timedelta(days=1) if readings.cure_day == "counted" else day
            if end > start:
                lines.append(_line(start, end, total if readings.expense_interest_on == "total" else unpaid, rate))
            unpaid -= amount
            start = max(start, end)
        end = through + dt.timedelta(days=1)
        if unpaid > 0 and end > start:
            lines.append(_line(start, end, total if readings.expense_interest_on == "total" else unpaid, rate))
    return ExpenseStatement(invoice_id, invoice.buyer, invoice.date, tuple(invoice.items), total, due, payments,
                            through, rate, tuple(lines), due + dt.timedelta(days=1) if failed else None)


def _line(start: dt.date, end: dt.date, base: Decimal, rate: Decimal) -> InterestLine:
    days = (end - start).days
    return InterestLine(start, end, base, days, cents(base * rate / 100 * days / DAYS_IN_YEAR))
