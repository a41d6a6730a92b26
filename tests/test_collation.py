"""The collation record is read back as untrusted input: what collate writes reads back as it was; a link, a
pipe, another deal's record, a path out of the deal folder or a status that contradicts itself is corrupt, said
once and read as no record."""
from __future__ import annotations

import copy
import json
import os

import pytest

from generator import collation
from generator.readback import Corrupt

RECORD = {"collation": 1, "deal": "amnis-2003", "duplicated": [],
          "unknown": [{"file": "signed/x.pdf", "page": 2, "reason": "another deal's"}],
          "documents": [{"id": "officers-certificate", "title": "Officer's Certificate", "made_by": "closingdocs",
                         "file": "executed/officers-certificate.pdf", "sha256": "ab" * 32,
                         "signatures": [{"page": "AMN-OC-1", "party": "Amnis Systems Inc.", "signer": "CEO",
                                         "signer_name": "Scott MacCaughern", "status": "signed",
                                         "file": "signed/a.pdf", "file_page": 3, "by": "identifier"}]},
                        {"id": "spa", "title": "Securities Purchase Agreement", "made_by": "counsel", "file": None,
                         "sha256": None,
                         "signatures": [{"page": "AMN-SPA-1", "party": "Bristol", "signer": "Director",
                                         "signer_name": "Paul Kessler", "status": "missing", "file": None,
                                         "file_page": None, "by": None}]}]}


def _write(folder, data) -> None:
    (folder / "executed").mkdir(parents=True, exist_ok=True)
    (folder / "executed" / "collation.json").write_bytes(collation.dumps(data) if isinstance(data, dict) and
                                                          data.get("collation") == 1 and _valid(data)
                                                          else json.dumps(data).encode())


def _valid(data) -> bool:
    try:
        collation.dumps(data)
        return True
    except Corrupt:
        return False


def test_the_record_reads_back_as_written(tmp_path):
    _write(tmp_path, RECORD)
    found = collation.read_checked(tmp_path, "amnis-2003")
    assert found.document("officers-certificate").executed and not found.document("spa").executed
    assert found.signature("AMN-OC-1").returned == "signed/a.pdf, page 3"
    assert found.signature("AMN-SPA-1").status == "missing" and found.unknown[0]["page"] == 2
    assert collation.fingerprint(tmp_path, "amnis-2003") == found.sha256 != "none"
    assert collation.read_checked(tmp_path / "nothing", "amnis-2003") is None


def _changed(edit):
    data = copy.deepcopy(RECORD)
    edit(data)
    return data


@pytest.mark.parametrize("data, why", [
    (_changed(lambda d: d.update(deal="sierra-lumen-2024")), "the record of deal 'sierra-lumen-2024'"),
    (_changed(lambda d: d["documents"][0].update(file="../../etc/passwd")), "not a path inside the deal folder"),
    (_changed(lambda d: d["documents"][0].update(file="executed/other.pdf")), "is not where collate writes it"),
    (_changed(lambda d: d["documents"][1]["signatures"][0].update(status="signed")), "status 'signed' with file None"),
    (_changed(lambda d: d["documents"][0].update(sha256="xyz")), "is not a SHA-256"),
    (_changed(lambda d: d.update(collation=2)), "not a collation record of format 1"),
    ([1, 2, 3], "expected a mapping"),
])
def test_a_record_closingdocs_does_not_write_is_corrupt(tmp_path, data, why, capsys):
    _write(tmp_path, data)
    with pytest.raises(Corrupt, match=why.replace("(", r"\(")):
        collation.read_checked(tmp_path, "amnis-2003")
    assert collation.read(tmp_path, "amnis-2003") is None
    assert "not one closingdocs writes" in capsys.readouterr().err


def test_a_link_or_a_pipe_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    _write(elsewhere, RECORD)
    (tmp_path / "deal" / "executed").mkdir(parents=True)
    os.symlink(elsewhere / "executed" / "collation.json", tmp_path / "deal" / "executed" / "collation.json")
    with pytest.raises(Corrupt, match="symbolic link"):
        collation.read_checked(tmp_path / "deal", "amnis-2003")
    (tmp_path / "deal" / "executed" / "collation.json").unlink()
    os.mkfifo(tmp_path / "deal" / "executed" / "collation.json")
    with pytest.raises(Corrupt, match="not a regular file"):
        collation.read_checked(tmp_path / "deal", "amnis-2003")
    (tmp_path / "other").mkdir()
    os.symlink(elsewhere / "executed", tmp_path / "other" / "executed")
    with pytest.raises(Corrupt, match="symbolic link"):
        collation.read_checked(tmp_path / "other", "amnis-2003")
