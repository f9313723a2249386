"""How cycles end and follow each other: a closed cycle nobody looked back on (W219), an
objective carried over again and again (W220), a score the check-ins do not support (W221),
and an objective with no key results that nothing supports either (W222)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective, Plan
from accord.rules.common import named, pct
from accord.rules.registry import Hit, rule

LISTED = 3  # refs named in a message before "and N more"


@rule("W219")
def closed_without_looking_back(model: Model, as_of: date) -> Iterator[Hit]:
    """A closed cycle a team left ungraded: key results unscored, or no retrospective.

    Reported once `score_within_days` have passed since the cycle's end."""
    grace = model.org.settings.score_within_days
    for plan in model.plans:
        cycle = model.org.cycles[plan.cycle]
        if cycle.status(as_of) != "closed" or (as_of - cycle.end).days <= grace:
            continue
        committed = [
            model.objectives[key]
            for key in plan.objectives
            if model.objectives[key].status in ("active", "done")
        ]
        krs = [kr for objective in committed for kr in objective.key_results]
        unscored = [kr for kr in krs if kr.score is None]
        silent = [o for o in committed if not o.retrospective]
        if unscored or silent:
            yield Hit(
                plan,
                _unlooked_message(
                    model, plan, (as_of - cycle.end).days, krs, unscored, committed, silent
                ),
            )


def _unlooked_message(
    model: Model,
    plan: Plan,
    days: int,
    krs: Sequence[KeyResult],
    unscored: Sequence[KeyResult],
    committed: Sequence[Objective],
    silent: Sequence[Objective],
) -> str:
    """What is left, counted and named, and the commands that record it."""
    team = model.org.teams[plan.team].name
    end = model.org.cycles[plan.cycle].end
    left, fix = [], []
    if unscored:
        left.append(
            f"{_of(unscored, krs, 'key result')} no score "
            f"({_listed(kr.key.split('/', 1)[1] for kr in unscored)})"
        )
        fix.append(
            f"grade them (`accord close {plan.cycle} --team {plan.team} --write` records the "
            "computed progress, `accord score REF --score S` the owner's grade)"
        )
    if silent:
        left.append(
            f"{_of(silent, committed, 'objective')} no retrospective "
            f"({_listed(o.id for o in silent)})"
        )
        fix.append("say what was learned (`accord score REF --retrospective TEXT`)")
    return (
        f"{plan.cycle} closed on {end} ({days} days ago) and {team} has not looked back on it: "
        f"{' and '.join(left)}: {' and '.join(fix)}, so the next cycle is planned on what this "
        "one showed"
    )


def _of(part: Sequence[object], whole: Sequence[object], noun: str) -> str:
    """'2 of its 4 key results have', '1 of its 2 objectives has', 'its only key result has'."""
    if len(whole) == 1:
        return f"its only {noun} has"
    verb = "has" if len(part) == 1 else "have"
    return f"{len(part)} of its {len(whole)} {noun}s {verb}"


def _listed(ids: Iterator[str] | Sequence[str]) -> str:
    """'a', 'b', 'c' and 2 more."""
    names = [f"'{i}'" for i in ids]
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return ", ".join(names[:LISTED]) + more


@rule("W220")
def carried_again(model: Model, as_of: date) -> Iterator[Hit]:
    """An objective carried over unfinished cycle after cycle: postponed, not decided.

    Reported when it has moved on more often than `max_carry_overs` allows."""
    limit = model.org.settings.max_carry_overs
    for objective in model.objectives.values():
        if not objective.live or model.org.cycles[objective.cycle].status(as_of) == "closed":
            continue
        chain = carry_chain(model, objective)
        if len(chain) - 1 > limit:
            yield Hit(
                objective, _carried_message(objective, chain), objective.at.get("carried_from")
            )


def carry_chain(model: Model, objective: Objective) -> list[Objective]:
    """The objective and, along `carried_from`, each earlier one it continues, latest first."""
    chain, seen = [objective], {objective.key}
    while (
        earlier := model.objectives.get(chain[-1].carried_from or "")
    ) and earlier.key not in seen:
        chain.append(earlier)
        seen.add(earlier.key)
    return chain


def _carried_message(objective: Objective, chain: Sequence[Objective]) -> str:
    """The cycles it ran in, oldest first, and the decision to take."""
    runs = ", then ".join(f"{o.key.split('/', 1)[0]} as '{o.id}'" for o in reversed(chain[1:]))
    return (
        f"{named(objective)} is carried over for the {_nth(len(chain))} cycle in a row (it ran "
        f"in {runs}): an objective that moves on unfinished every cycle is not being decided; "
        "commit what it takes to finish it this cycle, cut it to what the team will really do, "
        "or drop it with a reason"
    )


def _nth(n: int) -> str:
    """3 -> 'third'."""
    words = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
    return words.get(n, f"{n}th")


@rule("W221")
def score_without_record(model: Model, as_of: date) -> Iterator[Hit]:
    """A score far from the progress the check-ins show: a grade the record does not support.

    Far is more than `score_gap`, against the progress at the cycle's end."""
    gap = model.org.settings.score_gap
    for objective in model.objectives.values():
        if objective.status == "dropped":
            continue
        end = model.org.cycles[objective.cycle].end
        for kr in objective.key_results:
            if kr.score is None:
                continue
            shown = kr.progress_by(end)
            if abs(kr.score - shown) - gap > 1e-9:  # 1.0 against 0.7 is 30 points, not more
                yield Hit(kr, _score_message(kr, shown, end, gap), kr.at.get("score"))


def _score_message(kr: KeyResult, shown: float, end: date, gap: float) -> str:
    """The grade, what the check-ins show, and how to bring them together."""
    checkins = [c for c in kr.checkins if c.date <= end]
    if checkins:
        last = checkins[-1]
        record = f"its check-ins show {pct(shown)} (the last, on {last.date}, at {last.value:g})"
    else:
        record = f"no check-in records any progress (it stands at its start, {kr.start:g})"
    return (
        f"key result {named(kr)} is scored {kr.score:g} but {record}, more than "
        f"{round(gap * 100)} points apart: a grade the record does not support; check in the "
        "value that earned it, or correct the score, or say in the objective's retrospective "
        "why the record misses it"
    )


@rule("W222")
def nothing_measures(model: Model, as_of: date) -> Iterator[Hit]:
    """An objective with no key results that nothing supports: nothing measures it."""
    for objective in model.objectives.values():
        if not objective.live or objective.key_results:
            continue
        supporters = [model.objectives[k] for k in model.supporters.get(objective.key, ())]
        if not any(s.live for s in supporters):
            yield Hit(
                objective,
                f"{named(objective)} has no key results and no live objective supports it, "
                "so nothing shows whether it is happening: give it key results, or have the "
                "objectives that serve it name it in supports",
                objective.at.get("key_results"),
            )
