"""How OKRs are worded: activities, not outcomes (W203), copies (W204), thin why-now (W213)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from accord.findings import Location
from accord.model import KeyResult, Model, Objective
from accord.rules import whynow
from accord.rules.activity import Judgement, judge_key_result, judge_objective
from accord.rules.common import live_objectives, named, overlap, words
from accord.rules.registry import Hit, rule


@rule("W203")
def activity_not_outcome(model: Model, as_of: date) -> Iterator[Hit]:
    """A key result or objective that reads as an activity (a task done), not an outcome."""
    threshold = model.org.settings.activity_threshold
    for objective in live_objectives(model):
        judgement = judge_objective(objective.title)
        if judgement.score >= threshold:
            yield Hit(objective, _task_objective_message(objective, judgement, threshold))
        for kr in objective.key_results:
            judgement = judge_key_result(kr.title, kr.start, kr.target, kr.unit)
            if judgement.score >= threshold:
                yield Hit(kr, _activity_message(kr, judgement, threshold))


def _activity_message(kr: KeyResult, judgement: Judgement, threshold: float) -> str:
    return (
        f"key result {named(kr)} reads as an activity, not an outcome ({judgement.because()}; "
        f"activity score {judgement.score:g}, threshold {threshold:g}): say what the activity "
        "should change for a customer or the business and measure that, and keep the task in "
        "your plan"
    )


def _task_objective_message(objective: Objective, judgement: Judgement, threshold: float) -> str:
    return (
        f"objective {named(objective)} reads as a task, not an outcome ({judgement.because()}; "
        f"activity score {judgement.score:g}, threshold {threshold:g}): say what will be "
        "different for customers or the business once it is done and make that the objective; "
        "the task belongs in the plan, its effect in the key results"
    )


@rule("W204")
def copied_objective(model: Model, as_of: date) -> Iterator[Hit]:
    """Near-identical objectives in different teams: copied down, not translated."""
    threshold = model.org.settings.copy_similarity
    cycles = model.org.cycles
    objectives = list(live_objectives(model))
    tokens = {o.key: set(words(o.title)) for o in objectives}
    index: dict[str, list[Objective]] = defaultdict(list)
    for objective in objectives:
        for word in tokens[objective.key]:
            index[word].append(objective)
    for a in objectives:
        candidates = {b.key: b for word in tokens[a.key] for b in index[word] if b.key > a.key}
        for b in candidates.values():
            if a.team == b.team or not overlap(cycles[a.cycle], cycles[b.cycle]):
                continue
            if _similarity(a, b, tokens) >= threshold:
                copy, original = _copy_and_original(a, b, model)
                yield Hit(copy, _copy_message(model, copy, original))


def _copy_message(model: Model, copy: Objective, original: Objective) -> str:
    teams = model.org.teams
    mine, theirs = teams[copy.team].name, teams[original.team].name
    fix = (
        f"say what {mine} will change to move it"
        if original.key in copy.supports
        else f"translate it into what {mine} will change, or support '{original.id}' instead"
    )
    return (
        f"objective {named(copy)} of {mine} is near-identical to "
        f"{named(original, copy.cycle)} of {theirs} ({original.where}): it copies the "
        f"priority rather than translating it; {fix}"
    )


def _similarity(a: Objective, b: Objective, tokens: dict[str, set[str]]) -> float:
    """The share of content words the two normalised titles have in common (Jaccard).

    Word sets, not characters: "Same-day surgery for every patient who can go home" and
    "Same-day emergency care for every patient ..." are 87% alike letter by letter, yet
    they are two services' own outcomes, not a copy.
    """
    left, right = tokens[a.key], tokens[b.key]
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _copy_and_original(a: Objective, b: Objective, model: Model) -> tuple[Objective, Objective]:
    """The copy supports the other, or sits in a shorter cycle, or lower in the team tree."""

    def rank(o: Objective, other: Objective) -> tuple[bool, int, int, Location]:
        cycle = model.org.cycles[o.cycle]
        return (
            other.key in o.supports,
            -(cycle.end - cycle.start).days,
            model.org.depth(o.team),
            o.where,
        )

    return (a, b) if rank(a, b) > rank(b, a) else (b, a)


@rule("W213")
def thin_why_now(model: Model, as_of: date) -> Iterator[Hit]:
    """A standalone objective (no supports) whose why-now does not say why now."""
    minimum = model.org.settings.min_why_now_words
    for objective in live_objectives(model):
        if objective.supports:
            continue
        problems = whynow.read(objective.why_now, objective.title).problems(minimum)
        if problems:
            yield Hit(
                objective,
                f"objective {named(objective)} supports no higher priority and its why_now "
                f"does not say why now: {'; '.join(problems)}. Say what happened or is about "
                "to happen that makes it matter now (a number, a date, an event, a customer), "
                "what it serves, and what you would trade for it, or link it with supports",
                objective.at.get("why_now"),
            )
