"""The one-way import rule: each part of the package imports only from the parts below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "accord"

# The parts of generator/accord/ (its subpackages, and check.py), lowest first. A part imports
# only from the parts in rows above its own; the parts of one row never import each other.
# `accord/__init__.py` (the version) is below everything and `__main__.py` above everything.
ORDER: list[tuple[str, ...]] = [
    ("model",),  # values: the organisation, OKRs, findings, refs, errors; no IO
    ("read",),  # files and git into documents: the only YAML and git users, the schemas
    ("resolve",),  # checked documents to a Model (E103 to E110)
    ("changes",),  # two states compared in words; every objective's history
    ("rules",),  # the W rules, over the model and the history
    ("check",),  # check.py: load, schema, resolve, rules in one pass
    ("agreement",),  # what a pull request asks, and of whom
    ("output",),  # reports, briefings, exports as text
    ("edit", "render"),  # commands that write OKR files; the site's pages, engine-free
    ("engines",),  # render's pages handed to mkdocs, ProperDocs or a folder
    ("cli",),  # the command: the only part that prints, exits or imports click
]
ALLOWED: dict[str, set[str]] = {
    part: {"__init__"} | {below for lower in ORDER[:row] for below in lower}
    for row, parts in enumerate(ORDER)
    for part in parts
}
ALLOWED["engines"].discard("edit")  # building a site never edits an OKR file
ALLOWED["__init__"] = set()
ALLOWED["__main__"] = {"cli"}
TALKS_TO_THE_USER = {"cli", "__main__"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(path: Path) -> str:
    """`accord/rules/size.py` belongs to the part `rules`, `accord/check.py` to `check`."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            names.append("." * node.level + (node.module or ""))  # refused below
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            if node.module == "accord":
                names.extend(f"accord.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def _target(name: str) -> str | None:
    """The part an imported name belongs to (`accord.read.source` -> `read`), None outside
    (a relative import belongs to no part, so it is always refused: imports name their part)."""
    if name.startswith("."):
        return "a relative import"
    if name == "accord" or name in {"accord.__version__", "accord.DISTRIBUTION"}:
        return "__init__"
    return name.split(".")[1] if name.startswith("accord.") else None


def test_every_module_has_a_part() -> None:
    """A new module must live in one of the parts ORDER names (a new part needs a row)."""
    missing = sorted({_part(p) for p in _modules()} - set(ALLOWED))
    assert not missing, f"add these parts to ORDER in tests/test_layers.py: {missing}"


def test_every_subpackage_says_what_it_holds_and_may_import() -> None:
    """Each subpackage opens with a docstring line naming what lives there and what it imports."""
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in doc, f"{init.relative_to(PACKAGE)}: say what it holds and imports"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    """No module imports from a part above its own (model never imports read, render never
    cli, edit and render never each other)."""
    part = _part(path)
    wrong = [
        name
        for name in _imports(path)
        if (target := _target(name)) not in (None, part) and target not in ALLOWED[part]
    ]
    assert not wrong, f"{path.name} ({part}) imports what it may not: {wrong}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_command_line_talks_to_the_user(path: Path) -> None:
    """Outside cli/ nothing imports click or calls print()."""
    if _part(path) in TALKS_TO_THE_USER:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prints = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"
    ]
    assert "click" not in _imports(path), f"{path.name} imports click"
    assert not prints, f"{path.name} prints at lines {prints}"


LONG = 300  # lines (style.md 4.1)
REASON = "Why one module of over 300 lines:"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_long_module_says_why_at_its_top(path: Path) -> None:
    """A module over 300 lines says in its docstring why it is one module."""
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= LONG:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert REASON in doc, f"{path.name}: split it, or say why ({REASON!r}) in its docstring"


def test_the_rule_catches_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself sees an upward import and one between siblings (so the rule can fail)."""
    bad = tmp_path / "okrs.py"
    bad.write_text("from accord.read.source import read\nfrom accord import cli\n", "utf-8")
    assert [_target(name) for name in _imports(bad)] == ["read", "__init__", "cli"]
    bad.write_text("from . import refs\nfrom .okrs import Model\n", "utf-8")
    assert [_target(name) for name in _imports(bad)] == ["a relative import"] * 2
    assert "read" not in ALLOWED["model"] and "cli" not in ALLOWED["engines"]
    assert "render" not in ALLOWED["edit"] and "edit" not in ALLOWED["render"]
    assert "edit" not in ALLOWED["engines"] and "render" in ALLOWED["engines"]
    assert "output" in ALLOWED["render"] and "__init__" in ALLOWED["model"]


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
