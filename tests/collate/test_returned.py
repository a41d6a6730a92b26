"""Files returned are untrusted input: each that cannot be read is named with why, all at once, and nothing is
read beyond the limits; a file protected only against editing (an empty password, as e-signature services
send) opens."""
from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader, PdfWriter

from generator.collate import returned
from generator.collate.returned import read_returned
from generator.errors import ExitCode, SignedFileError

from .signing import pdf_of, stamp


def _blank(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        stamp(writer.add_blank_page(612, 792), "/s/ Paul Kessler")
    out = io.BytesIO()
    writer.write(out)
    if password is None:
        return out.getvalue()
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    locked.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    locked.write(out)
    return out.getvalue()


def test_the_pages_of_each_file_in_the_order_given_with_their_text(tmp_path):
    (tmp_path / "b.pdf").write_bytes(_blank(2))
    (tmp_path / "a.pdf").write_bytes(_blank(1, password=""))    # protected against editing only
    pages = read_returned([tmp_path / "b.pdf", tmp_path / "a.pdf"])
    assert [str(p) for p in pages] == [f"{tmp_path / 'b.pdf'}, page 1", f"{tmp_path / 'b.pdf'}, page 2",
                                       f"{tmp_path / 'a.pdf'}, page 1"]
    assert all(p.text == "/s/ Paul Kessler" for p in pages)


def test_every_file_that_cannot_be_read_is_named_with_why(tmp_path):
    good = _blank()
    (tmp_path / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a pdf")
    (tmp_path / "cut.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "locked.pdf").write_bytes(_blank(1, password="secret"))
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "good.pdf").write_bytes(good)
    names = ["scan.jpg", "cut.pdf", "locked.pdf", "empty.pdf", "folder", "pipe.pdf", "missing.pdf", "good.pdf",
             "good.pdf"]
    with pytest.raises(SignedFileError) as caught:
        read_returned([tmp_path / n for n in names])
    found = {line.split(": ", 1)[0].rsplit("/", 1)[-1]: line.split(": ", 1)[1] for line in caught.value.found}
    assert found.keys() == set(names) - {"good.pdf"} | {"good.pdf"}
    assert "not a PDF" in found["scan.jpg"] and "not a PDF" in found["empty.pdf"]
    assert "damaged" in found["cut.pdf"]
    assert "protected by a password" in found["locked.pdf"]
    assert "is a folder" in found["folder"] and "not a regular file" in found["pipe.pdf"]
    assert found["missing.pdf"] == "no such file"
    assert "given twice" in found["good.pdf"]
    assert caught.value.exit_code == ExitCode.SIGNED_FILE_UNREADABLE
    assert caught.value.report().startswith("closingdocs: signed pages that cannot be read (8); nothing was written")


def _refused(paths, match: str) -> None:
    with pytest.raises(SignedFileError) as caught:
        read_returned(paths)
    assert match in caught.value.report()


def test_nothing_is_read_beyond_the_limits(tmp_path, monkeypatch):
    (tmp_path / "big.pdf").write_bytes(_blank(3))
    (tmp_path / "small.pdf").write_bytes(_blank(1))
    monkeypatch.setattr(returned, "MAX_SIGNED_PAGES", 3)
    _refused([tmp_path / "small.pdf", tmp_path / "big.pdf"], "big.pdf: has 3 pages: with the files before it, beyond the 3 pages a run reads")
    monkeypatch.setattr(returned, "MAX_SIGNED_FILE_BYTES", 100)
    _refused([tmp_path / "small.pdf"], "small.pdf: is larger than 100 bytes")
    monkeypatch.setattr(returned, "MAX_SIGNED_FILES", 1)
    _refused([tmp_path / "small.pdf", tmp_path / "big.pdf"], "2 files given: at most 1")


def test_a_page_with_more_text_than_a_signature_page_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(returned, "MAX_PAGE_TEXT", 5)
    (tmp_path / "long.pdf").write_bytes(pdf_of([stamp(PdfWriter().add_blank_page(612, 792), "a long text")]))
    _refused([tmp_path / "long.pdf"], "long.pdf: page 1: more than 5 characters")
