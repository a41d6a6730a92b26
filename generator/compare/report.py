"""The comparison as a person reads it on the terminal, and as JSON for other tools."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from .facts import as_json, shown
from .pipeline import Comparison

SHOWN_DECIMALS = 6        # a long exact quotient is cut here on the terminal (--json has every digit)


def text_report(comparison: Comparison, written: list[str] = ()) -> str:
    c = comparison
    old, new = c.old.source.label, c.new.source.label
    lines = [f"closingdocs diff: {old} -> {new}"]
    if not c.changed:
        return ""
    lines += ["", f"Facts that changed ({len(c.facts)}):" if c.facts else "Facts that changed: none"]
    old_main, new_main = c.old.name_file(c.old.loaded.file), c.new.name_file(c.new.loaded.file)
    for fact in c.facts:
        where = f"{_line(fact.old_at, old_main) if fact.old_at else 'new'} -> " \
                f"{_line(fact.new_at, new_main) if fact.new_at else 'removed'}"
        lines.append(f"  {fact.path}: {shown(fact.old)} -> {shown(fact.new)}   ({where})")
    lines += ["", f"Figures and dates that move ({len(c.figures)}):" if c.figures else
              "Figures and dates that move: none"]
    moment = None
    for change in c.figures:
        if change.moment != moment:
            moment = change.moment
            lines.append(f"  {moment.label}:")
        lines.append(f"    {change.path}: {_value(change.old)} -> {_value(change.new)}")
    changed = c.changed_documents
    same = [d for d in c.documents if d.status == "same"]
    lines += ["", f"Documents whose words change ({len(changed)} of {len(c.documents)}):" if changed else
              f"Documents whose words change: none of {len(c.documents)}"]
    for doc in changed:
        counts = doc.counts
        what = {"added": "new in NEW", "removed": "only in OLD"}.get(doc.status, "changed")
        lines.append(f"  {doc.folder}/{doc.slug}  {doc.title}: {what}, {counts.total} paragraph(s) "
                     f"({counts.changed} changed, {counts.inserted} inserted, {counts.deleted} deleted)")
    if same:
        lines += [f"Documents that do not change ({len(same)}):"]
        lines += [f"  {d.folder}/{d.slug}  {d.title}" for d in same]
    if written:
        lines += ["", f"Blacklines ({len(written)} file(s)):"] + [f"  {path}" for path in written]
    return "\n".join(lines)


def _line(at: str, main: str) -> str:
    """'line 73' for the side's own file, 'file:73' for a file it extends."""
    return f"line {at[len(main) + 1:]}" if at.startswith(main + ":") else at


def _value(value: Any) -> str:
    """A figure as the report prints it: whole numbers with thousands separators, long decimals cut."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, str) and value.replace(".", "", 1).lstrip("-").isdigit():
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if -number.as_tuple().exponent > SHOWN_DECIMALS:
            return f"{number.quantize(Decimal(1).scaleb(-SHOWN_DECIMALS)):,}…"
        return f"{number:,}"
    return str(value)


def json_report(comparison: Comparison, written: list[str] = ()) -> dict:
    c = comparison
    return {
        "old": c.old.source.label,
        "new": c.new.source.label,
        "changed": c.changed,
        "facts": [{"path": f.path, "kind": f.kind, "old": as_json(f.old), "new": as_json(f.new),
                   "old_at": f.old_at, "new_at": f.new_at} for f in c.facts],
        "figures": [{"moment": ch.moment.name, "old_date": ch.moment.old_date, "new_date": ch.moment.new_date,
                     "path": ch.path, "old": ch.old, "new": ch.new} for ch in c.figures],
        "documents": [{"folder": d.folder, "slug": d.slug, "title": d.title, "status": d.status,
                       "paragraphs_changed": d.counts.total, "changed": d.counts.changed,
                       "inserted": d.counts.inserted, "deleted": d.counts.deleted} for d in c.documents],
        "redlines": list(written),
        "mismatches": [{"side": m.side, "file": m.label, "kind": m.mismatch.kind, "here": m.mismatch.here,
                        "there": m.mismatch.there, "message": m.mismatch.message} for m in c.mismatches],
    }
