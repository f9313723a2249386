"""Plans, objectives, key results and statements as frozen dataclasses, the whole resolved
`Model`, and the values derived from it (progress, roll-ups, agreement chains).

No IO here: `resolve/plans.py` builds a `Model` from checked documents, and everything else
reads it. Objectives and key results are addressed by their key, `cycle/objective` or
`cycle/objective.kr`, which is also the canonical form of a ref.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from accord.model.location import Location
from accord.model.organisation import Org


@dataclass(frozen=True)
class Checkin:
    """One reading of a key result: value, confidence, and whether we still agree."""

    date: date
    value: float
    confidence: str
    where: Location
    still_agreed: bool | None = None
    note: str | None = None


@dataclass(frozen=True)
class Dependency:
    """What an objective needs from a team, or from one of its objectives or key results."""

    on: str
    need: str
    where: Location
    team: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class KeyResult:
    """Evidence of progress on an objective, owned by exactly one person."""

    key: str
    id: str
    title: str
    owner: str
    start: float
    target: float
    where: Location
    unit: str | None = None
    indicator: str | None = None
    contributors: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    checkins: tuple[Checkin, ...] = ()
    weight: float = 1.0  # how much it counts in its objective's progress
    score: float | None = None  # the owner's end-of-cycle grade, 0 to 1
    accept: Mapping[str, str] = field(default_factory=dict)
    at: Mapping[str, Location] = field(default_factory=dict, repr=False, compare=False)

    @property
    def objective_key(self) -> str:
        """The key of the objective this key result belongs to."""
        return self.key.rsplit(".", 1)[0]

    @property
    def current(self) -> float:
        """The latest check-in's value, or the start value before any check-in."""
        return self.checkins[-1].value if self.checkins else self.start

    def progress_by(self, day: date) -> float:
        """The progress from the check-ins dated up to `day` (a closed cycle's end)."""
        return replace(self, checkins=tuple(c for c in self.checkins if c.date <= day)).progress

    @property
    def progress(self) -> float:
        """(current - start) / (target - start), clamped to 0..1; works for decreases."""
        if self.target == self.start:
            return 1.0 if self.current == self.target else 0.0
        return min(1.0, max(0.0, (self.current - self.start) / (self.target - self.start)))


@dataclass(frozen=True)
class Objective:
    """A team's strategic bet for a cycle, with its key results."""

    key: str
    id: str
    cycle: str
    team: str
    title: str
    owner: str
    why_now: str
    where: Location
    status: str = "active"
    supports: tuple[str, ...] = ()
    decision_owner: str | None = None
    contributors: tuple[str, ...] = ()
    tradeoffs: tuple[str, ...] = ()
    depends_on: tuple[Dependency, ...] = ()
    dropped_reason: str | None = None
    key_results: tuple[KeyResult, ...] = ()
    carried_from: str | None = None  # the key of the earlier cycle's objective it continues
    retrospective: str | None = None
    accept: Mapping[str, str] = field(default_factory=dict)
    at: Mapping[str, Location] = field(default_factory=dict, repr=False, compare=False)

    @property
    def live(self) -> bool:
        """Active or draft: work that is meant to happen (not done, not dropped)."""
        return self.status in ("active", "draft")

    @property
    def progress(self) -> float:
        """The key results' progress, each counted by its `weight` (0 when there are none)."""
        return _weighted([(kr.progress, kr.weight) for kr in self.key_results])

    def progress_by(self, day: date) -> float:
        """The same, from the check-ins dated up to `day` (a closed cycle's end)."""
        return _weighted([(kr.progress_by(day), kr.weight) for kr in self.key_results])


@dataclass(frozen=True)
class Plan:
    """One team file: a team's objectives and stop-doing list for one cycle."""

    team: str
    cycle: str
    file: str
    where: Location
    objectives: tuple[str, ...] = ()
    stop_doing: tuple[str, ...] = ()
    retrospective: str | None = None  # what the team learned from the cycle
    accept: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Priority:
    """One line of a leader's statement, and the objectives it corresponds to."""

    text: str
    where: Location
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A leader's independent statement of a cycle's top priorities."""

    person: str
    cycle: str
    file: str
    where: Location
    priorities: tuple[Priority, ...]
    trade_offs: tuple[str, ...] = ()
    stop_doing: tuple[str, ...] = ()
    success_looks_like: str | None = None
    accept: Mapping[str, str] = field(default_factory=dict)


OWN, ROLLED_UP, NOT_YET = "key results", "supporting objectives", "none"


def _weighted(values: list[tuple[float, float]]) -> float:
    """The weighted mean of (value, weight) pairs, 0 when they weigh nothing."""
    total = sum(weight for _, weight in values)
    return sum(value * weight for value, weight in values) / total if total else 0.0


def _checked_in(objective: Objective) -> bool:
    return any(kr.checkins for kr in objective.key_results)


@dataclass(frozen=True)
class Progress:
    """An objective's progress as pages show it: from its key results once one has a
    check-in (the weighted mean, key results without one at their start); before that, the
    mean of what the objectives supporting it show, rolled up by the same rule (a company
    bet measured at year end moves with the teams under it); else none yet."""

    value: float | None
    source: str  # OWN, ROLLED_UP or NOT_YET


@dataclass(frozen=True)
class Model:
    """The whole resolved organisation: org, team plans, objectives and statements."""

    org: Org
    plans: tuple[Plan, ...] = ()
    objectives: Mapping[str, Objective] = field(default_factory=dict)
    statements: tuple[Statement, ...] = ()

    @cached_property
    def key_results(self) -> dict[str, KeyResult]:
        """Every key result by key."""
        return {kr.key: kr for o in self.objectives.values() for kr in o.key_results}

    @cached_property
    def supporters(self) -> dict[str, tuple[str, ...]]:
        """Objective key -> the objectives that serve it directly: by their `supports` or a
        key result's, naming it or one of its key results."""
        found: dict[str, dict[str, None]] = {}
        for o in self.objectives.values():
            for ref in (*o.supports, *(r for kr in o.key_results for r in kr.supports)):
                target = ref if ref in self.objectives else ref.rsplit(".", 1)[0]
                if target != o.key:
                    found.setdefault(target, {})[o.key] = None
        return {key: tuple(keys) for key, keys in found.items()}

    @cached_property
    def _shown(self) -> dict[str, Progress]:
        """Every objective's `Progress`, supporters before what they support (iterative:
        a chain of supports may be thousands deep)."""
        shown: dict[str, Progress] = {}
        for root in self.objectives:
            stack, on_path = [(root, False)], set()
            while stack:
                key, ready = stack.pop()
                if ready:
                    on_path.discard(key)
                    shown[key] = self._progress(key, shown)
                elif key not in shown and key not in on_path:
                    on_path.add(key)
                    stack.append((key, True))
                    if not _checked_in(self.objectives[key]):
                        stack += [(s, False) for s in self.supporters.get(key, ())]
        return shown

    def progress_of(self, key: str) -> Progress:
        """The objective's progress as the site shows it (`Progress`)."""
        return self._shown[key]

    def _progress(self, key: str, shown: Mapping[str, Progress]) -> Progress:
        objective = self.objectives[key]
        if _checked_in(objective):
            return Progress(objective.progress, OWN)
        values = [
            progress.value
            for other in self.supporters.get(key, ())
            if self.objectives[other].status != "dropped"
            and (progress := shown.get(other)) is not None
            and progress.value is not None
        ]
        if values:
            return Progress(sum(values) / len(values), ROLLED_UP)
        return Progress(None, NOT_YET)

    def node(self, key: str) -> Objective | KeyResult | None:
        """The objective or key result a canonical key names."""
        if key in self.objectives:
            return self.objectives[key]
        objective = self.objectives.get(key.rsplit(".", 1)[0])
        if objective is None:
            return None
        return next((kr for kr in objective.key_results if kr.key == key), None)

    def parents(self, key: str) -> tuple[str, ...]:
        """What a node serves directly: its `supports`, and for a key result its objective."""
        node = self.node(key)
        if isinstance(node, KeyResult):
            return (*node.supports, node.objective_key)
        return node.supports if node is not None else ()


def agreement_chains(model: Model, key: str, limit: int = 64) -> list[tuple[str, ...]]:
    """Every path up `supports` from `key` to a root priority (at most `limit` paths).

    Depth first, parents in the order written, without recursion: a chain of thousands of
    objectives is walked like a short one."""
    chains: list[tuple[str, ...]] = []
    path, on_path = [key], {key}
    stack = [iter(_up(model, key, on_path))]
    while stack and len(chains) < limit:
        parent = next(stack[-1], None)
        if parent is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        path.append(parent)
        on_path.add(parent)
        above = _up(model, parent, on_path)
        if above:
            stack.append(iter(above))
        else:
            chains.append(tuple(path))
            on_path.discard(path.pop())
    return chains


def _up(model: Model, key: str, on_path: set[str]) -> list[str]:
    """The parents of `key` that exist and are not already on the path being walked."""
    return [p for p in model.parents(key) if p not in on_path and model.node(p)]
