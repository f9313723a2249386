"""Comparing leaders' statements whole: every priority, trade-off and stop-doing entry.

Each priority is matched to the objectives it names (its `matches`, else the objective whose
wording it shares most). Two priorities agree when they name the same objective, or when one
names an objective that directly supports the other's: one `supports` step, never the whole
chain, so two leaders naming different priorities under one umbrella do not "agree". Shared
trade-offs count as agreement; a trade-off or stop-doing entry of one leader that gives up
another's priority, or two trade-offs ordered the opposite way round ("A before B" against
"B before A"), is a contradiction and counts against the pair.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from accord.model.okrs import Model, Objective, Statement
from accord.rules.tradeoffwords import MIN_SHARED, WORDING_MATCH, alike, opposite, sides, topics


@dataclass(frozen=True)
class PriorityMatch:
    """One priority of one statement and the objectives it names."""

    person: str
    text: str
    objectives: tuple[str, ...]  # named directly, by `matches` or by wording
    through: str  # "matches", "wording" or "none"
    reach: frozenset[str]  # the named objectives and the objectives they directly support


@dataclass(frozen=True)
class Contradiction:
    """One leader gives up (trade-off or stop-doing) what another names as a priority, or
    trades the opposite way round from another's trade-off."""

    person: str  # who gives it up
    entry: str
    kind: str  # "trade-off" or "stop-doing"
    other: str  # whose priority (or trade-off) it is
    priority: str  # the other's priority, or the other's opposite trade-off
    rank: int | None  # 1 = the other's first priority; None = the other's trade-off


@dataclass(frozen=True)
class PairAgreement:
    """Two statements compared whole: which priorities agree, shared trade-offs, contradictions.

    `overlap` weighs each priority by its rank (the first counts 1, the second 1/2, the third
    1/3...): the agreeing priorities of both, over all of them. A shared trade-off adds one to
    both sides of the fraction for each leader; a contradiction (one gives up what the other
    names, or the two order a trade-off the opposite way round) takes its priority out of the
    agreeing ones and counts one against each of the two, as much as a shared first priority
    counts for.
    """

    first: str
    second: str
    first_count: int
    second_count: int
    first_agreeing: tuple[int, ...]  # ranks (from 1) of the first's priorities that agree
    second_agreeing: tuple[int, ...]
    shared_trade_offs: tuple[tuple[str, str], ...]
    contradictions: tuple[Contradiction, ...]

    @property
    def overlap(self) -> float:
        """0 to 1: how much of the two statements the other shares."""
        against = {(c.other, c.rank) for c in self.contradictions if c.rank is not None}
        agree = sum(
            1 / rank
            for person, ranks in (
                (self.first, self.first_agreeing),
                (self.second, self.second_agreeing),
            )
            for rank in ranks
            if (person, rank) not in against
        )
        agree -= 2 * len(self.contradictions)  # one against each of the two statements
        shared = 2 * len(self.shared_trade_offs)
        total = _weight(self.first_count) + _weight(self.second_count) + shared
        return max(0.0, agree + shared) / total if total else 0.0


def _weight(count: int) -> float:
    return sum(1 / rank for rank in range(1, count + 1))


@dataclass(frozen=True)
class CycleAgreement:
    """A cycle's statements side by side: what each names, and how much every pair shares."""

    cycle: str
    statements: tuple[Statement, ...]
    priorities: tuple[tuple[PriorityMatch, ...], ...]  # per statement, in order
    leading: str | None  # the objective the most statements' first priority reaches
    agreeing: int  # how many statements' first priority reaches `leading`
    unnamed: tuple[str, ...]  # top priorities (no supports) that no statement reaches
    pairs: tuple[PairAgreement, ...] = ()  # every pair of statements, in file order

    @property
    def tops(self) -> tuple[PriorityMatch, ...]:
        """Each statement's first priority."""
        return tuple(matches[0] for matches in self.priorities if matches)

    @property
    def contradictions(self) -> tuple[Contradiction, ...]:
        """Every entry of one statement that gives up a priority of another."""
        return tuple(c for pair in self.pairs for c in pair.contradictions)

    @property
    def overlap(self) -> float:
        """The mean overlap of all pairs (1.0 with fewer than two statements)."""
        if not self.pairs:
            return 1.0
        return sum(p.overlap for p in self.pairs) / len(self.pairs)


def compare_statements(model: Model) -> list[CycleAgreement]:
    """One comparison per cycle that has statements, in cycle order."""
    by_cycle: dict[str, list[Statement]] = {}
    for statement in sorted(model.statements, key=lambda s: s.file):
        by_cycle.setdefault(statement.cycle, []).append(statement)
    return [_compare(model, cycle, statements) for cycle, statements in by_cycle.items()]


def _compare(model: Model, cycle: str, statements: list[Statement]) -> CycleAgreement:
    candidates = [
        o
        for c in model.org.enclosing(cycle)
        for o in model.objectives.values()
        if o.cycle == c and o.live
    ]
    priorities = tuple(
        tuple(_match(model, s.person, p.text, p.matches, candidates) for p in s.priorities)
        for s in statements
    )
    firsts = Counter(key for matches in priorities if matches for key in matches[0].reach)
    leading, agreeing = firsts.most_common(1)[0] if firsts else (None, 0)
    named = {key for matches in priorities for m in matches for key in m.reach}
    unnamed = tuple(o.key for o in candidates if not o.supports and o.key not in named)
    similar = model.org.settings.contradiction_similarity
    pairs = tuple(
        _pair(model, a, b, pa, pb, similar)
        for (a, pa), (b, pb) in combinations(zip(statements, priorities, strict=True), 2)
    )
    return CycleAgreement(cycle, tuple(statements), priorities, leading, agreeing, unnamed, pairs)


def _match(
    model: Model, person: str, text: str, matches: tuple[str, ...], candidates: list[Objective]
) -> PriorityMatch:
    """The objectives a priority names: its `matches`, else the best match by wording."""
    through = "matches"
    named = tuple(dict.fromkeys(key.split(".", 1)[0] for key in matches))
    if not matches:
        best = _by_wording(text, candidates)
        named, through = ((best,), "wording") if best else ((), "none")
    return PriorityMatch(person, text, named, through, frozenset(_reach(model, named)))


def _by_wording(text: str, candidates: list[Objective]) -> str | None:
    """The objective whose wording holds most of the priority's concepts, if enough of them."""
    wanted = topics(text)
    if not wanted:
        return None
    scored = []
    for o in candidates:
        body = topics(" ".join([o.title, o.id, o.why_now, *(kr.title for kr in o.key_results)]))
        shared = wanted & body
        title = len(wanted & topics(f"{o.title} {o.id}"))
        scored.append((len(shared), title, o.key))
    if not scored:
        return None
    count, _, key = max(scored, key=lambda row: (row[0], row[1]))
    return key if count >= MIN_SHARED and count >= WORDING_MATCH * len(wanted) else None


def _reach(model: Model, keys: tuple[str, ...]) -> set[str]:
    """The objectives and the objectives they (or their key results) directly support."""
    reach: set[str] = set()
    for key in keys:
        objective = model.objectives.get(key)
        if objective is None:
            continue
        reach.add(objective.key)
        ups = [*objective.supports, *(s for kr in objective.key_results for s in kr.supports)]
        reach.update(up.split(".", 1)[0] for up in ups if up.split(".", 1)[0] in model.objectives)
    return reach


def _agree(p: PriorityMatch, q: PriorityMatch) -> bool:
    """Same objective, one step of `supports` apart, or (unmatched) the same words."""
    if set(p.objectives) & q.reach or set(q.objectives) & p.reach:
        return True
    return not (p.objectives and q.objectives) and alike(topics(p.text), topics(q.text))


def _pair(
    model: Model,
    a: Statement,
    b: Statement,
    pa: tuple[PriorityMatch, ...],
    pb: tuple[PriorityMatch, ...],
    similar: float,
) -> PairAgreement:
    """Which priorities of each find one of the other's that they agree with."""
    contradictions = (
        *_contradictions(model, a, pb, similar),
        *_contradictions(model, b, pa, similar),
        *_opposite_trade_offs(a, b, similar),
    )
    return PairAgreement(
        a.person,
        b.person,
        len(pa),
        len(pb),
        tuple(i for i, p in enumerate(pa, start=1) if any(_agree(p, q) for q in pb)),
        tuple(j for j, q in enumerate(pb, start=1) if any(_agree(q, p) for p in pa)),
        _shared_trade_offs(a, b),
        contradictions,
    )


def _shared_trade_offs(a: Statement, b: Statement) -> tuple[tuple[str, str], ...]:
    """Trade-off or stop-doing entries both leaders wrote the same way round, each entry
    paired at most once."""
    pairs: list[tuple[str, str]] = []
    left = [*b.trade_offs, *b.stop_doing]
    for entry in (*a.trade_offs, *a.stop_doing):
        other = next(
            (
                e
                for e in left
                if alike(topics(entry), topics(e)) and not opposite(entry, e, WORDING_MATCH)
            ),
            None,
        )
        if other is not None:
            left.remove(other)
            pairs.append((entry, other))
    return tuple(pairs)


def _contradictions(
    model: Model, giver: Statement, others: tuple[PriorityMatch, ...], similar: float
) -> list[Contradiction]:
    """The other leader's priorities that `giver` gives up in a trade-off or stop-doing entry."""
    entries = [
        *((e, "trade-off") for e in giver.trade_offs),
        *((e, "stop-doing") for e in giver.stop_doing),
    ]
    found = []
    for rank, priority in enumerate(others, start=1):
        texts = [priority.text, *(_title(model, key) for key in priority.objectives)]
        for entry, kind in entries:
            given_up = sides(entry)[1]
            if any(alike(given_up, topics(t), similar) for t in texts):
                found.append(
                    Contradiction(giver.person, entry, kind, priority.person, priority.text, rank)
                )
                break
    return found


def _opposite_trade_offs(a: Statement, b: Statement, similar: float) -> list[Contradiction]:
    """Trade-offs of the two about the same two things, ordered the opposite way round."""
    return [
        Contradiction(a.person, mine, "trade-off", b.person, theirs, None)
        for mine in a.trade_offs
        for theirs in b.trade_offs
        if opposite(mine, theirs, similar)
    ]


def _title(model: Model, key: str) -> str:
    objective = model.objectives.get(key)
    return objective.title if objective else ""
