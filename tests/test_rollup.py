"""Progress that does not lie (issue 16): a key result with no check-in says so instead of
0%; an objective none of whose key results has a check-in (a company bet measured at year
end) shows what supports it, rolled up and labelled; every bar agrees with its text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from accord.check import check
from accord.render.pages import render_pages

from conftest import MINIMAL_ORG, RepoWriter

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)


def _kr(ident: str, start: int, target: int, value: int | None) -> str:
    checkins = (
        f"        checkins:\n          - {{date: 2026-11-02, value: {value}, confidence: high}}\n"
        if value is not None
        else ""
    )
    return (
        f"      - id: {ident}\n        title: {ident.title()} reached\n        owner: ada\n"
        f"        start: {start}\n        target: {target}\n" + checkins
    )


def _objective(ident: str, supports: str, krs: str) -> str:
    why = "A reason that is long enough to stand alone as a sentence of why this matters now."
    return (
        f"  - id: {ident}\n    title: The {ident} bet pays off\n    owner: ada\n"
        f"    why_now: {why}\n    supports: [{supports}]\n    key_results:\n{krs}"
    )


COMPANY = (
    "objectives:\n"
    + _objective("growth", "", _kr("revenue", 0, 10, None))
    + (_objective("alone", "", _kr("alone-kr", 0, 10, None)))
)
OPS = (
    "stop_doing: [Ad-hoc reports]\nobjectives:\n"
    + _objective("ops-half", "growth", _kr("half", 0, 10, 5))
    + _objective("ops-relay", "growth.revenue", _kr("relay", 0, 10, None))
)
SALES = "stop_doing: [Cold calls]\nobjectives:\n" + _objective(
    "sales-full", "ops-relay", _kr("full", 0, 10, 10)
)


@pytest.fixture
def pages(write_repo: RepoWriter) -> dict[str, str]:
    repo = write_repo({
        "okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY,
        "okrs/2026-q4/ops.yaml": OPS, "okrs/2026-q4/sales.yaml": SALES,
    })  # fmt: skip
    result = check(repo, as_of=AS_OF)
    assert not result.errors, result.errors
    return {p.uri: p.render().html for p in render_pages(result, AS_OF)}


def _progress_line(html: str) -> str:
    line = re.search(r"<p><strong>Progress:</strong>(.*?)</p>", html, re.S)
    assert line
    return re.sub(r"<svg\b.*?</svg>", lambda m: _said(m[0]), line[1], flags=re.S)


def _said(svg: str) -> str:
    number = re.search(r">(\d+)%</text>", svg)
    assert number
    return f"[bar {number[1]}%]"


def test_a_bet_with_no_check_ins_shows_what_supports_it_rolled_up(pages: dict[str, str]) -> None:
    # ops-half is at 50%; ops-relay has no check-in of its own and rolls up sales-full (100%)
    relay = _progress_line(pages["2026-q4/ops/ops-relay/index.md"])
    assert "[bar 100%]" in relay and "from supporting objectives" in relay
    growth = _progress_line(pages["2026/company/growth/index.md"])
    assert '[bar 75%] <span class="accord-rolled">from supporting objectives</span>' in growth
    assert "(75% done from supporting objectives, 90% expected)" in growth
    assert "75%" in re.sub(r"<[^>]+>", " ", pages["index.md"])  # home, the company bet


def test_nothing_checked_in_and_nothing_below_says_so_not_zero(pages: dict[str, str]) -> None:
    alone = pages["2026/company/alone/index.md"]
    assert _progress_line(alone).strip() == '<span class="accord-none">no check-in yet</span>'
    assert "0%" not in _progress_line(alone)
    assert "no check-in yet" in alone.split('id="kr-alone-kr"')[1].split("</p>")[0]


BAR = re.compile(
    r"<svg\b[^>]*aria-label=\"[^\"]*?: (\d+)% done[^\"]*\"[^>]*>.*?>(\d+)%</text>.*?</svg>", re.S
)
PACE = re.compile(r"</svg>(?:\s*<span[^>]*>[^<]*</span>)?\s*[a-z ]+\((\d+)% done", re.S)


def test_every_bar_of_the_example_agrees_with_the_text_beside_it() -> None:
    result = check(ROOT, as_of=AS_OF)
    bars = paces = 0
    for page in render_pages(result, AS_OF):
        html = page.render().html
        for said, drawn in BAR.findall(html):
            assert said == drawn, page.uri
            bars += 1
        for match in PACE.finditer(html):
            bar = BAR.findall(html[: match.end()])[-1]
            assert match[1] == bar[0], (page.uri, match[0][-80:])
            paces += 1
    assert bars > 300 and paces > 50


def test_a_bet_with_no_key_results_of_its_own_is_measured_by_what_supports_it(
    write_repo: RepoWriter,
) -> None:
    bet = COMPANY.replace(
        _kr("revenue", 0, 10, None), "      []  # measured by what supports it\n"
    ).replace("    key_results:\n      []", "    key_results: []")
    repo = write_repo({
        "okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": bet,
        "okrs/2026-q4/ops.yaml": OPS.replace("growth.revenue", "growth"),
        "okrs/2026-q4/sales.yaml": SALES,
    })  # fmt: skip
    result = check(repo, as_of=AS_OF)
    assert not result.errors, result.errors
    assert "W222" not in {f.rule for f in result.findings}
    growth = next(p for p in render_pages(result, AS_OF) if p.uri == "2026/company/growth/index.md")
    html = growth.render().html
    assert "[bar 75%]" in _progress_line(html) and "from supporting objectives" in html
    assert "None of its own: its progress is rolled up from the objectives" in html


def test_the_example_bet_graded_at_year_end_shows_its_supporters_progress() -> None:
    """regional-revenue-stability has no check-ins (its key results come from the audited
    accounts): home, the 2026 cycle page and its own page show what supports it, labelled."""
    result = check(ROOT, as_of=AS_OF)
    pages = {p.uri: p.render().html for p in render_pages(result, AS_OF)}
    bet = "Our UAE service revenue is steady enough to plan the next two years on"
    for uri in ("index.md", "2026/index.md", "2026/northwind/regional-revenue-stability/index.md"):
        said = re.search(
            rf'aria-label="{bet}: (\d+)% done[^"]*".*?</svg>\s*<span class="accord-rolled">'
            "from supporting objectives</span>",
            pages[uri],
            re.S,
        )
        assert said, uri
        assert said[1] != "0", uri
