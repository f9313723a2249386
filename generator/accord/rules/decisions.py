"""Decision rights (W214): a cross-team objective with nobody to make the call, or an owner
that is not one person.

Several teams working on one objective will collide over trade-offs; without a named
`decision_owner` the collision goes to whoever shouts loudest, or upwards. What counts is
sides, not teams: the teams under one lead on the objective are one side, since the team tree
already says who decides for them. A company objective owned by the chief executive has one
side however many teams support it; one owned by the head of Sales has a side for every
other function on it.
Objectives of closed cycles are not judged: their collisions are over. And an objective or
key result "owned" by a committee, a pair or a department has no one person who answers for
it: the person entry in `org.yaml` reads as a group.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named
from accord.rules.registry import Hit, rule

# Words that make a name a group, not a person: "Steering committee", "Leadership team".
GROUP_WORDS = frozenset(
    "team teams committee committees board boards council councils leadership group groups "
    "department departments dept office panel squad squads forum steering management "
    "taskforce task-force executive executives execs directors managers leads founders "
    "partners everyone everybody all staff unit division function functions chapter guild "
    "tribe crew crews slt elt smt".split()
)
# Names of functions: a person entry named only with these ("Ops", "Finance") is a department.
FUNCTION_WORDS = frozenset(
    "ops operations finance hr people marketing sales engineering product design legal it "
    "security data support service services commercial clinical nursing digital procurement "
    "admin administration strategy".split()
)
JOINERS = ("&", "/", "+", " and ", " or ")


def group_name(name: str) -> str | None:
    """What makes a name read as a group ('committee', 'and', '/'), or None for a person."""
    lower = f" {name.lower()} "
    joiner = next((j.strip() for j in JOINERS if j in lower), None)
    if joiner:
        return f"'{joiner}' joins several names"
    tokens = re.findall(r"[a-z][a-z-]*", lower)
    word = next((t for t in tokens if t in GROUP_WORDS), None)
    if word:
        return f"'{word}' names a group"
    if tokens and all(t in FUNCTION_WORDS or t in {"the", "of"} for t in tokens):
        return "it is the name of a function"
    return None


@rule("W214")
def decision_rights(model: Model, as_of: date) -> Iterator[Hit]:
    """A cross-team objective with no decision owner, or an owner that reads as a group."""
    threshold = model.org.settings.decision_owner_teams
    supporters = _supporting_teams(model)
    closed = {c.id for c in model.org.cycles.values() if c.status(as_of) == "closed"}
    for objective in live_objectives(model):
        if objective.cycle in closed:
            continue
        teams = _teams_on(model, objective, supporters)
        parties = _parties(model, objective, teams)
        if objective.decision_owner is None and parties >= threshold:
            yield Hit(objective, _no_decision_owner(model, objective, teams, parties, threshold))
        yield from _group_owners(model, objective)


def _teams_on(
    model: Model, objective: Objective, supporters: dict[str, dict[str, str]]
) -> dict[str, str]:
    """Each team on the objective, with how: its own team, a contributor, or a supporter."""
    teams = {objective.team: "its team"}
    named_by = [(objective, c) for c in objective.contributors] + [
        (kr, c) for kr in objective.key_results for c in kr.contributors
    ]
    for node, name in named_by:
        team = _team_of(model, name)
        if team and team not in teams:
            where = "" if node is objective else f" on '{node.id}'"
            teams[team] = f"contributor '{name}'{where}"
    for key in [objective.key, *(kr.key for kr in objective.key_results)]:
        for team, how in supporters.get(key, {}).items():
            teams.setdefault(team, how)
    return teams


def _team_of(model: Model, name: str) -> str | None:
    """A contributor's team: a team id, or the team a person leads or belongs to (deepest)."""
    teams = model.org.teams
    if name in teams:
        return name
    homes = [t.id for t in teams.values() if name == t.lead or name in t.members]
    return max(homes, key=lambda t: (model.org.depth(t), t)) if homes else None


def _parties(model: Model, objective: Objective, teams: dict[str, str]) -> int:
    """How many sides can collide: teams whose leads answer to nobody else on the objective.

    Teams in or under a team the owner leads, or under the objective's own team below the
    company level, are the owner's side. Any other team is folded into a team above it that is
    also on the objective (Field Operations into Operations). The company team itself is not a
    side: every team sits under it, and holding an objective in its file decides nothing."""
    home = {t.id for t in model.org.teams.values() if t.lead == objective.owner}
    own = model.org.teams.get(objective.team)
    if own is not None and own.parent is not None:
        home.add(objective.team)
    roots = {t.id for t in model.org.teams.values() if t.parent is None}
    outside = {t for t in teams if not home & _self_and_above(model, t)} - roots
    tops = [t for t in outside if not (_self_and_above(model, t) - {t}) & outside]
    mine = any(home & _self_and_above(model, t) for t in teams)
    return len(tops) + mine


def _self_and_above(model: Model, team: str) -> set[str]:
    """A team and every team above it in the tree."""
    chain: set[str] = set()
    current: str | None = team
    while current is not None and current in model.org.teams and current not in chain:
        chain.add(current)
        current = model.org.teams[current].parent
    return chain


def _supporting_teams(model: Model) -> dict[str, dict[str, str]]:
    """For each objective or key result, the teams whose live work directly supports it."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for objective in live_objectives(model):
        nodes: list[Objective | KeyResult] = [objective, *objective.key_results]
        for node in nodes:
            for parent in node.supports:
                found[parent].setdefault(objective.team, f"supports it with '{node.id}'")
    return found


def _no_decision_owner(
    model: Model, objective: Objective, teams: dict[str, str], parties: int, threshold: int
) -> str:
    names = "; ".join(f"{model.org.teams[t].name}: {how}" for t, how in teams.items())
    count = (
        f"{len(teams)} teams"
        if parties == len(teams)
        else f"{len(teams)} teams, {parties} sides once teams under one lead count as one"
    )
    return (
        f"objective {named(objective)} is worked on by {count} ({names}; "
        f"decision_owner_teams is {threshold}) and names no decision_owner: when their "
        "trade-offs collide nobody is named to make the call; add decision_owner, one person "
        "who decides"
    )


def _group_owners(model: Model, objective: Objective) -> Iterator[Hit]:
    """An owner or decision owner of the objective, or an owner of its key results, that is
    not one person."""
    roles: list[tuple[Objective | KeyResult, str, str | None]] = [
        (objective, "owner", objective.owner),
        (objective, "decision_owner", objective.decision_owner),
        *((kr, "owner", kr.owner) for kr in objective.key_results),
    ]
    for node, role, person_id in roles:
        person = model.org.people.get(person_id or "")
        why = group_name(person.name) if person else None
        if person and why:
            kind = "objective" if isinstance(node, Objective) else "key result"
            yield Hit(
                node,
                f"{kind} {named(node)} has {role} '{person.id}' ({person.name}, "
                f"{person.where.file}:{person.where.line}), which reads as a group, not one "
                f"person ({why}): name the one person who answers for it, and list the others "
                "as contributors",
                node.at.get(role),
            )
