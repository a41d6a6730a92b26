"""Stage 4, render: Jinja templates (sandboxed, strict, autoescaped) into one HTML source a document.

The template search path puts a deal repository's own ``templates/`` before the built-in
ones, so a firm can override any template or asset by giving it the same name.

Override templates are written by users, so they are input like the deal data: they are read
only from inside the template folders (a link out of them is refused), run in Jinja's immutable
sandbox, and every document is rendered within bounds of time, memory, output size and the size
of any number, string or list a template computes (``generator/limits.py``). Whatever goes wrong
in a template is a :class:`TemplateError` naming its file and line.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import threading
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import BaseLoader, StrictUndefined
from jinja2.compiler import CodeGenerator
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ..deal.load import Pending
from ..errors import ClosingDocsError, TemplateError
from ..limits import (
    MAX_RENDERED_CHARS,
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_INT_BITS,
    MAX_TEMPLATE_VALUE,
    RENDER_MEMORY,
    RENDER_SECONDS,
)
from ..plan.spec import DocumentSpec
from .filters import FILTERS, PENDING_MARK
from .locate import BUILTIN_TEMPLATES, search_path  # noqa: F401  (re-exported)
from .markup import Block, parse_document, plain_text

# Characters an XML document (a DOCX part) cannot hold
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Blank(Exception):
    """A template printed nothing, a None, or an unformatted number."""


def _finalize(value: Any) -> Any:
    if isinstance(value, Pending):
        return PENDING_MARK
    if value is None:
        raise _Blank("printed a value that is not set (None); the deal data or template must supply it")
    if isinstance(value, str) and not value.strip():
        raise _Blank("printed an empty value; documents never carry silent blanks")
    if isinstance(value, float):
        raise _Blank(f"printed a binary float ({value!r}); figures must be exact Decimals")
    if isinstance(value, Decimal):
        raise _Blank(f"printed a raw number ({value}); format it with |money, |price, |percent or |shares")
    return value


@dataclass(frozen=True)
class RenderedDocument:
    """One document's single source: the HTML both writers consume, and its parsed blocks."""

    spec: DocumentSpec
    html: str
    blocks: tuple[Block, ...]
    draft: bool
    date: Any
    author: str
    pending: tuple[Pending, ...] = ()     # facts still to be confirmed that this document prints
    example: bool = False                 # built from an illustrative ledger
    forbidden: tuple = ()                 # public: Buyers it may not name (guards.Forbidden)
    tree: Any = field(default=None, compare=False, repr=False)   # the same HTML as an element tree
    stylesheets: tuple[str, ...] = ()     # its <link rel="stylesheet"> hrefs, in order

    @property
    def running_header(self) -> str:
        """The mark at the top right of every page, in both formats."""
        return " · ".join(word for word, on in (("DRAFT", self.draft), ("EXAMPLE", self.example)) if on)

    @property
    def fingerprint(self) -> bytes:
        return hashlib.sha256(self.html.encode("utf-8")).digest()[:16]


class _Budget(Exception):
    """A template went beyond a bound on its time, memory or the size of what it computes."""


class ConfinedLoader(BaseLoader):
    """Templates from the search path's folders only: a link that leads out of them, a file that is
    not a regular file, one too large or not UTF-8 is refused (never read)."""

    def __init__(self, roots: list[Path]):
        self.roots = [Path(r).resolve() for r in roots]

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)          # no '..', no absolute paths
        for root in self.roots:
            path = root.joinpath(*pieces)
            if not (path.exists() or path.is_symlink()):
                continue
            real = path.resolve()
            if not any(real.is_relative_to(r) for r in self.roots):
                raise TemplateError(f"{path} is a link to {real}, outside the template folders; a template may "
                                    "use only files inside them")
            if not real.is_file():
                raise TemplateError(f"{path} is not a regular file")
            if real.stat().st_size > MAX_TEMPLATE_BYTES:
                raise TemplateError(f"{path} is larger than {MAX_TEMPLATE_BYTES:,} bytes")
            try:
                source = real.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(f"{path}: not UTF-8 text (byte {exc.start})") from None
            mtime = real.stat().st_mtime_ns
            return source, str(path), lambda real=real, mtime=mtime: real.exists() and real.stat().st_mtime_ns == mtime
        raise jinja2.TemplateNotFound(template)


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation's result checked for size."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


class HouseEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with the size of what arithmetic and concatenation make bounded."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset(["**", "*", "+"])
    # (id of a deal object, attribute) -> the unconfirmed fact it holds, while a document is rendered
    watched: dict[tuple[int, str], Pending] = {}
    shown_as_pending = False            # a draft: an unconfirmed date, text or figure prints as [●]
    relied_on: list[Pending] = []
    named: list[str] = []               # the key paths of the facts still to be confirmed, as printed or read

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Attribute access in a template; reading a fact still to be confirmed is recorded (the document
        relies on it, whether it prints it or decides on it), and a draft prints such a value as [●]."""
        value = super().getattr(obj, attribute)
        fact = self.watched.get((id(obj), attribute)) if self.watched else None
        if fact is None:
            return value
        self.relied_on.append(fact)
        # the key path read, as the draft's mark names it: the fact's own, or a field of it (the Conversion
        # Price's price, a field of the interest payment dates)
        self.named.append(fact.path if not fact.path or fact.path.endswith("." + attribute)
                          else f"{fact.path}.{attribute}")
        if self.shown_as_pending and isinstance(value, (str, int, Decimal, dt.date)) \
                and not isinstance(value, bool):
            return fact
        return value

    def bounded(self, value: Any) -> Any:
        if (_size(value) or 0) > MAX_TEMPLATE_VALUE:
            raise _Budget(f"a template may not build text or lists longer than {MAX_TEMPLATE_VALUE:,}")
        return value

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and ints and right > 0 and abs(left) > 1 \
                and abs(left).bit_length() * right > MAX_TEMPLATE_INT_BITS:
            raise _Budget(f"{left} ** {right} is too large a number for a template")
        if operator == "*":
            if ints and abs(left).bit_length() + abs(right).bit_length() > MAX_TEMPLATE_INT_BITS:
                raise _Budget("the product is too large a number for a template")
            for seq, count in ((left, right), (right, left)):
                length = _size(seq)
                if length is not None and isinstance(count, int) and length * count > MAX_TEMPLATE_VALUE:
                    raise _Budget(f"a template may not build text or lists longer than {MAX_TEMPLATE_VALUE:,}")
        sizes = (_size(left), _size(right))
        if operator == "+" and sizes[0] is not None and sizes[1] is not None \
                and sizes[0] + sizes[1] > MAX_TEMPLATE_VALUE:
            raise _Budget(f"a template may not build text or lists longer than {MAX_TEMPLATE_VALUE:,}")
        return super().call_binop(context, operator, left, right)


@contextmanager
def _bounded_run(what: str):
    """At most ``RENDER_SECONDS`` and ``RENDER_MEMORY`` more address space for rendering one document
    (the time bound only on the main thread, the memory bound only where the OS allows one)."""
    timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    limit = _memory_limit()
    if timer:
        def out_of_time(signum, frame):
            raise _Budget(f"rendering took longer than {RENDER_SECONDS} s")
        previous = signal.signal(signal.SIGALRM, out_of_time)
        signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)
    try:
        if limit:
            _set_memory_limit(limit[0])
        yield
    finally:
        if limit:
            _set_memory_limit(limit[1])
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _memory_limit() -> tuple[int, int] | None:
    """(the soft address-space limit for a render, the one to restore), or None where not possible."""
    try:
        import resource  # POSIX only; imported here so other platforms simply go without the bound

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return None
    wanted = in_use + RENDER_MEMORY
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return None
    return wanted, soft


def _set_memory_limit(soft: int) -> None:
    import resource  # only reached where _memory_limit could import it

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, for every Renderer (``due`` over many deals, a build's later documents):
    kept by the template's name and file, and used only while the file's text is the one compiled (Jinja checks
    the source's checksum). Every Renderer compiles with the same settings, so the code is the same."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with self._lock:
            code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)      # reset (compiled again) when the checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with self._lock:
            self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


class Renderer:
    """A sandboxed Jinja environment over the template search path."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.env = HouseEnvironment(
            loader=ConfinedLoader(paths),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=self._finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            bytecode_cache=COMPILED,
        )
        self.env.filters.update(FILTERS)
        self.env.tests["pending"] = lambda value: isinstance(value, Pending)
        self._printed_pending: list[Pending] = []

    def _finalize(self, value: Any) -> Any:
        if isinstance(value, Pending):
            self._printed_pending.append(value)
            if value not in self.env.relied_on:     # a fact read through its attribute is named already
                self.env.named.append(value.path or value.note)
        return _finalize(value)

    def render(self, spec: DocumentSpec, context: dict[str, Any], draft: bool, date: Any,
               author: str, example: bool = False, forbidden: tuple = (),
               watched: tuple = ()) -> RenderedDocument:
        """Render one document; in a final (not draft) one, a fact still to be confirmed is an error.
        ``watched``: the deal's unconfirmed facts (``deal.provenance.Watch``): a document that reads one
        lists it with its facts to be confirmed (a working note names them as such and is not held to it)."""
        ctx = {**context, **spec.context, "document": spec, "draft": draft,
               "to_be_confirmed": Markup(_TO_BE_CONFIRMED)}    # the draft mark's list of facts (see below)
        self._printed_pending = []
        self.env.watched = {} if spec.working else {(id(w.owner), w.attribute): w.fact for w in watched}
        self.env.shown_as_pending = draft
        self.env.relied_on, self.env.named = [], []
        try:
            with _bounded_run(spec.template):
                template = self.env.get_template(spec.template)
                chunks, size = [], 0
                for chunk in template.generate(ctx):
                    size += len(chunk)
                    if size > MAX_RENDERED_CHARS:
                        raise _Budget(f"the document is longer than {MAX_RENDERED_CHARS:,} characters")
                    chunks.append(chunk)
                html = "".join(chunks)
        except ClosingDocsError:
            raise
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template '{exc.name}' (for the {spec.title}) is not in "
                                f"{', '.join(map(str, self.paths))}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
        except MemoryError as exc:
            raise TemplateError(f"{_where(exc, spec.template)}: rendering needed more than "
                                f"{RENDER_MEMORY >> 20:,} MB of memory") from None
        except Exception as exc:   # anything a template can provoke: 1/0, huge ranges, bad arguments
            raise TemplateError(f"{_where(exc, spec.template)}: {_explain(exc)}") from None
        pending = tuple(dict.fromkeys([*self._printed_pending, *self.env.relied_on]))
        html = html.replace(_TO_BE_CONFIRMED, str(escape(_facts_named(self.env.named))))
        parsed = parse_document(html, spec.template)
        bad = _NOT_XML.search(html) or _NOT_XML.search(plain_text(parsed.blocks))
        if bad:
            raise TemplateError(f"{spec.template}: the document contains the control character "
                                f"U+{ord(bad.group()):04X}, which a Word document cannot hold")
        self.env.watched, self.env.relied_on, self.env.named = {}, [], []
        if not draft and not pending and "●" in html:
            raise TemplateError(f"{spec.template}: a [●] marker reached a final document; print facts "
                                "directly or through closingdocs' filters so a fact to be confirmed is caught")
        light = replace(spec, context={})   # the writers need no figures; workers need no deal model
        return RenderedDocument(light, html, parsed.blocks, draft, date, author, pending, example, forbidden,
                                parsed.tree, parsed.stylesheets)


# Where a draft's mark names the facts still to be confirmed the document prints or relies on: they are known only
# once the whole document is rendered, so the mark holds this (a private-use character no deal text is given
# through: the loader refuses them) and the names replace it after rendering
_TO_BE_CONFIRMED = "\ue000closingdocs:to-be-confirmed\ue000"


def _facts_named(named: list[str]) -> str:
    """'; this draft relies on: a.b, c.d' (each fact by its key path, once, in the order the document reads
    them), or nothing when it relies on none."""
    paths = list(dict.fromkeys(p for p in named if p))
    return f"; this draft relies on: {', '.join(paths)}" if paths else ""


def _explain(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc.message}; the template asks for a fact the deal data does not have"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in a sandboxed template: {exc}"
    if isinstance(exc, (_Blank, _Budget, jinja2.TemplateError, TypeError, ValueError, AttributeError)):
        return " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def _where(exc: BaseException, default: str) -> str:
    """file:line of the innermost template frame of a rendering error."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html")):
            return f"{frame.filename}:{frame.lineno}"
    return default
