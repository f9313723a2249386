"""Findings to text, JSON or GitHub workflow annotations. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from accord.agreement.review import Review, Reviewer
from accord.changes.diff import Change
from accord.model.findings import CheckResult, Finding
from accord.output.briefing import brief_data, brief_markdown, brief_text
from accord.output.gfm import gfm_text as gfm_text
from accord.output.gfm import mention

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


# --- accord diff -------------------------------------------------------------------------

MARKER = "<!-- accord-diff -->"
COMMENT_LIMIT = 65_536  # GitHub's limit on one comment
_ROOM = 2_000  # kept free for the truncation note and the closing tags


def format_review_json(review: Review) -> str:
    """The review as one JSON object: changes, each objective touched in full (`objectives`),
    findings introduced and fixed, reviewers."""
    payload = {
        "version": JSON_VERSION,
        "base": review.base,
        "head": review.head,
        "summary": _review_summary(review),
        "changes": [asdict(c) for c in review.changes],
        "objectives": [brief_data(review, b) for b in review.briefs],
        "introduced": [_finding(f) for f in review.introduced],
        "fixed": [_finding(f) for f in review.fixed],
        "reviewers": [asdict(r) for r in review.reviewers],
        "errors": [_finding(f) for f in review.head_errors],
        "base_errors": [_finding(f) for f in review.base_errors],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def format_review_text(review: Review) -> str:
    """The review for a terminal: a summary line, then each objective touched in full with
    its changes, the other changes, findings and reviewers."""
    lines = [_review_summary(review)]
    for brief in review.briefs:
        lines += brief_text(review, brief)
    lines += [f"  {_label(review, c)}: {c.text}" for c in _other_changes(review)]
    lines += [f"  introduces {f.rule} at {f.location}: {f.message}" for f in review.introduced]
    lines += [f"  fixes {f.rule} ({f.location.file}): {f.message}" for f in review.fixed]
    lines += [f"  errors: {_text_line(f)}" for f in review.head_errors]
    lines += [f"  base errors: {_text_line(f)}" for f in review.base_errors]
    for r in review.reviewers:
        handle = f" @{r.github}" if r.github else " (no GitHub handle)"
        handle += "" if r.at_base else " (new in this proposal)"
        lines.append(f"  ask {r.name}{handle}: {'; '.join(r.why)}")
    return "\n".join(lines) + "\n"


def format_review_markdown(review: Review) -> str:
    """The pull-request comment: marker, summary, sections, long detail folded, within limit.
    Every user string passes through `gfm_text`, so the comment says only what Accord says."""
    parts = [MARKER, f"**Accord:** {gfm_text(_review_summary(review))}", ""]
    if review.base_errors:
        parts += ["### Who must agree cannot be worked out", "", *_errors(review.base_errors)]
    if review.head_errors:
        parts += ["### Errors to fix first", "", *_errors(review.head_errors)]
    if review.reviewers:
        parts += _reviewers_table(review)
    if review.briefs:
        parts += ["### What is being agreed", "",
                  "<details open><summary>Each objective as it will be, with its changes</summary>",
                  ""]  # fmt: skip
        for brief in review.briefs:
            parts += brief_markdown(review, brief)
        parts += ["</details>", ""]
    org = [c for c in review.changes if c.subject == "org"]
    if org:
        parts += ["### Changes to org.yaml", "", *(f"- {gfm_text(c.text)}" for c in org), ""]
    others = [c for c in _other_changes(review) if c.subject != "org"]
    if others:
        parts += ["### Other changes", "", "<details open><summary>Changes in words</summary>", ""]
        parts += [f"- **{gfm_text(_label(review, c))}**: {gfm_text(c.text)}" for c in others]
        parts += ["", "</details>", ""]
    if review.introduced or review.fixed:
        parts += [
            "### Alignment health",
            "",
            "<details><summary>Findings introduced and fixed</summary>",
            "",
        ]
        parts += [f"- introduces {_finding_md(f, str(f.location))}" for f in review.introduced]
        parts += [f"- fixes {_finding_md(f, f.location.file)}" for f in review.fixed]
        parts += ["", "</details>", ""]
    return _within_limit("\n".join(parts) + "\n")


def _errors(findings: tuple[Finding, ...]) -> list[str]:
    return [f"- {_finding_md(f, str(f.location))}" for f in findings] + [""]


def _finding_md(f: Finding, where: str) -> str:
    """`**RULE** <code>where</code>: message`, every part escaped."""
    return f"**{gfm_text(f.rule)}** <code>{gfm_text(where)}</code>: {gfm_text(f.message)}"


def _reviewers_table(review: Review) -> list[str]:
    rows = ["### Who needs to agree", "", "| Reviewer | GitHub | Why |", "| --- | --- | --- |"]
    for r in review.reviewers:
        why = "<br>".join(gfm_text(w) for w in r.why)
        rows.append(f"| {gfm_text(r.name)} | {_handle(r)} | {why} |")
    return [*rows, ""]


def _handle(r: Reviewer) -> str:
    """The @mention of someone the base knows; the handle as inert text for someone only the
    proposal names (a pull request cannot make the comment notify them)."""
    if r.at_base or r.github is None:
        return mention(r.github)
    return f"{gfm_text(r.github)} (new in this proposal)"


def _within_limit(text: str) -> str:
    if len(text) <= COMMENT_LIMIT:
        return text
    cut = text[: COMMENT_LIMIT - _ROOM].rsplit("\n", 1)[0]
    note = (
        "\n\n… the report is longer than a GitHub comment can hold: the full report is in this "
        "workflow run's artifact accord-report (report.txt).\n\n</details>\n"
    )
    return cut + note


def _review_summary(review: Review) -> str:
    if review.base_errors:
        errors = _n(len(review.base_errors), "error")
        return f"the base branch's OKRs have {errors}: nobody can tell who must agree"
    if review.head_errors:
        errors = _n(len(review.head_errors), "error")
        return f"the proposal has {errors}; fix them before it can be reviewed"
    if not review.changes:
        return f"no change to the OKRs between {review.base} and {review.head}"
    objectives = {
        c.key.split(".", 1)[0] for c in review.changes if c.subject in ("objective", "key result")
    }
    parts = [f"{_n(len(review.changes), 'change')} to {_n(len(objectives), 'objective')}"]
    if review.introduced:
        parts.append(f"{_n(len(review.introduced), 'finding')} introduced")
    if review.fixed:
        parts.append(f"{len(review.fixed)} fixed")
    asked = len(review.reviewers)
    parts.append(f"{asked} {'person' if asked == 1 else 'people'} asked to agree")
    return " · ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _other_changes(review: Review) -> list[Change]:
    """The changes no brief shows: org.yaml, team files, statements, appended check-ins."""
    shown = {b.key for b in review.briefs}
    return [
        c
        for c in review.changes
        if c.subject not in ("objective", "key result") or c.key.partition(".")[0] not in shown
    ]


def _label(review: Review, change: Change) -> str:
    if change.subject == "org":
        return "org.yaml"
    title = review.titles.get(change.key)
    return f"{change.key} ({title})" if title else change.key


def _finding(f: Finding) -> dict[str, object]:
    loc = f.location
    return {
        "rule": f.rule,
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "message": f.message,
    }


REVIEW_FORMATS: dict[str, Callable[[Review], str]] = {
    "markdown": format_review_markdown,
    "text": format_review_text,
    "json": format_review_json,
}
