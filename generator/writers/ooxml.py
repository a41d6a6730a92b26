"""OOXML in one place: the package a .docx is (parts, relationships, content types, as a zip whose
members all carry one fixed time) and the WordprocessingML helpers the DOCX and redline writers share.

python-docx reads and edits the documents; it is used only through its public interface (``Document``,
a part's ``element``, ``partname``, ``content_type``, ``blob`` and ``rels``, a relationship's ``rId``,
``reltype``, ``target_ref`` and ``is_external``).  Writing the package is done here, so that the same
document gives the same bytes: members in python-docx's own order (the package's relationships
walked depth first), every member dated 1980-01-01, content types sorted by part name.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)          # the earliest time a zip member can carry
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
RELATIONSHIPS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
XML_TYPE = "application/xml"
# pictures are typed by their extension (a Default in the content types), every other part by its name
MEDIA_TYPES = {"bmp": "image/bmp", "emf": "image/x-emf", "gif": "image/gif", "jpeg": "image/jpeg", "jpg": "image/jpeg",
               "png": "image/png", "tif": "image/tiff", "tiff": "image/tiff", "wmf": "image/x-wmf"}


# -- WordprocessingML ---------------------------------------------------------------------------------
class _Names(dict):
    """Qualified WordprocessingML names, made once each."""

    def __missing__(self, tag: str) -> str:
        self[tag] = name = f"{{{W}}}{tag}"
        return name


_NAMES = _Names()
w = _NAMES.__getitem__      # w("p") -> "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def element(tag: str, **attrs):
    """A detached ``w:<tag>`` with ``w:``-qualified attributes."""
    return etree.Element(_NAMES[tag], {_NAMES[name]: str(value) for name, value in attrs.items()})


def sub(parent, tag: str, **attrs):
    """A ``w:<tag>`` appended to ``parent``, with ``w:``-qualified attributes."""
    if attrs:
        return etree.SubElement(parent, _NAMES[tag], {_NAMES[name]: str(value) for name, value in attrs.items()})
    return etree.SubElement(parent, _NAMES[tag])


def text(parent, tag: str, value: str, preserve: bool = True):
    """A ``w:t`` (or ``w:instrText``...) holding ``value``, its spaces kept."""
    t = sub(parent, tag)
    t.text = value
    if preserve:
        t.set(XML_SPACE, "preserve")
    return t


def text_run(p, value: str) -> None:
    """A run of plain text at the end of paragraph ``p``."""
    text(sub(p, "r"), "t", value)


def field(p, code: str, cached: str) -> None:
    """A field with its result already in place, so it reads right before Word updates it."""
    sub(sub(p, "r"), "fldChar", fldCharType="begin")
    text(sub(p, "r"), "instrText", f" {code} ")
    sub(sub(p, "r"), "fldChar", fldCharType="separate")
    text(sub(p, "r"), "t", cached, preserve=False)
    sub(sub(p, "r"), "fldChar", fldCharType="end")


def clear(parent, keep: Iterable[str] = ()) -> None:
    """Remove ``parent``'s children but those named in ``keep`` (e.g. a paragraph's ``pPr``)."""
    kept = {w(tag) for tag in keep}
    for child in [c for c in parent if c.tag not in kept]:
        parent.remove(child)


def document_text(body) -> str:
    """Every paragraph's text under ``body``, tables included, a line each; line breaks as new lines."""
    t, br, hyphen = w("t"), w("br"), w("noBreakHyphen")
    lines = []
    for p in body.iter(w("p")):
        lines.append("".join("\n" if el.tag == br else "-" if el.tag == hyphen else (el.text or "")
                             for el in p.iter(t, br, hyphen)))
    return "\n".join(lines)


def part_xml(root) -> bytes:
    """An XML part's bytes, as Word writes them: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- the package --------------------------------------------------------------------------------------
def drop_relationships(owners, kinds: Iterable[str]) -> None:
    """Drop the relationships (and so the parts) of ``owners`` (a package, parts) whose type ends in one
    of ``kinds`` (e.g. ``thumbnail``)."""
    kinds = set(kinds)
    for owner in owners:
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in kinds:
                del owner.rels[r_id]


def package_bytes(package, replaced: Mapping[str, bytes] | None = None) -> bytes:
    """The .docx bytes of a python-docx package (``document.part.package``): every part reachable from
    the package's relationships, each with its own relationships, and the content types; ``replaced``
    gives some parts' bytes instead of their own (by part name, e.g. ``/word/styles.xml``).  Every
    member is dated 1980-01-01 and compressed alike, so the same document gives the same bytes."""
    replaced = replaced or {}
    unknown = set(replaced) - {str(part.partname) for part in package.parts}
    if unknown:
        raise ValueError(f"no such part to replace: {', '.join(sorted(unknown))}")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package_zip:
        def put(name: str, blob: bytes) -> None:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package_zip.writestr(info, blob)

        parts = package.parts
        for part in parts:   # the parts' own last changes before they are written (python-docx's hook)
            part.before_marshal()
        put("[Content_Types].xml", _content_types(parts))
        put("_rels/.rels", _relationships(package.rels))
        for part in parts:
            name = part.partname
            put(name.lstrip("/"), replaced[name] if name in replaced else part.blob)
            if len(part.rels):
                folder, _, file = name.lstrip("/").rpartition("/")
                put(f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels", _relationships(part.rels))
    return stream.getvalue()


def _content_types(parts) -> bytes:
    """``[Content_Types].xml``: relationships, plain XML and pictures by extension, every other part by
    name; each list sorted."""
    defaults = {"rels": RELATIONSHIPS_TYPE, "xml": XML_TYPE}
    overrides = {}
    for part in parts:
        extension = part.partname.rpartition(".")[2].lower()
        if defaults.get(extension, MEDIA_TYPES.get(extension)) == part.content_type:
            defaults[extension] = part.content_type
        else:
            overrides[str(part.partname)] = part.content_type
    root = etree.Element(f"{{{CONTENT_TYPES}}}Types", nsmap={None: CONTENT_TYPES})
    for extension in sorted(defaults):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Default", Extension=extension, ContentType=defaults[extension])
    for name in sorted(overrides):
        etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override", PartName=name, ContentType=overrides[name])
    return part_xml(root)


def _relationships(rels) -> bytes:
    """A ``.rels`` member: each relationship, in the order it was made or read."""
    root = etree.Element(f"{{{RELATIONSHIPS}}}Relationships", nsmap={None: RELATIONSHIPS})
    for rel in rels.values():
        attrs = {"Id": rel.rId, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{RELATIONSHIPS}}}Relationship", attrs)
    return part_xml(root)
