"""Findings to text, JSON or GitHub workflow annotations. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Callable

from accord.findings import CheckResult, Finding

JSON_VERSION = 1


def format_text(result: CheckResult) -> str:
    """One finding per line (`file:line:col: severity CODE message`), then a summary."""
    lines = [_text_line(f) for f in result.findings]
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _text_line(finding: Finding) -> str:
    if finding.accepted is not None:
        reason = f" (accepted: {finding.accepted})"
        return f"{finding.location}: accepted {finding.rule} {finding.message}{reason}"
    return f"{finding.location}: {finding.severity} {finding.rule} {finding.message}"


def _summary(result: CheckResult) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    files = count(result.files, "file")
    if not result.findings:
        return f"{files} checked: no problems"
    summary = (
        f"{files} checked: {count(result.errors, 'error')}, {count(result.warnings, 'warning')}"
    )
    return summary + (f", {result.accepted} accepted" if result.accepted else "")


def format_json(result: CheckResult) -> str:
    """One JSON object: findings and counts (its shape: schema/check-output.schema.json)."""
    payload = {
        "version": JSON_VERSION,
        "findings": [
            {
                "rule": f.rule,
                "severity": str(f.severity),
                "file": f.location.file,
                "line": f.location.line,
                "column": f.location.column,
                "message": f.message,
                "accepted": f.accepted,
            }
            for f in result.findings
        ],
        "errors": result.errors,
        "warnings": result.warnings,
        "accepted": result.accepted,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def format_github(result: CheckResult) -> str:
    """GitHub workflow commands: `::error file=...,line=...,col=...,title=CODE::message`."""
    lines = []
    for f in result.findings:
        loc = f.location
        props = f"file={_prop(loc.file)},line={loc.line},col={loc.column},title={_prop(f.rule)}"
        level = "notice" if f.accepted is not None else f.severity
        message = f.message + (f" (accepted: {f.accepted})" if f.accepted is not None else "")
        lines.append(f"::{level} {props}::{_data(message)}")
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """Escape a workflow command's message, as the GitHub runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a workflow command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[CheckResult], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
