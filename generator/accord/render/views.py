"""What pages show beyond the model itself: links from a page, who depends on whom,
what supports what, and where each finding belongs on the site."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from accord.findings import Finding
from accord.model import Dependency, KeyResult, Model, Objective
from accord.render import paths
from accord.render.escape import Safe, external, link, md


@dataclass(frozen=True)
class Linker:
    """Links from one page to the others, with escaped text."""

    model: Model
    page: str

    def to(self, uri: str, text: object, anchor: str = "") -> Safe:
        """A link to another page of the site."""
        return link(text, paths.relative(self.page, uri, anchor))

    def person(self, pid: str) -> Safe:
        """A person by name, linking to their page."""
        person = self.model.org.people.get(pid)
        return self.to(paths.person_uri(pid), person.name) if person else Safe(md(pid))

    def team(self, tid: str, text: object | None = None) -> Safe:
        """A team by name (or `text`), linking to its overview."""
        team = self.model.org.teams.get(tid)
        if team is None:
            return Safe(md(tid))
        return self.to(paths.team_uri(tid), text if text is not None else team.name)

    def who(self, name: str) -> Safe:
        """A contributor: a team or a person."""
        return self.team(name) if name in self.model.org.teams else self.person(name)

    def plan(self, cycle: str, tid: str, text: object | None = None) -> Safe:
        """A team's page for a cycle."""
        name = text if text is not None else self.model.org.teams[tid].name
        return self.to(paths.plan_uri(cycle, tid), name)

    def cycle(self, cid: str) -> Safe:
        """A cycle's page."""
        return self.to(paths.cycle_uri(cid), cid)

    def node(self, key: str, text: object | None = None) -> Safe:
        """An objective or key result by title, linking to its page or section."""
        node = self.model.node(key)
        if node is None:
            return Safe(md(key))
        objective = self.model.objectives[key.split(".", 1)[0]]
        uri = paths.objective_uri(objective.key, objective.team)
        anchor = paths.kr_anchor(node.id) if isinstance(node, KeyResult) else ""
        return self.to(uri, text if text is not None else node.title, anchor)


def supporters(model: Model, key: str) -> list[Objective | KeyResult]:
    """Objectives and key results that name `key` (or one of its key results) in supports."""
    node = model.node(key)
    targets = {key} | (
        {kr.key for kr in node.key_results} if isinstance(node, Objective) else set()
    )
    found: list[Objective | KeyResult] = []
    for objective in model.objectives.values():
        nodes: list[Objective | KeyResult] = [objective, *objective.key_results]
        found.extend(n for n in nodes if targets & set(n.supports) and n.key not in targets)
    return found


@dataclass(frozen=True)
class Need:
    """A dependency seen from either side: who asks, what, and of whom."""

    asker: Objective
    dependency: Dependency


def needs_of_team(model: Model, team: str, cycle: str | None = None) -> list[Need]:
    """Dependencies other objectives declare on `team` or on one of its objectives."""
    return [
        Need(o, d)
        for o in model.objectives.values()
        for d in o.depends_on
        if d.team == team and o.team != team and (cycle is None or o.cycle == cycle)
    ]


def needs_of_objective(model: Model, objective: Objective) -> list[Need]:
    """Dependencies that name this objective or one of its key results."""
    keys = {objective.key, *(kr.key for kr in objective.key_results)}
    return [Need(o, d) for o in model.objectives.values() for d in o.depends_on if d.target in keys]


def current_cycle(model: Model, as_of: date, chosen: str | None = None) -> str | None:
    """The cycle the home page shows: `chosen`, else the shortest one running on `as_of`."""
    cycles = model.org.cycles
    if chosen in cycles:
        return chosen
    running = [c for c in cycles.values() if c.start <= as_of <= c.end]
    pool = running or sorted(cycles.values(), key=lambda c: c.end)[-1:]
    return min(pool, key=lambda c: (c.end - c.start, c.id)).id if pool else None


@dataclass
class Places:
    """Where each finding belongs on the site: the page (and anchor) of the object it names."""

    model: Model
    lines: dict[str, list[tuple[int, str, str]]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for o in self.model.objectives.values():
            uri = paths.objective_uri(o.key, o.team)
            self.lines[o.where.file].append((o.where.line, uri, ""))
            for kr in o.key_results:
                self.lines[o.where.file].append((kr.where.line, uri, paths.kr_anchor(kr.id)))
        for plan in self.model.plans:
            self.lines[plan.file].append((0, paths.plan_uri(plan.cycle, plan.team), ""))
        for person in self.model.org.people.values():
            self.lines[person.where.file].append(
                (person.where.line, paths.person_uri(person.id), "")
            )
        for statement in self.model.statements:
            self.lines[statement.file].append((0, paths.agreement_uri(statement.cycle), ""))
        for entries in self.lines.values():
            entries.sort()

    def of(self, finding: Finding) -> tuple[str, str]:
        """The page and anchor for a finding (the teams page for org-wide ones)."""
        entries = self.lines.get(finding.location.file, [])
        index = bisect.bisect_right(entries, (finding.location.line, "\uffff", "\uffff")) - 1
        if index < 0:
            return paths.TEAMS, ""
        _, uri, anchor = entries[index]
        return uri, anchor


def source_link(repository: str | None, file: str, line: int) -> Safe:
    """`file:line`, linked to that line in the repository when `repository` is set."""
    text = f"{file}:{line}"
    if not repository:
        return Safe(md(text))
    base = repository.rstrip("/")
    blob = "/-/blob/HEAD/" if "gitlab" in urlparse(base).netloc else "/blob/HEAD/"
    return external(text, f"{base}{blob}{file}#L{line}")


def by_rule(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by rule code, codes in order."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    return dict(sorted(groups.items()))
