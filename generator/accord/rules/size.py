"""Too much at once: too many objectives (W201), key results (W202), owned key results (W206)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from accord.model import Model
from accord.rules.common import current_cycles, named
from accord.rules.registry import Hit, rule


@rule("W201")
def too_many_objectives(model: Model, as_of: date) -> Iterator[Hit]:
    """Too many objectives for one team in a cycle: nothing is a priority when everything is."""
    limit = model.org.settings.max_objectives_per_team
    for plan in model.plans:
        live = [key for key in plan.objectives if model.objectives[key].live]
        if len(live) > limit:
            team = model.org.teams[plan.team].name
            yield Hit(
                plan,
                f"{team} has {len(live)} objectives in {plan.cycle} (the limit is {limit}): "
                "pick the few that matter most now and move the rest to stop_doing or a later "
                "cycle",
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
