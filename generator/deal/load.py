"""Stage 1, load: read a deal file into plain data, remembering where every value stands.

Stricter than ``yaml.safe_load``: no aliases or merge keys, no duplicate keys, no
non-string keys, no tags, no binary floats (a YAML float is read as the exact ``Decimal`` of
its literal text), integers by YAML 1.2's rule (plain decimal digits: a leading zero, which
YAML 1.1 reads as octal, is refused), real calendar dates, no control characters anywhere,
bounded size, depth and number length (``generator/limits.py``); only regular files.  A
value written ``TBC`` or ``TBC: what is missing`` becomes a :class:`Pending` fact.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import DealDataError, Problem
from ..limits import MAX_DEPTH, MAX_EXTENDS, MAX_FILE_BYTES, MAX_ITEMS, MAX_NUMBER_CHARS
from ..readback import NotReadable, read_named

Path_ = tuple[str | int, ...]

PENDING_WORD = "TBC"
_ALLOWED_CONTROLS = {"\n", "\t"}
# Refused in text values: controls, invisible formatting, surrogates, private use, unassigned code
# points and non-characters (U+FFFE, U+FFFF: Word refuses them), line and paragraph separators.
_REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
# What YAML itself refuses anywhere in a file (PyYAML's reader would raise on it)
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
# YAML 1.2's integer, in decimal (underscores allowed as in the floats this loader reads)
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_BOOLEANS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


@dataclass(frozen=True)
class Pending:
    """A fact the deal file marks as still to be confirmed."""

    note: str
    path: str
    line: int
    file: str = ""
    column: int = 1      # where the fact is written: errors point at it as at any other (file:line:column)

    def __str__(self) -> str:  # never printed as a value; renderers show a marker
        return "[●]"

    def problem(self, file: str = "") -> Problem:
        """The fact as a final document's refusal reports it: where it is written (``file`` if the fact names
        none), and what is still to be confirmed."""
        return Problem(self.file or file, self.line, self.column, self.path, f"still to be confirmed: {self.note}")


@dataclass
class LoadedDeal:
    """The deal file's data and the line/column of each key and value."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    origins: dict[Path_, str] = field(default_factory=dict)   # path prefix -> file it came from

    def file_of(self, path: Path_) -> str:
        for end in range(len(path), -1, -1):
            if path[:end] in self.origins:
                return self.origins[path[:end]]
        return self.file

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of the nearest located ancestor of ``path``."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            if path[:end] in marks:
                return marks[path[:end]]
        return (1, 1)

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        line, col = self.where(path, key)
        return Problem(self.file_of(path), line, col, dotted(path), message)


def dotted(path: Path_) -> str:
    """``('buyers', 1, 'principal')`` -> ``buyers[1].principal``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (and with them billion-laughs expansion) and deep nesting."""

    depth = 0

    def compose_node(self, parent, index):  # yaml's hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed in deal files; write the value out",
                event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"lists and mappings are nested more than {MAX_DEPTH} deep",
                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _mark(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Walker:
    def __init__(self, loaded: LoadedDeal, loader: _StrictLoader):
        self.loaded = loaded
        self.loader = loader
        self.problems: list[Problem] = []

    def fail(self, path: Path_, node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.loaded.file, line, col, dotted(path), message))

    def walk(self, node, path: Path_) -> Any:
        self.loaded.value_marks[path] = _mark(node)
        if isinstance(node, (MappingNode, SequenceNode)):
            kind = "map" if isinstance(node, MappingNode) else "seq"
            if node.tag != f"tag:yaml.org,2002:{kind}":
                self.fail(path, node, f"the YAML tag {_tag_name(node.tag)} is not allowed in deal files; "
                          "write the value without it")
                return None
            if len(node.value) > MAX_ITEMS:
                self.fail(path, node, f"{len(node.value):,} entries; at most {MAX_ITEMS:,} are allowed")
                return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: MappingNode, path: Path_) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(path, key_node, "merge keys (<<) are not allowed in deal files")
                continue
            if not (isinstance(key_node, ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"):
                shown = repr(key_node.value) if isinstance(key_node, ScalarNode) else "a list or mapping"
                self.fail(path, key_node, f"keys must be plain words, not {shown[:80]}")
                continue
            key = key_node.value
            if key in out:
                first = self.loaded.key_marks[path + (key,)][0]
                self.fail(path + (key,), key_node, f"duplicate key '{key}' (first given on line {first})")
                continue
            self.loaded.key_marks[path + (key,)] = _mark(key_node)
            out[key] = self.walk(value_node, path + (key,))
        return out

    def scalar(self, node: ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return self.text(node, path)
        if tag in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int") and len(node.value) > MAX_NUMBER_CHARS:
            self.fail(path, node, f"a number of {len(node.value):,} characters is too long; figures have at most "
                      f"{MAX_NUMBER_CHARS} digits")
            return None
        if tag == "tag:yaml.org,2002:float":
            try:
                value = Decimal(node.value.replace("_", ""))
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite():
                self.fail(path, node, f"{node.value!r} is not a finite number")
                return None
            return value
        if tag == "tag:yaml.org,2002:int":
            return self.integer(node, path)
        if tag == "tag:yaml.org,2002:bool":
            flag = _BOOLEANS.get(node.value.lower())
            if flag is None:
                self.fail(path, node, f"{node.value!r} is not true or false")
            return flag
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                value = self.loader.construct_object(node, deep=True)
            except Exception:  # not a real date (February 30), or not a timestamp at all under an explicit tag
                self.fail(path, node, f"{node.value} is not a date on the calendar (expected YYYY-MM-DD)")
                return None
            if isinstance(value, dt.datetime):
                self.fail(path, node, "expected a date (YYYY-MM-DD) without a time of day")
                return None
            return value
        self.fail(path, node, f"the YAML tag {_tag_name(tag)} is not allowed in deal files")
        return None

    def integer(self, node: ScalarNode, path: Path_) -> int | None:
        """YAML 1.2's decimal integer; what YAML 1.1 would read otherwise (octal, hex, base 60) is refused."""
        text = node.value
        if not _DECIMAL_INT.fullmatch(text):
            digits = text.lstrip("+-").replace("_", "")
            if digits.isdigit() and digits.startswith("0"):
                self.fail(path, node, f"{text} has a leading zero, which YAML 1.1 reads as an octal number; "
                          f"write {int(digits):d} without it")
            else:
                self.fail(path, node, f"{text!r} is not a plain decimal number (no hexadecimal, octal, "
                          "binary or base-60 numbers)")
            return None
        return int(text.replace("_", ""))

    def text(self, node: ScalarNode, path: Path_) -> Any:
        value = node.value
        bad = sorted({c for c in value if c not in _ALLOWED_CONTROLS
                      and unicodedata.category(c) in _REFUSED_CATEGORIES})
        if bad:
            names = ", ".join(f"U+{ord(c):04X}" for c in bad)
            self.fail(path, node, f"text contains control or invisible formatting characters ({names})")
            return None
        stripped = value.strip()
        if stripped == PENDING_WORD or stripped.startswith(PENDING_WORD + ":"):
            note = stripped[len(PENDING_WORD):].lstrip(":").strip() or "to be confirmed"
            line, column = _mark(node)
            pending = Pending(note, dotted(path), line, self.loaded.file, column)
            self.loaded.pending.append(pending)
            return pending
        return value


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


def load(path: str | Path, _depth: int = 0) -> LoadedDeal:
    """Read a deal file; syntax errors raise, problems with values are collected for validation.

    A file with ``extends: other.yaml`` (relative to itself) starts from that deal: its keys
    replace the other's, except ``ledger``, whose events are added after the other's. This is
    how an example ledger is kept apart from a deal's real facts."""
    loaded = _load_one(Path(path))
    base_name = loaded.data.get("extends")
    if base_name is None:
        return loaded
    if not isinstance(base_name, str) or not base_name.strip() or _depth >= MAX_EXTENDS:
        raise DealDataError([loaded.problem(("extends",), "extends names another deal file (a relative path), "
                                            f"at most {MAX_EXTENDS} deep")])
    if os.path.isabs(base_name) or base_name.startswith("~"):
        raise DealDataError([loaded.problem(("extends",), f"extends names {base_name!r}, an absolute path; name the "
                                            "other deal file relative to this one (e.g. ../amnis-2003.yaml)")])
    base_path = os.path.normpath(Path(path).parent / base_name)
    try:
        _read(Path(base_path))
    except _Unreadable as exc:
        raise DealDataError([loaded.problem(("extends",), f"cannot read {base_name}: {exc}")]) from None
    base = load(base_path, _depth + 1)
    return _merge(base, loaded)


def _merge(base: LoadedDeal, overlay: LoadedDeal) -> LoadedDeal:
    data = dict(base.data)
    values, keys = dict(base.value_marks), dict(base.key_marks)
    origins = {(): base.file, **base.origins}
    offset = len(base.data.get("ledger") or []) if isinstance(base.data.get("ledger"), list) else 0
    for key, value in overlay.data.items():
        if key == "extends":
            continue
        if key == "ledger" and isinstance(value, list) and isinstance(data.get("ledger"), list):
            data["ledger"] = data["ledger"] + value
            shift = lambda p: ("ledger", p[1] + offset, *p[2:]) if len(p) > 1 else p
            for marks, source in ((values, overlay.value_marks), (keys, overlay.key_marks)):
                marks.update({shift(p): m for p, m in source.items() if p[:1] == ("ledger",) and len(p) > 1})
            origins.update({("ledger", offset + i): overlay.file for i in range(len(value))})
            continue
        data[key] = value
        for marks, source in ((values, overlay.value_marks), (keys, overlay.key_marks)):
            for p in [p for p in marks if p[:1] == (key,)]:
                del marks[p]
            marks.update({p: m for p, m in source.items() if p[:1] == (key,)})
        origins[(key,)] = overlay.file
    return LoadedDeal(overlay.file, data, values, keys, base.pending + overlay.pending,
                      base.problems + overlay.problems, origins)


class _Unreadable(Exception):
    """Why a deal file cannot be read (not there, not a regular file, too large)."""


def _read(path: Path) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``: never a pipe, device or folder
    (``readback.read_named``: opened without blocking, so a FIFO cannot stall the run)."""
    try:
        return read_named(path, MAX_FILE_BYTES)[0]
    except NotReadable as exc:
        raise _Unreadable({
            "folder": "it is a folder, not a deal file",
            "special": "it is not a regular file (a pipe, device or socket)",
            "too-large": f"it is {exc.detail} bytes; a deal file has at most {MAX_FILE_BYTES:,}" if exc.detail
            else f"it is larger than {MAX_FILE_BYTES:,} bytes",
        }.get(exc.reason, exc.detail)) from None


def _unprintable(name: str, text: str) -> list[Problem]:
    """Each character YAML does not allow in a file, located (at most 20 listed)."""
    problems = []
    for match in _NOT_PRINTABLE.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(Problem(name, line, column, "", f"the file contains the control character "
                                f"U+{ord(match.group()):04X}, which is not allowed; delete it or retype the line"))
        if len(problems) == 20:
            break
    return problems


def _load_one(path: Path) -> LoadedDeal:
    name = str(path)
    try:
        raw = _read(path)
    except _Unreadable as exc:
        raise DealDataError([Problem(name, 0, 0, "", f"cannot read the deal file: {exc}")]) from None
    return parse(name, raw)


def parse(name: str, raw: bytes) -> LoadedDeal:
    """The bytes of the deal file ``name`` read into plain data (a function of the two alone)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DealDataError([Problem(name, line, 1, "", "the file is not UTF-8 text")]) from None
    bad = _unprintable(name, text)
    if bad:
        raise DealDataError(bad)
    loaded = LoadedDeal(name, None)
    loader = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise DealDataError([Problem(name, 1, 1, "", "the deal file is empty")])
        walker = _Walker(loaded, loader)
        loaded.data = walker.walk(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise DealDataError([Problem(name, line, col, "", f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as exc:
        raise DealDataError([Problem(name, 0, 0, "", f"YAML syntax: {' '.join(str(exc).split())}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    loaded.problems = walker.problems
    if not isinstance(loaded.data, dict):
        raise DealDataError([Problem(name, 1, 1, "", "expected a mapping of deal facts at the top level")])
    return loaded
