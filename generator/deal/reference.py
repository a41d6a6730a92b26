"""The deal file's reference: its JSON Schema for editors, and a Markdown page for people, both from the
model itself, so neither can drift from what `check` accepts."""
from __future__ import annotations

import ast
import functools
import inspect
import json
import re
import sys
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .model import Deal

EXAMPLE_FILES = ("deal_data/amnis-2003.yaml", "deal_data/examples/amnis-2003-example.yaml",
                 "deal_data/examples/sierra-lumen-2024.yaml", "deal_data/examples/allegheny-vireo-2025.yaml")


def json_schema() -> dict:
    """JSON Schema (draft 2020-12) of a deal file; YAML language servers read it."""
    schema = Deal.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "closingdocs deal file"
    schema["properties"]["extends"] = {"type": "string", "description": "another deal file this one starts from"}
    return schema


def schema_json() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _models(annotation) -> list[type[BaseModel]]:
    """The models an annotation holds (through lists, unions and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _type_text(prop: dict, schema_defs: dict) -> str:
    if "$ref" in prop:
        return f"mapping ({prop['$ref'].rsplit('/', 1)[-1]})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return " or ".join(f"`{v}`" for v in prop["enum"])
    if "anyOf" in prop:
        parts = [_type_text(p, schema_defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(p for p in parts if p))
    if prop.get("type") == "array":
        return f"list of {_type_text(prop.get('items', {}), schema_defs) or 'entries'}"
    if "oneOf" in prop and prop.get("discriminator", {}).get("propertyName", "event") != "event":
        key = prop["discriminator"]["propertyName"]
        return f"by `{key}`: " + " or ".join(_type_text(p, schema_defs) for p in prop["oneOf"])
    if "oneOf" in prop:
        return "one of the ledger entries below"
    text = prop.get("description") or prop.get("type", "")
    return text


def _comments(model: type[BaseModel]) -> dict[str, str]:
    """Each field's trailing comment in the model's source: what the key means."""
    return _class_comments(model.__module__).get(model.__qualname__, {})


@functools.cache
def _class_comments(module: str) -> dict[str, dict[str, str]]:
    """The trailing comments of the fields of each top-level class of a module, its source parsed once."""
    source = inspect.getsource(sys.modules[module])
    lines = source.splitlines()
    out: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {}
            for line in lines[node.lineno - 1:node.end_lineno]:
                match = re.match(r"\s{4}(\w+):[^#]*#\s*(.+)$", line)
                if match:
                    out[node.name][match.group(1)] = match.group(2).strip()
    return out


def _example(data: list[Any], path: tuple) -> str:
    for document in data:
        value = document
        for part in path:
            if isinstance(value, list):
                value = value[0] if value else None
            if isinstance(value, list) or not isinstance(value, dict) or part not in value:
                value = None
                break
            value = value[part]
        if value is not None and not isinstance(value, (dict, list)):
            text = json.dumps(value) if isinstance(value, bool) else " ".join(str(value).split())
            return f"`{text[:60]}{'…' if len(text) > 60 else ''}`"
    return ""


def _ledger_examples(data: list[Any]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for document in data:
        for entry in document.get("ledger") or []:
            if isinstance(entry, dict):
                out.setdefault(str(entry.get("event")), entry)
    return out


def markdown(root: Path) -> str:
    """docs/deal-file.md: every key of a deal file, with its type, default and an example."""
    data = [yaml.safe_load((root / f).read_text(encoding="utf-8")) for f in EXAMPLE_FILES if (root / f).is_file()]
    schema = json_schema()
    defs = schema["$defs"]
    lines = ["# The deal file", "",
             "Generated from the deal model by `closingdocs schema --markdown`; `closingdocs schema` prints the "
             "JSON Schema an editor's YAML language server uses (`# yaml-language-server: $schema=deal.schema.json`). "
             "A test keeps this page in sync with the model. Examples are taken from the example deal files.", "",
             "A value written `TBC` or `TBC: what is missing` is a fact still to be confirmed where the type "
             "allows it (a draft prints it as [●]; `--final` refuses it). Money and share counts are plain "
             "numbers, read exactly. A covenant the agreement does not have is left out: nothing is said or "
             "computed for it. A mapping of facts may say where each comes from under `sources`, keyed by the "
             "fact: `{section: 4(h)}` (of the agreement), `{document: Exhibit A}` (a named document "
             "the deal records), `{derived: how}` or `{unconfirmed: what is missing}`; with `confirmed: false` "
             "the value is used for drafts but a final document refuses to print it or any figure derived from "
             "it (the Conversion Price carries its own `basis` and `confirmed`).", ""]
    ledger = _ledger_examples(data)
    seen: set[type[BaseModel]] = set()

    def section(model: type[BaseModel], path: tuple, title: str) -> None:
        if model in seen:
            return
        seen.add(model)
        props = defs.get(model.__name__, schema if model is Deal else {}).get("properties", {})
        required = set(defs.get(model.__name__, schema if model is Deal else {}).get("required", []))
        lines.extend([f"## {title}", ""])
        if model.__doc__:
            lines.extend([" ".join(model.__doc__.split()), ""])
        lines.extend(["| key | type | required or default | example | meaning |", "|---|---|---|---|---|"])
        comments = _comments(model)
        example_source = [ledger.get(path[1])] if path[:1] == ("ledger",) and len(path) > 1 else data
        children = []
        for name, field in model.model_fields.items():
            prop = props.get(name, {})
            if name in required:
                need = "required"
            else:
                default = field.default
                need = ("optional" if default is None else "see below" if isinstance(default, BaseModel)
                        else f"default `{json.dumps(default, default=str)}`")
            key_path = path[2:] + (name,) if path[:1] == ("ledger",) else path + (name,)
            example = _example([e for e in example_source if e], key_path)
            meaning = comments.get(name, "").replace("|", "/")
            lines.append(f"| `{name}` | {_type_text(prop, defs)} | {need} | {example} | {meaning} |")
            for sub in _models(field.annotation):
                if name == "ledger":
                    continue
                children.append((sub, path + (name,)))
        lines.append("")
        for sub, sub_path in children:
            section(sub, sub_path, "`" + ".".join(sub_path) + "`")

    section(Deal, (), "Top level")
    lines.extend(["## Ledger entries", "", "`ledger` is a list of dated entries, each with an `event` naming its "
                  "kind; the figures on any date are derived from it.", ""])
    for event in typing.get_args(typing.get_args(Deal.model_fields["ledger"].annotation)[0])[0].__args__:
        kind = event.model_fields["event"].annotation.__args__[0]
        section(event, ("ledger", kind), f"Ledger entry `{kind}`")
    return "\n".join(lines).rstrip() + "\n"
