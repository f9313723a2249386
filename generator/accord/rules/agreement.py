"""Whether people agree: unsettled priorities (W205), unanswered dependencies (W210),
and leaders naming different top priorities (W212)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from accord.model import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named, overlap
from accord.rules.registry import Hit, rule
from accord.rules.statements import compare_statements


@rule("W205")
def supports_unsettled_priority(model: Model, as_of: date) -> Iterator[Hit]:
    """Planning against a priority that is still a draft, or was dropped."""
    for objective in live_objectives(model):
        nodes: list[Objective | KeyResult] = [objective, *objective.key_results]
        for node in nodes:
            for key in node.supports:
                target = model.objectives.get(key.split(".", 1)[0])
                if target is not None and target.status in ("draft", "dropped"):
                    yield Hit(
                        node,
                        f"{named(node)} supports {named(target, objective.cycle)}, which is "
                        f"{target.status}: plan against a settled priority, or settle that one "
                        "first",
                    )


@rule("W210")
def unanswered_dependency(model: Model, as_of: date) -> Iterator[Hit]:
    """A dependency on a team that has nothing in its OKRs answering it."""
    cycles = model.org.cycles
    for objective in live_objectives(model):
        asked = {objective.key, *(kr.key for kr in objective.key_results)}
        for dep in objective.depends_on:
            if dep.team is None or dep.target is not None:
                continue
            answers = [
                o
                for o in live_objectives(model)
                if o.team == dep.team
                and overlap(cycles[o.cycle], cycles[objective.cycle])
                and asked & {*o.supports, *(s for kr in o.key_results for s in kr.supports)}
            ]
            if not answers:
                team = model.org.teams[dep.team]
                lead = model.org.people.get(team.lead)
                yield Hit(
                    objective,
                    f'{named(objective)} depends on {team.name} for "{dep.need}", but '
                    f"{team.name} has no objective or key result that supports it: ask "
                    f"{lead.name if lead else team.lead} to take it on in the OKRs of {team.name}, "
                    "or point on: at the objective that already covers it",
                    dep.where,
                )


@rule("W212")
def leaders_disagree(model: Model, as_of: date) -> Iterator[Hit]:
    """Leaders' independent statements name different top priorities."""
    for agreement in compare_statements(model):
        count = len(agreement.statements)
        if count < 2 or agreement.agreeing * 2 >= count:
            continue
        tops = "; ".join(
            f"{top.person}: {', '.join(top.objectives) or 'nothing matched'}"
            for top in agreement.tops
        )
        yield Hit(
            agreement.statements[0],
            f"leaders disagree on {agreement.cycle}'s top priority: at most "
            f"{agreement.agreeing} of {count} statements put the same objective first ({tops}): "
            "put the statements side by side and agree on one before teams plan",
        )
