"""Validate documents against the packaged JSON Schemas and say what is wrong as E102."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from accord.model.findings import Finding
from accord.model.refs import did_you_mean
from accord.read.packaged import schema_dir
from accord.read.source import Document, JsonPath

KINDS = ("org", "team", "statement")

_PATTERNS = {
    "^[a-z0-9][a-z0-9-]{0,62}$": "an id: lower-case letters, digits and '-', "
    "starting with a letter or digit, at most 63 characters",
    "^[a-z0-9][a-z0-9_-]{0,62}$": "a cycle id: lower-case letters, digits, '-' and '_', "
    "starting with a letter or digit",
    "^([a-z0-9][a-z0-9_-]{0,62}/)?[a-z0-9][a-z0-9-]{0,62}(\\.[a-z0-9][a-z0-9-]{0,62})?$": "a ref: "
    "'objective', 'objective.key-result' or 'cycle/objective'",
    "^https?://": "a web address starting with https://",
    "^(?!.*\\.\\.)[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$": "a branch name: letters, digits, "
    "'.', '_', '-' and '/', without '..'",
    "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$": "a GitHub user name (without '@')",
    "^(19[0-9]{2}|2[0-9]{3})-": "a date from 1900-01-01 to 2999-12-31",
}
_TYPES = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}
_FORMATS = {"date": "a date (YYYY-MM-DD)", "email": "an e-mail address"}
_WHAT = {"org": "okrs/org.yaml", "team": "a team file", "statement": "a statement file"}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for `org`, `team` or `statement` files."""
    text = (schema_dir() / f"{kind}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _strict(pattern: str) -> str:
    """A schema pattern as ECMA 262 reads it: `$` is the very end (Python's `$` also
    matches before a final newline, which would let the id 'ops\\n' through)."""
    return (
        pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    )


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not re.search(_strict(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(kind: str) -> Any:
    schema = load_schema(kind)
    return _Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast(kind: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


def is_valid(data: Any, kind: str) -> bool:
    """True when `data` fits the schema of `kind`: the fast path (jsonschema-rs, about 60x
    jsonschema) for the common case of a valid file. Data it cannot take (keys that are not
    text) is left to `validate`, whose messages come from jsonschema."""
    try:
        return bool(_fast(kind).is_valid(data))
    except ValueError:
        return False


def validate(doc: Document, kind: str) -> list[Finding]:
    """E102 findings for `doc` against the schema of `kind`, each at its key or value."""
    if not isinstance(doc.data, dict):
        return [Finding("E102", doc.at(()), _not_a_mapping(doc.data, kind))]
    if is_valid(doc.data, kind):
        return []
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    findings = [finding for error in errors for finding in _findings(doc, error)]
    return list(dict.fromkeys(findings))


def error_paths(data: Any, kind: str) -> list[JsonPath]:
    """The path of every value that breaks the schema: each unknown key's own path, and for
    a missing field the path of the object that lacks it."""
    paths: list[JsonPath] = []
    for error in _validator(kind).iter_errors(data):
        path: JsonPath = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            paths += [(*path, key) for key in error.instance if key not in allowed]
        elif _is_key(error, path) and isinstance(error.instance, str):
            paths.append((*path, error.instance))
        else:
            paths.append(path)
    return paths


def _not_a_mapping(data: Any, kind: str) -> str:
    required = ", ".join(load_schema(kind)["required"])
    if data is None:
        return f"the file is empty: {_WHAT[kind]} is a mapping with {required}"
    return f"the top level is {_describe(data)}: {_WHAT[kind]} is a mapping with {required}"


def _findings(doc: Document, error: ValidationError) -> Iterator[Finding]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    where = _name(doc.data, path)
    if keyword == "required" and isinstance(error.instance, dict):
        present = [key for key in error.instance if key not in error.schema.get("properties", {})]
        for name in error.validator_value:
            # A misspelt field ('onwer') is reported once, as unknown with a suggestion.
            if name not in error.instance and not did_you_mean(name, present):
                yield Finding("E102", doc.at(path), f"{where} is missing '{name}': add it")
    elif keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"; allowed: {', '.join(allowed)}"
                message = f"unknown field '{key}' in {where}{hint}"
                yield Finding("E102", doc.key_at((*path, key)), message)
    elif keyword == "format" and _fails_pattern(error):
        return  # a date outside the years allowed is said once, by its pattern
    elif keyword == "pattern" and isinstance(error.instance, str) and _is_key(error, path):
        kind = _PATTERNS.get(error.validator_value, f"a name matching {error.validator_value}")
        message = f"'{error.instance}' in {where} is not {kind}"
        yield Finding("E102", doc.key_at((*path, error.instance)), message)
    else:
        yield Finding("E102", doc.at(path), f"{where}: {_problem(error)}")


def _fails_pattern(error: ValidationError) -> bool:
    """True when the value also breaks its schema's pattern (reported on its own)."""
    pattern = error.schema.get("pattern")
    value = error.instance
    return (
        isinstance(pattern, str)
        and isinstance(value, str)
        and not re.search(_strict(pattern), value)
    )


def _is_key(error: ValidationError, path: JsonPath) -> bool:
    """True when a pattern error is about a mapping key (from `propertyNames`)."""
    return "propertyNames" in error.schema_path


def _problem(error: ValidationError) -> str:
    keyword, value, expected = error.validator, error.instance, error.validator_value
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPES.get(str(t), str(t)) for t in types)
        hint = "; quote it" if "string" in types and isinstance(value, int | float) else ""
        return f"expected {wanted}, got {_describe(value)}{hint}"
    if keyword == "enum":
        options = ", ".join(map(str, expected))
        return (
            f"expected one of {options}; got {_describe(value)}{did_you_mean(str(value), expected)}"
        )
    if keyword == "pattern":
        return f"{_describe(value)} is not {_PATTERNS.get(expected, f'matching {expected}')}"
    if keyword == "format":
        if expected == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return f"{_describe(value)} is not a day of the calendar"
        shape = _FORMATS.get(expected, expected)
        return f"{_describe(value)} is not {shape}"
    if keyword == "minLength":
        return "must not be empty"
    if keyword == "minItems":
        return f"needs at least {expected} {'entry' if expected == 1 else 'entries'}"
    if keyword == "maxItems":
        return f"has {len(value)} entries; at most {expected} are allowed"
    if keyword in ("minimum", "maximum"):
        return _out_of_range(error.schema, value)
    if keyword == "exclusiveMinimum":
        return f"must be more than {expected:g}, got {_describe(value)}"
    return str(error.message)


def _out_of_range(schema: dict[str, Any], value: Any) -> str:
    """'must be from -1,000,000,000,000,000 to ...': the range, whichever end is crossed."""
    low, high = schema.get("minimum"), schema.get("maximum")
    shown = [
        f"{int(b):,}" if float(b).is_integer() else str(b) for b in (low, high) if b is not None
    ]
    if low is not None and high is not None:
        return f"must be from {shown[0]} to {shown[1]}, got {_describe(value)}"
    limit = "at least" if low is not None else "at most"
    return f"must be {limit} {shown[0]}, got {_describe(value)}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, float) and math.isinf(value):
        return f"a number too {'large' if value > 0 else 'far below zero'} to hold"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    return "a list" if isinstance(value, list) else "a mapping"


_NOUNS = {
    "people": "person",
    "teams": "team",
    "cycles": "cycle",
    "objectives": "objective",
    "key_results": "key result",
    "checkins": "check-in",
    "depends_on": "dependency",
    "priorities": "priority",
}


def _name(data: Any, path: JsonPath) -> str:
    """A readable name for the object at `path`: `objective 'x'`, `check-in 2 of 'x.y'`."""
    if not path:
        return "the file"
    parent, last = path[:-1], path[-1]
    noun = _NOUNS.get(str(parent[-1])) if parent else None
    if noun is None and isinstance(last, int):
        return f"item {last + 1} of {_name(data, parent)}"
    if noun is None:
        return f"'{last}'" if not parent else f"'{last}' of {_name(data, parent)}"
    if isinstance(last, str):
        return f"{noun} '{last}'"
    ident = _id(data, path)
    if noun == "key result" and ident:
        return f"key result '{_id(data, parent[:-1]) or '?'}.{ident}'"
    own = f"{noun} '{ident}'" if ident else f"{noun} {last + 1}"
    if noun == "objective" or len(parent) < 2:
        return own
    return f"{own} of {_name(data, parent[:-1])}"


def _id(data: Any, path: JsonPath) -> str | None:
    node = _get(data, path)
    ident = node.get("id") if isinstance(node, dict) else None
    return ident if isinstance(ident, str) else None


def _get(data: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
