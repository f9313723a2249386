"""Helpers for tests that change one value of a parsed file at a time."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any


def value_paths(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside `data` (keys and list indexes), parents first."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        yield (*at, key)
        yield from value_paths(value, (*at, key))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of `data` with the value at `path` replaced by `value`."""
    changed = copy.deepcopy(data)
    node = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return changed
