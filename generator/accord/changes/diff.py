"""One comparison between two states of the OKRs, said in words, tracked by id.

`compare(old, new)` is what `accord diff` shows for a pull request and what history folds
along the git log: objectives and key results added, removed, moved between teams or
cycles, renamed, re-owned, re-targeted, re-linked; dependencies, stop-doing lists, accepted
warnings and check-ins. A check-in appended after the existing ones is kind "check-in"; one
changed, removed or inserted before others is "check-in changed", "check-in removed" or
"check-in inserted". Pure: no IO.

Nothing that differs passes unsaid: after the comparisons in words, `described` compares
every remaining field of the two values (any field a dataclass gains later included) and
says which changed, so whatever differs between two states is at least one `Change`.
Positions (`where`, `at`) are not data and are never compared.

People are named as each side's organisation names them (`owner Ben Okri -> Ada Lovelace`)
when the snapshots carry names (`snapshot(model)` does, for `accord diff`); history, which
folds team files alone, has none and says ids, which stay true as names change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from difflib import SequenceMatcher
from typing import Any

from accord.changes.fieldwise import data_fields, field_words, plain, same, sets, show
from accord.model.okrs import Checkin, KeyResult, Model, Objective, Plan

# Kinds of change to check-ins other than appending one: they rewrite a reading already made.
CHECKIN_EDITS = frozenset({"check-in changed", "check-in removed", "check-in inserted"})

# The fields each comparison below says in words (the rest are said by `described`).
_OBJECTIVE = frozenset(
    {"key", "id", "cycle", "team", "title", "owner", "decision_owner", "status",
     "dropped_reason", "why_now", "supports", "contributors", "tradeoffs", "depends_on"}
)  # fmt: skip
_KEY_RESULT = frozenset(
    {"key", "id", "title", "owner", "start", "target", "unit", "indicator", "supports",
     "contributors", "checkins"}
)  # fmt: skip
_PLAN = frozenset({"team", "cycle", "stop_doing"})


@dataclass(frozen=True)
class Change:
    """One change in words, about one objective, key result, team file, org.yaml entry or
    leader's statement."""

    key: str  # objective or key result key; `cycle/team` for a team file; see orgdiff.py
    subject: str  # "objective", "key result", "team", "org" or "statement"
    kind: str  # added, removed, moved, title, owner, target, supports, check-in, accept, ...
    text: str


@dataclass(frozen=True)
class Snapshot:
    """The state compared: objectives by key, and team files (plans) by `cycle/team`."""

    objectives: Mapping[str, Objective] = field(default_factory=dict)
    plans: Mapping[str, Plan] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)  # person id -> name, to say

    def who(self, person: str | None) -> str:
        """A person as this side names them (their id when it has no name for them)."""
        return self.people.get(person, person) if person else show(person)


def snapshot(model: Model | None) -> Snapshot:
    """The comparable state of a model (an empty one for None)."""
    if model is None:
        return Snapshot()
    plans = {f"{p.cycle}/{p.team}": p for p in model.plans}
    names = {pid: person.name for pid, person in model.org.people.items()}
    return Snapshot(dict(model.objectives), plans, names)


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every change from `old` to `new`, objectives in key order, moves as moves."""
    before, after = dict(old.objectives), dict(new.objectives)
    moved = _moves(before, after)
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None:
            changes.extend(_objective(a, b, (old, new)))
        elif b is not None and key in moved:
            changes.extend(_objective(before[moved[key]], b, (old, new)))
        elif b is not None:
            changes.append(Change(key, "objective", "added", f"objective added: {b.title}"))
        elif a is not None and key not in moved.values():
            changes.append(Change(key, "objective", "removed", f"objective removed: {a.title}"))
    for key in sorted(set(old.plans) | set(new.plans)):
        changes.extend(_plan(key, old.plans.get(key), new.plans.get(key)))
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


Sides = tuple[Snapshot, Snapshot]  # (old, new): who names the people on each side


def _objective(a: Objective, b: Objective, sides: Sides) -> Iterator[Change]:
    yield from described(b.key, "objective", a, b, _objective_words(a, b, sides), _OBJECTIVE,
                         elsewhere=frozenset({"key_results"}))  # fmt: skip
    yield from _key_results(a, b, sides)


def _people(
    a: object, b: object, sides: Sides, names: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    """`owner Ben Okri -> Ada Lovelace` for each of `names` (person fields) that changed."""
    old, new = sides
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            yield name, f"{name.replace('_', ' ')} {old.who(x)} -> {new.who(y)}"


def _objective_words(a: Objective, b: Objective, sides: Sides) -> Iterator[tuple[str, str]]:
    if a.cycle != b.cycle or a.team != b.team:
        source = a.team if a.cycle == b.cycle else f"{a.team} in {a.cycle}"
        target = b.team if a.cycle == b.cycle else f"{b.team} in {b.cycle}"
        yield "moved", f"moved from {source} to {target}"
    if a.title != b.title:
        yield "title", f"title {a.title} -> {b.title}"
    yield from _people(a, b, sides, ("owner", "decision_owner"))
    if a.status != b.status:
        yield "status", f"status {a.status} -> {b.status}"
    if b.status == "dropped" and a.status != "dropped" and b.dropped_reason:
        yield "status", f"dropped because: {b.dropped_reason}"
    elif a.dropped_reason != b.dropped_reason:
        reason = f"rewritten: {b.dropped_reason}" if b.dropped_reason else "removed"
        yield "dropped_reason", f"dropped reason {reason}"
    if a.why_now != b.why_now:
        yield "why_now", "why now rewritten"
    yield from (("supports", t) for t in sets("supports", a.supports, b.supports))
    yield from _contributors(a.contributors, b.contributors, sides)
    yield from (("tradeoffs", t) for t in sets("tradeoffs", a.tradeoffs, b.tradeoffs))
    deps_a = [f"{d.on}: {d.need}" for d in a.depends_on]
    deps_b = [f"{d.on}: {d.need}" for d in b.depends_on]
    yield from (("depends_on", t) for t in sets("depends on", deps_a, deps_b))


def _key_results(a: Objective, b: Objective, sides: Sides) -> Iterator[Change]:
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
            words = _key_result(x, y, sides)
            yield from described(key, "key result", x, y, words, _KEY_RESULT)


def _key_result(a: KeyResult, b: KeyResult, sides: Sides) -> Iterator[tuple[str, str]]:
    if a.title != b.title:
        yield "title", f"title {a.title} -> {b.title}"
    yield from _people(a, b, sides, ("owner",))
    for name in ("start", "target", "unit", "indicator"):
        old, new = getattr(a, name), getattr(b, name)
        if old != new:
            yield name, f"{name} {show(old)} -> {show(new)}"
    yield from (("supports", t) for t in sets("supports", a.supports, b.supports))
    yield from _contributors(a.contributors, b.contributors, sides)
    yield from _checkins(a.checkins, b.checkins)


def _contributors(
    a: tuple[str, ...], b: tuple[str, ...], sides: Sides
) -> Iterator[tuple[str, str]]:
    """Contributors (teams by id, people by name) added and removed, compared by id."""
    old, new = sides
    yield from (("contributors", f"contributors + {new.who(c)}") for c in b if c not in a)
    yield from (("contributors", f"contributors - {old.who(c)}") for c in a if c not in b)


def _checkins(old: tuple[Checkin, ...], new: tuple[Checkin, ...]) -> Iterator[tuple[str, str]]:
    """Check-ins appended after the existing ones ("check-in"), and any other edit: a reading
    changed, removed, or inserted before a later one (aligned as a diff of the two lists)."""
    before, after = [plain(c) for c in old], [plain(c) for c in new]
    if before == after:
        return
    matcher = SequenceMatcher(None, before, after, False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert" and i1 == len(old):
            yield from (("check-in", f"check-in {_checkin(c)}") for c in new[j1:j2])
            continue
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
        for x, y in pairs:
            yield "check-in changed", _rewritten(x, y)
        for x in old[i1 + len(pairs) : i2]:
            yield "check-in removed", f"check-in removed: {_checkin(x)}"
        for y in new[j1 + len(pairs) : j2]:
            yield "check-in inserted", f"check-in inserted: {_checkin(y)}"


def _rewritten(x: Checkin, y: Checkin) -> str:
    """`check-in 2026-10-14 changed: 3, low -> 9, high, no longer agreed`."""
    if x.date != y.date:
        return f"check-in {x.date} changed: {_checkin(x)} -> {_checkin(y)}"
    before, after = _reading(x), _reading(y)
    return f"check-in {x.date} changed" + (f": {before} -> {after}" if before != after else "")


def _checkin(c: Checkin) -> str:
    """`2026-10-14: 85, medium, no longer agreed (note)`."""
    return f"{c.date}: {_reading(c)}"


def _reading(c: Checkin) -> str:
    """`85, medium, no longer agreed (note)`."""
    parts = [show(c.value), c.confidence]
    if c.still_agreed is not None:
        parts.append("still agreed" if c.still_agreed else "no longer agreed")
    note = f" ({c.note})" if c.note else ""
    return f"{', '.join(parts)}{note}"


def _plan(key: str, old: Plan | None, new: Plan | None) -> Iterator[Change]:
    """A team file: its stop-doing list in words, then anything else it says (accepted
    warnings...). A file that is not there compares as one with nothing optional in it."""
    a = old or (_empty(new) if new else None)
    b = new or (_empty(old) if old else None)
    if a is None or b is None:
        return
    words = (("stop_doing", t) for t in sets("stop doing", a.stop_doing, b.stop_doing))
    yield from described(key, "team", a, b, words, _PLAN,
                         elsewhere=frozenset({"objectives", "file"}))  # fmt: skip


def _empty(like: Plan) -> Plan:
    """`like` with every field that has a default at its default (the file before it was)."""
    defaults = {f.name: _default(f) for f in fields(like) if _has_default(f)}
    return replace(like, **defaults)


def _has_default(f: Field[Any]) -> bool:
    return f.default is not MISSING or f.default_factory is not MISSING


def _default(f: Field[Any]) -> Any:
    if f.default is not MISSING:
        return f.default
    factory: Any = f.default_factory
    return factory()


def described(
    key: str,
    subject: str,
    a: object,
    b: object,
    words: Iterable[tuple[str, str]],
    said: frozenset[str],
    elsewhere: frozenset[str] = frozenset(),
) -> list[Change]:
    """The changes from `a` to `b` (two values of one dataclass): `words` (kind, text) for the
    fields in `said`, then every other field that differs (`accept` in words, any other by
    name), then, if all that said nothing though the values differ, the fields that differ.
    `elsewhere` names fields compared on their own (an objective's key results)."""
    changes = [Change(key, subject, kind, text) for kind, text in words]
    names = [name for name in data_fields(a) if name not in elsewhere]
    equal: dict[str, bool] = {}
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if name not in said and not (equal.setdefault(name, same(x, y))):
            changes.extend(Change(key, subject, kind, t) for kind, t in field_words(name, x, y))
    if not changes:
        differ = [
            name.replace("_", " ")
            for name in names
            if not (equal[name] if name in equal else same(getattr(a, name), getattr(b, name)))
        ]
        if differ:
            changes.append(Change(key, subject, "other", f"{', '.join(differ)} changed"))
    return changes
