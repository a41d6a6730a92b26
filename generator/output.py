"""Stage 5, write: put finished files under ``output/<deal>/``, all of a set or none of it.

A set (the closing set, one month's lists, an invoice) is written in three steps, under the
deal folder's lock:

1. *stage*: every changed file is written in full to a temporary file beside its target
   (``.<name>.<random>.tmp``) and flushed to disk; a file whose bytes are unchanged is left alone;
2. *commit*: the previous version of each target is kept as a hard link (``.<name>.<random>.old``),
   a journal listing every step is written (``.closingdocs-journal``), and each temporary file is
   renamed over its target;
3. the journal is removed (the set is now committed), then the kept previous versions.

If any step fails (a full disk, a file that cannot be replaced, Ctrl-C), every target is put back
as it was and the temporary files are removed, so the folder holds the old set or the new one,
never a mixture. If the process dies (kill -9, power loss), the next run that writes to the
folder finds the journal and puts the old set back, and removes any temporary files left over:
nobody else can be writing them, since writers hold the folder's lock.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .readback import JOURNAL_SHAPE, Corrupt, check, inside, read_json

JOURNAL = ".closingdocs-journal"
MANIFEST_NAME = Path("manifest.json")    # generator.manifest.MANIFEST
LOCK_TIMEOUT = 600          # seconds to wait for another run writing to the same deal folder


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


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _blocked(folder: Path, exc: OSError) -> str:
    """Why a folder cannot be made: a file standing where it or a parent should be, or the system's reason."""
    blocker = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), None)
    return f"{blocker} is a file, where a folder is needed" if blocker else _why(exc)


# -- the deal folder's lock ---------------------------------------------------------------------
class DealLock:
    """An exclusive lock on a deal's output folder (``flock`` on the folder itself: no lock file).

    The folder is made if it is missing, and removed again on release if this lock made it and
    nothing was written into it. A process that dies loses its lock with it."""

    def __init__(self, folder: Path, timeout: float = LOCK_TIMEOUT):
        self.folder = Path(folder)
        self.timeout = timeout
        self._fd: int | None = None
        self._made: list[Path] = []

    def acquire(self) -> DealLock:
        deadline = time.monotonic() + self.timeout
        while not self._try_acquire(deadline):
            pass   # the folder was removed and made again while we waited: lock the new one
        return self

    def _open(self) -> int:
        try:
            self._made = _makedirs(self.folder)
            self._fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
            return self._fd
        except OSError as exc:
            self._unmake()
            raise OutputError(f"cannot use the output folder {self.folder}: {_blocked(self.folder, exc)}") from None

    def _try_acquire(self, deadline: float) -> bool:
        """Lock the folder; False if, once locked, the path no longer names the folder that was locked."""
        fd = self._open()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                try:
                    same = os.stat(self.folder).st_ino == os.fstat(fd).st_ino
                except OSError:
                    same = False
                if not same:
                    os.close(fd)
                    self._fd, self._made = None, []
                return same
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.release()
                    raise OutputError(f"another closingdocs run has been writing to {self.folder} for "
                                      f"{self.timeout:.0f} s; try again when it has finished") from None
                time.sleep(0.05)
            except OSError as exc:
                self.release()
                raise OutputError(f"cannot lock the output folder {self.folder}: {_why(exc)}") from None

    def release(self) -> None:
        self._unmake()           # while still locked: a waiter then finds its folder gone, and retries
        if self._fd is not None:
            os.close(self._fd)   # closing the descriptor releases the lock
            self._fd = None

    def _unmake(self) -> None:
        for made in reversed(self._made):   # only folders this lock made, and only if still empty
            try:
                made.rmdir()
            except OSError:
                break
        self._made = []

    def __enter__(self) -> DealLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _makedirs(folder: Path) -> list[Path]:
    """Make ``folder`` and missing parents; the ones made, outermost first."""
    missing = []
    for candidate in [folder, *folder.parents]:
        if candidate.exists() or candidate.is_symlink():
            break
        missing.append(candidate)
    made: list[Path] = []
    for candidate in reversed(missing):
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        except OSError:
            for m in reversed(made):
                try:
                    m.rmdir()
                except OSError:
                    break
            raise
        made.append(candidate)
    return made


# -- recovery from a run that died ---------------------------------------------------------------
def recover(folder: Path) -> list[Path]:
    """Under the folder's lock: undo a commit a dead run left half done, remove its temporary files.
    Returns the targets put back."""
    folder = Path(folder)
    restored: list[Path] = []
    added: set[Path] = set()           # the folders of files the dead run added
    journal = folder / JOURNAL
    if journal.exists() or journal.is_symlink():
        for step in reversed(_journal_steps(journal)):
            target = inside(folder, step["target"])
            old = inside(folder, step["old"]) if step["old"] else None
            if target is None:      # not one closingdocs writes: the journal's shape admits none such
                continue
            try:
                if old and old.exists():
                    os.replace(old, target)
                    restored.append(target)
                elif not old and target.exists() and not target.is_symlink():
                    target.unlink()
                    restored.append(target)
                if not old:
                    added.add(target.parent)
            except OSError as exc:
                raise OutputError(f"cannot put back {target} after an interrupted run: {_why(exc)}") from None
        try:
            journal.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot remove {journal}: {_why(exc)}: move it away and rerun") from None
    for leftover in _leftovers(folder):
        leftover.unlink(missing_ok=True)
    for directory in sorted(added, key=lambda d: len(d.parts), reverse=True):
        _remove_emptied(folder, directory)
    return restored


def _remove_emptied(folder: Path, directory: Path) -> None:
    """The folders a dead run made for files it added (closing/signature-pages/), once those are taken back
    and nothing else is in them: the next run finds the folder as it was before."""
    while directory != folder and folder in directory.parents:
        try:
            directory.rmdir()
        except OSError:         # not empty (or not ours to remove): leave it
            return
        directory = directory.parent


def _journal_steps(journal: Path) -> list[dict]:
    """The steps of a dead run's commit; none (said on stderr) when the journal is not one closingdocs writes:
    a link, a pipe, too large, not JSON, or naming a path outside the deal folder."""
    try:
        steps = read_json(journal)
        check(steps, JOURNAL_SHAPE)
        return steps
    except Corrupt as exc:
        print(f"closingdocs: {journal} is corrupt ({exc}); ignored as if it were absent", file=sys.stderr)
    except OSError as exc:
        print(f"closingdocs: {journal} cannot be read ({_why(exc)}); ignored as if it were absent", file=sys.stderr)
    return []


_HEX = set("0123456789abcdef")
_MKSTEMP = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def _leftovers(folder: Path) -> list[Path]:
    """Temporary files and kept previous versions this module makes (``.<name>.<16 hex>.tmp|.old``),
    and the temporary files of earlier versions of closingdocs (``.<name>.<8 characters>.tmp``)."""
    if not folder.is_dir():
        return []
    found = []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            parts = name.rsplit(".", 2)
            if not name.startswith(".") or len(parts) != 3:
                continue
            ours = parts[2] in ("tmp", "old") and len(parts[1]) == 16 and set(parts[1]) <= _HEX
            earlier = parts[2] == "tmp" and len(parts[1]) == 8 and set(parts[1]) <= _MKSTEMP
            if ours or earlier:
                found.append(Path(dirpath) / name)
    return found


# -- writing a set --------------------------------------------------------------------------------
def _target(folder: Path, relative: Path) -> Path:
    """The path a file goes to: inside the folder, through no symbolic link, not onto a folder."""
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise OutputError(f"{relative} would be written outside {folder}")
    target = folder / relative
    if Path(relative) == MANIFEST_NAME and (target.is_symlink() or (target.exists() and not target.is_dir())):
        return target   # a manifest that is a link or a pipe is corrupt, and replaced (the link, not where it leads)
    for part in [*reversed(target.relative_to(folder).parents[:-1]), target.relative_to(folder)]:
        here = folder / part
        if here.is_symlink():
            raise OutputError(f"{here} is a symbolic link; closingdocs replaces its files in place and does not "
                              "write through links: remove the link (or replace it with a plain file) and rerun")
    if target.is_dir():
        raise OutputError(f"{target} is a folder, where closingdocs writes a file: move it away and rerun")
    if target.exists() and not target.is_file():
        raise OutputError(f"{target} is not a regular file: move it away and rerun")
    return target


def _stage(target: Path, content: bytes) -> Path:
    """``content`` in full, flushed to disk, in a temporary file beside ``target``."""
    tmp = target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


@contextmanager
def _signals_deferred():
    """Ctrl-C (or a TERM) while a set is staged and committed waits until that, or its undoing, is complete.

    The signal is held by a Python handler, not blocked: a process-directed signal is delivered to any
    thread that does not block it (a worker pool's thread), and CPython then interrupts the main thread
    all the same. Once the block is done, the handler that was in place acts on the first signal held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[tuple[int, object]] = []
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(signum)
        if handler is not None:            # None: installed outside Python, left alone
            previous[signum] = signal.signal(signum, lambda n, frame: held.append((n, frame)))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            signum, frame = held[0]
            handler = previous[signum]
            if callable(handler):
                handler(signum, frame)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(signum)


def write_all(folder: Path, files: list[OutputFile]) -> WriteResult:
    """Write the set: every changed file, or (on any failure) none; unchanged files are left alone.

    The caller holds the folder's :class:`DealLock` (see :func:`write_set`)."""
    folder = Path(folder)
    targets = [_target(folder, item.relative) for item in files]          # every check before any write
    changed, unchanged = [], []
    for target, item in zip(targets, files, strict=True):
        if target.is_file() and not target.is_symlink() and target.stat().st_size == len(item.content) and \
                target.read_bytes() == item.content:
            unchanged.append(target)
        else:
            changed.append((target, item.content))
    if not changed:
        return WriteResult((), tuple(unchanged))
    staged: list[tuple[Path, Path]] = []       # (temporary file, target)
    made: list[Path] = []
    try:
        # Ctrl-C or a TERM waits until the set is staged and committed (or undone): arriving between a
        # folder's mkdir and its being recorded, it would leave an empty folder behind.
        with _signals_deferred():
            try:
                for target, content in changed:
                    made += _makedirs(target.parent)
                    staged.append((_stage(target, content), target))
            except OSError as exc:
                raise OutputError(
                    f"cannot write {target}: {_blocked(target.parent, exc)}; nothing was changed") from None
            _commit(folder, staged)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for directory in reversed(made):
            try:
                directory.rmdir()
            except OSError:
                pass
        raise
    return WriteResult(tuple(t for t, _ in changed), tuple(unchanged))


def _commit(folder: Path, staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file over its target, keeping the previous versions until all are in."""
    steps = []
    olds: list[Path | None] = []
    journal = folder / JOURNAL
    try:
        for _tmp, target in staged:
            old = None
            if target.is_file() and not target.is_symlink():   # a corrupt manifest (a link, a pipe) is not kept
                old = _keep(target)
            olds.append(old)
            steps.append({"target": target.relative_to(folder).as_posix(),
                          "old": old.relative_to(folder).as_posix() if old else None})
        _write_journal(journal, steps)
    except OSError as exc:
        _discard(olds)
        journal.unlink(missing_ok=True)
        raise OutputError(f"cannot prepare the new files in {folder}: {_why(exc)}; nothing was changed") from None
    done = 0
    try:
        for tmp, target in staged:
            os.replace(tmp, target)
            done += 1
    except BaseException as exc:
        problems = _undo(staged[:done + 1], olds[:done + 1])
        if problems:   # the journal stays, so the next run puts these back
            raise OutputError(f"could not put back {', '.join(problems)} after a failed write; rerun to "
                              "restore the previous set") from None
        journal.unlink(missing_ok=True)
        _discard(olds)
        if isinstance(exc, OSError):
            failed = staged[done][1]
            raise OutputError(f"cannot replace {failed}: {_why(exc)}; the previous files were put back, "
                              "nothing was changed") from None
        raise
    journal.unlink(missing_ok=True)    # committed
    _discard(olds)


def _keep(target: Path) -> Path:
    """The previous version of ``target``, kept beside it: a hard link, or a copy where links are not supported."""
    old = target.parent / f".{target.name}.{secrets.token_hex(8)}.old"
    try:
        os.link(target, old)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        kept = _stage(target, target.read_bytes())
        os.replace(kept, old)
    return old


def _write_journal(journal: Path, steps: list[dict]) -> None:
    tmp = journal.with_name(f"{JOURNAL}.{secrets.token_hex(8)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, json.dumps(steps).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, journal)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def _undo(staged: list[tuple[Path, Path]], olds: list[Path | None]) -> list[str]:
    """Put each target back as it was; the ones that could not be, by name."""
    problems = []
    for (tmp, target), old in zip(staged, olds, strict=True):
        try:
            if old is not None:
                os.replace(old, target)
            elif not tmp.exists() and target.exists():   # the new file was renamed in: remove it
                target.unlink()
        except OSError:
            problems.append(str(target))
    return problems


def _discard(olds: list[Path | None]) -> None:
    """Remove the kept previous versions (one that cannot be removed is cleaned up by the next run)."""
    for old in olds:
        if old is not None:
            try:
                old.unlink(missing_ok=True)
            except OSError:
                pass


def write_set(folder: Path, files: list[OutputFile], timeout: float = LOCK_TIMEOUT, record=None) -> WriteResult:
    """Lock the deal folder, clean up after any run that died in it, and write the set all-or-nothing;
    ``record(folder, files)``, called under the lock, gives the deal folder's manifest with the set recorded
    (``generator.manifest.SetRecord``), written in the same set."""
    with DealLock(folder, timeout):
        recover(folder)
        return write_all(folder, with_manifest(folder, files, record))


def with_manifest(folder: Path, files: list[OutputFile], record) -> list[OutputFile]:
    """``files`` and the manifest that records them (none without ``record``)."""
    if record is None:
        return files
    return [*files, OutputFile(MANIFEST_NAME, record(Path(folder), files))]


def atomic_write(target: Path, content: bytes) -> None:
    """One file, atomically (temporary file + rename)."""
    target = Path(target)
    write_all(target.parent, [OutputFile(Path(target.name), content)])
