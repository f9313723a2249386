"""okrs.json and `accord export --format json` keep the shape schema/okrs.schema.json describes."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import Runner

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "okrs.schema.json"
GOLDEN = ROOT / "tests" / "data" / "golden" / "northwind" / "okrs.json"
AS_OF = "2026-11-23"
REPOS = {
    "example": ROOT,
    "planted": ROOT / "benchmarks" / "planted",
    "planted-ostara": ROOT / "benchmarks" / "planted-ostara",
    **{p.name: p for p in sorted((ROOT / "tests" / "data" / "cases").glob("ok-*")) if p.is_dir()},
}


@cache
def validator() -> Draft202012Validator:
    """A validator for schema/okrs.schema.json that also checks formats such as dates."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export(run: Runner, repo: Path) -> dict[str, Any]:
    """The JSON that `accord export --as-of 2026-11-23` prints for `repo`."""
    result = run("export", "--format", "json", "--as-of", AS_OF, "--repo", repo)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def problems(data: Any) -> list[str]:
    """Every way `data` breaks the schema, as `path: message` lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(data)
    ]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    """schema/okrs.schema.json is itself a valid JSON Schema with the agreed $id."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:accord:schema:okrs"
    assert schema["properties"]["version"]["const"] == 1


@pytest.mark.parametrize("name", sorted(REPOS))
def test_the_export_matches_the_schema(name: str, run: Runner) -> None:
    """The export of the example, the planted organisations and every ok-* case validates."""
    data = export(run, REPOS[name])
    assert problems(data) == []
    assert data["version"] == 1 and data["as_of"] == AS_OF


def test_the_okrs_json_of_a_built_site_matches_the_schema(run: Runner, tmp_path: Path) -> None:
    """The okrs.json that `accord build` publishes (with history) validates, beside its schema."""
    result = run("build", "--repo", ROOT, "--out", tmp_path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "okrs.json").read_text(encoding="utf-8"))
    assert problems(data) == []
    assert (tmp_path / "schema" / "okrs.schema.json").is_file()


def test_the_reviewed_site_okrs_json_matches_the_schema() -> None:
    """The golden copy of the example site's okrs.json validates too."""
    assert problems(json.loads(GOLDEN.read_text(encoding="utf-8"))) == []


def _without_version(data: dict[str, Any]) -> None:
    """The top-level `version` removed."""
    del data["version"]


def _without_kr_progress(data: dict[str, Any]) -> None:
    """A key result's derived `progress` removed."""
    del data["objectives"][0]["key_results"][0]["progress"]


def _unknown_objective_field(data: dict[str, Any]) -> None:
    """An objective with a field the schema does not know."""
    data["objectives"][0]["score"] = 3


def _next_version(data: dict[str, Any]) -> None:
    """A version this schema does not describe."""
    data["version"] = 2


def _not_a_date(data: dict[str, Any]) -> None:
    """`as_of` not written YYYY-MM-DD (caught by the format checker)."""
    data["as_of"] = "23/11/2026"


def _progress_above_one(data: dict[str, Any]) -> None:
    """An objective's progress outside 0..1."""
    data["objectives"][0]["progress"] = 1.5


@pytest.mark.parametrize(
    "break_it",
    [
        _without_version,
        _without_kr_progress,
        _unknown_objective_field,
        _next_version,
        _not_a_date,
        _progress_above_one,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_the_schema_rejects_a_broken_export(
    break_it: Callable[[dict[str, Any]], None], run: Runner
) -> None:
    """A required field removed, an unknown field, another version, a bad date or range fails."""
    data = copy.deepcopy(export(run, ROOT))
    assert data["objectives"][0]["key_results"], "the first objective needs a key result"
    assert problems(data) == [], "the export must be valid before it is broken"
    break_it(data)
    assert problems(data) != []
