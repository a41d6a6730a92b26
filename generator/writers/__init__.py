"""Writers turn one rendered document into the bytes of one file format; all share one interface.

A :class:`Producer` makes every document in every format (the PDF first: the DOCX states its
page count), in this process or in worker processes started at the beginning of a build, so
that their imports (WeasyPrint takes a third of a second) overlap the loading and rendering
done here.  For a short build (``server=True``) the workers fork from a fork server that
imports WeasyPrint and warms it up once, instead of each worker doing it; ``due`` forks them
from this process, so they inherit the validated deals.  Files are made in memory; nothing is
written until every one of them has been made.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from ..errors import ClosingDocsError, TemplateError
from .context import NO_CONTEXT, WriteContext

if TYPE_CHECKING:  # the parent forks workers before importing the rendering machinery
    from ..render.environment import RenderedDocument
    from .pdf import PdfWriter

FORMATS = ("pdf", "docx")
WARM_UP_PATH = "CLOSINGDOCS_WARM_UP"   # the search path a fork server warms up (writers/preload.py)


class Writer(Protocol):
    """Makes a file's bytes from a rendered document, deterministically (same input, same bytes), given
    what the formats made before it found out (the DOCX states the page count of the PDF made before it)."""

    def write(self, document: RenderedDocument, context: WriteContext = NO_CONTEXT) -> bytes: ...


def make_writer(fmt: str, search_path: list[Path]) -> Writer:
    if fmt == "pdf":
        # imported on first use: WeasyPrint alone takes a third of a second
        from .pdf import PdfWriter
        return PdfWriter(search_path)
    if fmt == "docx":
        # imported on first use: a PDF-only process never loads python-docx
        from .docx import DocxWriter
        return DocxWriter(search_path)
    raise ValueError(f"unknown format {fmt!r}")


def default_jobs() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(4, cores))


_WRITERS: dict[tuple, dict[str, Writer]] = {}   # search path -> format -> this process's writer


def writer_for(fmt: str, search_path: Sequence[Path]) -> Writer:
    """This process's writer of ``fmt`` for a template search path (fonts and stylesheets stay loaded)."""
    writers = _WRITERS.setdefault(tuple(search_path), {})
    if fmt not in writers:
        writers[fmt] = make_writer(fmt, list(search_path))
    return writers[fmt]


def _init_worker(search_path: tuple | None = None) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it (and stops
    # the workers); TERM, which the parent's pool sends to stop them, stops a worker at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    import docx  # noqa: F401
    import weasyprint  # noqa: F401  (the slow import, done while the parent renders)

    from ..render import environment  # noqa: F401  (to unpickle the documents)

    if search_path is not None and not _WARM:
        warm_up(search_path)

    # Layout makes many short-lived objects; the imported modules are long-lived. Keeping the
    # collector off the latter and running it less often saves about 5% of a worker's time.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


WARM_UP = """<html lang="en"><head><link rel="stylesheet" href="assets/closingdocs.css"></head><body>
<h1>W</h1><h2>W</h2><h3>W</h3><p class="numbered">W <strong>W</strong> <em>W</em> <span class="pending">W</span></p>
<table class="grid"><thead><tr><th>W</th><th class="num">1</th></tr></thead>
<tbody><tr class="total"><td>W</td><td class="num">1</td></tr></tbody></table></body></html>"""


_WARM: set = set()   # search paths this process (or the fork server it came from) has warmed up


def warm_up(search_path: tuple) -> None:
    """What every process's first document pays once (WeasyPrint's C types, the fonts, the house
    stylesheet, the DOCX house template), paid in a worker while the parent still loads and renders."""
    from ..plan.spec import DocumentSpec  # imported here: the parent forks before it
    from ..render.environment import RenderedDocument  # imported here: as above
    from ..render.markup import parse_document  # imported here: as above

    try:
        parsed = parse_document(WARM_UP, "warm-up")
        document = RenderedDocument(DocumentSpec("warm-up", "W", "warm-up", "", ""), WARM_UP, parsed.blocks,
                                    False, None, "W", tree=parsed.tree, stylesheets=parsed.stylesheets)
        _make((document, FORMATS, search_path))
        _WARM.add(tuple(search_path))
    except Exception:  # a warm-up that fails leaves the real documents to report it
        pass


def _make(task: tuple[RenderedDocument, tuple[str, ...], tuple]) -> list:
    """One document's bytes in each format, or the ClosingDocsError that stopped one (so every such
    error is reported).  The PDF comes first: the DOCX states its page count."""
    document, formats, search_path = task
    out: list = []
    context = NO_CONTEXT
    for fmt in formats:
        writer = writer_for(fmt, search_path)
        try:
            if fmt == "pdf":
                content, pages = cast("PdfWriter", writer).write_counted(document, context)
                context = WriteContext(pages=pages)
            else:
                content = writer.write(document, context)
            out.append(content)
        except ClosingDocsError as exc:
            out.append(exc)
        except Exception as exc:   # a writer's unexpected failure, reported against the document's template
            out.append(TemplateError(f"{document.spec.template}: the {fmt.upper()} could not be written: "
                                     f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"))
    return out


@contextmanager
def _ctrl_c_for_this_process_only():
    """Ctrl-C reaches every process of the terminal's group; this process alone acts on it (and ends the workers
    with TERM). SIGINT is blocked in this thread while the pool's thread, the fork server and the workers are made:
    each inherits the mask, so none is interrupted while it starts, imports or cleans up (which printed a
    KeyboardInterrupt traceback, then a FileNotFoundError from the pool's thread reaching a fork server that had
    died). A Ctrl-C that came meanwhile is delivered to this thread when the block ends."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Producer:
    """Makes the bytes of documents in every format; use as a context manager around a build."""

    def __init__(self, search_path: list[Path], jobs: int = 1, formats: tuple[str, ...] = FORMATS,
                 server: bool = False):
        """``server``: fork the workers from a fork server that imports and warms up once, started on entry (a
        short build); else straight from this process when first given more than one item, so they inherit what
        it has loaded (``due``) and a run with one item or none starts none (the calendar, a month's lists)."""
        self.search_path = list(search_path)
        self.formats = formats
        self.jobs = jobs if "fork" in multiprocessing.get_all_start_methods() else 1
        self.server = server and "forkserver" in multiprocessing.get_all_start_methods()
        self._started: threading.Thread | None = None
        self._pool_made = None
        self._fork_when_needed = False

    def __enter__(self) -> Producer:
        if self.jobs > 1 and self.server:
            # The pool waits for the fork server's imports: made in a thread, so this process goes on.
            os.environ[WARM_UP_PATH] = os.pathsep.join(map(str, self.search_path))
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["generator.writers.preload"])
            self._started = threading.Thread(target=self._make_pool, args=(context,), daemon=True)
            with _ctrl_c_for_this_process_only():
                self._started.start()
        elif self.jobs > 1:
            self._fork_when_needed = True
        return self

    def _workers(self, items: int):
        """The pool for ``items`` items of work, forked now if it is wanted and not yet made; None: work here."""
        if self._fork_when_needed and items > 1:
            self._fork_when_needed = False
            with _ctrl_c_for_this_process_only():
                self._make_pool(multiprocessing.get_context("fork"))
        return self._pool

    def _make_pool(self, context) -> None:
        try:
            self._pool_made = context.Pool(self.jobs, initializer=_init_worker,
                                           initargs=(tuple(self.search_path),))
        except (OSError, RuntimeError):   # no workers: the documents are made in this process
            self._pool_made = None

    @property
    def _pool(self):
        if self._started is not None:
            self._started.join()
            self._started = None
        return self._pool_made

    def __exit__(self, kind, value, tb) -> None:
        if self._pool is not None:
            if kind is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool_made = None

    def suffixes(self) -> list[str]:
        return [f".{fmt}" for fmt in self.formats]

    def map(self, fn, items):
        """``fn`` over ``items`` in the workers (results as they come, in order); here if none."""
        items = list(items)
        pool = self._workers(len(items))
        if pool is None:
            return map(fn, items)
        return pool.imap(fn, items, chunksize=1)

    def produce(self, documents: list[RenderedDocument]) -> list[bytes]:
        """Bytes of every document in every format, document by document in ``formats`` order."""
        path = tuple(self.search_path)
        tasks = [(doc, self.formats, path) for doc in documents]
        pool = self._workers(len(tasks))
        if pool is None:
            made = [_make(t) for t in tasks]
        else:
            # the longest documents first, so the workers finish together
            order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][0].html))
            results = pool.map(_make, [tasks[i] for i in order], chunksize=1)
            made = [[]] * len(tasks)
            for i, content in zip(order, results, strict=True):
                made[i] = content
        out = [content for contents in made for content in contents]
        _raise_errors([r for r in out if not isinstance(r, bytes)])
        return out


def produce_here(document: RenderedDocument, search_path: list[Path]) -> list[bytes]:
    """Every format of one document, in this process."""
    out = _make((document, FORMATS, tuple(search_path)))
    _raise_errors([r for r in out if not isinstance(r, bytes)])
    return out


def _raise_errors(errors: list) -> None:
    """One error for all that stopped the files: of the same kind, their messages joined."""
    if not errors:
        return
    first = errors[0]
    same = [e for e in errors if type(e) is type(first)]
    if len(same) > 1 and not hasattr(first, "problems"):
        raise type(first)("; ".join(str(e) for e in same))
    raise first
