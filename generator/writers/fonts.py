"""Only the shipped fonts are embedded: a stylesheet may name no font family but those the built-in stylesheet
declares with ``@font-face`` from ``templates/assets/fonts`` (an override naming a system font would make the
pages depend on the machine that renders them)."""
from __future__ import annotations

import tinycss2

SHIPPED_FAMILIES = frozenset({"Closing Serif"})   # templates/assets/closingdocs.css, fonts/LiberationSerif-*.ttf


def _families(tokens) -> list[str]:
    """The family names of a font-family value (or the tail of a ``font`` shorthand): quoted or bare words."""
    names: list[str] = []
    words: list[str] = []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            names.append(" ".join(words))
            words = []
        elif token.type == "string":
            words.append(token.value)
        elif token.type == "ident":
            words.append(token.value)
    names.append(" ".join(words))
    return [n for n in names if n]


def _shorthand_families(tokens) -> list[str]:
    """``font: italic bold 12pt/1.2 "Family", Other``: the families come after the size (and line height)."""
    tokens = [t for t in tokens if t.type not in ("whitespace", "comment")]
    for i, token in enumerate(tokens):
        if token.type in ("dimension", "percentage") or (token.type == "ident" and token.lower_value in (
                "xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "smaller", "larger")):
            rest = tokens[i + 1:]
            if rest and rest[0].type == "literal" and rest[0].value == "/":
                rest = rest[2:]
            return _families(rest)
    return []   # a system font keyword (caption, menu...) or nothing: named below as it is written


def foreign_families(css: str) -> list[str]:
    """The font families ``css`` names that are not shipped, in order of appearance."""
    found: list[str] = []

    def visit(rules, in_font_face=False):
        for rule in rules:
            if rule.type == "at-rule":
                if rule.content is None:
                    continue
                if rule.lower_at_keyword == "font-face":
                    for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                        if decl.type == "declaration" and decl.lower_name == "font-family":
                            found.extend(f for f in _families(decl.value) if f not in SHIPPED_FAMILIES)
                    continue
                visit(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))
            elif rule.type == "qualified-rule":
                visit(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))
            elif rule.type == "declaration":
                if rule.lower_name == "font-family":
                    names = _families(rule.value)
                elif rule.lower_name == "font":
                    names = _shorthand_families(rule.value) or \
                        [n for n in [tinycss2.serialize(rule.value).strip()] if n.lower() in (
                            "caption", "icon", "menu", "message-box", "small-caption", "status-bar")]
                else:
                    continue
                found.extend(n for n in names if n not in SHIPPED_FAMILIES and n.lower() not in ("inherit", "initial",
                                                                                                   "unset", "revert"))

    visit(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return list(dict.fromkeys(found))
