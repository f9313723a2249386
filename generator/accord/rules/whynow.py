"""Does a why-now say why now (W213)? Evidence, boilerplate and restatement in a short text.

A why-now argues for an objective that serves no higher priority, so it has to carry the
argument itself: something that happened or is about to happen, with a number, a date or a
named cause. Word counts let boilerplate through ("This is a key strategic priority, aligned
with our strategy and important for the business" is long enough), so the text is judged on
what it contains:

- **evidence**: a number (digits or number words), a date or period (a month, a season, a
  quarter, "last year"), a reason word (because, after, since, so that, otherwise, before,
  unless, until, if), a comparison or trend (than, average, fell, doubled, lower...), a
  problem seen today (nobody, never, cannot, wrong, broken, late...), an event (an audit, an
  incident, a complaint, a regulator, a deadline, a renewal lost...), or a name (a
  capitalised word inside a sentence: a customer, a place, a system);
- **its own words**: content words that are neither generic (strategic, priority, growth,
  value, key, important...) nor the title's own words; at least `OWN_WORDS` of them;
- **restatement**: `RESTATEMENT` (70%) or more of its concepts, generic words aside, are the
  title's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.rules.common import words
from accord.rules.text import concepts

OWN_WORDS = 3
RESTATEMENT = 0.7
GENERIC_PHRASES = (
    "strategic priority",
    "key priority",
    "top priority",
    "key strategic",
    "aligned with our strategy",
    "in line with our strategy",
    "aligned with the strategy",
    "important for the business",
    "important to the business",
    "critical to the business",
    "critical for the business",
    "drive growth",
    "drive value",
    "add value",
    "deliver value",
    "create value",
    "unlock value",
    "best-in-class",
    "best in class",
    "world-class",
    "world class",
    "customer-centric",
    "next level",
    "north star",
    "move the needle",
    "competitive advantage",
    "operational excellence",
    "continuous improvement",
    "digital transformation",
    "key focus",
    "focus area",
    "business critical",
    "mission critical",
    "strategic pillar",
    "our vision",
    "our mission",
    "our values",
    "long-term success",
    "it is important",
    "it is critical",
    "we need to",
)
# Compared with a why-now's concepts (rules/text.py: stems, roots, synonyms), so folded the
# same way: "growth" and "grow" are one generic word however the synonym table spells it.
GENERIC_WORDS = frozenset(
    concepts(
        "strategic strategy strategies priority priorities important importance key critical "
        "growth grow value vision mission excellence excellent innovation innovative "
        "transformation alignment aligned align business company organisation organization "
        "success successful journey objective goal focus ensure drive deliver improve "
        "improvement enable support help need needs must should essential vital crucial "
        "great better best world class leading level future overall ongoing continue "
        "pillar roadmap plan initiative initiatives synergy synergies leverage impact "
        "stakeholder stakeholders long term"
    )
)
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions half third quarter double twice "
    "dozen both".split()
)
PERIOD_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter "
    "yesterday tomorrow week weeks month months quarter year years season q1 q2 q3 q4 "
    "weekend monday tuesday wednesday thursday friday".split()
)
# A comparison or a trend is evidence: "lower than the sector average", "fell after...".
COMPARISON_WORDS = frozenset(
    "than compared versus vs average fell rose dropped doubled halved tripled increased "
    "decreased grew declined worse higher lower fewer slower faster".split()
)
# A problem someone can see today: "nobody knows which number is right", "we cannot...".
PROBLEM_WORDS = frozenset(
    "nobody never cannot can't cant wrong broken stuck late disagree complain complained "
    "complaining frustrated unable overdue behind".split()
)
REASON_WORDS = frozenset(
    "because after since otherwise before unless until if following due so when".split()
)
EVENT_WORDS = frozenset(
    words(
        "audit auditor auditors inspection inspector inspectors incident incidents complaint "
        "complaints outage outages breach breaches regulator regulators deadline deadlines "
        "lost lose losing failed fail failure missed fined fine penalty lawsuit recall "
        "renewal renewals churned cancelled canceled delayed survey report review lease "
        "contract tender board budget law regulation launched closed left quit resigned"
    )
)


@dataclass(frozen=True)
class WhyNow:
    """What a why-now contains: its evidence, its generic phrases and its own words."""

    count: int
    evidence: tuple[str, ...]
    generic: tuple[str, ...]
    own: tuple[str, ...]
    restates: bool

    def problems(self, minimum: int) -> list[str]:
        """Why the why-now is thin, in words (empty when it carries an argument)."""
        found = []
        if self.count < minimum:
            found.append(f"it has {self.count} words (fewer than {minimum})")
        if self.restates:
            found.append("it restates the title")
        elif len(self.own) < OWN_WORDS and self.count >= minimum:
            quoted = ", ".join(f"'{g}'" for g in self.generic)
            found.append(
                f"it is only generic phrases ({quoted})" if quoted else "it says too little"
            )
        if not self.evidence:
            found.append(
                "it names no number, date, event, name, comparison, problem or reason (because, "
                "after, since...)"
            )
        return found


def read(why_now: str, title: str) -> WhyNow:
    """Judge a why-now against its objective's title."""
    text = " ".join(why_now.split())
    lower = text.lower()
    generic = tuple(p for p in GENERIC_PHRASES if re.search(rf"\b{re.escape(p)}\b", lower))
    mine, theirs = concepts(text), concepts(title)
    own = tuple(
        sorted(w for w in mine - theirs if w not in GENERIC_WORDS and not _in_generic(w, generic))
    )
    meant = {w for w in mine if w not in GENERIC_WORDS}
    restates = bool(meant) and len(meant & theirs) / len(meant) >= RESTATEMENT
    return WhyNow(len(text.split()), _evidence(text), generic, own, restates)


def _in_generic(word: str, generic: tuple[str, ...]) -> bool:
    """True when a content word belongs to one of the generic phrases found."""
    return any(word in concepts(phrase) for phrase in generic)


def _evidence(text: str) -> tuple[str, ...]:
    """The first evidence of each kind: a number, a period, a reason, an event, a name."""
    tokens = re.findall(r"[a-z0-9']+", text.lower().replace("rather than", ""))
    stems = words(text)
    kinds = (
        ("a number", next((t for t in tokens if t[0].isdigit() or t in NUMBER_WORDS), None)),
        ("a date", next((t for t in tokens if t in PERIOD_WORDS), None)),
        ("a reason", next((t for t in tokens if t in REASON_WORDS), None)),
        ("a comparison", next((t for t in tokens if t in COMPARISON_WORDS), None)),
        ("a problem", next((t for t in tokens if t in PROBLEM_WORDS), None)),
        ("an event", next((s for s in stems if s in EVENT_WORDS), None)),
        ("a name", _name(text)),
    )
    return tuple(f"{kind} ('{word}')" for kind, word in kinds if word)


def _name(text: str) -> str | None:
    """A capitalised word inside a sentence: a customer, a place, a system ('Muscat')."""
    for sentence in re.split(r"(?<=[.!?;:])\s+", text):
        found: list[str] = re.findall(r"[A-Za-z][\w'-]*", sentence)
        name = next((w for w in found[1:] if w[0].isupper() and w != "I"), None)
        if name:
            return name
    return None
