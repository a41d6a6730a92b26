"""Stage 5, write: put finished files under ``output/<deal>/`` atomically, touching only what changed."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError


@dataclass(frozen=True)
class OutputFile:
    relative: Path      # under the deal's output folder
    content: bytes


@dataclass(frozen=True)
class WriteResult:
    written: tuple[Path, ...]
    unchanged: tuple[Path, ...]


def deal_folder(output_root: Path, deal_id: str) -> Path:
    """``output/<deal id>``; refuses any id that would land outside the output root."""
    root = Path(output_root).resolve()
    target = (root / deal_id).resolve()
    if target.parent != root or deal_id in ("", ".", ".."):
        raise OutputError(f"the deal id {deal_id!r} would write outside {root}")
    return target


def write_all(folder: Path, files: list[OutputFile]) -> WriteResult:
    """Write every file (temp file + rename); a file whose bytes are unchanged is left alone."""
    written, unchanged = [], []
    folder = Path(folder)
    for item in files:
        target = (folder / item.relative).resolve()
        if not target.is_relative_to(folder.resolve()):
            raise OutputError(f"{item.relative} would be written outside {folder}")
        if target.is_file() and target.read_bytes() == item.content:
            unchanged.append(target)
            continue
        atomic_write(target, item.content)
        written.append(target)
    return WriteResult(tuple(written), tuple(unchanged))


def atomic_write(target: Path, content: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
