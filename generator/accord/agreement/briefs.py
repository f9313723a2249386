"""What a reviewer agrees to: every objective a change adds, edits, moves or removes, in full.

The changes in words say what differs; a brief says what is then agreed, so that nobody has
to open a file to approve: the objective's team, owner and decision owner by name (with
their GitHub handle), why now, what it supports (by title and owner, with where that item
is at base so the comment can link it), and each key result with its start, target, unit,
indicator and owner. Decisions:

- An objective gets a brief when any change but an appended check-in (which asks no one)
  touches it or one of its key results: one retitled or re-targeted is shown whole, since
  what is agreed is the whole objective as it will be.
- Added, changed and moved objectives are shown as the proposal has them; a removed one as
  the base had it (what stops being agreed).
- People are named as the side shown names them; a supported item is described from the
  base when it is there (that is what the link shows), else from the proposal (`file` None:
  it is new here and has no page to link yet).

Pure: no IO; the report turns briefs into text, Markdown and JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from accord.agreement.routing import UNROUTED
from accord.changes.diff import Change
from accord.model.okrs import KeyResult, Model, Objective


@dataclass(frozen=True)
class Someone:
    """A person as a brief names them."""

    id: str
    name: str
    github: str | None


@dataclass(frozen=True)
class Supported:
    """An objective or key result something supports, with where it is at base."""

    key: str
    title: str
    owner: Someone | None
    file: str | None = None  # None: not at base (new in the proposal, or unknown)
    line: int | None = None


@dataclass(frozen=True)
class KeyResultBrief:
    """A key result as it is agreed."""

    key: str
    title: str
    owner: Someone
    start: float
    target: float
    unit: str | None
    indicator: str | None
    contributors: tuple[str, ...]  # teams by name, people by name
    supports: tuple[Supported, ...]


@dataclass(frozen=True)
class Brief:
    """One objective as a reviewer agrees to it (`state`: added, changed, moved, removed)."""

    key: str
    state: str
    title: str
    cycle: str
    team: str
    team_name: str
    status: str
    owner: Someone
    decision_owner: Someone | None
    why_now: str
    supports: tuple[Supported, ...]
    key_results: tuple[KeyResultBrief, ...]
    file: str
    line: int
    moved_from: str | None = None  # `team` or `team in cycle`, for a moved objective


def briefs(
    before: Model | None, after: Model, changes: Iterable[Change], moved: dict[str, str]
) -> tuple[Brief, ...]:
    """A brief for each objective the changes touch, in the order the changes name them."""
    touched: dict[str, set[str]] = {}
    for change in changes:
        if change.subject in ("objective", "key result") and change.kind not in UNROUTED:
            kinds = touched.setdefault(change.key.partition(".")[0], set())
            kinds.add(change.kind if change.subject == "objective" else "changed")
    out = []
    for key, kinds in touched.items():
        if key in after.objectives:
            objective = after.objectives[key]
            old = before.objectives.get(moved.get(key, key)) if before else None
            state = "added" if "added" in kinds else "moved" if "moved" in kinds else "changed"
            out.append(_brief(after, before, objective, state, old))
        elif before is not None and key in before.objectives:
            out.append(_brief(before, before, before.objectives[key], "removed", None))
    return tuple(out)


def _brief(
    side: Model, base: Model | None, o: Objective, state: str, old: Objective | None
) -> Brief:
    team = side.org.teams.get(o.team)
    moved_from = None
    if state == "moved" and old is not None:
        moved_from = old.team if old.cycle == o.cycle else f"{old.team} in {old.cycle}"
    decision = _someone(side, o.decision_owner) if o.decision_owner else None
    return Brief(
        o.key, state, o.title, o.cycle, o.team, team.name if team else o.team, o.status,
        _someone(side, o.owner), decision, o.why_now, _supported(side, base, o.supports),
        tuple(_key_result(side, base, kr) for kr in o.key_results),
        o.where.file, o.where.line, moved_from,
    )  # fmt: skip


def _key_result(side: Model, base: Model | None, kr: KeyResult) -> KeyResultBrief:
    contributors = tuple(_named(side, c) for c in kr.contributors)
    return KeyResultBrief(
        kr.key, kr.title, _someone(side, kr.owner), kr.start, kr.target, kr.unit,
        kr.indicator, contributors, _supported(side, base, kr.supports),
    )  # fmt: skip


def _supported(side: Model, base: Model | None, keys: tuple[str, ...]) -> tuple[Supported, ...]:
    """Each supported item as the base has it (linkable), else as the side shown has it."""
    out = []
    for key in keys:
        at_base = base.node(key) if base else None
        model, node = (base, at_base) if base and at_base else (side, side.node(key))
        if node is None:
            out.append(Supported(key, key, None))
            continue
        where = node.where if at_base is not None else None
        out.append(
            Supported(key, node.title, _someone(model, node.owner),
                      where.file if where else None, where.line if where else None)
        )  # fmt: skip
    return tuple(out)


def _someone(model: Model, person: str) -> Someone:
    known = model.org.people.get(person)
    if known is None:
        return Someone(person, person, None)
    return Someone(person, known.name, known.github)


def _named(model: Model, who: str) -> str:
    """A contributor (a team or a person) by name."""
    if who in model.org.teams:
        return model.org.teams[who].name
    known = model.org.people.get(who)
    return known.name if known else who
