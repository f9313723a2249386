"""Findings grouped for the people who act on them (issue 17): the health page counts them
per rule and per team, groups them by team and then rule, folds repeated findings of one
rule on one team into one line with their list, and links each to its object and line; team
and person pages show their own the same way."""

from __future__ import annotations

import re
from datetime import date

import pytest

from accord.check import check
from accord.render.pages import render_pages

from conftest import MINIMAL_ORG, RepoWriter

AS_OF = date(2026, 11, 23)
WHY = "Two renewals worth AED 3m were lost in May 2026 to late visits, and renewals pay for 2027."


def _kr(ident: str, owner: str) -> str:
    return (
        f"      - id: {ident}\n        title: Share of {ident} visits on time\n"
        f"        owner: {owner}\n        start: 0\n        target: 10\n"
    )


OPS = (
    "stop_doing: [Ad-hoc reports]\nobjectives:\n  - id: crews\n    title: Crews arrive ready\n"
    f"    owner: ben\n    why_now: {WHY}\n    key_results:\n"
    + _kr("north", "ben") + _kr("south", "ben") + _kr("east", "cy")
)  # fmt: skip
SALES = (
    "objectives:\n  - id: deals\n    title: Customers sign for a year of service\n"
    f"    owner: cy\n    why_now: {WHY}\n    key_results:\n"
    "      - {id: signed, title: Yearly contracts signed, owner: cy, start: 0, target: 5,\n"
    "         checkins: [{date: 2026-11-20, value: 2, confidence: high}]}\n"
)


@pytest.fixture
def pages(write_repo: RepoWriter) -> dict[str, str]:
    repo = write_repo({
        "okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": OPS,
        "okrs/2026-q4/sales.yaml": SALES,
    })  # fmt: skip
    result = check(repo, as_of=AS_OF)
    assert not result.errors, result.errors
    return {p.uri: p.render().html for p in render_pages(result, AS_OF)}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_health_counts_by_rule_and_team_and_folds_repeats(pages: dict[str, str]) -> None:
    health = pages["health/index.md"]
    by_team = _text(health.split(">By team</h2>", 1)[1].split("</table>", 1)[0])
    assert "Operations 3 W207 ×3" in by_team and "Sales 1 W211" in by_team
    ops = health.split('id="team-ops"', 1)[1].split('id="team-sales"', 1)[0]
    assert ops.count("<li>") == 3 and "3 alike, on" in ops  # one line, the messages folded
    line = ops.split("3 alike, on", 1)[1].split("</p>", 1)[0]
    assert line.count('href="../2026-q4/ops/crews/#kr-') == 3
    assert line.count("okrs/2026-q4/ops.yaml:") == 3
    assert "<details>" in ops
    sales = health.split('id="team-sales"', 1)[1]
    assert "3 alike" not in sales and "no stop_doing" in sales  # one finding: written out


def test_team_and_person_pages_show_their_own_findings(pages: dict[str, str]) -> None:
    team = _text(pages["teams/ops/index.md"].split(">Findings</h2>", 1)[1])
    assert "W207 (3)" in team and "W211" not in team
    ben = _text(pages["people/ben/index.md"].split(">Findings</h2>", 1)[1])
    assert "W207 (2)" in ben and "east" not in ben  # Cy owns the third key result
    cy = _text(pages["people/cy/index.md"].split(">Findings</h2>", 1)[1])
    assert "W207 (1)" in cy and "W211" not in cy  # Sales' file is the team's, not hers


def test_an_objectives_flag_links_to_its_teams_findings_of_that_rule(
    pages: dict[str, str],
) -> None:
    cycle = pages["2026-q4/index.md"]
    assert 'href="../health/#ops-w207"' in cycle
    assert 'id="ops-w207"' in pages["health/index.md"]
