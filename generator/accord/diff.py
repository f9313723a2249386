"""One comparison between two states of the OKRs, said in words, tracked by id.

`compare(old, new)` is what `accord diff` shows for a pull request and what history folds
along the git log: objectives and key results added, removed, moved between teams or
cycles, renamed, re-owned, re-targeted, re-linked; dependencies, stop-doing and check-ins
added or removed. Pure: no IO.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from accord.model import Checkin, KeyResult, Model, Objective


@dataclass(frozen=True)
class Change:
    """One change in words, about one objective, key result or team file."""

    key: str  # objective or key result key; `cycle/team` for a team's stop-doing list
    subject: str  # "objective", "key result" or "team"
    kind: str  # added, removed, moved, title, owner, target, supports, check-in, ...
    text: str


@dataclass(frozen=True)
class Snapshot:
    """The state compared: objectives by key, and stop-doing lists by `cycle/team`."""

    objectives: Mapping[str, Objective] = field(default_factory=dict)
    stop_doing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def snapshot(model: Model | None) -> Snapshot:
    """The comparable state of a model (an empty one for None)."""
    if model is None:
        return Snapshot()
    stop = {f"{p.cycle}/{p.team}": p.stop_doing for p in model.plans}
    return Snapshot(dict(model.objectives), stop)


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every change from `old` to `new`, objectives in key order, moves as moves."""
    before, after = dict(old.objectives), dict(new.objectives)
    moved = _moves(before, after)
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None:
            changes.extend(_objective(a, b))
        elif b is not None and key in moved:
            changes.extend(_objective(before[moved[key]], b))
        elif b is not None:
            changes.append(Change(key, "objective", "added", f"objective added: {b.title}"))
        elif a is not None and key not in moved.values():
            changes.append(Change(key, "objective", "removed", f"objective removed: {a.title}"))
    changes.extend(_stop_doing(old.stop_doing, new.stop_doing))
    return changes


def moved_keys(old: Snapshot, new: Snapshot) -> dict[str, str]:
    """New key -> old key of every objective that moved between cycles (its id kept)."""
    return _moves(dict(old.objectives), dict(new.objectives))


def _moves(before: dict[str, Objective], after: dict[str, Objective]) -> dict[str, str]:
    """New key -> old key for objectives whose id left one cycle and arrived in another."""
    gone = {o.id: k for k, o in before.items() if k not in after}
    came = [(k, o.id) for k, o in after.items() if k not in before]
    ids = Counter(i for _, i in came)
    return {k: gone[i] for k, i in came if i in gone and ids[i] == 1}


def _objective(a: Objective, b: Objective) -> Iterator[Change]:
    def say(kind: str, text: str) -> Change:
        return Change(b.key, "objective", kind, text)

    if a.cycle != b.cycle or a.team != b.team:
        source = a.team if a.cycle == b.cycle else f"{a.team} in {a.cycle}"
        target = b.team if a.cycle == b.cycle else f"{b.team} in {b.cycle}"
        yield say("moved", f"moved from {source} to {target}")
    for name in ("title", "owner", "decision_owner", "status"):
        old, new = getattr(a, name), getattr(b, name)
        if old != new:
            yield say(name, f"{name.replace('_', ' ')} {show(old)} -> {show(new)}")
    if b.status == "dropped" and a.status != "dropped" and b.dropped_reason:
        yield say("status", f"dropped because: {b.dropped_reason}")
    if a.why_now != b.why_now:
        yield say("why_now", "why now rewritten")
    for name in ("supports", "contributors", "tradeoffs"):
        yield from (say(name, t) for t in _sets(name, getattr(a, name), getattr(b, name)))
    deps_a = [f"{d.on}: {d.need}" for d in a.depends_on]
    deps_b = [f"{d.on}: {d.need}" for d in b.depends_on]
    yield from (say("depends_on", t) for t in _sets("depends on", deps_a, deps_b))
    yield from _key_results(a, b)


def _key_results(a: Objective, b: Objective) -> Iterator[Change]:
    old = {kr.id: kr for kr in a.key_results}
    new = {kr.id: kr for kr in b.key_results}
    for kr_id in [*old, *(i for i in new if i not in old)]:
        x, y = old.get(kr_id), new.get(kr_id)
        key = f"{b.key}.{kr_id}"
        if x is None and y is not None:
            yield Change(key, "key result", "added", f"key result added: {y.title}")
        elif y is None and x is not None:
            yield Change(key, "key result", "removed", f"key result removed: {x.title}")
        elif x is not None and y is not None:
            yield from (Change(key, "key result", kind, t) for kind, t in _key_result(x, y))


def _key_result(a: KeyResult, b: KeyResult) -> Iterator[tuple[str, str]]:
    for name in ("title", "owner", "start", "target", "unit", "indicator"):
        old, new = getattr(a, name), getattr(b, name)
        if old != new:
            yield name, f"{name} {show(old)} -> {show(new)}"
    for name in ("supports", "contributors"):
        yield from ((name, t) for t in _sets(name, getattr(a, name), getattr(b, name)))
    before, after = Counter(map(_checkin, a.checkins)), Counter(map(_checkin, b.checkins))
    for text in sorted((after - before).elements()):
        yield "check-in", f"check-in {text}"
    for text in sorted((before - after).elements()):
        yield "check-in", f"check-in removed: {text}"


def _checkin(c: Checkin) -> str:
    """`2026-10-14: 85, medium, no longer agreed (note)`."""
    parts = [show(c.value), c.confidence]
    if c.still_agreed is not None:
        parts.append("still agreed" if c.still_agreed else "no longer agreed")
    note = f" ({c.note})" if c.note else ""
    return f"{c.date}: {', '.join(parts)}{note}"


def _stop_doing(
    old: Mapping[str, tuple[str, ...]], new: Mapping[str, tuple[str, ...]]
) -> Iterator[Change]:
    for key in sorted(set(old) | set(new)):
        for text in _sets("stop doing", old.get(key, ()), new.get(key, ())):
            yield Change(key, "team", "stop_doing", text)


def _sets(name: str, old: Iterable[str], new: Iterable[str]) -> list[str]:
    """`name + item` for items added, `name - item` for items removed, in their order."""
    before, after = list(old), list(new)
    added = [f"{name} + {item}" for item in after if item not in before]
    return added + [f"{name} - {item}" for item in before if item not in after]


def show(value: object) -> str:
    """Numbers without a needless '.0'; nothing as 'none'."""
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
