"""``closingdocs ARGS`` as a child process whose documents are made as text (tests/producers.py's TextWriter, as the
``text_only`` fixture does in-process), for a test whose subject is the process or what runs it (two runs and the
deal folder's lock, make and its stamp files), not the PDF and DOCX bytes: ``python -m tests.text_run ARGS`` with
the repository's top folder on the path. Workers forked from this process make their documents as text too."""
from __future__ import annotations

import generator.writers
from generator.cli import main


def _text_writer(fmt, search_path):
    from tests.producers import TextWriter  # on use: a run with nothing to write imports no rendering

    return TextWriter(fmt)


generator.writers.writer_for = _text_writer   # type: ignore[assignment]

if __name__ == "__main__":
    raise SystemExit(main())
