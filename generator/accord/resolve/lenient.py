"""What can still be resolved of a file that breaks its schema: the rest of it, minus the
malformed parts, so its ref, id and date problems show in the same run as its E102s.

Each schema error is traced to the object it sits in (an objective, a key result, a
check-in, a dependency, a priority, or the file itself). A bad required field, or a
missing one, leaves that object out; a bad optional field (or an unknown one) leaves out
that field only. The positions index is renumbered, so findings keep their lines.
"""

from __future__ import annotations

from typing import Any

from accord.read import schema
from accord.read.source import Document, JsonPath


def salvage(doc: Document, kind: str) -> Document | None:
    """`doc` without its malformed parts (None when not even its top level is a mapping)."""
    if not isinstance(doc.data, dict):
        return None
    root = schema.load_schema(kind)
    drop = {_part_to_drop(doc.data, root, path) for path in schema.error_paths(doc.data, kind)}
    rebuilt = _rebuild(doc, drop)
    for name in root.get("required", ()):
        rebuilt.data.setdefault(name, [])  # team objectives, statement priorities
    return rebuilt


def _part_to_drop(data: Any, root: dict[str, Any], path: JsonPath) -> JsonPath:
    """The object that holds `path` if `path` is (in) one of its required fields, else the
    field of that object that holds it."""
    owner = max(i for i in range(len(path) + 1) if i == 0 or isinstance(path[i - 1], int))
    owner_path, rest = path[:owner], path[owner:]
    if not rest:  # the object itself (a required field missing, or not a mapping)
        return owner_path if owner_path else ("\0",)
    required = _schema_at(root, owner_path).get("required", ())
    if rest[0] in required and owner_path:
        return owner_path
    return (*owner_path, rest[0])


def _schema_at(root: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    """The subschema that describes the value at `path` ({} where the schema says nothing)."""
    node: dict[str, Any] = root
    for part in path:
        node = _deref(root, node)
        child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        node = child if isinstance(child, dict) else {}
    return _deref(root, node)


def _deref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/$defs/"):
        node = root.get("$defs", {}).get(node["$ref"].removeprefix("#/$defs/"), {})
    return node


def _rebuild(doc: Document, drop: set[JsonPath]) -> Document:
    """A copy of `doc` without the paths in `drop`, list items renumbered in the index."""
    indexes = (doc.values, doc.keys, doc.ends)
    out: tuple[dict[JsonPath, Any], ...] = ({}, {}, {})

    def copy(value: Any, old: JsonPath, new: JsonPath) -> Any:
        # Recursion is bounded: source.py refuses files nested deeper than MAX_DEPTH.
        for index, target in zip(indexes, out, strict=True):
            if old in index:
                target[new] = index[old]
        if isinstance(value, dict):
            kept = [key for key in value if (*old, key) not in drop]
            return {key: copy(value[key], (*old, key), (*new, key)) for key in kept}
        if isinstance(value, list):
            kept_items = [i for i in range(len(value)) if (*old, i) not in drop]
            return [copy(value[i], (*old, i), (*new, n)) for n, i in enumerate(kept_items)]
        return value

    data = copy(doc.data, (), ())
    return Document(doc.path, data, out[0], out[1], out[2])
