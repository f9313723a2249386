"""Comparing leaders' statements: which objectives each priority names, and who agrees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from accord.model import Model, Objective, Statement
from accord.rules.common import words


@dataclass(frozen=True)
class PriorityMatch:
    """One priority of one statement and the objectives it names."""

    person: str
    text: str
    objectives: tuple[str, ...]  # named directly, by `matches` or by wording
    through: str  # "matches", "wording" or "none"
    reach: frozenset[str]  # the named objectives and every priority they support


@dataclass(frozen=True)
class CycleAgreement:
    """A cycle's statements side by side: what each names first and how many agree."""

    cycle: str
    statements: tuple[Statement, ...]
    priorities: tuple[tuple[PriorityMatch, ...], ...]  # per statement, in order
    leading: str | None  # the objective the most statements put first
    agreeing: int  # how many statements put `leading` first
    unnamed: tuple[str, ...]  # top priorities (no supports) that no statement names

    @property
    def tops(self) -> tuple[PriorityMatch, ...]:
        """Each statement's first priority."""
        return tuple(matches[0] for matches in self.priorities if matches)


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
    return CycleAgreement(cycle, tuple(statements), priorities, leading, agreeing, unnamed)


def _match(
    model: Model, person: str, text: str, matches: tuple[str, ...], candidates: list[Objective]
) -> PriorityMatch:
    """The objectives a priority names: its `matches`, else the best match by wording."""
    through = "matches"
    named = tuple(key.split(".", 1)[0] for key in matches)
    if not matches:
        best = _by_wording(text, candidates)
        named, through = ((best,), "wording") if best else ((), "none")
    return PriorityMatch(person, text, named, through, frozenset(_reach(model, named)))


def _by_wording(text: str, candidates: list[Objective]) -> str | None:
    """The objective whose title shares the most content words, if it shares at least half."""
    wanted = set(words(text))
    if not wanted:
        return None
    scored = [(len(wanted & set(words(f"{o.title} {o.id}"))), o.key) for o in candidates]
    score, key = max(scored, default=(0, ""), key=lambda pair: pair[0])
    return key if score * 2 >= len(wanted) else None


def _reach(model: Model, keys: tuple[str, ...]) -> set[str]:
    """The objectives and every objective they support, all the way up."""
    seen: set[str] = set()
    stack = list(keys)
    while stack:
        key = stack.pop()
        objective = model.objectives.get(key.split(".", 1)[0])
        if objective is None or objective.key in seen:
            continue
        seen.add(objective.key)
        stack.extend(objective.supports)
        stack.extend(s for kr in objective.key_results for s in kr.supports)
    return seen
