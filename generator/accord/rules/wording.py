"""How OKRs are worded: activities as key results (W203), copies (W204), thin why-now (W213)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from accord.findings import Location
from accord.model import Model, Objective
from accord.rules.common import live_objectives, named, overlap, words
from accord.rules.registry import Hit, rule

TASK_VERBS = frozenset(
    "launch build implement complete deliver create hold run ship develop write publish "
    "organise organize conduct host introduce install deploy design finish start establish "
    "migrate hire train attend send prepare draft arrange produce release add".split()
)
TASK_PHRASES = ("roll out", "set up", "kick off", "put in place", "stand up")
# A task verb followed by one of these is a noun phrase naming a measure: "Run rate of
# recurring revenue", "Start time of the first visit", "Design wins", "Draft contracts signed".
MEASURE_NOUNS = frozenset(
    "rate rates time times date dates win wins up cadence frequency success failures "
    "quality volume cost costs share ratio contract contracts".split()
)


def task_verb(title: str) -> str | None:
    """The task verb a key result title starts with ('Run 4 workshops' -> 'run'), if any."""
    words = re.findall(r"[a-z0-9%]+", title.lower())
    opening = " ".join(words[:3])
    phrase = next((p for p in TASK_PHRASES if re.match(rf"{p}\b", opening)), None)
    if phrase:
        return phrase
    if not words or words[0] not in TASK_VERBS:
        return None
    return None if len(words) > 1 and words[1] in MEASURE_NOUNS else words[0]


@rule("W203")
def activity_key_result(model: Model, as_of: date) -> Iterator[Hit]:
    """A key result that reads as an activity (a task done), not an outcome (a change seen)."""
    for objective in live_objectives(model):
        for kr in objective.key_results:
            verb = task_verb(kr.title)
            if verb:
                why = f"starts with the task verb '{verb}'"
            elif (kr.start, kr.target) == (0, 1):
                why = "goes from 0 to 1, a done/not-done flag"
            else:
                continue
            yield Hit(
                kr,
                f"key result {named(kr)} {why}: it measures an activity, not an outcome; say "
                "what the activity should change and measure that, and keep the task in your "
                "plan",
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
    """A standalone objective (no supports) whose why-now is shorter than a sentence."""
    minimum = model.org.settings.min_why_now_words
    for objective in live_objectives(model):
        count = len(objective.why_now.split())
        if not objective.supports and count < minimum:
            yield Hit(
                objective,
                f"objective {named(objective)} supports no higher priority and its why_now has "
                f"{count} words: say why this matters now, what it serves, and what you would "
                "trade for it, or link it with supports",
                objective.at.get("why_now"),
            )
