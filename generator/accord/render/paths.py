"""The site's stable URLs, derived from ids, and relative links between pages.

Every page is `<path>/index.md`, so mkdocs serves it at `/<path>/`:
`/<cycle>/`, `/<cycle>/<team>/`, `/<cycle>/<team>/<objective>/`, `/teams/<team>/`,
`/people/<person>/`, `/health/`, `/agreement/<cycle>/`.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
HEALTH = "health/index.md"
TEAMS = "teams/index.md"
PEOPLE = "people/index.md"
AGREEMENT = "agreement/index.md"
HISTORY = "history/index.md"


def cycle_uri(cycle: str) -> str:
    """A cycle's page."""
    return f"{cycle}/index.md"


def plan_uri(cycle: str, team: str) -> str:
    """A team's page for one cycle."""
    return f"{cycle}/{team}/index.md"


def objective_uri(key: str, team: str) -> str:
    """An objective's page, from its key (`cycle/objective`) and its team."""
    cycle, objective = key.split("/", 1)
    return f"{cycle}/{team}/{objective.split('.', 1)[0]}/index.md"


def team_uri(team: str) -> str:
    """A team's overview across cycles."""
    return f"teams/{team}/index.md"


def person_uri(person: str) -> str:
    """A person's page."""
    return f"people/{person}/index.md"


def history_week_uri(week: str) -> str:
    """One week of a long history: `history/2026-w47/` (weeks as ISO 8601 numbers them)."""
    return f"history/{week}/index.md"


def agreement_uri(cycle: str) -> str:
    """The leaders' statements of a cycle, side by side."""
    return f"agreement/{cycle}/index.md"


def kr_anchor(kr_id: str) -> str:
    """The anchor of a key result's section on its objective page."""
    return f"kr-{kr_id}"


def relative(source: str, target: str, anchor: str = "") -> str:
    """The link from page `source` to page `target` (both docs-relative .md paths)."""
    path = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return f"{path}#{anchor}" if anchor else path
