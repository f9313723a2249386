"""Too much at once: too many objectives at once (W201), key results (W202), owned key results
(W206)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date

from accord.model.okrs import Model, Plan
from accord.rules.common import current_cycles, named
from accord.rules.registry import Hit, rule


@rule("W201")
def too_many_objectives(model: Model, as_of: date) -> Iterator[Hit]:
    """Too many objectives for one team at once: nothing is a priority when everything is."""
    live = _live_counts(model)
    for plan in model.plans:
        own = live[plan.team, plan.cycle]
        above = _enclosing_counts(model, plan, live)
        limit, level = _limit(model, plan.team)
        team = model.org.teams[plan.team].name
        if own > limit:
            yield Hit(
                plan,
                f"{team} has {own} objectives in {plan.cycle} ({level} is {limit}): pick the few "
                "that matter most now and move the rest to stop_doing or a later cycle",
            )
        elif own and sum(above.values()) <= limit < own + sum(above.values()):
            yield Hit(plan, _at_once_message(team, plan.cycle, own, above, limit, level))


def _live_counts(model: Model) -> Counter[tuple[str, str]]:
    """How many live objectives each team has in each cycle."""
    return Counter((o.team, o.cycle) for o in model.objectives.values() if o.live)


def _enclosing_counts(model: Model, plan: Plan, live: Counter[tuple[str, str]]) -> dict[str, int]:
    """The team's live objectives in the cycles that enclose the plan's (a quarter's year),
    which are live at the same time as the plan's own."""
    chain = model.org.enclosing(plan.cycle)[1:]
    return {cycle: live[plan.team, cycle] for cycle in chain if live[plan.team, cycle]}


def _limit(model: Model, team: str) -> tuple[int, str]:
    """The limit for the team, and how to name it: the company level (a root of the team
    tree) is held to its own, smaller number."""
    settings = model.org.settings
    if model.org.depth(team) == 0 and len(model.org.teams) > 1:
        return settings.max_objectives_per_company, "the limit for the company level"
    return settings.max_objectives_per_team, "the limit"


def _at_once_message(
    team: str, cycle: str, own: int, above: dict[str, int], limit: int, level: str
) -> str:
    """A plan within the limit by itself that the enclosing cycles' objectives push over."""
    more = " and ".join(f"{count} in {name}" for name, count in above.items())
    total = own + sum(above.values())
    return (
        f"{team} has {own} objectives in {cycle} and {more}, all live at once: {total} ("
        f"{level} is {limit}): finish or drop some of the longer cycle's objectives, or plan "
        f"fewer for {cycle}, so the team has few enough bets to say no to the rest"
    )


@rule("W202")
def too_many_key_results(model: Model, as_of: date) -> Iterator[Hit]:
    """Too many key results on one objective: evidence diluted into a checklist."""
    limit = model.org.settings.max_key_results_per_objective
    for objective in model.objectives.values():
        count = len(objective.key_results)
        if objective.live and count > limit:
            yield Hit(
                objective,
                f"objective {named(objective)} has {count} key results (the limit is {limit}): "
                "keep the ones that best show the outcome moved",
            )


@rule("W206")
def owner_spread_thin(model: Model, as_of: date) -> Iterator[Hit]:
    """A person owning more key results than anyone can drive at once."""
    limit = model.org.settings.max_key_results_per_owner
    current = current_cycles(model, as_of)
    owned: dict[str, list[str]] = defaultdict(list)
    for objective in model.objectives.values():
        if objective.live and objective.cycle in current:
            for kr in objective.key_results:
                owned[kr.owner].append(kr.key)
    for person_id, keys in sorted(owned.items()):
        if len(keys) > limit and person_id in model.org.people:
            person = model.org.people[person_id]
            cycles = " and ".join(sorted({k.split("/", 1)[0] for k in keys}))
            listed = ", ".join(keys[:8]) + (", ..." if len(keys) > 8 else "")
            yield Hit(
                person,
                f"{person.name} ({person_id}) owns {len(keys)} key results in {cycles} (the "
                f"limit is {limit}): {listed}; hand some to the people doing the work, or drop "
                "the least important",
            )
