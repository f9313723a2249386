"""Whether people agree: unsettled priorities (W205), unanswered dependencies (W210),
no trade-offs (W211), and leaders naming different top priorities (W212)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from accord.model import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named, overlap, pct, shorten
from accord.rules.registry import Hit, rule
from accord.rules.statements import Contradiction, PairAgreement, compare_statements


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


@rule("W211")
def no_trade_off(model: Model, as_of: date) -> Iterator[Hit]:
    """A team with objectives in a cycle and nothing it stops doing to make room."""
    for plan in model.plans:
        live = [key for key in plan.objectives if model.objectives[key].live]
        if live and not plan.stop_doing:
            team = model.org.teams[plan.team].name
            yield Hit(
                plan,
                f"{team} has {len(live)} objective{'s' if len(live) != 1 else ''} in "
                f"{plan.cycle} and no stop_doing: name what the team stops to make room, "
                "because a trade-off nobody wrote down was not made",
            )


@rule("W212")
def leaders_disagree(model: Model, as_of: date) -> Iterator[Hit]:
    """Leaders' independent statements, compared whole, share too little."""
    threshold = model.org.settings.statement_overlap
    for agreement in compare_statements(model):
        if len(agreement.statements) < 2 or agreement.overlap >= threshold:
            continue
        low = sorted((p for p in agreement.pairs if p.overlap < threshold), key=lambda p: p.overlap)
        said = [_pair_in_words(model, p) for p in low[:PAIRS_SHOWN]]
        if len(low) > PAIRS_SHOWN:
            said.append(f"{len(low) - PAIRS_SHOWN} more pairs below {pct(threshold)}")
        said += [_contradiction_in_words(model, c) for c in agreement.contradictions[:PAIRS_SHOWN]]
        yield Hit(
            agreement.statements[0],
            f"leaders' statements for {agreement.cycle} overlap {pct(agreement.overlap)} on "
            f"average across {len(agreement.pairs)} pair"
            f"{'s' if len(agreement.pairs) != 1 else ''}, below {pct(threshold)}: "
            f"{'; '.join(said)}: put the statements side by side and agree what matters, "
            "and what gives way, before teams plan",
        )


PAIRS_SHOWN = 4


def _person(model: Model, person: str) -> str:
    found = model.org.people.get(person)
    return found.name if found else person


def _pair_in_words(model: Model, pair: PairAgreement) -> str:
    """'Ana Diaz and Raj Patel: 2 of their 5 priorities agree (Ana's 1; Raj's 2)'."""
    first, second = _person(model, pair.first), _person(model, pair.second)
    total = pair.first_count + pair.second_count
    agreeing = len(pair.first_agreeing) + len(pair.second_agreeing)
    if not agreeing:
        text = f"{first} and {second} share none of their {total} priorities"
    else:
        ranks = "; ".join(
            f"{who}'s {', '.join(str(r) for r in ranks)}"
            for who, ranks in ((first, pair.first_agreeing), (second, pair.second_agreeing))
            if ranks
        )
        text = f"{first} and {second}: {agreeing} of their {total} priorities agree ({ranks})"
    if pair.shared_trade_offs:
        text += f", {len(pair.shared_trade_offs)} trade-off"
        text += "s shared" if len(pair.shared_trade_offs) != 1 else " shared"
    return f"{text}, {pct(pair.overlap)} overlap"


def _contradiction_in_words(model: Model, c: Contradiction) -> str:
    """'Raj Patel gives up "X" (trade-off), which Ana Diaz names as priority 1 ("Y")'."""
    return (
        f'{_person(model, c.person)} gives up "{shorten(c.entry, 80)}" ({c.kind}), which '
        f'{_person(model, c.other)} names as priority {c.rank} ("{shorten(c.priority, 80)}")'
    )
