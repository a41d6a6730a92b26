"""The package's shape: layers that import only downward, no import cycle, and a reason beside every import
made inside a function.

The layer contract (what import-linter's ``layers`` contract says, checked here with the standard
library): ``LAYERS`` lists the package's parts from the top down; a module may import from its own part
and from any layer below it, never from a layer above it, nor from a sibling of its own layer (parts
written side by side in one layer are independent). Imports made inside functions and under
``TYPE_CHECKING`` count as any other: an import hidden in a function is still an import."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _module(path: Path) -> str:
    parts = ["generator", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str | None = None) -> list[tuple[ast.AST, str, bool]]:
    """(node, imported module, inside a function) for every import of the file (as ``module``)."""
    tree = ast.parse(path.read_text())
    here = (module or _module(path)).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    nested = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              for n in ast.walk(f) if n is not f}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            targets = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for t in targets:
            out.append((node, t, id(node) in nested))
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for _, target, _ in _imports(path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target.startswith("generator") and target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle found by a depth-first search, as the list of modules around it."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return cycles


# From the top down; parts in one tuple are independent siblings.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("generator.__main__",),
    ("generator.cli",),                                           # the command line
    ("generator",),                                               # the package's own face: build(), Options
    ("generator.commands",),                                      # one module per verb
    ("generator.binder", "generator.due", "generator.compare",    # the pipelines built on build
     "generator.shard",                                           # (due --shard: which deal files are this host's)
     "generator.collate"),                                        # signed pages into execution versions
    ("generator.build",),                                         # load -> validate -> plan -> render -> write
    ("generator.output", "generator.manifest",
     "generator.consistency"),                                    # the set checked against the deal and itself                   # writing a set, all or nothing; provenance
    ("generator.writers",),                                       # bytes of each file format
    ("generator.render",),                                        # each document's HTML
    ("generator.plan",),                                          # which documents a request makes, their context
    ("generator.compute",),                                       # figures, deadlines, checks that need figures
    ("generator.deal",),                                          # load, model, validate: the facts
    ("generator.options",                                         # shared foundations, importable by all
     "generator.collation"),                                      # the record of a collation, read back
    ("generator.errors", "generator.limits",
     "generator.readback"),                                       # what is read back from the output folder
)


def _part(module: str, layers=LAYERS) -> tuple[int, str] | None:
    """(rank from the bottom, part) of the longest part naming ``module`` or a package holding it."""
    best = None
    for rank, layer in enumerate(reversed(layers)):
        for part in layer:
            if (module == part or module.startswith(part + ".")) and (best is None or len(part) > len(best[1])):
                best = (rank, part)
    return best


def _violations(imports: list[tuple[str, str, str]], layers=LAYERS) -> list[str]:
    """Each (importer, imported, where) that reaches up a layer or across to a sibling, or whose
    importer the layers do not place."""
    out = []
    for importer, target, where in imports:
        here, there = _part(importer, layers), _part(target, layers)
        if here is None:
            out.append(f"{where}: {importer} is in no layer (add it to LAYERS)")
        elif there is not None and here[1] != there[1] and there[0] >= here[0]:
            direction = "up a layer" if there[0] > here[0] else "to a sibling of its layer"
            out.append(f"{where}: {importer} imports {target}, {direction}")
    return out


def _package_imports() -> list[tuple[str, str, str]]:
    """(importer, imported module, file:line) for every import of the package by the package."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    out = []
    for name, path in sorted(modules.items()):
        for node, target, _ in _imports(path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target.startswith("generator") and target != name:
                out.append((name, target, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"))
    return out


def test_every_import_goes_down_the_layers():
    assert _violations(_package_imports()) == []


def test_the_layer_check_finds_an_import_up_across_or_unplaced():
    layers = (("top",), ("left", "right"), ("low",))
    assert _violations([("top.a", "low.b", "x:1"), ("left.a", "low", "x:2"), ("left.a", "left.b", "x:3")],
                       layers) == []
    assert _violations([("low.a", "top", "x:1")], layers) == ["x:1: low.a imports top, up a layer"]
    assert _violations([("left", "right.b", "x:2")], layers) == ["x:2: left imports right.b, to a sibling of its layer"]
    assert _violations([("other", "low", "x:3")], layers) == ["x:3: other is in no layer (add it to LAYERS)"]


def test_the_layers_place_every_module_once():
    parts = [part for layer in LAYERS for part in layer]
    assert len(parts) == len(set(parts))
    assert [m for m in map(_module, PACKAGE.rglob("*.py")) if _part(m) is None] == []


def test_imports_inside_functions_count(tmp_path):
    source = tmp_path / "mod.py"
    source.write_text("def f():\n    from ..build import run\n")
    assert [(t, inside) for _, t, inside in _imports(source, "generator.deal.mod")] == [("generator.build", True)]
    assert _violations([("generator.deal.mod", "generator.build", "mod.py:2")]) == [
        "mod.py:2: generator.deal.mod imports generator.build, up a layer"]


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_every_import_inside_a_function_says_why():
    missing = []
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text().splitlines()
        for node, _target, inside in _imports(path):
            if not inside:
                continue
            line, above = lines[node.lineno - 1], lines[node.lineno - 2].strip()
            if "#" not in line and not above.startswith("#"):
                missing.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {line.strip()}")
    assert missing == []
