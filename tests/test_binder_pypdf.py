"""The binder's two uses of pypdf internals, pinned (generator/binder.py, `_indirect` and `_identify`): pypdf 7.1.1
(constraints.txt) has no public call for either. If a pypdf release moves them, these fail, not the binders."""
from __future__ import annotations

import io

import pypdf
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

from generator.binder import _identify, _indirect


def _written(writer: pypdf.PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_attachments_file_specification_is_already_indirect_and_a_direct_object_is_made_so():
    writer = pypdf.PdfWriter()
    spec = writer.add_attachment("deal.yaml", b"id: amnis-2003\n").pdf_object
    assert isinstance(spec.indirect_reference, IndirectObject)          # pypdf made it indirect
    assert _indirect(writer, spec) == spec.indirect_reference
    direct = DictionaryObject({NameObject("/Type"): NameObject("/Filespec")})
    reference = _indirect(writer, direct)                                # pypdf's _add_object
    assert isinstance(reference, IndirectObject) and reference.get_object() is direct


def test_the_file_identifier_is_the_one_given_and_the_same_inputs_give_the_same_bytes():
    def make() -> bytes:
        writer = pypdf.PdfWriter()
        writer.add_blank_page(612, 792)
        _identify(writer, b"0123456789abcdef")
        return _written(writer)

    first = make()
    assert first == make()
    identifier = pypdf.PdfReader(io.BytesIO(first)).trailer["/ID"]
    assert [getattr(half, "original_bytes", half) for half in identifier] == [b"0123456789abcdef"] * 2
