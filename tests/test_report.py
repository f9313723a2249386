"""Reporters: the text, JSON and GitHub-annotation shapes of `accord check` output."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from accord import report
from accord.findings import CheckResult, Finding, Location, sort_findings

from conftest import MINIMAL_ORG, RepoWriter, Runner

SCHEMA = Path(__file__).parents[1] / "schema" / "check-output.schema.json"
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning) (?P<code>[EW]\d{3}) (?P<message>.+)$"
)


def result(*findings: Finding, files: int = 3) -> CheckResult:
    """A check result with these findings, sorted as `check` sorts them."""
    return CheckResult(None, sort_findings(list(findings)), files)


E104 = Finding(
    "E104",
    Location("okrs/2026-q4/ops.yaml", 12, 7),
    "supports 'growt' — no such objective in 2026-q4 or 2026 (did you mean 'growth'?)",
)
W201 = Finding(
    "W201", Location("okrs/2026/company.yaml", 3, 1), "too many objectives: 7 (at most 5)"
)


@cache
def validator() -> Draft202012Validator:
    """A validator for schema/check-output.schema.json."""
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def test_text_line_is_location_severity_code_message() -> None:
    """Each text line reads `file:line:col: severity CODE message`."""
    lines = report.format_text(result(E104, W201)).splitlines()
    assert lines[:2] == [
        "okrs/2026/company.yaml:3:1: warning W201 too many objectives: 7 (at most 5)",
        "okrs/2026-q4/ops.yaml:12:7: error E104 supports 'growt' — no such objective in 2026-q4 "
        "or 2026 (did you mean 'growth'?)",
    ]
    assert all(TEXT_LINE.match(line) for line in lines[:2])


@pytest.mark.parametrize(
    ("findings", "files", "summary"),
    [
        ((), 1, "1 file checked: no problems"),
        ((), 4, "4 files checked: no problems"),
        ((E104,), 2, "2 files checked: 1 error, 0 warnings"),
        (
            (E104, W201, Finding("W201", Location("okrs/x.yaml"), "m")),
            5,
            "5 files checked: 1 error, 2 warnings",
        ),
    ],
    ids=["one-file", "clean", "one-error", "plurals"],
)
def test_text_ends_with_a_summary_line(
    findings: tuple[Finding, ...], files: int, summary: str
) -> None:
    """The last text line counts files, errors and warnings, with the right plurals."""
    text = report.format_text(result(*findings, files=files))
    assert text.endswith("\n")
    assert text.splitlines()[-1] == summary
    assert len(text.splitlines()) == len(findings) + 1


def test_output_schema_is_a_valid_draft_2020_12_schema() -> None:
    """schema/check-output.schema.json is itself a valid JSON Schema with the agreed $id."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "urn:accord:schema:check-output"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("findings", [(), (E104,), (E104, W201)], ids=["none", "one", "two"])
def test_json_output_matches_its_schema(findings: tuple[Finding, ...]) -> None:
    """`--format json` output validates against schema/check-output.schema.json."""
    data = json.loads(report.format_json(result(*findings)))
    validator().validate(data)
    assert data["errors"] == sum(f.rule.startswith("E") for f in findings)
    assert data["warnings"] == sum(f.rule.startswith("W") for f in findings)


def test_json_finding_carries_every_field() -> None:
    """A JSON finding has rule, severity, file, line, column, message and accepted."""
    data = json.loads(report.format_json(result(E104)))
    assert data["version"] == 1
    assert data["findings"] == [
        {
            "rule": "E104",
            "severity": "error",
            "file": "okrs/2026-q4/ops.yaml",
            "line": 12,
            "column": 7,
            "message": E104.message,
            "accepted": None,
        }
    ]


def test_json_schema_rejects_extra_or_missing_fields() -> None:
    """The output schema is closed: unknown keys and missing fields are errors."""
    good = json.loads(report.format_json(result(E104)))
    extra = {**good, "extra": 1}
    missing = {**good, "findings": [{k: v for k, v in good["findings"][0].items() if k != "line"}]}
    assert not validator().is_valid(extra)
    assert not validator().is_valid(missing)


def test_cli_json_output_of_a_broken_repo_matches_the_schema(
    write_repo: RepoWriter, run: Runner
) -> None:
    """`accord check --format json` on a repository with errors prints schema-valid JSON, exit 1."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/ops.yaml": "objectives: [\n"})
    outcome = run("check", "--format", "json", "--as-of", "2026-11-23", "--repo", repo)
    assert outcome.exit_code == 1
    data = json.loads(outcome.stdout)
    validator().validate(data)
    assert [f["rule"] for f in data["findings"]] == ["E100"]


def test_github_line_shape() -> None:
    """A GitHub annotation reads `::error file=F,line=L,col=C,title=CODE::message`."""
    lines = report.format_github(result(E104, W201)).splitlines()
    assert lines[0] == (
        "::warning file=okrs/2026/company.yaml,line=3,col=1,title=W201::"
        "too many objectives: 7 (at most 5)"
    )
    assert (
        lines[1] == f"::error file=okrs/2026-q4/ops.yaml,line=12,col=7,title=E104::{E104.message}"
    )


def test_github_escapes_percent_and_newlines_in_the_message() -> None:
    """`%` becomes %25, and CR and LF (written as escapes by `Finding`) stay in one annotation."""
    finding = Finding("E100", Location("okrs/org.yaml", 2, 3), "100% wrong\r\nsecond line")
    assert (
        report.format_github(result(finding))
        .splitlines()[0]
        .endswith("::100%25 wrong\\r\\nsecond line")
    )


def test_text_keeps_a_finding_with_a_newline_in_its_file_or_message_on_one_line() -> None:
    """An id or file name holding a newline is shown as '\\n', one finding per line."""
    finding = Finding("E102", Location("okrs/2026/a\nb.yaml", 2, 3), "id 'ops\n' is not an id")
    assert report.format_text(result(finding)).splitlines()[0] == (
        "okrs/2026/a\\nb.yaml:2:3: error E102 id 'ops\\n' is not an id"
    )


def test_github_escapes_colon_and_comma_in_properties() -> None:
    """`:` and `,` (and `%`) in a property such as the file name are escaped as %3A, %2C, %25."""
    finding = Finding("E107", Location("okrs/2026/a,b:c%.yaml", 1, 1), "a: b, c")
    line = report.format_github(result(finding)).splitlines()[0]
    assert line == "::error file=okrs/2026/a%2Cb%3Ac%25.yaml,line=1,col=1,title=E107::a: b, c"


def test_github_output_ends_with_the_summary() -> None:
    """After the annotations, the github format prints the same summary as text output."""
    text = report.format_github(result(E104))
    assert text.splitlines()[-1] == "3 files checked: 1 error, 0 warnings"
