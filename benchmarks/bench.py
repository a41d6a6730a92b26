"""Benchmark: cold `closingdocs build` of the Amnis closing set, the same four documents the docxtpl +
LibreOffice way makes (side by side, like for like), per-document writer times, and `due` over a portfolio.

Run with `make bench` (or `.venv/bin/python benchmarks/bench.py --runs 7`). Prints Markdown tables for
docs/speed.md. Not a test: timings depend on the machine and on what else it runs.
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

# The four documents of the closing set that the docxtpl + LibreOffice way is timed on (the whole set also
# has the press release's cover note and the checklist, the calendar, the index page and the manifest).
FOUR = ("transfer-agent-instructions", "officers-certificate", "secretarys-certificate", "press-release")


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


def four_documents(out: Path, jobs: int | None) -> None:
    """In this (fresh) process, as `closingdocs build` does it, but only the four documents of ``FOUR``: the
    workers' fork server started first, then load, validate, render, and each document's PDF and DOCX written
    to ``out`` (all or nothing, with the manifest). The closingdocs side of the like-for-like comparison."""
    from generator.options import Options
    from generator.render.locate import search_path
    from generator.writers import Producer, default_jobs

    options = Options(deal_file=DEAL, output_root=out, jobs=jobs or default_jobs(), verbosity=0)
    with Producer(search_path(options.template_overrides()), options.jobs, server=True) as producer:
        from generator.build import run
        from generator.render.documents import closing_documents

        def plan(deal):
            specs = [s for s in closing_documents(deal) if s.slug in FOUR]
            assert [s.slug for s in specs] == list(FOUR), [s.slug for s in specs]
            return specs

        run(options, plan, producer, name="bench-four")


def _timed(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a command and every process it started and waited for: the CPU time (user +
    system) hardly depends on what else the machine runs, the wall time does."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_four(jobs: int | None) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh process making the four documents (PDF + DOCX) into an empty folder."""
    out = Path(tempfile.mkdtemp(prefix="closingdocs-bench-four-"))
    args = [sys.executable, str(Path(__file__).resolve()), "--four-documents", str(out)]
    args += ["--jobs", str(jobs)] if jobs else []
    seconds = _timed(args)
    made = sorted(p.name for p in out.rglob("*") if p.suffix in (".pdf", ".docx"))
    shutil.rmtree(out)
    if made != sorted(f"{name}{suffix}" for name in FOUR for suffix in (".pdf", ".docx")):
        raise SystemExit(f"the four-document run made {made}")
    return seconds


def soffice() -> str | None:
    return os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


OFFICE_WAY = """
import subprocess, sys
from pathlib import Path
import docxtpl
program, profile, out, *templates = sys.argv[1:]
rendered = []
for path in templates:
    template = docxtpl.DocxTemplate(path)
    template.render({})
    target = Path(out) / Path(path).name
    template.save(str(target))
    rendered.append(str(target))
subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", out, *rendered], check=True, capture_output=True)
"""


class OfficeWay:
    """The docxtpl + LibreOffice way on the same four documents, each run a fresh process: docxtpl renders the
    four DOCX (closingdocs' own DOCX, used as templates: a fair stand-in for hand-made ones) and saves them,
    then a cold `soffice` (a new profile each run, as on a fresh server) converts the four to PDF, what that way
    pays for every PDF. ``why_not`` says why it is left out (LibreOffice or docxtpl not installed)."""

    def __init__(self) -> None:
        import importlib.util

        self.work: Path | None = None
        self.program = soffice()
        self.why_not = ("LibreOffice is not installed (no soffice on PATH, no $SOFFICE)" if self.program is None
                        else "docxtpl is not installed (make bench installs it)"
                        if importlib.util.find_spec("docxtpl") is None else "")
        if self.why_not:
            return
        self.work = Path(tempfile.mkdtemp(prefix="closingdocs-office-"))
        subprocess.run([sys.executable, "-m", "generator", "build", str(DEAL), "--output", str(self.work / "built")],
                       check=True, capture_output=True)
        self.templates = [self.work / "built" / "amnis-2003" / "closing" / f"{name}.docx" for name in FOUR]
        words = subprocess.run([self.program, "--version"], capture_output=True, text=True).stdout.split()
        self.version = " ".join(words[:2]) if words else "LibreOffice"
        self.runs = 0

    def run(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(wall, CPU) seconds of the whole way, and of LibreOffice alone converting the four again on the
        profile it has made."""
        assert self.work is not None
        self.runs += 1
        out, profile = self.work / f"run-{self.runs}", self.work / f"profile-{self.runs}"
        out.mkdir()
        whole = _timed([sys.executable, "-c", OFFICE_WAY, self.program, profile.as_uri(), str(out),
                        *map(str, self.templates)])
        if sorted(p.name for p in out.glob("*.pdf")) != sorted(f"{name}.pdf" for name in FOUR):
            raise SystemExit(f"LibreOffice made {sorted(p.name for p in out.iterdir())}")
        convert = _timed([self.program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                          "--convert-to", "pdf", "--outdir", str(out / "again"), *map(str, out.glob("*.docx"))])
        return whole, convert

    def close(self) -> None:
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deals", type=int, default=100, help="portfolio size for the `due` benchmark")
    parser.add_argument("--skip-closing", action="store_true")
    parser.add_argument("--skip-due", action="store_true", help="leave out the portfolio run of `due` (minutes)")
    parser.add_argument("--no-op-only", action="store_true", help="only the no-op build and due (a few seconds)")
    parser.add_argument("--like-for-like-only", action="store_true",
                        help="only the four documents side by side with the docxtpl + LibreOffice way")
    parser.add_argument("--four-documents", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.four_documents:             # one timed run of cold_four(), in its own process
        four_documents(args.four_documents, args.jobs)
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average {load:.1f} at the start\n")
    if args.like_for_like_only:
        like_for_like(args.runs)
        return
    build, due = no_op(max(args.runs, 5))
    print("| no-op run, cold process (nothing changed since the last run; goal: under 0.3 s) | median | worst |")
    print("|---|---|---|")
    print(f"| `closingdocs build` (closing set up to date) | {statistics.median(build):.3f} s | {max(build):.3f} s |")
    print(f"| `closingdocs due` (every list owed built) | {statistics.median(due):.3f} s | {max(due):.3f} s |\n")
    if args.no_op_only:
        return
    if not args.skip_closing:
        print("| whole closing set, cold process (6 documents x PDF + DOCX, checklist CSV, calendar, index page, "
              "manifest) | median | best |")
        print("|---|---|---|")
        for label, jobs in (("default (one worker per core)", None), ("--jobs 1", 1)):
            times = cold_build(args.runs, jobs)
            print(f"| {label} | {statistics.median(times):.2f} s | {min(times):.2f} s |")
        like_for_like(args.runs)
    print("\n| document | first PDF in a process | PDF | DOCX |")
    print("|---|---|---|---|")
    for title, first, pdf, docx in per_document():
        print(f"| {title} | {first * 1000:.0f} ms | {pdf * 1000:.0f} ms | {docx * 1000:.0f} ms |")
    if args.skip_due:
        return
    seconds, documents, peak_main, peak_worker = due_portfolio(args.deals, None)
    print(f"\n| `closingdocs due`: {args.deals} deals x 3 buyers x 12 months, cold, 2 workers | |")
    print("|---|---|")
    print(f"| list documents (PDF + DOCX pairs: 3 buyer lists and 1 summary a deal-month) | {documents:,} |")
    print(f"| wall time | {seconds:.1f} s |")
    print(f"| throughput | {documents / seconds:.1f} list documents per second |")
    print(f"| peak memory: main process / largest worker (RSS) | {peak_main:.0f} MB / {peak_worker:.0f} MB |")


def like_for_like(runs: int) -> None:
    """The same four documents, each as PDF and DOCX, from a cold process: closingdocs (default workers and one
    worker), and the docxtpl + LibreOffice way (left out, saying why, when LibreOffice or docxtpl is not
    installed). The three run in turn, ``runs`` rounds, so that a busy machine slows each alike."""
    office = OfficeWay()
    series: dict[str, list[tuple[float, float]]] = {"default": [], "one": [], "office": [], "soffice": []}
    try:
        for _ in range(runs):
            series["default"].append(cold_four(None))
            series["one"].append(cold_four(1))
            if not office.why_not:
                whole, convert = office.run()
                series["office"].append(whole)
                series["soffice"].append(convert)
    except (subprocess.CalledProcessError, OSError) as exc:
        office.why_not = office.why_not or f"a run failed ({exc})"
    finally:
        office.close()
    print("\n| the same 4 documents (transfer agent instructions, officer's and secretary's certificates, press "
          f"release), PDF + DOCX each, cold process, {runs} rounds in turn | wall, median | wall, best "
          "| CPU, median |")
    print("|---|---|---|---|")
    rows = [("closingdocs, default (one worker per core)", "default"), ("closingdocs, --jobs 1", "one")]
    if not office.why_not:
        rows += [(f"docxtpl + {office.version}: docxtpl renders the 4 DOCX, a cold soffice converts them to PDF",
                  "office"),
                 (f"of which {office.version} alone, the 4 DOCX to PDF (its profile made)", "soffice")]
    for label, key in rows:
        wall, cpu = [w for w, _ in series[key]], [c for _, c in series[key]]
        # the fork server (and the workers it forks) outlives the process without being waited for: its CPU
        # time is not counted in the parent's, so only the one-process run says what closingdocs costs in CPU
        cpu_text = "not counted (fork server)" if key == "default" else f"{statistics.median(cpu):.2f} s"
        print(f"| {label} | {statistics.median(wall):.2f} s | {min(wall):.2f} s | {cpu_text} |")
    if office.why_not:
        print(f"\ndocxtpl + LibreOffice: left out: {office.why_not}.")
        return
    def ratio(i: int, ours: str) -> float:
        return statistics.median(t[i] for t in series["office"]) / statistics.median(t[i] for t in series[ours])

    print(f"\nRatio of medians, docxtpl + LibreOffice / closingdocs: wall {ratio(0, 'default'):.2f}x (default "
          f"workers), CPU {ratio(1, 'one'):.2f}x (--jobs 1)")


if __name__ == "__main__":
    main()
