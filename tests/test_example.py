"""The example organisation is valid, and one broken change per rule is pinned to its line."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from accord.check import check

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
OPS = "okrs/2026-q4/operations.yaml"


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based line and column where `needle` starts in `text` (plus `offset` columns)."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1 + offset


# (rule, file, old text, new text, needle located in the new text, column offset)
MUTATIONS = [
    ("E100", OPS, "    decision_owner: priya\n", "    decision_owner: [priya\n", "contributors:", 12),
    ("E101", OPS, "    decision_owner: priya\n", "    decision_owner: priya\n    owner: omar\n", "    owner: omar", 4),
    ("E102", OPS, '        unit: "%"\n', '        units: "%"\n', "units", 0),
    ("E103", OPS, "    owner: priya ", "    owner: pryia ", "pryia", 0),
    ("E104", OPS, "supports: [regional-revenue-stability,", "supports: [regional-revenue,", "regional-revenue,", 0),
    ("E105", OPS, "      - id: abu-dhabi-window", "      - id: on-time-rate", "on-time-rate\n        title: Abu", 0),
    ("E106", "okrs/org.yaml", "    name: Operations\n    parent: northwind", "    name: Operations\n    parent: field-ops", "operations\n    lead: omar", 0),
    ("E108", OPS, "          - date: 2026-11-20", "          - date: 2026-11-30", "2026-11-30", 0),
    ("E109", "okrs/org.yaml", "  2026-q4:\n    start: 2026-10-01\n    end: 2026-12-31", "  2026-q4:\n    start: 2026-10-01\n    end: 2027-01-31", "2026-q4:", 0),
    ("E110", OPS, "    decision_owner: priya\n", "    status: dropped\n    decision_owner: priya\n", "dropped", 0),
]  # fmt: skip


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example organisation to break."""
    shutil.copytree(ROOT / "okrs", tmp_path / "okrs")
    return tmp_path


def test_the_example_organisation_has_no_errors() -> None:
    """okrs/ is what a newcomer sees first: it checks clean, and stays so as the calendar moves."""
    for today in (AS_OF, date(2030, 1, 1)):
        result = check(ROOT, as_of=today)
        assert [
            str(f.location) + " " + f.message for f in result.findings if f.rule.startswith("E")
        ] == []
        assert result.model is not None
    assert result.files >= 20


@pytest.mark.parametrize(
    ("rule", "file", "old", "new", "needle", "offset"), MUTATIONS, ids=[m[0] for m in MUTATIONS]
)
def test_one_change_gives_one_finding_at_its_place(
    example: Path, rule: str, file: str, old: str, new: str, needle: str, offset: int
) -> None:
    """Each broken change is reported with its rule code at the exact line and column."""
    path = example / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "the example changed: update the mutation"
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    findings = [f for f in check(example, as_of=AS_OF).findings if f.rule.startswith("E")]
    where = at(changed, needle, offset)
    if rule == "E109":  # the finding sits on the cycle's `within`, which follows its dates
        start = changed.index("within:", changed.index(needle)) + len("within: ")
        where = _place(changed, start)
    assert [(f.rule, f.location.file, f.location.line, f.location.column) for f in findings] == [
        (rule, file, *where)
    ]


def _place(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_a_misnamed_team_file_is_e107(example: Path) -> None:
    """A team file whose name is not a declared team is reported, pointing at that file."""
    (example / "okrs/2026-q4/finance.yaml").rename(example / "okrs/2026-q4/finanse.yaml")
    findings = [f for f in check(example, as_of=AS_OF).findings if f.rule.startswith("E")]
    assert [(f.rule, f.location.file) for f in findings][:1] == [
        ("E107", "okrs/2026-q4/finanse.yaml")
    ]
    assert "did you mean 'finance'?" in findings[0].message


def test_a_deeply_nested_file_is_e111_and_the_rest_still_checks(example: Path) -> None:
    """A refused file does not stop the others from being checked."""
    (example / "okrs/2026-q4/finance.yaml").write_text("[" * 10_000, encoding="utf-8")
    text = (example / OPS).read_text(encoding="utf-8")
    (example / OPS).write_text(
        text.replace("    owner: priya ", "    owner: pryia ", 1), encoding="utf-8"
    )
    rules = {(f.rule, f.location.file) for f in check(example, as_of=AS_OF).findings}
    assert ("E111", "okrs/2026-q4/finance.yaml") in rules
    assert ("E103", OPS) in rules


def test_every_example_file_names_its_schema_for_editors() -> None:
    """Each YAML file starts with a yaml-language-server line whose path reaches its schema."""
    kinds = {0: "org", 1: "team", 2: "statement"}
    for path in sorted((ROOT / "okrs").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        depth = len(path.relative_to(ROOT / "okrs").parts) - 1
        assert target == ROOT / "schema" / f"{kinds[depth]}.schema.json", path
