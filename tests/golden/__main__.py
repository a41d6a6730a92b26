"""Regenerate the golden texts: python -m tests.golden (then read the diff before committing it)."""
from . import HERE, golden_texts

texts = golden_texts()
for name, text in texts.items():
    (HERE / name).write_bytes(text.encode("utf-8"))
    print("wrote", name)
for stale in sorted(p for p in HERE.glob("*.txt") if p.name not in texts):
    stale.unlink()
    print("removed", stale.name, "(no document renders it any more)")
