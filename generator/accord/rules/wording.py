"""How OKRs are worded: activities, not outcomes (W203), thin why-now (W213)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.rules import whynow
from accord.rules.activity import Judgement, judge_key_result, judge_objective
from accord.rules.common import live_objectives, named
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
