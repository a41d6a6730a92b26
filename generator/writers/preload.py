"""What a fork server imports and warms once, before it forks the writing workers of a build.

A cold build is short: importing WeasyPrint (a third of a second) and paying for the first
document (its C types, the fonts, the house stylesheet) once in a fork server, instead of once
in every worker, leaves the cores to the main process's own loading and rendering and to the
documents.  The template search path comes from the parent (``CLOSINGDOCS_WARM_UP``).
"""
from __future__ import annotations

import signal

# First, before the slow imports: Ctrl-C reaches every process of the terminal's group, and the parent alone acts
# on it (it ends the workers). Ignored here, it is ignored in every worker forked from this server too (the server
# hands its children the handlers it found), from the fork on: a worker or this server interrupted while importing
# or starting printed a KeyboardInterrupt traceback.
signal.signal(signal.SIGINT, signal.SIG_IGN)

import os
from pathlib import Path

import docx  # noqa: F401  (the DOCX writer's package)
import weasyprint  # noqa: F401  (the slow import)

from ..render import environment  # noqa: F401  (to unpickle the documents)
from . import WARM_UP_PATH, warm_up

if os.environ.get(WARM_UP_PATH):
    warm_up(tuple(Path(p) for p in os.environ[WARM_UP_PATH].split(os.pathsep)))
