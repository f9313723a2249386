"""A closed cycle's page shows its results (issue 16): the grades by band with each band's
share drawn and written, per team, the retrospectives and what was carried on; a cycle whose
objectives have no key results of their own still renders."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from accord.check import check
from accord.render.pages import render_pages

from conftest import ORG_WITH_Q3, RepoWriter

AS_OF = date(2026, 11, 23)
COMPANY = """\
objectives:
  - id: growth
    title: Customers renew because the service earned it
    owner: ada
    why_now: Two renewals were lost in the spring to late visits, and renewals fund next year.
    key_results: []
"""
Q3 = """\
stop_doing: [Weekend callouts]
retrospective: The quarter taught us to call before the notice date.
objectives:
  - id: callouts
    title: Summer callouts are answered within four hours
    owner: ben
    supports: [growth]
    why_now: Three chiller failures waited overnight last July, and one cost a renewal.
    retrospective: Standby rotas worked once crews could swap shifts.
    key_results:
      - {id: fast, title: Callouts answered in four hours, owner: ben, start: 0, target: 10,
         checkins: [{date: 2026-09-20, value: 8, confidence: high}], score: 0.8}
      - {id: cover, title: Weekends with standby cover, owner: ben, start: 0, target: 10,
         checkins: [{date: 2026-09-20, value: 3, confidence: low}]}
"""


def _page(repo: Path, uri: str) -> str:
    result = check(repo, as_of=AS_OF)
    assert not result.errors, result.errors
    page = next(p for p in render_pages(result, AS_OF) if p.uri == uri)
    return page.render().html


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_closed_cycle_shows_grades_by_band_team_and_retrospective(
    write_repo: RepoWriter,
) -> None:
    repo = write_repo({
        "okrs/org.yaml": ORG_WITH_Q3, "okrs/2026/company.yaml": COMPANY,
        "okrs/2026-q3/ops.yaml": Q3,
    })  # fmt: skip
    html = _page(repo, "2026-q3/index.md")
    text = _text(html)
    assert "2 key results graded" in text and "mean grade 0.55" in text
    assert re.search(r'<meter [^>]*max="2" value="1"', html)  # 0.8 delivered, 0.3 not
    assert "0.7 to 1.0: delivered 1 50%" in text and "below 0.4: not delivered 1 50%" in text
    assert "Standby rotas worked once crews could swap shifts." in text
    assert "The quarter taught us to call before the notice date." in text


def test_a_closed_cycle_with_nothing_graded_still_renders(write_repo: RepoWriter) -> None:
    empty = Q3.split("    key_results:")[0] + "    key_results: []\n"
    repo = write_repo({
        "okrs/org.yaml": ORG_WITH_Q3, "okrs/2026/company.yaml": COMPANY,
        "okrs/2026-q3/ops.yaml": empty,
    })  # fmt: skip
    text = _text(_page(repo, "2026-q3/index.md"))
    assert "No key result to grade in 2026-q3 : its objectives have none of their own." in text
    assert "<meter" not in text and "mean grade" not in text
