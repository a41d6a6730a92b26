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


def no_op(runs: int) -> tuple[list[float], list[float]]:
    """Wall times of `closingdocs build` and `closingdocs due` in a fresh process when nothing changed since the
    last run (the inputs hash as output/<deal>/manifest.json records): (build, due). Goal: under 0.3 s each."""
    exe = Path(sys.executable).with_name("closingdocs")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    out = Path(tempfile.mkdtemp(prefix="closingdocs-noop-"))
    build = [*command, "build", str(DEAL), "--output", str(out), "-q"]
    due = [*command, "due", str(DEAL), "--today", "2004-05-09", "--output", str(out), "-q"]
    subprocess.run(build, check=True, capture_output=True)
    subprocess.run(due, capture_output=True)          # exit 6: the real deal's lists are not recorded as delivered
    times = ([], [])
    for _ in range(runs):
        for series, args in zip(times, (build, due)):
            start = time.perf_counter()
            result = subprocess.run(args, capture_output=True, text=True)
            series.append(time.perf_counter() - start)
            if result.returncode not in (0, 6) or "wrote" in result.stdout:
                raise SystemExit(f"the no-op run did something: {result.stdout}{result.stderr}")
    shutil.rmtree(out)
    return times


def per_document() -> list[tuple[str, float, float, float]]:
    """(document, first PDF, warm PDF, warm DOCX) seconds, in one process."""
    from generator.compute.validate import validate
    from generator.deal.load import load
    from generator.plan.documents import closing_documents, reserve_list_documents
    from generator.render.environment import Renderer
    from generator.render.locate import search_path
    from generator.render.set import render_all
    from generator.writers import make_writer

    deal = validate(load(DEAL))
    paths = search_path([])
    specs = closing_documents(deal) + reserve_list_documents(deal, "2003-06")[-2:]
    docs = render_all(Renderer(paths), specs, deal, True)
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


def portfolio(root: Path, deals: int) -> list[Path]:
    """``deals`` copies of the Amnis deal, each its own id and slightly different amounts."""
    base = DEAL.read_text(encoding="utf-8")
    paths = []
    for n in range(deals):
        text = base.replace("id: amnis-2003", f"id: bench-{n:03d}")
        text = text.replace("principal: 150000", f"principal: {150000 + 1000 * n}")
        text = text.replace("purchase_price: 150000", f"purchase_price: {150000 + 1000 * n}")
        text = text.replace("aggregate_principal: 1000000", f"aggregate_principal: {1000000 + 1000 * n}")
        path = root / f"bench-{n:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def due_portfolio(deals: int, jobs: int | None) -> tuple[float, int, float, float]:
    """(seconds, list documents, peak MB of the main process, peak MB of the largest worker)."""
    import json
    work = Path(tempfile.mkdtemp(prefix="closingdocs-portfolio-"))
    paths = portfolio(work, deals)
    out = work / "output"
    probe = ("import resource, subprocess, sys, time, json;"
             "t = time.perf_counter();"
             "r = subprocess.run(sys.argv[1:]);"
             "print(json.dumps([time.perf_counter() - t, r.returncode,"
             " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    exe = Path(sys.executable).with_name("closingdocs")
    command = [str(exe), "due", *map(str, paths), "--today", "2004-05-09", "--output", str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True)
    seconds, code, _ = json.loads(result.stdout.strip().splitlines()[-1])
    if code not in (0, 6):
        raise SystemExit(f"due failed ({code}): {result.stderr[-2000:]}")
    documents = len(list(out.rglob("*.pdf")))
    peak_main, peak_worker = _peaks(command)
    shutil.rmtree(work)
    return seconds, documents, peak_main, peak_worker


def _peaks(command: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) of the main process and of the largest worker, from a short run."""
    work = Path(tempfile.mkdtemp(prefix="closingdocs-memory-"))
    paths = portfolio(work, 10)
    command = [command[0], "due", *map(str, paths), "--today", "2004-05-09", "--output", str(work / "out")]
    # closingdocs run in this wrapper's own process: its peak, and its largest worker's
    inner = ("import resource, sys; sys.argv = sys.argv[1:];"
             "from generator.cli import main; code = main(sys.argv[1:]);"
             "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
             " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", inner, "closingdocs", *command[1:]], capture_output=True, text=True)
    line = next(l for l in result.stderr.splitlines() if l.startswith("PEAK"))
    _, main_kb, worker_kb = line.split()
    shutil.rmtree(work)
    return int(main_kb) / 1024, int(worker_kb) / 1024


def office_path(runs: int) -> tuple[float, float | None] | None:
    """The docxtpl + LibreOffice way, for comparison, when LibreOffice is installed: a cold `soffice`
    converting the closing set's four DOCX to PDF (what that way pays for every PDF), and docxtpl
    rendering the same four files as templates (when docxtpl is installed). Seconds, best of ``runs``."""
    import importlib.util

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    work = Path(tempfile.mkdtemp(prefix="closingdocs-office-"))
    subprocess.run([sys.executable, "-m", "generator", "build", str(DEAL), "--output", str(work)], check=True,
                   capture_output=True)
    docx_files = sorted(work.rglob("*.docx"))
    convert = []
    for n in range(runs):
        out = work / f"pdf-{n}"
        start = time.perf_counter()
        subprocess.run([program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, docx_files)],
                       check=True, capture_output=True)
        convert.append(time.perf_counter() - start)
    render = None
    if importlib.util.find_spec("docxtpl") is not None:
        import docxtpl

        times = []
        for _ in range(runs):
            start = time.perf_counter()
            for path in docx_files:
                template = docxtpl.DocxTemplate(str(path))
                template.render({})
                template.save(str(work / "rendered.docx"))
            times.append(time.perf_counter() - start)
        render = min(times)
    shutil.rmtree(work)
    return min(convert), render


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deals", type=int, default=100, help="portfolio size for the `due` benchmark")
    parser.add_argument("--skip-closing", action="store_true")
    parser.add_argument("--no-op-only", action="store_true", help="only the no-op build and due (a few seconds)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    build, due = no_op(max(args.runs, 5))
    print("| no-op run, cold process (nothing changed since the last run; goal: under 0.3 s) | median | worst |")
    print("|---|---|---|")
    print(f"| `closingdocs build` (closing set up to date) | {statistics.median(build):.3f} s | {max(build):.3f} s |")
    print(f"| `closingdocs due` (every list owed built) | {statistics.median(due):.3f} s | {max(due):.3f} s |\n")
    if args.no_op_only:
        return
    if not args.skip_closing:
        print("| closing set, cold process (4 documents with the press release, x PDF + DOCX) | median | best |")
        print("|---|---|---|")
        for label, jobs in (("default (one worker per core)", None), ("--jobs 1", 1)):
            times = cold_build(args.runs, jobs)
            print(f"| {label} | {statistics.median(times):.2f} s | {min(times):.2f} s |")
    print("\n| document | first PDF in a process | PDF | DOCX |")
    print("|---|---|---|---|")
    for title, first, pdf, docx in per_document():
        print(f"| {title} | {first * 1000:.0f} ms | {pdf * 1000:.0f} ms | {docx * 1000:.0f} ms |")
    office = office_path(3)
    if office is not None:
        convert, render = office
        print("\n| the docxtpl + LibreOffice way, closing set (4 documents) | best of 3 |")
        print("|---|---|")
        print(f"| LibreOffice, cold, DOCX to PDF | {convert:.2f} s |")
        print(f"| docxtpl, render and save the 4 DOCX | {f'{render:.2f} s' if render is not None else 'not installed'} |")
    seconds, documents, peak_main, peak_worker = due_portfolio(args.deals, None)
    print(f"\n| `closingdocs due`: {args.deals} deals x 3 buyers x 12 months, cold, 2 workers | |")
    print("|---|---|")
    print(f"| list documents (PDF + DOCX pairs: 3 buyer lists and 1 summary a deal-month) | {documents:,} |")
    print(f"| wall time | {seconds:.1f} s |")
    print(f"| throughput | {documents / seconds:.1f} list documents per second |")
    print(f"| peak memory: main process / largest worker (RSS) | {peak_main:.0f} MB / {peak_worker:.0f} MB |")


if __name__ == "__main__":
    main()
