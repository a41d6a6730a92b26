"""One module per ``closingdocs`` verb: each names itself, adds its flags and runs.

Command modules import the pipeline only when run, so ``closingdocs --help`` and each
command start without loading what the others need.
"""
from . import (
    binder,
    build,
    calendar,
    check,
    collate,
    diff,
    due,
    expenses,
    figures,
    invoice,
    memorandum,
    reserve_list,
    schema,
    verify,
)

COMMANDS = (check, build, memorandum, binder, collate, calendar, figures, reserve_list, invoice, expenses, due, verify,
            diff, schema)
