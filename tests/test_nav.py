"""The navigation stays small per page: long sections are grouped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from accord.check import check
from accord.model.findings import CheckResult
from accord.render.nav import GROUP_FROM, natural, navigation

ROOT = Path(__file__).resolve().parents[1]


def _section(nav: list[object], name: str) -> list[object]:
    return next(item[name] for item in nav if isinstance(item, dict) and name in item)


def test_a_small_organisation_lists_its_teams_flat() -> None:
    """The example's 14 teams are one list, the help pages one tab."""
    result = check(ROOT, as_of=date(2026, 11, 23))
    assert result.model is not None
    nav = navigation(result.model, date(2026, 11, 23), None, str(ROOT / "site" / "docs"))
    teams = _section(nav, "Teams")
    assert teams[0] == "teams/index.md" and len(teams) == 15
    assert [next(iter(item)) for item in nav if isinstance(item, dict)][:2] == ["Home", "2026-q4"]
    assert {"How we agree OKRs here": "agreeing.md"} in _section(nav, "Help")


def _big_org(root: Path, count: int, in_ops: Callable[[int], bool]) -> CheckResult:
    """Big Co: `count` teams under Operations or Sales, checked."""
    teams = "".join(
        f"  t{n}: {{name: Team {n}, lead: ann, parent: {'ops' if in_ops(n) else 'sales'}}}\n"
        for n in range(count)
    )
    org = (
        "name: Big Co\npeople:\n  ann: {name: Ann}\nteams:\n  co: {name: Co, lead: ann}\n"
        "  ops: {name: Operations, lead: ann, parent: co}\n"
        "  sales: {name: Sales, lead: ann, parent: co}\n"
        + teams
        + "cycles:\n  2026-q4: {start: 2026-10-01, end: 2026-12-31}\n"
    )
    (root / "okrs").mkdir()
    (root / "okrs" / "org.yaml").write_text(org, encoding="utf-8")
    result = check(root, as_of=date(2026, 11, 23))
    assert result.model is not None
    return result


def test_many_teams_are_grouped_by_function(tmp_path: Path) -> None:
    """Past the limit, team pages sit under their function, so no section is long."""
    result = _big_org(tmp_path, GROUP_FROM + 5, lambda n: n % 2 == 1)
    assert result.model is not None
    section = _section(navigation(result.model, date(2026, 11, 23), None, str(tmp_path)), "Teams")
    groups = {next(iter(item)): len(next(iter(item.values()))) for item in section[1:]}
    assert groups == {"Co": 1, "Operations": 16, "Sales": 16}


def test_a_section_too_long_for_every_page_is_left_to_its_index(tmp_path: Path) -> None:
    """Past NAV_UP_TO teams the navigation holds only the Teams page (else every team page
    would carry every team), and that page lists them all under their functions."""
    from accord.render.nav import NAV_UP_TO
    from accord.render.pages import render_pages

    result = _big_org(tmp_path, NAV_UP_TO + 1, lambda n: n % 3 != 0)
    assert result.model is not None
    nav = navigation(result.model, date(2026, 11, 23), None, str(tmp_path))
    assert _section(nav, "Teams") == ["teams/index.md"]
    index = next(p for p in render_pages(result, date(2026, 11, 23)) if p.uri == "teams/index.md")
    sections = index.render().html.split("<h2 ")[1:]
    assert [s.split(">", 1)[1].split("<")[0] for s in sections] == ["Co", "Operations", "Sales"]
    assert sections[1].count("<li>") == 67 + 1 and '<a href="t100/">Team 100</a>' in sections[1]
    assert sections[1].index(">Team 2<") < sections[1].index(">Team 10<")  # numbers by value


def test_a_cycle_of_many_teams_lists_one_row_per_team(tmp_path: Path) -> None:
    """Past TABLE_UP_TO teams the cycle page lists each team once (lead, objective count)
    instead of every objective with its progress bar; small cycles keep the full tables."""
    from accord.render.pages import TABLE_UP_TO, render_pages

    _big_org(tmp_path, TABLE_UP_TO + 1, lambda n: n % 2 == 1)
    for n in range(TABLE_UP_TO + 1):
        (tmp_path / "okrs" / "2026-q4").mkdir(exist_ok=True)
        (tmp_path / "okrs" / "2026-q4" / f"t{n}.yaml").write_text(
            f"objectives:\n  - id: o{n}\n    title: Objective number {n}\n    owner: ann\n"
            "    why_now: The depot opens in March and nothing else matters more until then.\n"
            "    key_results:\n      - {id: kr, title: Parcels a day, owner: ann, start: 0, "
            "target: 10}\n",
            encoding="utf-8",
        )
    result = check(tmp_path, as_of=date(2026, 11, 23))
    assert not result.errors, result.errors
    cycle = next(p for p in render_pages(result, date(2026, 11, 23)) if p.uri == "2026-q4/index.md")
    html = cycle.render().html
    assert f"{TABLE_UP_TO + 1} teams: each team's page has its objectives" in html
    row = '<td><a href="t7/">Team 7</a></td>\n<td><a href="../people/ann/">Ann</a></td>\n<td>1</td>'
    assert row in html
    assert "Objective number 7" not in html.split("</svg>")[-1] and html.count("<svg") == 1


def test_natural_order_takes_superscripts_and_long_numbers() -> None:
    """Team names with '²' or thousands of digits sort (by value where they are numbers)."""
    names = ["team²", "²", "Team 10", "team 2", "9" * 5000, "Team 9" + "0" * 4400]
    ordered = sorted(names, key=natural)
    assert ordered == ["9" * 5000, "team 2", "Team 10", "Team 9" + "0" * 4400, "team²", "²"]
