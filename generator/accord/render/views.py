"""What pages show beyond the model itself: links from a page, who depends on whom,
what supports what, and where each finding belongs on the site."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from accord.model.findings import Finding
from accord.model.forge import Forge
from accord.model.okrs import Dependency, KeyResult, Model, Objective, Plan
from accord.render import paths
from accord.render.markup import Markup, escape, external, link


@dataclass(frozen=True)
class Linker:
    """Links from one page to the others, with escaped text."""

    model: Model
    page: str
    directory_urls: bool = True

    def to(self, uri: str, text: object, anchor: str = "") -> Markup:
        """A link to another page of the site."""
        return link(text, paths.relative(self.page, uri, anchor, self.directory_urls))

    def person(self, pid: str) -> Markup:
        """A person by name, linking to their page."""
        person = self.model.org.people.get(pid)
        return self.to(paths.person_uri(pid), person.name) if person else escape(pid)

    def team(self, tid: str, text: object | None = None) -> Markup:
        """A team by name (or `text`), linking to its overview."""
        team = self.model.org.teams.get(tid)
        if team is None:
            return escape(tid)
        return self.to(paths.team_uri(tid), text if text is not None else team.name)

    def who(self, name: str) -> Markup:
        """A contributor: a team or a person."""
        return self.team(name) if name in self.model.org.teams else self.person(name)

    def plan(self, cycle: str, tid: str, text: object | None = None) -> Markup:
        """A team's page for a cycle."""
        name = text if text is not None else self.model.org.teams[tid].name
        return self.to(paths.plan_uri(cycle, tid), name)

    def cycle(self, cid: str, text: str | None = None) -> Markup:
        """A cycle's page (named by its id, or `text`)."""
        return self.to(paths.cycle_uri(cid), text or cid)

    def node(self, key: str, text: object | None = None) -> Markup:
        """An objective or key result by title, linking to its page or section."""
        node = self.model.node(key)
        if node is None:
            return escape(key)
        objective = self.model.objectives[key.split(".", 1)[0]]
        uri = paths.objective_uri(objective.key, objective.team)
        anchor = paths.kr_anchor(node.id) if isinstance(node, KeyResult) else ""
        return self.to(uri, text if text is not None else node.title, anchor)


Node = Objective | KeyResult


@dataclass(frozen=True)
class Need:
    """A dependency seen from either side: who asks, what, and of whom."""

    asker: Objective
    dependency: Dependency


@dataclass
class Index:
    """What pages look up by id, built in one pass over the model (no page scans the model)."""

    supporters: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    needs_of_team: dict[str, list[Need]] = field(default_factory=lambda: defaultdict(list))
    needs_of_objective: dict[str, list[Need]] = field(default_factory=lambda: defaultdict(list))
    owns: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    decides: dict[str, list[Objective]] = field(default_factory=lambda: defaultdict(list))
    contributes: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    plans_of_team: dict[str, list[Plan]] = field(default_factory=lambda: defaultdict(list))
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    leads: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    member_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def build_index(model: Model) -> Index:
    """Every lookup the pages need, from one pass over teams, plans and objectives."""
    index = Index()
    for team in sorted(model.org.teams.values(), key=lambda t: t.id):
        if team.parent:
            index.children[team.parent].append(team.id)
        index.leads[team.lead].append(team.id)
        for member in team.members:
            index.member_of[member].append(team.id)
    for plan in model.plans:
        index.plans_of_team[plan.team].append(plan)
    for objective in model.objectives.values():
        _index_objective(index, objective)
    return index


def _index_objective(index: Index, objective: Objective) -> None:
    nodes: list[Node] = [objective, *objective.key_results]
    if objective.decision_owner:
        index.decides[objective.decision_owner].append(objective)
    for node in nodes:
        index.owns[node.owner].append(node)
        for name in node.contributors:
            index.contributes[name].append(node)
        targets = {key.split(".", 1)[0] for key in node.supports} - {objective.key}
        for target in sorted(targets):
            index.supporters[target].append(node)
    for dependency in objective.depends_on:
        need = Need(objective, dependency)
        if dependency.team and dependency.team != objective.team:
            index.needs_of_team[dependency.team].append(need)
        if dependency.target:
            index.needs_of_objective[dependency.target.split(".", 1)[0]].append(need)


def current_cycle(model: Model, as_of: date, chosen: str | None = None) -> str | None:
    """The cycle the home page shows: `chosen`, else the shortest one running on `as_of`."""
    cycles = model.org.cycles
    if chosen in cycles:
        return chosen
    running = [c for c in cycles.values() if c.start <= as_of <= c.end]
    pool = running or sorted(cycles.values(), key=lambda c: c.end)[-1:]
    return min(pool, key=lambda c: (c.end - c.start, c.id)).id if pool else None


@dataclass(frozen=True)
class Place:
    """A page (and anchor) where something is shown, and what to call the link to it."""

    uri: str
    anchor: str
    label: str


@dataclass
class Places:
    """Where each finding belongs on the site: the page (and anchor) of the object it names."""

    model: Model
    lines: dict[str, list[tuple[int, str, Place]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def __post_init__(self) -> None:
        model, add = self.model, self._add
        for o in model.objectives.values():
            uri = paths.objective_uri(o.key, o.team)
            add(o.where.file, o.where.line, Place(uri, "", o.title))
            for kr in o.key_results:
                add(o.where.file, kr.where.line, Place(uri, paths.kr_anchor(kr.id), kr.title))
        for plan in model.plans:
            label = f"{model.org.teams[plan.team].name}, {plan.cycle}"
            add(plan.file, 0, Place(paths.plan_uri(plan.cycle, plan.team), "", label))
        for person in model.org.people.values():
            add(
                person.where.file,
                person.where.line,
                Place(paths.person_uri(person.id), "", person.name),
            )
        for st in model.statements:
            label = f"Leaders' statements, {st.cycle}"
            add(st.file, 0, Place(paths.agreement_uri(st.cycle), "", label))
        for entries in self.lines.values():
            entries.sort(key=lambda entry: entry[:2])

    def _add(self, file: str, line: int, place: Place) -> None:
        self.lines[file].append((line, place.uri + "#" + place.anchor, place))

    def of(self, finding: Finding) -> Place:
        """The page for a finding: the last object that starts at or before its line."""
        entries = self.lines.get(finding.location.file, [])
        index = bisect.bisect_right(entries, (finding.location.line, "\uffff")) - 1
        return entries[index][2] if index >= 0 else Place(paths.TEAMS, "", "Teams")


def source_link(forge: Forge | None, file: str, line: int) -> Markup:
    """`file:line`, linked to that line in the repository when there is one to link."""
    text = f"{file}:{line}"
    return external(text, forge.blob(file, line) if forge else None)


def by_rule(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by rule code, codes in order."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.rule].append(finding)
    return dict(sorted(groups.items()))


# From this many findings of one rule on one team, the health page lists their objects on one
# line (the messages, alike but for their figures, one click away) instead of a paragraph each.
REPEATS = 3


@dataclass(frozen=True)
class TeamFindings:
    """One team's findings by rule; `team` None for the organisation as a whole (org.yaml,
    leaders' statements)."""

    team: str | None
    rules: dict[str, list[Finding]]

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.rules.values())


def team_of(model: Model, finding: Finding) -> str | None:
    """The team whose file the finding is in (`okrs/<cycle>/<team>.yaml`), else None."""
    parts = finding.location.file.split("/")
    if len(parts) == 3 and parts[0] == "okrs" and parts[2].endswith(".yaml"):
        team = parts[2].removesuffix(".yaml")
        return team if team in model.org.teams else None
    return None


def by_team(model: Model, findings: Iterable[Finding]) -> list[TeamFindings]:
    """Findings grouped by team, then by rule: the teams with most findings first, the
    organisation's own last."""
    teams: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        teams[team_of(model, finding)].append(finding)
    groups = [TeamFindings(team, by_rule(items)) for team, items in teams.items()]

    def order(group: TeamFindings) -> tuple[bool, int, str]:
        name = model.org.teams[group.team].name.lower() if group.team else ""
        return (group.team is None, -group.count, name)

    return sorted(groups, key=order)
