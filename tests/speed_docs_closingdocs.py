"""``closingdocs`` as a child process with its documents made as text (tests/producers.py's TextWriter), for a test
whose subject is what runs the command (make and its stamp files), not the PDF and DOCX bytes:
``python -m tests.speed_docs_closingdocs ARGS`` from anywhere, with the repository's top folder on PYTHONPATH."""
from __future__ import annotations

import generator.writers
from generator.cli import main


def _text_writer(fmt, search_path):
    from tests.producers import TextWriter  # on use: a run with nothing to write imports no rendering

    return TextWriter(fmt)


generator.writers.writer_for = _text_writer

if __name__ == "__main__":
    raise SystemExit(main())
