"""Plain YAML scalars to values, as YAML 1.2's core schema (ruamel.yaml's default) reads them.

No parser here: `source.py` hands over the text of each plain scalar.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_DIGITS = 20  # far past the schema's range (10^15), far below int()'s limit

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOL.update({"FALSE": False})
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def plain(value: str) -> Any:
    """The value of a plain scalar; `.inf` and `.nan` stay text.

    A number too large to hold (more than MAX_DIGITS digits, or past the float range) is
    read as infinity, never converted digit by digit: the schema's range check (E102) then
    reports it, where int() of thousands of digits would raise."""
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        base = {"0o": 8, "0x": 16}.get(value[:2], 10)
        digits = value[2:] if base != 10 else value
        if len(digits.lstrip("+-").lstrip("0")) > MAX_DIGITS:
            return -math.inf if value.startswith("-") else math.inf
        return int(digits, base)
    if _FLOAT.fullmatch(value):
        return float(value)  # past the float range this is ±inf, for the schema to refuse
    return value
