"""output/<deal>/index.html: a static page that works from a file share: every link resolves, nothing external,
no script; opened in headless Chromium (when installed) with a screenshot saved in the test's folder."""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from generator.cli import main

from .conftest import AMNIS, ROOT
from .producers import TextWriter

pytestmark = pytest.mark.slow     # end to end: see `make test-fast` for the edit loop

SIERRA = ROOT / "deal_data" / "examples" / "sierra-lumen-2024.yaml"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs["href"])
        for key in ("src", "srcset", "background"):
            if key in attrs:
                self.sources.append(attrs[key])


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Both deals' closing sets built, their documents as text (tests/producers.py): the page is made from the
    deal and the names of the files the set writes, never from a PDF's or DOCX's bytes."""
    out = tmp_path_factory.mktemp("index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.writers.writer_for", lambda fmt, search_path: TextWriter(fmt))
        for deal in (AMNIS, SIERRA):
            assert main(["build", str(deal), "--output", str(out), "--jobs", "1", "-q"]) == 0
    return {"amnis": out / "amnis-2003" / "index.html", "sierra": out / "sierra-lumen-2024" / "index.html"}


@pytest.mark.parametrize("name", ["amnis", "sierra"])
def test_every_link_resolves_and_nothing_is_external(name, pages):
    page = pages[name]
    text = page.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(text)
    assert parsed.links and not parsed.sources and not {"script", "link", "iframe", "img"} & parsed.tags
    for href in parsed.links:
        assert "://" not in href and not href.startswith(("/", "//")), href
        assert (page.parent / unquote(href)).is_file(), href
    assert {"closing/officers-certificate.pdf", "closing/officers-certificate.docx", "deadlines.ics",
            "closing/checklist.csv", "manifest.json"} <= {unquote(h) for h in parsed.links}


def test_the_amnis_page_shows_the_deal_the_facts_the_deadlines_and_the_checklist(pages):
    text = pages["amnis"].read_text(encoding="utf-8")
    assert "Amnis Systems Inc." in text and "May 9, 2003" in text
    assert "amnis-2003.yaml:53" in text and "name of the Company&#x27;s Secretary" in text      # the fact and its line
    assert "June 6, 2003" in text                                       # the May 2003 list, an open deadline
    assert "Closing checklist" in text and "24 of 24 still pending" in text


def test_headless_chromium_opens_the_page(pages, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): the page was not opened in a browser")
    shot = tmp_path / "index.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600"]
    url = pages["sierra"].resolve().as_uri()
    subprocess.run([chromium, *flags, f"--screenshot={shot}", url], capture_output=True, timeout=120)
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    dom = subprocess.run([chromium, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert "Sierra Lumen Technologies, Inc." in dom and "Closing checklist" in dom
    print(f"screenshot: {shot}")
