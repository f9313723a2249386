"""Whether people agree: unsettled priorities (W205), unanswered dependencies (W210),
and leaders naming different top priorities (W212)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named, overlap, pct, shorten
from accord.rules.registry import Hit, rule
from accord.rules.statements import Contradiction, PairAgreement, compare_statements

# Words by which a priority says of itself that it is not settled yet. Each needs its
# unsettled context: "approval" alone is an outcome ("approval times"), "pending board
# approval" is not; "proposal" counts only as a label ("Proposal: ...", "(proposed)").
_DECISION = (
    r"(?:approval|approve|sign[- ]?off|decision|confirmation|agreement|funding|budget|"
    r"go[- ]ahead|green light|the board)\b"
)
_UNSETTLED_PATTERNS = (
    r"\btb[cd]\b",
    r"\bto be (?:confirmed|decided|agreed|approved|finali[sz]ed|determined|discussed)\b",
    rf"\bpending (?:\w+ ){{0,2}}{_DECISION}",
    rf"\bsubject to (?:\w+ ){{0,2}}{_DECISION}",
    r"\b(?:awaiting|awaits|waiting for|waits for|needs|requires) (?:\w+ ){0,2}"
    r"(?:approval|sign[- ]?off|decision|go[- ]ahead|green light)\b",
    r"\b(?:not yet|not been|is not|isn't|are not|aren't) (?:yet )?"
    r"(?:agreed|approved|confirmed|decided|signed off|settled|funded|finali[sz]ed)\b",
    r"\byet to be \w+",
    r"\bunder (?:discussion|consideration|negotiation|debate)\b",
    r"\bstill (?:being )?(?:discussed|debated|negotiated|decided|agreed|worked out)\b",
    r"\b(?:if|once|when|unless) (?:it is |this is |we are |the plan is )?"
    r"(?:approved|agreed|funded|signed off|confirmed|ratified)\b",
    r"\b(?:if|once|unless) (?:the )?(?:board|committee|executive|commissioners?|funders?|"
    r"council|trustees|leadership|regulator|ministry|investors?) (?:\w+ )?"
    r"(?:approves?|agrees?|signs? off|funds?|confirms?|decides?|ratif\w+)\b",
    r"\bplaceholder\b",
    r"\btentative(?:ly)?\b",
    r"\bprovisional(?:ly)?\b",
    r"\bopen question\b",
    r"^\W*(?:draft|proposal|proposed|wip)\b\s*[:\-\u2013\u2014]",
    r"^\W*(?:a )?(?:proposal|proposed) (?:to|for)\b",
    r"[(\[]\s*(?:draft|proposal|proposed|wip|tbc|tbd|to be confirmed)\b[^)\]]*[)\]]",
)
UNSETTLED = re.compile("|".join(f"(?:{p})" for p in _UNSETTLED_PATTERNS), re.IGNORECASE)


@rule("W205")
def supports_unsettled_priority(model: Model, as_of: date) -> Iterator[Hit]:
    """Planning against a priority that is a draft, was dropped, or says it is not settled."""
    for objective in live_objectives(model):
        nodes: list[Objective | KeyResult] = [objective, *objective.key_results]
        for node in nodes:
            for key in node.supports:
                target = model.objectives.get(key.split(".", 1)[0])
                if target is None or target.status not in ("active", "draft", "dropped"):
                    continue
                said = unsettled_words(target, key)
                if target.status == "active" and not said:
                    continue
                yield Hit(node, _unsettled_message(node, target, objective.cycle, said))


def unsettled_words(target: Objective, key: str) -> list[tuple[str, str]]:
    """(where, words) for each text of the priority that says it is not settled."""
    texts = [("title", target.title), ("why_now", target.why_now)]
    texts += [(f"key result '{kr.id}'", kr.title) for kr in target.key_results if kr.key == key]
    found = []
    for where, text in texts:
        match = UNSETTLED.search(" ".join(text.split()))
        if match:
            found.append((where, match.group(0).strip(" ([]):-")))
    return found


def _unsettled_message(
    node: Objective | KeyResult, target: Objective, cycle: str, said: list[tuple[str, str]]
) -> str:
    words = "; ".join(f'its {where} says "{text}"' for where, text in said)
    if target.status == "dropped":
        state, advice = "which is dropped", "point supports at a live priority, or stop this work"
    elif target.status == "draft":
        state = "which is draft" + (f" ({words})" if words else "")
        advice = "plan against a settled priority, or settle that one first"
    else:
        state = f"which says it is not settled: {words}"
        advice = (
            "plan against a settled priority, or settle that one first and reword it once "
            "it is agreed"
        )
    return f"{named(node)} supports {named(target, cycle)}, {state}: {advice}"


@rule("W210")
def unanswered_dependency(model: Model, as_of: date) -> Iterator[Hit]:
    """A dependency on a team that has no active objective or key result answering it."""
    for objective in live_objectives(model):
        for dep in objective.depends_on:
            if dep.team is None or dep.target is not None:
                continue
            answers = _answers(model, objective, dep.team)
            if any(o.status == "active" for o in answers):
                continue
            team = model.org.teams[dep.team]
            lead = model.org.people.get(team.lead)
            who = lead.name if lead else team.lead
            if answers:
                drafts = ", ".join(named(o, objective.cycle) for o in answers)
                state = (
                    f"in {team.name} only the draft {drafts} supports it, and a draft is not "
                    f"yet a commitment: ask {who} to settle it (make it active) or take it on "
                    "in an active objective"
                )
            else:
                state = (
                    f"{team.name} has no objective or key result that supports it: ask {who} "
                    f"to take it on in the OKRs of {team.name}"
                )
            yield Hit(
                objective,
                f'{named(objective)} depends on {team.name} for "{dep.need}", but {state}, '
                "or point on: at the objective that already covers it",
                dep.where,
            )


def _answers(model: Model, objective: Objective, team: str) -> list[Objective]:
    """The team's live objectives, in an overlapping cycle, that (or whose key results)
    support the objective or one of its key results."""
    cycles = model.org.cycles
    asked = {objective.key, *(kr.key for kr in objective.key_results)}
    return [
        o
        for o in live_objectives(model)
        if o.team == team
        and overlap(cycles[o.cycle], cycles[objective.cycle])
        and asked & {*o.supports, *(s for kr in o.key_results for s in kr.supports)}
    ]


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
    giver, other = _person(model, c.person), _person(model, c.other)
    if c.rank is None:
        return (
            f'{giver} and {other} trade the opposite way round: "{shorten(c.entry, 80)}" '
            f'against "{shorten(c.priority, 80)}"'
        )
    return (
        f'{giver} gives up "{shorten(c.entry, 80)}" ({c.kind}), which {other} names as '
        f'priority {c.rank} ("{shorten(c.priority, 80)}")'
    )
