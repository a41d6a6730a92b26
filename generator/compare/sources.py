"""The two deal files a comparison reads: files on disk, or one file as a git revision has it.

A revision's file is read with ``git`` (never checked out): it and the files it ``extends`` are
copied from the revision into a temporary folder, at their places in the repository, and loaded
from there; every file name the report or an error shows is given back as ``REV:path``.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..compute.validate import validate
from ..deal.load import LoadedDeal, _load_one, load
from ..deal.model import Deal
from ..errors import ComparisonError, DealDataError
from ..limits import MAX_EXTENDS, MAX_FILE_BYTES

GIT_SECONDS = 30


@dataclass(frozen=True)
class Source:
    """A deal file, as it is on disk (``revision`` None) or as a git revision has it."""

    path: Path
    revision: str | None = None

    @property
    def label(self) -> str:
        return f"{self.revision}:{_shown(self.path)}" if self.revision else _shown(self.path)


@dataclass(frozen=True)
class Side:
    source: Source
    loaded: LoadedDeal
    deal: Deal
    name_file: Callable[[str], str]     # a file name the loader used -> as the report shows it


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def read_side(source: Source) -> Side:
    """Load and validate one side; problems are reported with the file names the user knows."""
    if source.revision is None:
        loaded = load(source.path)
        return Side(source, loaded, validate(loaded), lambda name: _shown(Path(name)))
    with tempfile.TemporaryDirectory(prefix="closingdocs-diff-") as scratch:
        root, relative, commit = _locate(source)
        name_file = _namer(Path(scratch), source.revision)
        try:
            main = _materialise(root, commit, relative, Path(scratch), source.revision)
            loaded = load(main)
            deal = validate(loaded)
        except DealDataError as exc:
            raise type(exc)([replace(p, file=name_file(p.file)) for p in exc.problems]) from None
    return Side(source, loaded, deal, name_file)


def _namer(scratch: Path, revision: str) -> Callable[[str], str]:
    def name_file(name: str) -> str:
        path = Path(os.path.abspath(name))
        return f"{revision}:{path.relative_to(scratch)}" if path.is_relative_to(scratch) else name
    return name_file


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_SECONDS, check=False)
    except FileNotFoundError:
        raise ComparisonError("--against needs git, which is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise ComparisonError(f"git {' '.join(args)} took longer than {GIT_SECONDS} s") from None


def _locate(source: Source) -> tuple[Path, str, str]:
    """(the repository's top folder, the deal file's path in it, the revision's commit)."""
    path = Path(os.path.abspath(source.path))
    if not path.parent.is_dir():
        raise ComparisonError(f"{source.path}: no such folder")
    top = _git(["rev-parse", "--show-toplevel"], path.parent)
    if top.returncode != 0:
        raise ComparisonError(f"--against {source.revision}: {_shown(source.path)} is not in a git repository")
    root = Path(top.stdout.decode().strip()).resolve()
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(root):
        raise ComparisonError(f"--against {source.revision}: {_shown(source.path)} is outside the repository {root}")
    if source.revision.startswith("-"):
        raise ComparisonError(f"--against {source.revision}: not a revision")
    commit = _git(["rev-parse", "--verify", "--quiet", f"{source.revision}^{{commit}}"], root)
    if commit.returncode != 0:
        raise ComparisonError(f"--against {source.revision}: not a revision of the repository {root}")
    return root, real.relative_to(root).as_posix(), commit.stdout.decode().strip()


def _materialise(root: Path, commit: str, relative: str, scratch: Path, revision: str) -> Path:
    """The deal file at the revision, and each file it extends, copied under ``scratch``."""
    first = current = relative
    for _ in range(MAX_EXTENDS + 1):
        target = scratch / current
        size = _git(["cat-file", "-s", f"{commit}:{current}"], root)
        if size.returncode != 0:
            raise ComparisonError(f"--against {revision}: {current} is not in that revision")
        if int(size.stdout.decode().strip() or 0) > MAX_FILE_BYTES:
            raise ComparisonError(f"--against {revision}: {current} is larger than {MAX_FILE_BYTES:,} bytes")
        blob = _git(["cat-file", "blob", f"{commit}:{current}"], root)
        if blob.returncode != 0:
            raise ComparisonError(f"--against {revision}: {current} cannot be read from that revision")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob.stdout)
        base = _load_one(target).data.get("extends")
        if not isinstance(base, str) or os.path.isabs(base) or base.startswith("~"):
            break              # the loader reports a bad `extends` with its line
        following = os.path.normpath(os.path.join(os.path.dirname(current), base))
        if following.startswith(".."):
            break              # outside the repository: the loader reports it cannot be read
        current = Path(following).as_posix()
        if (scratch / current).exists():
            break
    return scratch / first
