"""The site's navigation: tabs for home, cycles, teams, people, health, history, help.

Material renders a page's whole section of the navigation into it, so a section of 300
teams would be written 300 times: the build would grow with the square of the organisation.
Sections of more than 25 entries are therefore grouped (team pages by the function they
belong to, people by the first letter of their name), and a section of more than 100 is left
to its index page, which then lists every entry under the same groups (`grouped`). Each page's
navigation then stays under about 130 entries, whatever the size of the organisation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from accord.model.okrs import Model
from accord.render import paths
from accord.render.views import current_cycle

GROUP_FROM = 25  # a section with more entries than this is split into groups
NAV_UP_TO = 100  # a section with more entries than this is left to its index page
HELP = {
    "How we agree OKRs here": "agreeing.md",
    "How to read this site": "about.md",
    "Rules": "rules.md",
    "okrs.json": "okrs-json.md",
}


def navigation(model: Model, as_of: date, chosen: str | None, docs_dir: str) -> list[Any]:
    """The navigation: current cycle first, then the others newest first."""
    org = model.org
    current = current_cycle(model, as_of, chosen)
    cycles = sorted(org.cycles.values(), key=lambda c: (c.id != current, -c.start.toordinal()))
    function = function_of(model)
    nav: list[Any] = [{"Home": paths.HOME}]
    for cycle in cycles:
        plans = [p for p in model.plans if p.cycle == cycle.id]
        entries = [
            (function(p.team), org.teams[p.team].name, paths.plan_uri(p.cycle, p.team))
            for p in plans
        ]
        nav.append({cycle.id: [paths.cycle_uri(cycle.id), *_section(entries)]})
    teams = [(function(t.id), t.name, paths.team_uri(t.id)) for t in org.teams.values()]
    nav.append({"Teams": [paths.TEAMS, *_section(teams)]})
    people = [(initial(p.name), p.name, paths.person_uri(p.id)) for p in org.people.values()]
    nav.append({"People": [paths.PEOPLE, *_section(people)]})
    nav += [{"Health": paths.HEALTH}, {"History": paths.HISTORY}]
    agreements = sorted({s.cycle for s in model.statements})
    if agreements:
        nav.append({"Agreement": [{c: paths.agreement_uri(c)} for c in agreements]})
    present = [
        {t: page} for t, page in HELP.items() if docs_dir and (Path(docs_dir) / page).exists()
    ]
    if present:
        nav.append({"Help": present})
    return nav


Entry = tuple[str, str, str]  # (group, title, uri)


def grouped(
    entries: Iterable[Entry], limit: int = GROUP_FROM
) -> list[tuple[str | None, list[Entry]]]:
    """Entries sorted by title (numbers by value: 'Team 2' before 'Team 10'); in groups sorted
    by name when there are more than `limit`."""
    ordered = sorted(entries, key=lambda e: (natural(e[1]), e[2]))
    if len(ordered) <= limit:
        return [(None, ordered)]
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(ordered, key=lambda e: e[0].lower()):
        groups.setdefault(entry[0], []).append(entry)
    return list(groups.items())


def natural(text: str) -> list[tuple[int, str]]:
    """A sort key that orders the numbers in `text` by value and the rest case-blind.

    Only ASCII digits count as a number ('²' is a digit to `str.isdigit` but not to `int`),
    and a number is compared by length then digits, so a name with thousands of digits
    needs no int()."""
    key = []
    for index, part in enumerate(re.split(r"([0-9]+)", text)):
        if index % 2:  # the split's odd parts are the runs of digits
            digits = part.lstrip("0") or "0"
            key.append((len(digits), digits))
        else:
            key.append((-1, part.lower()))
    return key


def _section(entries: Iterable[Entry]) -> list[Any]:
    """A section's navigation entries: none past NAV_UP_TO (its index page lists them)."""
    entries = list(entries)
    if len(entries) > NAV_UP_TO:
        return []
    nav: list[Any] = []
    for group, items in grouped(entries):
        links = [{title(name): uri} for _, name, uri in items]
        nav += links if group is None else [{title(group): links}]
    return nav


def initial(name: str) -> str:
    """The letter a person is listed under."""
    return name[:1].upper()


def function_of(model: Model) -> Callable[[str], str]:
    """The function a team belongs to: its ancestor just below the root (a root is its own)."""
    teams = model.org.teams

    def function(team_id: str) -> str:
        current, seen = team_id, set()
        while teams[current].parent in teams and teams[current].parent not in seen:
            parent = teams[current].parent
            assert parent is not None
            if teams[parent].parent is None:
                return teams[current].name
            seen.add(current)
            current = parent
        return teams[current].name

    return function


def title(text: str) -> str:
    """A navigation title: one line."""
    return " ".join(text.split())
