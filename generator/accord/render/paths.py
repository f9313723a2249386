"""The site's stable URLs, derived from ids, and relative links between pages.

A page is named by its source path, `<path>/index.md`, and served at `/<path>/`:
`/<cycle>/`, `/<cycle>/<team>/`, `/<cycle>/<team>/<objective>/`, `/teams/<team>/`,
`/people/<person>/`, `/health/`, `/agreement/<cycle>/`. Hand-written pages (`rules.md`) are
served the way mkdocs serves them (`/rules/`). Generated pages are HTML, which no engine
rewrites, so their links are the served URLs, relative to the page (`relative`). With
`directory_urls` off (mkdocs' `use_directory_urls: false`) a page is `<path>/index.html`.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

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


def url(uri: str, directory_urls: bool = True) -> str:
    """Where page `uri` (a docs-relative .md path) is served, relative to the site root, as
    mkdocs names it: `a/index.md` is `a/`, `rules.md` is `rules/`, `index.md` is `./`."""
    parent, name = posixpath.split(uri.removesuffix(".md"))
    if not directory_urls:
        return posixpath.join(parent, f"{name}.html")
    if name != "index":
        parent = posixpath.join(parent, name)
    return f"{parent or '.'}/"


def output(uri: str, directory_urls: bool = True) -> str:
    """The file page `uri` is written to, relative to the site root."""
    served = url(uri, directory_urls)
    return f"{served.removeprefix('./')}index.html" if served.endswith("/") else served


@lru_cache(maxsize=1 << 16)  # pages link the same pages: the company, teams, people
def relative(source: str, target: str, anchor: str = "", directory_urls: bool = True) -> str:
    """The link from page `source` to page `target` (both docs-relative .md paths): the
    served URL, relative, as mkdocs would rewrite a Markdown link to `target`."""
    here, there = url(source, directory_urls), url(target, directory_urls)
    if not here.endswith("/"):
        here = posixpath.dirname(here)
    base, dest = _parts(here), _parts(there)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    path = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    path += "/" if there.endswith("/") else ""
    return f"{path}#{anchor}" if anchor else path


def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path)[1:]
    return normal.split("/") if normal else []
