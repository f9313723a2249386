"""Who must agree to a change: the base model's people, and those the proposal adds (the
rule: review.py).

Every ask the base model gives stays; the head model's asks of people the base does not
already ask for that change are added (`_head`), marked "(as proposed)". Asking more people
never lowers the bar: agreement needs every reviewer, so an ask the proposal adds can only
make it wait longer, never pass sooner. A person the base knows keeps the name and handle
the base gives them whatever the head says; only someone the base does not know is shown as
the head has them (`Reviewer.at_base` False), and never replaces anyone the base asks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from accord.changes.diff import CHECKIN_EDITS, Change
from accord.model.okrs import KeyResult, Model, Objective
from accord.model.organisation import Org

# A check-in appended after the existing ones reports progress on what is agreed; every
# other kind of change, including kinds added later, asks someone (a new kind is routed
# until it is listed here on purpose). Changing, removing or inserting a check-in rewrites a
# reading already made: its key result's base owner agrees (`diff.CHECKIN_EDITS`).
UNROUTED = frozenset({"check-in"})

Ask = tuple[str, str]  # (person id, why)


@dataclass(frozen=True)
class Reviewer:
    """Someone whose agreement the change needs, and why (as the base branch knows them, or,
    for someone only the proposal names, as it has them: `at_base` False)."""

    person: str
    name: str
    github: str | None
    why: tuple[str, ...]
    at_base: bool = True


def reviewers(
    base: Model | None, new: Model, changes: Iterable[Change], moved: Mapping[str, str]
) -> Iterator[Reviewer]:
    """Everyone the changes ask, with the reasons; names and handles as they are at base (as
    the head has them for someone the base does not know)."""
    if base is None:
        return
    reasons: dict[str, list[str]] = {}
    for change in changes:
        if change.kind in UNROUTED:
            continue
        said = list(_asks(base, new, change, moved))
        asked = {who for who, _ in said}
        proposed = [(who, f"{why} (as proposed)") for who, why in _head(new, change)
                    if who not in asked]  # fmt: skip
        for who, why in [*said, *proposed]:
            if why not in reasons.setdefault(who, []):
                reasons[who].append(why)
    for person_id, all_why in sorted(reasons.items()):
        known = base.org.people.get(person_id)
        added = new.org.people.get(person_id)
        if known is not None:
            yield Reviewer(person_id, known.name, known.github, tuple(all_why))
        elif added is not None:
            yield Reviewer(person_id, added.name, added.github, tuple(all_why), at_base=False)


def _head(new: Model, change: Change) -> Iterator[Ask]:
    """The same rule read in the head model: who holds the item, its links and its teams as
    the proposal has them (a new owner, a new lead, the owner of a priority newly supported)."""
    if change.subject in ("org", "statement", "team"):
        yield from _asks(new, new, change, {})
        return
    node = new.node(change.key)
    if node is None:
        return
    if change.kind in CHECKIN_EDITS:
        if isinstance(node, KeyResult):
            yield node.owner, f"they own the key result '{node.title}': {change.text}"
        return
    if change.kind != "added":
        yield from _guardians(new, node, change.kind)
    elif isinstance(node, KeyResult):
        yield node.owner, f"they own the new key result '{node.title}'"
        yield from _guardians(new, new.objectives[node.objective_key], change.kind)
    else:
        yield node.owner, f"they own the new objective '{node.title}'"
        if not node.supports:
            why = f"'{node.title}' is a new objective that supports nothing above it"
            yield from _leads(new.org, [node.team], why)
    yield from _links(new, new, node)
    if change.kind == "moved" and isinstance(node, Objective):
        yield from _leads(new.org, [node.team], f"'{node.title}' moves into their team")


def _asks(base: Model, new: Model, change: Change, moved: Mapping[str, str]) -> Iterator[Ask]:
    if change.subject == "org":
        yield from _org_asks(base.org, new.org, change)
    elif change.subject == "statement":
        person = change.key.rsplit("/", 1)[1]
        if person in base.org.people:
            yield person, f"{change.text}: it is their own statement ({change.key})"
        else:
            yield from _roots(base.org, f"{change.text} for {person}, not yet in the organisation")
    elif change.subject == "team":
        yield from _leads(base.org, [change.key.split("/", 1)[1]], f"{change.text} ({change.key})")
    else:
        yield from _node_asks(base, new, change, moved)


def _node_asks(base: Model, new: Model, change: Change, moved: Mapping[str, str]) -> Iterator[Ask]:
    """The base guardians of the changed objective or key result, and of what it links to."""
    objective_key, _, kr_id = change.key.partition(".")
    old_key = moved.get(objective_key, objective_key) + (f".{kr_id}" if kr_id else "")
    before, after = base.node(old_key), new.node(change.key)
    if change.kind in CHECKIN_EDITS and isinstance(before, KeyResult):
        yield before.owner, f"they own the key result '{before.title}': {change.text}"
        return
    if before is not None:
        yield from _guardians(base, before, change.kind)
        yield from _links(base, base, before)
    if after is not None:
        yield from _links(base, new, after)
    if change.kind == "moved" and isinstance(after, Objective):
        yield from _leads(base.org, [after.team], f"'{after.title}' moves into their team")
        if isinstance(before, Objective) and before.team != after.team:
            yield from _leads(base.org, [before.team], f"'{after.title}' leaves their team")
    if before is None and isinstance(after, KeyResult):
        parent = base.objectives.get(moved.get(objective_key, objective_key))
        if parent is not None:
            yield from _guardians(base, parent, change.kind)
    elif before is None and isinstance(after, Objective) and not after.supports:
        why = f"'{after.title}' is a new objective that supports nothing above it"
        yield from _leads(base.org, [after.team], why)


def _guardians(base: Model, node: Objective | KeyResult, kind: str) -> Iterator[Ask]:
    """Who holds an item as it is at base: its owner, its objective's, a root's team lead."""
    if isinstance(node, KeyResult):
        yield node.owner, f"they own the key result '{node.title}', which changes"
        node = base.objectives[node.objective_key]
    yield node.owner, f"they own '{node.title}', which changes"
    if kind == "decision_owner" and node.decision_owner:
        yield node.decision_owner, f"they make the decisions on '{node.title}'"
    if not node.supports:
        why = f"'{node.title}' supports nothing above it, so its team's lead agrees"
        yield from _leads(base.org, [node.team], why)


def _links(base: Model, model: Model, node: Objective | KeyResult) -> Iterator[Ask]:
    """The base owners of what `node` (of `model`) and its objective support, depend on and
    share."""
    objective = node if isinstance(node, Objective) else model.objectives[node.objective_key]
    items: list[Objective | KeyResult] = (
        [node, objective] if isinstance(node, KeyResult) else [node, *node.key_results]
    )
    for item in items:
        for key in item.supports:
            target = base.node(key)
            if target is not None:
                yield target.owner, f"'{item.title}' supports '{target.title}', which they own"
    for dep in objective.depends_on:
        target = base.node(dep.target) if dep.target else None
        if target is not None:
            yield target.owner, f"'{objective.title}' depends on '{target.title}', which they own"
        elif dep.team is not None and dep.team in base.org.teams:
            team = base.org.teams[dep.team]
            why = f"'{objective.title}' depends on {team.name}, which they lead: {dep.need}"
            yield team.lead, why
    if isinstance(node, KeyResult):
        for name in node.contributors:
            lead = base.org.teams[name].lead if name in base.org.teams else name
            yield lead, f"they contribute to the shared key result '{node.title}'"


def _org_asks(base: Org, new: Org, change: Change) -> Iterator[Ask]:
    """org.yaml: the leads, at base, of the teams the entry touches; else the root's lead."""
    kind, _, entry = change.key.partition("/")
    what = f"org.yaml {change.text}"
    teams: list[str] = []
    if kind == "teams":
        teams = [entry, *(o.teams[entry].parent or "" for o in (base, new) if entry in o.teams)]
    elif kind == "people":
        if entry in base.people:
            yield entry, f"{what}: it is their own entry"
        teams = [t for o in (base, new) for t in _teams_of(o, entry)]
    found = [t for t in dict.fromkeys(teams) if t in base.teams]
    if found:
        yield from _leads(base, found, what)
    else:
        yield from _roots(base, what)


def _teams_of(org: Org, person: str) -> Iterator[str]:
    """The teams a person leads or belongs to, and the parents of the teams they lead."""
    for team in org.teams.values():
        if person == team.lead:
            yield team.id
            yield team.parent or ""
        elif person in team.members:
            yield team.id


def _leads(org: Org, teams: Iterable[str], why: str) -> Iterator[Ask]:
    """The base lead of each team (the root team's lead for one the base does not know)."""
    for team_id in teams:
        team = org.teams.get(team_id)
        if team is None:
            yield from _roots(org, why)
        else:
            yield team.lead, f"{why}: they lead {team.name}"


def _roots(org: Org, why: str) -> Iterator[Ask]:
    """The leads of the base team tree's roots (the organisation as a whole)."""
    for team in org.teams.values():
        if team.parent is None or team.parent not in org.teams:
            yield team.lead, f"{why}: they lead {team.name}, the root team"
