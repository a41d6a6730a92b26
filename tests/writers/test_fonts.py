"""Only the shipped fonts: every font family a stylesheet names, by font-family or the font shorthand."""
from __future__ import annotations

from generator.render.locate import BUILTIN_TEMPLATES
from generator.writers.fonts import foreign_families


def test_the_shipped_stylesheets_name_only_the_shipped_family():
    for sheet in (BUILTIN_TEMPLATES / "assets").glob("*.css"):
        assert foreign_families(sheet.read_text(encoding="utf-8")) == [], sheet


def test_every_other_family_is_found_wherever_it_is_named():
    css = ('@font-face { font-family: "Mine"; src: url(fonts/mine.ttf) } '
           'body { font-family: "Closing Serif", "DejaVu Sans", serif } '
           'p { font: italic bold 12pt/1.2 Comic Sans MS, "Closing Serif" } '
           '@page { @top-right { font-family: Arial } } '
           '@media print { h1 { font-family: monospace } } q { font: caption }')
    assert foreign_families(css) == ["Mine", "DejaVu Sans", "serif", "Comic Sans MS", "Arial", "monospace", "caption"]


def test_the_shipped_family_alone_passes():
    assert foreign_families('p { font-family: "Closing Serif"; font: 10pt "Closing Serif"; font-family: inherit }') == []
