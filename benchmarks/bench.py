"""Benchmark: cold `closingdocs build` of the Amnis closing set, and per-document writer times.

Run with `make bench` (or `.venv/bin/python benchmarks/bench.py --runs 7`). Prints a Markdown
table for the README. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEAL = ROOT / "deal_data" / "amnis-2003.yaml"
sys.path.insert(0, str(ROOT))


def cold_build(runs: int, jobs: int | None) -> list[float]:
    """Wall time of a fresh process building the set into an empty folder (every file written)."""
    exe = Path(sys.executable).with_name("closingdocs")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    times = []
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(prefix="closingdocs-bench-"))
        args = [*command, "build", str(DEAL), "--output", str(out)] + (["--jobs", str(jobs)] if jobs else [])
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        shutil.rmtree(out)
    return times


def per_document() -> list[tuple[str, float, float, float]]:
    """(document, first PDF, warm PDF, warm DOCX) seconds, in one process."""
    from generator.build import render_all
    from generator.compute import closing_figures
    from generator.documents import CLOSING_SET
    from generator.load import load
    from generator.render import Renderer, search_path
    from generator.validate import validate
    from generator.writers import make_writer

    deal = validate(load(DEAL))
    paths = search_path([])
    docs = render_all(Renderer(paths), CLOSING_SET, {"deal": deal, "figures": closing_figures(deal)}, deal, True)
    pdf, docx = make_writer("pdf", paths), make_writer("docx", paths)
    rows = []
    for doc in docs:
        t0 = time.perf_counter()
        pdf.write(doc)
        first = time.perf_counter() - t0
        warm_pdf = min(_time(lambda: pdf.write(doc)) for _ in range(3))
        warm_docx = min(_time(lambda: docx.write(doc)) for _ in range(3))
        rows.append((doc.spec.title, first, warm_pdf, warm_docx))
    return rows


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print("| closing set, cold process (3 documents x PDF + DOCX) | median | best |")
    print("|---|---|---|")
    for label, jobs in (("default (one worker per core)", None), ("--jobs 1", 1)):
        times = cold_build(args.runs, jobs)
        print(f"| {label} | {statistics.median(times):.2f} s | {min(times):.2f} s |")
    print("\n| document | first PDF in a process | PDF | DOCX |")
    print("|---|---|---|---|")
    for title, first, pdf, docx in per_document():
        print(f"| {title} | {first * 1000:.0f} ms | {pdf * 1000:.0f} ms | {docx * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
