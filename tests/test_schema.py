"""The schema's fast path (jsonschema-rs) never passes a file that jsonschema finds wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from accord.read import schema, source

from mutations import replaced, value_paths

ROOT = Path(__file__).resolve().parents[1]
WRONG: list[Any] = [None, True, 7, 1.5, "", "2026-02-30", "Not An Id!", "x@", [], {}, {"k": 1}]


def _example(relative: str) -> Any:
    doc, findings = source.read(ROOT, relative)
    assert doc is not None and not findings
    return doc.data


@pytest.mark.parametrize(
    ("kind", "relative"),
    [
        ("team", "okrs/2026-q4/field-ops.yaml"),
        ("org", "okrs/org.yaml"),
        ("statement", "okrs/2026-q4/statements/daniel.yaml"),
    ],
)
def test_fast_path_agrees_with_jsonschema_on_every_wrong_value(kind: str, relative: str) -> None:
    """Each value of an example file replaced by each of a set of wrong ones (types, an
    impossible date, a bad id, empty text): valid for jsonschema-rs only when valid for
    jsonschema, whose messages the E102 findings are."""
    data = _example(relative)
    slow = Draft202012Validator(
        schema.load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert schema.is_valid(data, kind) and slow.is_valid(data)
    tried = disagreements = 0
    for path in list(value_paths(data))[:399]:
        for value in WRONG:
            variant = replaced(data, path, value)
            tried += 1
            if schema.is_valid(variant, kind) and not slow.is_valid(variant):
                disagreements += 1
    assert tried > 150
    assert disagreements == 0


def test_keys_the_fast_path_cannot_take_go_to_jsonschema() -> None:
    """A mapping key that is not text (`1: x`) is refused by jsonschema-rs with ValueError:
    the fast path says 'not known valid' and the full validation words the finding."""
    text = (ROOT / "okrs/2026-q4/field-ops.yaml").read_text("utf-8") + "1: x\n"
    doc, findings = source.parse(text, "okrs/2026-q4/field-ops.yaml")
    assert doc is not None and not findings
    assert not schema.is_valid(doc.data, "team")
    found = schema.validate(doc, "team")
    assert [(f.rule, f.location.line) for f in found] == [("E102", text.count("\n"))]
    assert "unknown field '1'" in found[0].message
