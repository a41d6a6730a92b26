"""Provenance: ``output/<deal>/manifest.json``, and the no-op build it allows.

Every write of a set (the closing set, a month's lists, an invoice, the calendar) records in the deal
folder's manifest, under the folder's lock and in the same all-or-nothing write:

* each file's SHA-256 and size, and the set it belongs to;
* for each set, the inputs it came from: the deal file(s) (an ``extends`` chain included) and every
  file of the template folders searched, each with its SHA-256; the options that change its bytes;
  the versions of closingdocs and of its renderers; and the key, the SHA-256 of all of that;
* for ``due``, the schedule of monthly lists it needs to know, on a later day, that nothing is owed.

A build whose inputs hash to the recorded key, and whose files are all there as recorded, has nothing
to do: :func:`up_to_date` says so without loading the deal model or a renderer (a no-op build takes
a few tens of milliseconds). ``closingdocs verify`` re-hashes the files against the manifest.

Kept light: only the standard library (and the set names of ``plan/sets.py``, which import nothing), so
that the no-op check costs no more than reading files.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .plan import sets
from .readback import MANIFEST_SHAPE, Corrupt, check, file_sha256, inside, read_json

MANIFEST = Path("manifest.json")
FORMAT = 1
RENDERERS = ("weasyprint", "pydyf", "python-docx", "jinja2", "icalendar", "pypdf", "holidays", "pyyaml", "pydantic")
_ID_LINE = re.compile(rb"^id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """closingdocs and every package whose version can change an output's bytes."""
    import importlib.metadata  # only when a manifest is made or checked

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:   # closingdocs run from a checkout it is not installed from
            return "not installed"

    return {"closingdocs": version("closingdocs"), **{name: version(name) for name in RENDERERS}}


def relative(path: Path | str, folder: Path) -> str:
    """A path as the manifest records it: relative to the deal's output folder (stable wherever run)."""
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def template_hashes(search_path: list[Path], folder: Path) -> dict[str, dict[str, str]]:
    """Every regular file of each template folder searched, with its SHA-256, by folder."""
    out: dict[str, dict[str, str]] = {}
    for root in search_path:
        files: dict[str, str] = {}
        real_root = Path(root).resolve()
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):   # every file the template loader can read: dot-files too
                path = Path(dirpath) / name
                if not path.is_file() or not path.resolve().is_relative_to(real_root):
                    continue   # the loader refuses what is not a regular file, or leads out of the folders
                try:
                    files[path.relative_to(root).as_posix()] = file_sha256(path, follow=True)[0]
                except Corrupt:
                    continue
        out[relative(root, folder)] = files
    return out


def deal_file_hashes(deal_files: list[str], folder: Path) -> list[dict[str, str]]:
    """The deal file and the files it extends, in that order, with their SHA-256."""
    return [{"path": relative(f, folder), "sha256": file_sha256(Path(f), follow=True)[0]} for f in deal_files]


def inputs(deal_files: list[str], search_path: list[Path], folder: Path, options: dict) -> dict:
    return {"deal_files": deal_file_hashes(deal_files, folder), "templates": template_hashes(search_path, folder),
            "options": options, "versions": versions()}


def key(recorded_inputs: dict) -> str:
    return sha256(json.dumps(recorded_inputs, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def read_checked(folder: Path) -> dict | None:
    """The deal folder's manifest, checked against its shape; None when there is none (or it is of another
    format); Corrupt when it is not one closingdocs writes (see generator.readback)."""
    path = Path(folder) / MANIFEST
    try:
        data = read_json(path)
    except OSError as exc:
        raise Corrupt(f"{path} cannot be read: {exc.strerror or exc}") from None
    if data is None:
        return None
    if isinstance(data, dict) and isinstance(data.get("manifest"), int) and data["manifest"] != FORMAT:
        return None      # another version's format: rebuilt
    try:
        check(data, MANIFEST_SHAPE)
    except Corrupt as exc:
        raise Corrupt(f"{path}: {exc}") from None
    return data


_SAID: set[str] = set()


def read(folder: Path) -> dict:
    """The deal folder's manifest, or an empty one (missing, of another format, or corrupt: said once on
    stderr, and the sets are rebuilt as if there were none)."""
    try:
        return read_checked(folder) or {}
    except Corrupt as exc:
        if str(folder) not in _SAID:
            _SAID.add(str(folder))
            print(f"closingdocs: corrupt manifest ({exc}); rebuilding as if it were absent", file=sys.stderr)
        return {}


def dumps(data: dict) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class SetRecord:
    """What one set's write adds to the manifest; called by ``output.write_set`` under the folder's lock."""

    deal_id: str
    name: str                      # "closing", "calendar", "reserve-lists/2003-06", "invoices/list-2003-07"
    inputs: dict
    pending: list[dict] = field(default_factory=list)   # facts still TBC the set prints (drafts)
    schedule: dict | None = None                         # due's schedule of lists (see generator.due)

    def entry(self, files) -> dict:
        return {"key": key(self.inputs), "inputs": self.inputs, "pending": self.pending,
                "files": sorted(Path(f.relative).as_posix() for f in files)}

    def __call__(self, folder: Path, files) -> bytes:
        """The manifest with this set recorded (files of the set's previous version that it no longer makes are
        dropped), given the one on disk."""
        data = read(folder) or {"manifest": FORMAT, "deal": self.deal_id, "sets": {}, "files": {}}
        data["deal"] = self.deal_id
        made_with = versions()
        data["closingdocs"] = made_with["closingdocs"]
        data["renderers"] = {k: v for k, v in made_with.items() if k != "closingdocs"}
        sets, recorded = data.setdefault("sets", {}), data.setdefault("files", {})
        for name in [n for n, entry in recorded.items() if entry.get("set") == self.name]:
            del recorded[name]
        for item in files:
            rel = Path(item.relative).as_posix()
            if rel == MANIFEST.as_posix():
                continue
            recorded[rel] = {"sha256": sha256(item.content), "bytes": len(item.content), "set": self.name}
            for other_name, other in sets.items():   # a file made by another set before (deadlines.ics)
                if other_name != self.name and rel in other.get("files", []):
                    other["files"] = [f for f in other["files"] if f != rel]
        sets[self.name] = self.entry([f for f in files if Path(f.relative) != MANIFEST])
        if self.schedule is not None:
            data["schedule"] = self.schedule
        return dumps(data)


# -- the no-op check --------------------------------------------------------------------------------------
def guess_deal_id(deal_file: Path) -> str | None:
    """The deal's ``id`` from its top-level line, without parsing YAML; None when there is no plain one.
    Only a guess: the manifest's recorded hash of the same file is what confirms it."""
    try:
        text = Path(deal_file).read_bytes()[:5_000_000]
    except OSError:
        return None
    found = _ID_LINE.findall(text)
    return found[0].decode("ascii") if len(found) == 1 else None


@dataclass(frozen=True)
class UpToDate:
    deal_id: str
    folder: Path
    files: list[str]
    pending: list[dict]


def up_to_date(deal_file: Path, output_root: Path, name: str, search_path: list[Path], options: dict) -> UpToDate | None:
    """The set as recorded, if the inputs hash as the manifest says and every file is there as recorded; None
    when anything differs or cannot be read (then the set is built as usual)."""
    deal_id = guess_deal_id(deal_file)
    if deal_id is None:
        return None
    folder = Path(os.path.abspath(output_root)) / deal_id
    data = read(folder)
    entry = data.get("sets", {}).get(name)
    if not entry or data.get("deal") != deal_id:
        return None
    if not _inputs_unchanged(entry, deal_file, folder, search_path, options):
        return None
    recorded = data.get("files", {})
    for rel in entry.get("files", []):
        target = inside(folder, rel)
        want = recorded.get(rel, {})
        try:
            if target is None or target.is_symlink() or target.stat().st_size != want.get("bytes") or \
                    file_sha256(target)[0] != want.get("sha256"):
                return None
        except (OSError, Corrupt):
            return None
    return UpToDate(deal_id, folder, list(entry.get("files", [])), list(entry.get("pending", [])))


def _inputs_unchanged(entry: dict, deal_file: Path, folder: Path, search_path: list[Path], options: dict) -> bool:
    recorded = entry.get("inputs") or {}
    deal_files = [f.get("path") for f in recorded.get("deal_files") or [] if isinstance(f, dict)]
    if not deal_files or deal_files[0] != relative(deal_file, folder):
        return False
    try:
        now = inputs([str(folder / f) for f in deal_files], search_path, folder, options)
    except (OSError, Corrupt):   # a recorded deal file gone, or not a regular file: only hashed, never shown
        return False
    return key(now) == entry.get("key")


def with_schedule(folder: Path, deal_id: str, schedule: dict) -> bytes:
    """The manifest on disk with ``due``'s schedule of lists replaced (an empty manifest if there is none)."""
    data = read(folder) or {"manifest": FORMAT, "deal": deal_id, "sets": {}, "files": {}}
    data["schedule"] = schedule
    return dumps(data)


def due_from_schedule(deal_file: Path, output_root: Path, today, search_path: list[Path], final: bool) -> str | None:
    """The deal's id when a ``due`` run has nothing to build for it, by the manifest: the deal's inputs hash as
    recorded, every fact it records is before today, today is within the schedule's horizon and every list owed is
    there; None otherwise (then the run builds as usual). Only rendering is skipped: what is overdue or past maturity
    is decided from the deal file and the date every run, never from the messages a manifest records."""
    deal_id = guess_deal_id(deal_file)
    if deal_id is None:
        return None
    folder = Path(os.path.abspath(output_root)) / deal_id
    schedule = read(folder).get("schedule")
    if not schedule or not _inputs_unchanged(schedule, deal_file, folder, search_path,
                                               sets.recorded_options(sets.DUE, final)):
        return None
    day = today.isoformat()
    if not schedule["latest_fact"] < day < schedule["horizon"]:
        return None
    for month in schedule["months"]:
        if month["as_of"] >= day:
            break
        if not all((target := inside(folder, f)) is not None and target.is_file() for f in month["files"]):
            return None
    return deal_id


def stale_sets(folder: Path, deal_file: Path, search_path: list[Path]) -> list[str]:
    """The sets of the manifest whose inputs no longer hash as recorded (the deal file or a template changed)."""
    out = []
    for name, entry in sorted(read(folder).get("sets", {}).items()):
        options = (entry.get("inputs") or {}).get("options") or {}
        if not _inputs_unchanged(entry, deal_file, Path(folder), search_path, options):
            out.append(name)
    return out


# -- verify ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verification:
    folder: Path
    edited: list[str]
    missing: list[str]
    extra: list[str]                 # every file not recorded: hidden ones too
    links: list[tuple[str, str, bool]]   # every symbolic link: its path, where it leads, whether outside the folder
    checked: int

    @property
    def ok(self) -> bool:
        return not (self.edited or self.missing or self.extra or self.links)


def verify(folder: Path) -> Verification | None:
    """Every file the manifest records, re-hashed (in chunks); every file, hidden or not, and every link in the
    folder it does not record. None when there is no manifest; Corrupt when it is not one closingdocs writes."""
    folder = Path(folder)
    data = read_checked(folder)
    if data is None:
        return None
    recorded = data["files"]
    edited, missing = [], []
    for rel, want in sorted(recorded.items()):
        target = inside(folder, rel)
        try:
            digest, size = file_sha256(target) if target is not None else (None, None)
        except (OSError, Corrupt):
            digest = size = None
        if digest is None:
            missing.append(rel)
        elif (digest, size) != (want["sha256"], want["bytes"]):
            edited.append(rel)
    extra, links = [], []
    real_folder = folder.resolve()
    for dirpath, dirnames, filenames in os.walk(folder):   # links to folders are listed, never followed
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]):
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                leads = os.path.realpath(path)
                links.append((rel, os.readlink(path), not Path(leads).is_relative_to(real_folder)))
            elif rel != MANIFEST.as_posix() and rel not in recorded:
                extra.append(rel)
    return Verification(folder, edited, missing, extra, links, len(recorded))
