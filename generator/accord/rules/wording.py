"""How OKRs are worded: activities as key results (W203), thin why-now (W213)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from accord.model import Model
from accord.rules.common import live_objectives, named
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
