"""Trade-offs: a team that stops nothing (W211), and a commitment to what someone else stopped
or traded off (W215)."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.rules.common import live_objectives, named, overlap, shorten
from accord.rules.registry import Hit, rule
from accord.rules.text import Rarity, concept_list, concepts, spelled

# Words that say nothing about what is stopped: an entry made only of these ("TBD", "none",
# "to be decided", "we will review", "nothing this quarter", "see last quarter") is a
# placeholder. Plurals are folded first ("reviews" -> "review").
PLACEHOLDER_WORDS = frozenset(
    "tbd tbc tba tbd. na n a nil null none nothing nada todo later decide decided discuss "
    "discussed confirm confirmed agree agreed define defined determine determined see last "
    "previous prior same before yet pending placeholder unknown etc quarter year cycle month "
    "week now moment next this that we will be to the for at further notice it is as review "
    "reviewed revisit revisited still in on of our new planning plan update updated follow "
    "up current continue ok fine nope no not applicable more anything "
    "something much major big significant specific particular else again per q h january "
    "february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec".split()
)
# Phrases that keep everything as it was, whatever the words around them.
PLACEHOLDER_PHRASES = ("business as usual", "as usual", "as before", "as is", "status quo")


@rule("W211")
def no_trade_off(model: Model, as_of: date) -> Iterator[Hit]:
    """A team with objectives in a cycle and nothing it stops doing to make room."""
    for plan in model.plans:
        live = [key for key in plan.objectives if model.objectives[key].live]
        if not live:
            continue
        team = model.org.teams[plan.team].name
        count = f"{len(live)} objective{'s' if len(live) != 1 else ''} in {plan.cycle}"
        if not plan.stop_doing:
            yield Hit(
                plan,
                f"{team} has {count} and no stop_doing: name what the team stops to make room, "
                "because a trade-off nobody wrote down was not made",
            )
        elif all(placeholder(entry) for entry in plan.stop_doing):
            quoted = ", ".join(f'"{shorten(entry, 60)}"' for entry in plan.stop_doing)
            yield Hit(
                plan,
                f"{team} has {count} and its stop_doing holds only placeholders ({quoted}), "
                "which stop nothing: name the work, meeting or service the team stops, pauses "
                "or does less of to make room",
            )


def placeholder(entry: str) -> bool:
    """True when a stop-doing entry names nothing that stops: too short to name anything,
    made only of placeholder words, or a phrase that keeps things as they were."""
    text = entry.lower()
    if len(re.sub(r"[^a-z]", "", text)) <= 2:
        return True
    if any(re.search(rf"\b{phrase}\b", text) for phrase in PLACEHOLDER_PHRASES):
        return True
    return all(_placeholder_word(token) for token in re.findall(r"[a-z]+", text))


def _placeholder_word(token: str) -> bool:
    return token in PLACEHOLDER_WORDS or (token.endswith("s") and token[:-1] in PLACEHOLDER_WORDS)


# --- W215 -------------------------------------------------------------------------------------

# Where a stop-doing or trade-off entry stops naming the thing given up and starts naming when
# the stop ends, why, or what replaces it: "Cold outreach to Sharjah | until the decision is
# made", "Weekly e-mails | (the portal shows the same)", "The virtual ward | waits for the
# board", "New service lines | outside solar and storage" (what follows an exception is not
# stopped). Scope words (before, after, at night) stay: they say which part stops.
CLAUSE = re.compile(
    r"\(|;|:\s|,\s|\s-\s|\s\u2013\s|\s\u2014\s|\b(?:until|unless|instead|rather than|in favour of|"
    r"in favor of|so that|so we|to free|comes second|come second|waits|wait until|moves to|"
    r"outside|except|other than|apart from|excluding|beyond|"
    r"is replaced|are replaced|only through)\b",
    re.IGNORECASE,
)
# A title that takes the thing away ("Agency nurse shifts cut by half", "No paper referrals")
# agrees with a stop-doing entry about it rather than contradicting it.
AWAY_WORDS = frozenset(
    "reduce cut lower decrease shrink minimise minimize drop halve stop end ending eliminate "
    "remove retire retired avoid phase replace replaced switch sunset close closed "
    "decommission fewer less zero no none without free instead outside".split()
)
# Words an entry may open with before naming what stops ("Stop sending ...", "No more ...").
STOP_VERBS = frozenset("stop pause quit cease halt avoid any longer".split())
# Verbs of doing that open an entry before the thing it gives up ("Building our own payment
# service ...", "Running ..."): the thing, not the verb, is what a commitment would name.
DOING_VERBS = frozenset(concept_list("build run make develop create maintain offer provide do"))


@dataclass(frozen=True)
class Given:
    """Something the company or a team said it stops or trades off, and whose word it is."""

    text: str
    concepts: frozenset[str]
    cycle: str
    team: str | None  # None: a leader's statement, which binds every team
    source: str
    words: int  # concepts in the whole entry, before conditions are cut off
    opening: str | None  # the first concept: what the entry stops ("Recruiting ...")


@rule("W215")
def contradicts_trade_off(model: Model, as_of: date) -> Iterator[Hit]:
    """An objective or key result that commits to what the company or another team stops."""
    given = list(_given_up(model))
    by_concept: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(given):
        for concept in item.concepts:
            by_concept[concept].append(index)
    titles = {node.key: frozenset(concepts(node.title)) for node, _ in _active_nodes(model)}
    rarity = Rarity([*titles.values(), *(g.concepts for g in given)])
    threshold = model.org.settings.contradiction_similarity
    cycles = model.org.cycles
    overlaps = functools.cache(lambda a, b: overlap(cycles[a], cycles[b]))
    for node, objective in _active_nodes(model):
        title = titles[node.key]
        # How many of its concepts each entry shares with the title: below two (one, for an
        # entry of one word) it cannot score (`_commits_to`), so it is not weighed at all.
        shared = Counter(i for c in title for i in by_concept.get(c, ()))
        found = [i for i in sorted(shared) if shared[i] >= min(2, given[i].words)]
        candidates = [given[i] for i in found]
        score, entry = _strongest(overlaps, node, objective, title, candidates, rarity)
        if entry is not None and score >= threshold:
            yield Hit(node, _contradiction_message(model, node, objective, entry, score))


def _active_nodes(model: Model) -> Iterator[tuple[Objective | KeyResult, Objective]]:
    """Every active objective, and each of its key results, with the objective."""
    for objective in model.objectives.values():
        if objective.status == "active":
            yield objective, objective
            for kr in objective.key_results:
                yield kr, objective


def _strongest(
    overlaps: Callable[[str, str], bool],
    node: Objective | KeyResult,
    objective: Objective,
    title: frozenset[str],
    candidates: list[Given],
    rarity: Rarity,
) -> tuple[float, Given | None]:
    """The entry of another team (or a leader), in an overlapping cycle, the node commits to
    most, with its score (the first found wins a tie)."""
    best: tuple[float, Given | None] = (0.0, None)
    for entry in candidates:
        if entry.team == objective.team or not overlaps(entry.cycle, objective.cycle):
            continue
        score = _commits_to(node, title, entry, rarity)
        if score > best[0]:
            best = (score, entry)
    return best


def _commits_to(
    node: Objective | KeyResult, title: frozenset[str], entry: Given, rarity: Rarity
) -> float:
    """How far the title commits to the entry (0 to 1): the share of the entry's weight that
    the title names too.

    0 unless the title shares at least two of the entry's concepts (one, for an entry of one
    word), among them one of its specific ones (the rarer half), and the entry's first (what
    it stops: "Recruiting ...", "Bespoke ...") or three specific ones (when the first is a
    modifier the title leaves out: "Routine follow-up clinics run by emergency consultants"),
    and does not take the thing away. Measured
    against the entry, not the shorter text: a short title that shares an entry's topic words
    ("Operations per theatre list" and "Cancelling theatre lists for annual leave") names
    little of what was given up."""
    shared = title & entry.concepts
    if len(shared) < min(2, entry.words):
        return 0.0
    specific = shared & _specific(entry, rarity)
    if not specific or _away(node):
        return 0.0
    if entry.opening not in shared and len(specific) < 3:
        return 0.0
    return rarity.mass(shared) / rarity.mass(entry.concepts)


@functools.lru_cache(maxsize=8192)
def _specific(entry: Given, rarity: Rarity) -> frozenset[str]:
    """The rarer half of the entry's concepts (ties kept): what the entry is about."""
    weights = sorted((rarity.weight(c) for c in entry.concepts), reverse=True)
    floor = weights[(len(weights) - 1) // 2]
    return frozenset(c for c in entry.concepts if rarity.weight(c) >= floor)


def _away(node: Objective | KeyResult) -> bool:
    """The title reduces, stops or replaces what it names, or the key result counts down."""
    if isinstance(node, KeyResult) and node.target < node.start:
        return True
    tokens = re.findall(r"[a-z]+", node.title.lower())
    return any(token in AWAY_WORDS for token in tokens)


def thing_given_up(entry: str) -> str:
    """The part of an entry that names what is given up, before any condition or exception."""
    head = CLAUSE.split(entry, maxsplit=1)[0].strip()
    return head if len(concepts(head)) else entry


def _given_up(model: Model) -> Iterator[Given]:
    """Every stop-doing and trade-off entry of the organisation, with its source."""
    teams = model.org.teams
    for plan in model.plans:
        source = f"the stop_doing of {teams[plan.team].name} ({plan.file})"
        for text in plan.stop_doing:
            yield _given(text, plan.cycle, plan.team, source)
    for statement in model.statements:
        person = model.org.people.get(statement.person)
        name = person.name if person else statement.person
        for field, entries in (
            ("stop_doing", statement.stop_doing),
            ("trade_offs", statement.trade_offs),
        ):
            source = f"the {field} of {name}'s statement ({statement.file})"
            for text in entries:
                yield _given(text, statement.cycle, None, source)
    for objective in live_objectives(model):
        at = objective.at.get("tradeoffs", objective.where)
        source = f"the tradeoffs of {named(objective)} of {teams[objective.team].name} ({at})"
        for text in objective.tradeoffs:
            yield _given(text, objective.cycle, objective.team, source)


def _given(text: str, cycle: str, team: str | None, source: str) -> Given:
    head = thing_given_up(text)
    opening = next(
        (c for c in concept_list(head) if c not in STOP_VERBS and c not in DOING_VERBS), None
    )
    return Given(text, frozenset(concepts(head)), cycle, team, source, len(concepts(text)), opening)


def _contradiction_message(
    model: Model, node: Objective | KeyResult, objective: Objective, entry: Given, score: float
) -> str:
    kind = "objective" if isinstance(node, Objective) else "key result"
    team = model.org.teams[objective.team].name
    shared = ", ".join(spelled(node.title, entry.concepts))
    return (
        f'{kind} {named(node)} of {team} commits to "{shorten(entry.text, 90)}", which is in '
        f"{entry.source}: the title names {shared} ({round(score * 100)}% of what the entry "
        "names); agree with whoever wrote the entry whether this work goes ahead, then drop or "
        "reword the objective, or take the entry off the list"
    )
