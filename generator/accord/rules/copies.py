"""Copies (W204): an objective or key result that repeats another team's, not translated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from accord.model.location import Location
from accord.model.okrs import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named, overlap
from accord.rules.registry import Hit, rule
from accord.rules.text import Rarity, concepts, spelled

# A title shares this many of its concepts with thousands of others ("customer", "time") in a
# large organisation; pairs are looked up only through a title's rarer concepts.
INDEXED_CONCEPTS = 4


@dataclass(frozen=True)
class Titled:
    """An objective or key result to compare, with the objective that places it."""

    node: Objective | KeyResult
    objective: Objective
    concepts: frozenset[str]

    @property
    def key(self) -> str:
        """The node's key."""
        return self.node.key


@rule("W204")
def copied_objective(model: Model, as_of: date) -> Iterator[Hit]:
    """Near-identical objectives or key results in different teams: copied, not translated."""
    objectives = list(live_objectives(model))
    heads = [_titled(o, o) for o in objectives]
    results = {kr.key: _titled(kr, o) for o in objectives for kr in o.key_results}
    rarity = Rarity(item.concepts for item in (*heads, *results.values()))
    for a, b, score in _similar_pairs(model, heads, rarity):
        copy, original = _copy_and_original(a, b, model)
        yield Hit(copy.node, _copy_message(model, copy, original, score))
    for copy, original, score in _copied_results(model, results, rarity):
        yield Hit(copy.node, _copy_message(model, copy, original, score))


def similarity(a: frozenset[str], b: frozenset[str], rarity: Rarity) -> float:
    """How alike two titles are (0 to 1): the mean of weighted containment and Jaccard.

    Containment, measured against the lighter title, keeps a copy that adds a qualifier
    ("... for the enterprise segment") close to its original; Jaccard falls the more the copy
    adds. Both weigh a concept by how rare it is in the organisation, so common words count
    for less. (Only titles of which one contains the other are copies at all: "Same-day
    surgery" and "Same-day emergency care" for "every patient who can go home" each keep a
    word of their own.)
    """
    return (rarity.containment(a, b) + rarity.jaccard(a, b)) / 2


def _alike(a: Titled, b: Titled, rarity: Rarity, threshold: float) -> float | None:
    """The pair's similarity when one title contains the other and it reaches `threshold`."""
    if not (a.concepts <= b.concepts or b.concepts <= a.concepts):
        return None
    score = similarity(a.concepts, b.concepts, rarity)
    return score if score >= threshold else None


def _titled(node: Objective | KeyResult, objective: Objective) -> Titled:
    return Titled(node, objective, frozenset(concepts(node.title)))


def _similar_pairs(
    model: Model, items: Sequence[Titled], rarity: Rarity
) -> Iterator[tuple[Titled, Titled, float]]:
    """Pairs of different teams, in overlapping cycles, one title saying everything the other
    says (a copy adds words, it does not replace any), at or above `copy_similarity`."""
    threshold = model.org.settings.copy_similarity
    cycles = model.org.cycles
    index: dict[str, list[Titled]] = defaultdict(list)
    for item in items:
        for concept in _rarest(item, rarity):
            index[concept].append(item)
    for a in items:
        candidates = {b.key: b for c in _rarest(a, rarity) for b in index[c] if b.key > a.key}
        for b in sorted(candidates.values(), key=lambda item: item.key):
            if a.objective.team == b.objective.team or a.objective.key == b.objective.key:
                continue
            if not overlap(cycles[a.objective.cycle], cycles[b.objective.cycle]):
                continue
            score = _alike(a, b, rarity, threshold)
            if score is not None:
                yield a, b, score


def _rarest(item: Titled, rarity: Rarity) -> list[str]:
    """The title's rarest concepts: two near-identical titles share at least one of them."""
    ranked = sorted(item.concepts, key=lambda c: (-rarity.weight(c), c))
    return ranked[:INDEXED_CONCEPTS]


def _copied_results(
    model: Model, results: dict[str, Titled], rarity: Rarity
) -> Iterator[tuple[Titled, Titled, float]]:
    """Key results that copy, in the same cycle and with the same start, target and unit, a key
    result they serve: one they `support`, or one of the objective they (or their objective)
    support.

    Key results of unrelated teams that measure the same thing ("Net promoter score", "Lost-time
    injuries per million hours") each measure their own team; a key result with its own
    baseline and target (its slice of the number) has translated the number; and a quarter's
    key result may carry the year's measure towards the year's target."""
    threshold = model.org.settings.copy_similarity
    for copy in results.values():
        for original in _served_results(model, copy, results):
            if not _same_numbers(copy.node, original.node):
                continue
            score = _alike(copy, original, rarity, threshold)
            if score is not None:
                yield copy, original, score


def _served_results(model: Model, copy: Titled, results: dict[str, Titled]) -> Iterator[Titled]:
    """Live key results of other teams in the same cycle that `copy` serves directly."""
    served: dict[str, None] = {}
    for key in (*copy.node.supports, *copy.objective.supports):
        target = model.objectives.get(key)
        served.update(dict.fromkeys(kr.key for kr in target.key_results) if target else {key: None})
    for key in served:
        original = results.get(key)
        if original is None or original.objective.team == copy.objective.team:
            continue
        if original.objective.cycle == copy.objective.cycle:
            yield original


def _same_numbers(a: Objective | KeyResult, b: Objective | KeyResult) -> bool:
    assert isinstance(a, KeyResult) and isinstance(b, KeyResult)
    return (a.start, a.target, a.unit) == (b.start, b.target, b.unit)


def _length(model: Model, cycle: str) -> int:
    found = model.org.cycles[cycle]
    return (found.end - found.start).days


def _copy_message(model: Model, copy: Titled, original: Titled, score: float) -> str:
    teams = model.org.teams
    mine, theirs = teams[copy.objective.team].name, teams[original.objective.team].name
    kind = "objective" if isinstance(copy.node, Objective) else "key result"
    shared = ", ".join(spelled(copy.node.title, copy.concepts & original.concepts))
    extra = spelled(copy.node.title, copy.concepts - original.concepts)
    adds = f"; it adds only {', '.join(extra)}" if extra else ""
    return (
        f"{kind} {named(copy.node)} of {mine} is near-identical to "
        f"{named(original.node, copy.objective.cycle)} of {theirs} ({original.node.where}): "
        f"{round(score * 100)}% alike, sharing {shared}{adds}: it copies the "
        f"{'priority' if kind == 'objective' else 'measure'} rather than translating it; "
        f"{_fix(copy, original, mine)}"
    )


def _fix(copy: Titled, original: Titled, mine: str) -> str:
    ref = original.node.key.split("/", 1)[1]
    if _supports(copy, original):
        return f"say what {mine} will change to move it"
    return f"translate it into what {mine} will change, or support '{ref}' instead"


def _supports(copy: Titled, original: Titled) -> bool:
    """The copy (or its objective) supports the original (or the original's objective)."""
    targets = {original.key, original.objective.key}
    return bool(targets & {*copy.node.supports, *copy.objective.supports})


def _copy_and_original(a: Titled, b: Titled, model: Model) -> tuple[Titled, Titled]:
    """The copy supports the other, or sits in a shorter cycle, or lower in the team tree."""

    def rank(item: Titled, other: Titled) -> tuple[bool, int, int, Location]:
        return (
            _supports(item, other),
            -_length(model, item.objective.cycle),
            model.org.depth(item.objective.team),
            item.node.where,
        )

    return (a, b) if rank(a, b) > rank(b, a) else (b, a)
