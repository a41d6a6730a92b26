"""What closingdocs reads back from its own output folder is input too: read it as a deal file is read.

The manifest and the commit journal are read through :func:`read_json`: a regular file (a named pipe, a
device or a symbolic link is refused without being opened for reading: ``O_NOFOLLOW | O_NONBLOCK`` and
``fstat``), at most :data:`MAX_BYTES`, JSON nested at most :data:`MAX_DEPTH` deep. Anything else is
:class:`Corrupt`. Relative paths found in such a file are accepted only by :func:`inside`, which keeps them
in the deal folder. Output files are hashed in chunks (:func:`file_sha256`), never read whole.

Kept light: only the standard library (the no-op check uses it).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from pathlib import Path, PurePosixPath

MAX_BYTES = 64_000_000       # a manifest or journal (the Amnis manifest, after years of due runs, is ~200 KB)
MAX_DEPTH = 16               # nesting of a manifest's JSON (it uses 7)
CHUNK = 1 << 20


class Corrupt(Exception):
    """A file closingdocs wrote and reads back is not what it writes; the message says what is wrong."""


def _open_regular(path: Path) -> int:
    """A descriptor of ``path``, a regular file reached through no link; FileNotFoundError when absent."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Corrupt(f"{path} is a symbolic link") from None
        raise
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise Corrupt(f"{path} is not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_at_most(fd: int, limit: int) -> bytes | None:
    """The bytes from ``fd`` if there are at most ``limit``, else None: read in chunks that stop one byte past
    the limit, so a file that grows while it is read is caught too and never read whole."""
    chunks, total = [], 0
    while chunk := os.read(fd, min(CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None
    return b"".join(chunks)


class NotReadable(Exception):
    """Why a file a person named (a deal file, a returned signed PDF) cannot be read: ``reason`` is one of
    ``absent``, ``folder``, ``special`` (a pipe, device or socket), ``too-large`` or ``error``; each reader
    words it for its own files. ``detail`` is the system's words or the size found."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


def read_named(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file a person named (a link to one is followed: they named it) and its ``fstat``,
    at most ``limit`` bytes: opened without blocking, so a named pipe cannot stall the run, and read in chunks
    that stop past the limit (a file growing while read is caught too)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise NotReadable("absent", "No such file or directory") from None
    except OSError as exc:
        raise NotReadable("error", exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("folder")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("special")
        if info.st_size > limit:
            raise NotReadable("too-large", f"{info.st_size:,}")
        data = _read_at_most(fd, limit)
        if data is None:
            raise NotReadable("too-large")
        return data, info
    except OSError as exc:
        raise NotReadable("error", exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of ``path``, or None when it does not exist; Corrupt when it is not a regular file, or larger
    than ``limit``; OSError when it cannot be read."""
    try:
        fd = _open_regular(Path(path))
    except FileNotFoundError:
        return None
    try:
        data = _read_at_most(fd, limit) if os.fstat(fd).st_size <= limit else None
        if data is None:
            raise Corrupt(f"{path} is larger than {limit:,} bytes")
        return data
    finally:
        os.close(fd)


def _depth(value, limit: int) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > limit:
                break
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_json(path: Path, limit: int = MAX_BYTES, depth: int = MAX_DEPTH):
    """The JSON value of ``path``, or None when it does not exist; Corrupt for anything closingdocs does not write
    (not a regular file, too large, not UTF-8 JSON, nested too deep)."""
    raw = read_bytes(path, limit)
    if raw is None:
        return None
    try:
        value = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise Corrupt(f"{path}: JSON nested more than {depth} deep") from None
    except ValueError as exc:   # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise Corrupt(f"{path}: not JSON ({exc})") from None
    if _depth(value, depth) > depth:
        raise Corrupt(f"{path}: JSON nested more than {depth} deep")
    return value


def inside(folder: Path, relative) -> Path | None:
    """``folder / relative`` when ``relative`` is a plain relative path (no '..', not absolute, no empty or '.'
    part) reaching, through no link, a place inside ``folder``; None otherwise."""
    if not isinstance(relative, str) or not relative or "\x00" in relative or "\\" in relative:
        return None
    pure = PurePosixPath(relative)
    if pure.is_absolute() or pure.as_posix() != relative or any(p in ("", ".", "..") for p in pure.parts):
        return None
    folder = Path(folder)
    here = folder
    for part in pure.parts[:-1]:
        here = here / part
        if here.is_symlink():
            return None
    return folder.joinpath(*pure.parts)


def file_sha256(path: Path, follow: bool = False) -> tuple[str, int]:
    """SHA-256 and size of a regular file, read in chunks; Corrupt when it is a link (unless ``follow``) or not a
    regular file, FileNotFoundError when absent."""
    if follow:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise Corrupt(f"{path} is not a regular file")
    else:
        fd = _open_regular(Path(path))
    try:
        digest, size = hashlib.sha256(), 0
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size
    finally:
        os.close(fd)


# -- the manifest's shape ---------------------------------------------------------------------------------
# A small typed model, checked without pydantic so that the no-op check stays in the standard library:
# str, int, bool and None are leaf types; "sha" a SHA-256 in hex, "date" an ISO date, "rel" a path the deal
# folder keeps (see inside); {KEY: spec} a record whose KEYs are required ("?KEY" optional, other keys allowed);
# {str: spec} a mapping of any keys; [spec] a list; (spec, None) may also be null; "any" is not looked into.
_SHA = set("0123456789abcdef")
_INPUTS = {"deal_files": [{"path": str, "sha256": "sha"}], "templates": {str: {str: "sha"}},
           "options": "any", "versions": {str: str}}
_PENDING = {"file": str, "line": int, "path": str, "note": str}
_SET = {"key": "sha", "inputs": _INPUTS, "?pending": [_PENDING], "files": ["rel"]}
_MONTH = {"month": str, "as_of": "date", "due": "date", "files": ["rel"], "?overdue": (str, None)}   # (older runs)
_SCHEDULE = {"key": "sha", "inputs": _INPUTS, "latest_fact": "date", "horizon": "date", "months": [_MONTH],
             "?past_maturity": ({"from": "date", "message": str}, None)}   # (recorded by older runs)
MANIFEST_SHAPE = {"manifest": int, "deal": str, "?closingdocs": str, "?renderers": {str: str},
                  "sets": {str: _SET}, "files": {"rel": {"sha256": "sha", "bytes": int, "set": str}},
                  "?schedule": (_SCHEDULE, None)}
JOURNAL_SHAPE = [{"target": "rel", "old": ("rel", None)}]


def _leaf(value, spec) -> bool:
    if spec == "any":
        return True
    if spec is None:
        return value is None
    if spec is int:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1 << 63
    if spec is str:
        return isinstance(value, str) and len(value) <= 100_000
    if spec == "sha":
        return isinstance(value, str) and len(value) == 64 and set(value) <= _SHA
    if spec == "date":
        return isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-" and \
            (value[:4] + value[5:7] + value[8:]).isdigit()
    if spec == "rel":
        return inside(Path("/"), value) is not None and len(value) <= 4096
    raise AssertionError(spec)


def check(value, spec, where: str = "") -> None:
    """Corrupt, naming the key path, unless ``value`` has the shape ``spec``."""
    if isinstance(spec, tuple):
        errors = []
        for option in spec:
            try:
                return check(value, option, where)
            except Corrupt as exc:
                errors.append(exc)
        raise errors[0]
    if isinstance(spec, list):
        if not isinstance(value, list):
            raise Corrupt(f"{where or 'the top level'}: expected a list")
        for i, item in enumerate(value):
            check(item, spec[0], f"{where}[{i}]")
        return
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise Corrupt(f"{where or 'the top level'}: expected a mapping")
        first, inner = next(iter(spec.items()))
        if len(spec) == 1 and first in (str, "rel"):
            for k, v in value.items():
                if first == "rel" and not _leaf(k, "rel"):
                    raise Corrupt(f"{where}: {k!r} is not a path inside the deal folder")
                check(v, inner, f"{where}.{k}" if where else k)
            return
        for k, sub in spec.items():
            optional = k.startswith("?")
            name = k.lstrip("?")
            if name not in value:
                if optional:
                    continue
                raise Corrupt(f"{where + '.' if where else ''}{name}: missing")
            check(value[name], sub, f"{where}.{name}" if where else name)
        return
    if not _leaf(value, spec):
        raise Corrupt(f"{where or 'the top level'}: {type(value).__name__} {str(value)[:60]!r} is not "
                      f"{_NAMES.get(spec, getattr(spec, '__name__', spec))}")


_NAMES = {"sha": "a SHA-256", "date": "a date (YYYY-MM-DD)", "rel": "a path inside the deal folder", int: "a count",
          str: "text"}
