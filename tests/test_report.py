"""Reporters: the text, JSON and GitHub-annotation shapes of `accord check` output, and the
pull-request comment's escaping."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from accord.agreement.briefs import Brief, KeyResultBrief, Someone, Supported
from accord.agreement.review import Review, Reviewer
from accord.changes.diff import Change
from accord.model.findings import CheckResult, Finding, sort_findings
from accord.model.location import Location
from accord.output import report
from accord.output.report import format_review_markdown, gfm_text

from actions import github_html, mentions
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


# --- the pull-request comment: every user string is inert GitHub Markdown -----------------

HOSTILE = [
    "a`b``c` @ada-l `",
    "<img src=x onerror=alert(1)> &amp; &#64;ada",
    "[all owners approved](https://evil.example) ![x](https://evil.example/x.png)",
    "@ada-l @acme/leads mail@ada.example #12 acme/okrs#3 GH-4",
    "https://evil.example and www.evil.example",
    "**bold** _it_ ~~gone~~ $x^2$ \\*",
    "cell | break | here",
    "two\nlines\r\n# heading\u2028- item",
    "bidi \u202egnp.exe\u202c and \x00 nul",
    "<!-- accord-diff --> </details>",
]
ALLOWED_TAGS = {"p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong",
                "code", "br", "h3", "h4", "details", "summary", "a"}  # fmt: skip


def _tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-z0-9]+)", html))


def _text(html: str, keep_zwsp: bool = False) -> str:
    """The rendered text; the zero-width spaces that break links left out unless kept."""
    import html as html_module

    text = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    return text if keep_zwsp else text.replace("\u200b", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_gfm_text_shows_the_characters_typed_and_nothing_more(text: str) -> None:
    """In a paragraph and in a table cell, escaped text renders as the same characters on
    one line: no tag, link, mention, reference, emphasis, code or extra cell."""
    for markdown, shape in (
        (gfm_text(text), ["p"]),
        (f"| a | b |\n| --- | --- |\n| {gfm_text(text)} | end |", None),
    ):
        html = github_html(markdown)
        if shape is not None:
            assert re.findall(r"<([a-z0-9]+)", html) == shape
            expected = " ".join(text.split())
            expected = re.sub("[\x00-\x1f\u202a-\u202e]", "\ufffd", expected)
            assert _text(html).strip() == expected.replace("\x00", "\ufffd")
        else:
            assert html.count("<td>") == 2 and "end</td>" in html
        assert "<a " not in html and mentions(html) == []
        assert not re.search(r"#\d|GH-\d|://|www\.", _text(html, keep_zwsp=True))


def test_every_field_of_the_comment_is_escaped() -> None:
    """Titles, change texts, names, reasons, handles, file names and messages that try to
    mention, link, inject HTML or break out of a code span show as text."""
    evil = HOSTILE[0] + " " + HOSTILE[1] + " " + HOSTILE[2]
    finding = Finding("E107", Location(f"okrs/2026/x`{evil}.yaml", 3, 1), f"'{evil}' @ben")
    review = Review(
        base="abc",
        head="def",
        changes=(Change("2026/o", "objective", "title", f"title a -> {evil}"),),
        introduced=(finding,),
        fixed=(finding,),
        reviewers=(
            Reviewer("ada", f"Ada {evil}", "ada-l", (evil,)),
            Reviewer("eve", "Eve", "x @ben <b>", (evil,)),
        ),
        titles={"2026/o": evil},
    )
    variants = [replace(review, head_errors=(finding,)), replace(review, base_errors=(finding,))]
    for shown in (review, *variants, _with_brief(review, evil)):
        html = github_html(format_review_markdown(shown))
        assert _tags(html) <= ALLOWED_TAGS, _tags(html) - ALLOWED_TAGS
        assert mentions(html) == ["ada-l"]
        links = re.findall(r"<a [^>]*>", html)
        assert all(re.fullmatch(r'<a href="https://github\.com/acme/okrs/blob/[^"<>\s]*">', a)
                   for a in links), links  # fmt: skip
        assert len(links) == (2 if shown.briefs else 0)
        code_spans = _text(html).count("okrs/2026/x`") + len(shown.briefs)  # + the brief's key
        assert html.count("<code>") == code_spans


def _with_brief(review: Review, evil: str) -> Review:
    """The review with an objective shown whole, every user string of it hostile: title, why
    now, names, handles, team name, units, indicators, contributors, supported titles and a
    file name with a parenthesis and a backtick in the supported item's address."""
    someone = Someone("x", f"Eve {evil}", f"e @ben {evil}")
    supported = Supported("2026/p", f"Growth {evil}", someone, f"okrs/2026/a)`{evil}.yaml", 3)
    kr = KeyResultBrief("2026/o.k", f"KR {evil}", someone, 0, 10.5, f"% {evil}", f"lead {evil}",
                        (f"Team {evil}",), (supported,))  # fmt: skip
    brief = Brief("2026/o", "added", f"T {evil}", "2026", "t", f"Team {evil}", "active",
                  someone, someone, f"Why {evil}", (supported,), (kr,), f"okrs/{evil}.yaml",
                  4, f"from {evil}")  # fmt: skip
    reviewers = (*review.reviewers, Reviewer("new", "New", "new-x", (evil,), at_base=False))
    return replace(review, briefs=(brief,), reviewers=reviewers,
                   repository="https://github.com/acme/okrs", commit="a" * 40)  # fmt: skip
