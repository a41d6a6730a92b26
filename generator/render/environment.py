"""Stage 4, render: Jinja templates (sandboxed, strict, autoescaped) into one HTML source a document.

The template search path puts a deal repository's own ``templates/`` before the built-in
ones, so a firm can override any template or asset by giving it the same name.
"""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..deal.load import Pending
from ..errors import TemplateError
from .filters import FILTERS, PENDING_MARK
from .locate import BUILTIN_TEMPLATES, search_path  # noqa: F401  (re-exported)
from .markup import Block, parse_document
from .spec import DocumentSpec


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


class Renderer:
    """A sandboxed Jinja environment over the template search path."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader([str(p) for p in paths]),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=self._finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update(FILTERS)
        self.env.tests["pending"] = lambda value: isinstance(value, Pending)
        self._printed_pending: list[Pending] = []

    def _finalize(self, value: Any) -> Any:
        if isinstance(value, Pending):
            self._printed_pending.append(value)
        return _finalize(value)

    def render(self, spec: DocumentSpec, context: dict[str, Any], draft: bool, date: Any,
               author: str, example: bool = False, forbidden: tuple = ()) -> RenderedDocument:
        """Render one document; in a final (not draft) one, a fact still to be confirmed is an error."""
        ctx = {**context, **spec.context, "document": spec, "draft": draft}
        self._printed_pending = []
        try:
            html = self.env.get_template(spec.template).render(ctx)
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template '{exc.name}' (for the {spec.title}) is not in "
                                f"{', '.join(map(str, self.paths))}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
        except (_Blank, jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
            raise TemplateError(f"{_where(exc, spec.template)}: {_explain(exc)}") from None
        parsed = parse_document(html, spec.template)
        pending = tuple(dict.fromkeys(self._printed_pending))
        if not draft and not pending and "●" in html:
            raise TemplateError(f"{spec.template}: a [●] marker reached a final document; print facts "
                                "directly or through closingdocs' filters so a fact to be confirmed is caught")
        light = replace(spec, context={})   # the writers need no figures; workers need no deal model
        return RenderedDocument(light, html, parsed.blocks, draft, date, author, pending, example, forbidden,
                                parsed.tree, parsed.stylesheets)


def _explain(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc.message}; the template asks for a fact the deal data does not have"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in a sandboxed template: {exc}"
    return str(exc)


def _where(exc: BaseException, default: str) -> str:
    """file:line of the innermost template frame of a rendering error."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".html")):
            return f"{frame.filename}:{frame.lineno}"
    return default
