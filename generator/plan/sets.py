"""The sets a deal folder holds, each named here once.

A request makes one set (the closing set, a month's reserve lists, a breach's invoices...); the manifest
records every file under its set's name and the options that change the set's bytes, and the no-op
check and ``verify`` find a set by them. Kept light (nothing imported) so the command line can name a set
before loading anything.
"""
from __future__ import annotations

CLOSING = "closing"
CALENDAR = "calendar"
BINDER = "binder"
EXECUTED = "executed"       # closingdocs collate: the execution versions and the collation record
EXECUTED_BINDER = "executed-binder"   # binder --executed
MEMORANDUM = "memorandum"   # the closing memorandum, dated
DUE = "due"                 # the schedule of lists ``due`` keeps, not a set of files


def reserve_lists(month: str) -> str:
    """A month's reserve lists; also the folder they are written to."""
    return f"reserve-lists/{month}"


def damages_invoices(breach_id: str) -> str:
    """The liquidated damages invoices of one breach."""
    return f"invoices/{breach_id}"


def expense_invoice(invoice_id: str) -> str:
    """A Buyer's expense invoice."""
    return f"invoices/expenses-{invoice_id}"


def recorded_options(name: str, final: bool, **more: str) -> dict:
    """What, besides the inputs' files, changes a set's bytes: the manifest records it and the no-op
    check compares it."""
    return {"set": name, "final": final, **more}
