"""``closingdocs ARGS`` in a child process whose documents are made as text (tests/producers.py's TextWriter, as
the ``text_only`` fixture does in-process), for the tests whose subject is two real processes (the deal folder's
lock), not a PDF's or DOCX's bytes. Run as ``python -m tests.speed_due_text_run ARGS`` from the repository's root:
the same ``main`` as ``python -m generator``, and workers forked from this process make their documents as text too."""
from __future__ import annotations

import sys

import generator.writers
from tests.producers import TextWriter

generator.writers.writer_for = lambda fmt, search_path: TextWriter(fmt)   # type: ignore[assignment]

from generator.cli import main  # (after the writers are replaced, as the fixture does)

raise SystemExit(main(sys.argv[1:]))
