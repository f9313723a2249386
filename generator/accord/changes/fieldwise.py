"""Values compared and shown field by field, positions left out: the words `diff` uses for
fields it has no comparison of its own for, and for values in general. Pure: no IO."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from accord.model.location import Location


def field_words(name: str, old: Any, new: Any) -> Iterator[tuple[str, str]]:
    """A field `diff` has no words of its own for: accepted warnings in words, a value as shown
    it, anything else by name."""
    if name == "accept":
        yield from (("accept", text) for text in accepts(old, new))
    elif all(isinstance(v, str | int | float | date | None) for v in (old, new)):
        yield name, f"{name.replace('_', ' ')} {show(old)} -> {show(new)}"
    else:
        yield name, f"{name.replace('_', ' ')} changed"


def accepts(old: Mapping[str, str], new: Mapping[str, str]) -> Iterator[str]:
    """`accepts W201: reason`, `no longer accepts W201 (reason)`, or a reason rewritten."""
    for rule in sorted(set(old) | set(new)):
        if rule not in old:
            yield f"accepts {rule}: {new[rule]}"
        elif rule not in new:
            yield f"no longer accepts {rule} ({old[rule]})"
        elif old[rule] != new[rule]:
            yield f"accepts {rule} for another reason: {new[rule]}"


def data_fields(value: object) -> list[str]:
    """The fields of a dataclass value that hold data: not positions, not `compare=False`."""
    names = _compared(type(value))
    return [n for n in names or () if not isinstance(getattr(value, n), Location)]


def plain(value: object) -> object:
    """A value as comparable data: a dataclass field by field with positions as None, a
    mapping in key order, a list as a tuple. Two values that say the same thing are equal.

    A position field (`where`) always holds a `Location` in the model, so keeping it as None
    compares exactly as leaving it out would."""
    if isinstance(value, str | int | float | date | None):
        return value
    if isinstance(value, Location):
        return None
    names = _compared(type(value))
    if names is not None:  # a position field is kept as None, so it never differs
        return tuple((name, plain(getattr(value, name))) for name in names)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), plain(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(plain(v) for v in value)
    return value


def same(a: object, b: object) -> bool:
    """Whether two values say the same thing (equal, or equal but for positions)."""
    return a == b or plain(a) == plain(b)


_COMPARED: dict[type, tuple[str, ...] | None] = {}


def _compared(cls: type) -> tuple[str, ...] | None:
    """The names of a dataclass's compared fields (None for any other type): looked up once
    per class, since history compares hundreds of thousands of values."""
    if cls not in _COMPARED:
        names = tuple(f.name for f in fields(cls) if f.compare) if is_dataclass(cls) else None
        _COMPARED[cls] = names
    return _COMPARED[cls]


def sets(name: str, old: Iterable[str], new: Iterable[str]) -> list[str]:
    """`name + item` for items added, `name - item` for items removed, in their order."""
    before, after = list(old), list(new)
    added = [f"{name} + {item}" for item in after if item not in before]
    return added + [f"{name} - {item}" for item in before if item not in after]


def show(value: object) -> str:
    """Numbers without a needless '.0'; nothing as 'none'."""
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
