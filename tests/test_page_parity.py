"""Page parity, measured: each DOCX of the demo set, laid out by LibreOffice, falls on the same pages
as the PDF (scripts/page-parity).  Runs only where LibreOffice is installed: the product never needs it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _has_times_metrics() -> bool:
    """LibreOffice needs Times New Roman or its metric twin, Liberation Serif, to lay out the DOCX."""
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    fonts = subprocess.run([fc, ":", "family"], capture_output=True, text=True).stdout
    return "Liberation Serif" in fonts or "Times New Roman" in fonts


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed, so page parity is not measured "
                    "(Debian: apt-get install libreoffice-writer-nogui fonts-liberation2)")
@pytest.mark.skipif(SOFFICE is not None and not _has_times_metrics(),
                    reason="LibreOffice has neither Liberation Serif nor Times New Roman, so page parity is not "
                           "measured (Debian: apt-get install fonts-liberation2)")
def test_every_docx_of_the_demo_set_falls_on_the_pdfs_pages():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "page-parity")], capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    import re

    same = re.search(r"^(\d+) of (\d+) documents on the same pages$", result.stdout, re.M)
    assert same and same.group(1) == same.group(2) and int(same.group(2)) >= 30, result.stdout   # both deals
