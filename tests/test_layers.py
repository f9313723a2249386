"""The one-way import rule: a module imports only from its own layer or lower ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "accord"

# style.md 4.1: 0 data, 1 world, 2 sense, 3 out, 4 entry.
LAYERS = {
    "__init__": 0, "errors": 0, "findings": 0, "graph": 0, "model": 0, "refs": 0, "forge": 0,
    "lineage": 0, "location": 0,
    "source": 1, "text": 1, "scalars": 1, "git": 1,
    "load": 2, "schema": 2, "org": 2, "ids": 2, "links": 2, "statements": 2, "resolve": 2,
    "check": 2, "lenient": 2, "rules": 2, "diff": 2, "fieldwise": 2, "orgdiff": 2, "routing": 2,
    "history": 2, "review": 2, "briefs": 2, "agreed": 2,
    "report": 3, "briefing": 3, "gfm": 3, "export": 3, "render": 3, "codeowners": 3,
    "checkin": 3, "scaffold": 3, "inplace": 3, "newobjective": 3, "skeleton": 3,
    "score": 3, "close": 3, "carry": 3, "checkinfile": 3,
    "folder": 3, "writes": 1, "cachefile": 1, "loopback": 3,
    "issueform": 3, "issuerequest": 3,
    "cli": 4, "plugin": 4, "build": 4, "__main__": 4,
}  # fmt: skip
ENTRY = 4


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    """`accord/rules/size.py` belongs to the layer of its top-level module `rules`."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "accord":
                names.extend(f"accord.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def test_every_module_has_a_layer() -> None:
    """A new module must be placed in a layer before it can be used."""
    missing = sorted({_name(p) for p in _modules()} - set(LAYERS))
    assert not missing, f"add these modules to LAYERS in tests/test_layers.py: {missing}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    """No module imports from a higher layer (model never imports source, render never cli)."""
    layer = LAYERS[_name(path)]
    upward = [
        name
        for name in _imports(path)
        if name.startswith("accord.") and LAYERS.get(name.split(".")[1], 0) > layer
    ]
    assert not upward, f"{path.name} (layer {layer}) imports from a higher layer: {upward}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_entry_layer_talks_to_the_user(path: Path) -> None:
    """Below the CLI and plugin nothing imports click or calls print()."""
    if LAYERS[_name(path)] == ENTRY:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prints = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"
    ]
    assert "click" not in _imports(path), f"{path.name} imports click"
    assert not prints, f"{path.name} prints at lines {prints}"


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself sees an upward import (guards against a test that cannot fail)."""
    bad = tmp_path / "model.py"
    bad.write_text("from accord.source import read\nfrom accord import cli\n", encoding="utf-8")
    assert "accord.source" in _imports(bad)
    assert "accord.cli" in _imports(bad)


def _module_name(path: Path) -> str:
    parts = ("accord", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import loop, each as the path from a module back to itself (type-only imports
    included: a loop that only type checking sees is still two modules that need each other)."""
    loops: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                loops.append([*path[path.index(nxt) :], nxt])
            elif nxt not in done:
                visit(nxt, [*path, nxt])
        done.add(node)

    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    return loops


def test_no_import_cycles() -> None:
    """No two modules import each other, directly or round a loop (model and findings
    included): each can be read, and tested, after what it imports."""
    modules = {_module_name(p): p for p in _modules()}
    graph = {
        name: {imp for imp in _imports(path) if imp in modules and imp != name}
        for name, path in modules.items()
    }
    assert _cycles(graph) == []


def test_the_cycle_check_sees_a_loop() -> None:
    """The loop finder itself finds a loop of two and of three (so the test above can fail)."""
    assert _cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
