"""The rules only git can see: agreements re-set again and again within a cycle (W217), and
teams that planned before the company said what matters (W218).

Both read the history `accord check` hands over (`accord.changes.history`): the commits that changed
okrs/, each with its changes in words, and the first commit in which each file says
something (a team file: names an objective). A commit
dated after the day the check treats as today is not yet visible. Without git, before the
first commit, or for files already there at a shallow clone's first commit, there is nothing
to judge and they say nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from accord.changes.diff import Change
from accord.changes.history import Entry, History
from accord.model.okrs import KeyResult, Model, Objective, Plan, Statement
from accord.model.organisation import Cycle
from accord.rules.common import current_cycles, named
from accord.rules.registry import Hit, history_rule

# What re-sets an agreement: a key result's target or owner, an objective's supports.
_KEY_RESULT_KINDS = frozenset({"target", "owner"})
_OBJECTIVE_KINDS = frozenset({"supports"})
# Whose re-sets count: agreed objectives, met or not (a target lowered until it was met is the
# pattern); a draft is still being shaped, a dropped objective no longer asks anything.
_AGREED = frozenset({"active", "done"})


def history_since(model: Model, as_of: date) -> date:
    """The first day whose commits a history rule compares: the start of the earliest active
    cycle (W217 looks inside active cycles; W218 needs only when files were first written).
    With no active cycle, the day after `as_of`: no commit needs comparing."""
    starts = [model.org.cycles[c].start for c in current_cycles(model, as_of)]
    return min(starts, default=as_of + timedelta(days=1))


@history_rule("W217")
def churn(model: Model, history: History, as_of: date) -> Iterator[Hit]:
    """A key result's target or owner, or an objective's supports, re-set again and again
    within one cycle."""
    limit = model.org.settings.max_changes_per_cycle
    active = current_cycles(model, as_of)
    for objective in model.objectives.values():
        if objective.status not in _AGREED or objective.cycle not in active:
            continue
        cycle = model.org.cycles[objective.cycle]
        window = (cycle.start, min(cycle.end, as_of))
        changed = _commits(history.of(objective.key), objective.key, _OBJECTIVE_KINDS, window)
        if len(changed) > limit:
            yield Hit(objective, _churn_message(objective, changed, cycle, limit))
        for kr in objective.key_results:
            changed = _commits(history.of(kr.key), kr.key, _KEY_RESULT_KINDS, window)
            if len(changed) > limit:
                yield Hit(kr, _churn_message(kr, changed, cycle, limit))


Changed = list[tuple[str, str, list[Change]]]  # (day, pull request, changes), oldest first


def _commits(
    changes: Iterable[tuple[Entry, Change]],
    key: str,
    kinds: frozenset[str],
    window: tuple[date, date],
) -> Changed:
    """The changes inside `window` to one of `kinds` of the object `key` itself (not its key
    results), one per pull request (its commits re-set it once, when it merged) or per direct
    commit, each with its last day and its changes in words."""
    found: dict[str, tuple[str, str, list[Change]]] = {}
    for entry, change in sorted(changes, key=lambda item: item[0].date):
        if entry.sha is None or change.key != key or change.kind not in kinds:
            continue  # not yet committed, another object, or another kind of change
        day = _day(entry.date)
        if not window[0] <= day <= window[1]:
            continue
        group = f"#{entry.pr}" if entry.pr is not None else entry.sha
        _, _, texts = found.get(group, ("", "", []))
        found[group] = (day.isoformat(), f" in #{entry.pr}" if entry.pr else "", [*texts, change])
    return sorted(found.values(), key=lambda changed: changed[0])


def _day(stamp: str) -> date:
    """The day of a commit's ISO date, in the author's own time zone."""
    return date.fromisoformat(stamp[:10])


def _churn_message(node: Objective | KeyResult, changed: Changed, cycle: Cycle, limit: int) -> str:
    noun = "objective" if isinstance(node, Objective) else "key result"
    kinds = sorted({change.kind for _, _, changes in changed for change in changes})
    dates = "; ".join(
        f"{day}{pr}: {', '.join(c.text for c in changes)}" for day, pr, changes in changed
    )
    return (
        f"{noun} {named(node)} had its {' and '.join(kinds)} re-set {len(changed)} times "
        f"during {cycle.id} ({dates}; the limit is {limit}): an agreement re-set this often no "
        "longer tells anyone what to aim for; agree it once in a pull request with the people "
        "it affects and record later doubts in check-ins (still_agreed: false), or accept W217 "
        "with the reason"
    )


@history_rule("W218")
def planned_first(model: Model, history: History, as_of: date) -> Iterator[Hit]:
    """A team's file for a cycle committed before the company's priorities for it."""
    roots = {t.id for t in model.org.teams.values() if t.parent is None}
    for plan in model.plans:
        cycle = model.org.cycles.get(plan.cycle)
        if plan.team in roots or not plan.objectives or cycle is None:
            continue  # the company itself, or a file that sets nothing
        if cycle.status(as_of) == "closed":
            continue
        first = _first(history, plan.file, as_of)
        if first is None:
            continue  # not committed yet, or already there before a shallow clone begins
        later = [
            r for r in _references(model, history, plan.cycle, roots, as_of) if first[0] < r[0]
        ]
        if later:
            yield Hit(plan, _planned_first_message(model, plan, first, later))


Commit = tuple[date, str]  # the day a file was first committed, and the commit's id
Reference = tuple[date, str, str]  # ... of a company file or statement, and what it is


def _first(history: History, path: str, as_of: date) -> Commit | None:
    """When `path` was first committed, unless that is after `as_of` or not known."""
    written = history.written.get(path)
    if written is None or _day(written[0]) > as_of:
        return None
    return _day(written[0]), written[1]


def _references(
    model: Model, history: History, cycle: str, roots: set[str], as_of: date
) -> list[Reference]:
    """What a team of `cycle` should plan after: the company's file for the cycle (or, when
    it has none, for the nearest cycle enclosing it), and the cycle's first leader statement
    when it has any. A file whose first commit is not known gives nothing to compare with."""
    company = next(
        (plans for c in model.org.enclosing(cycle) if (plans := _company_plans(model, c, roots))),
        [],
    )
    firsts = [
        (*first, f"the company's file ({p.file}")
        for p in company
        if (first := _first(history, p.file, as_of))
    ]
    statements = [
        (*first, f"the first leader statement of {cycle} ({s.file} by {_person(model, s)}")
        for s in model.statements
        if s.cycle == cycle and (first := _first(history, s.file, as_of))
    ]
    return [min(found) for found in (firsts, statements) if found]


def _company_plans(model: Model, cycle: str, roots: set[str]) -> list[Plan]:
    return [p for p in model.plans if p.team in roots and p.cycle == cycle]


def _person(model: Model, statement: Statement) -> str:
    person = model.org.people.get(statement.person)
    return person.name if person else statement.person


def _planned_first_message(model: Model, plan: Plan, first: Commit, later: list[Reference]) -> str:
    team = model.org.teams[plan.team].name if plan.team in model.org.teams else plan.team
    before = " and ".join(
        f"{(day - first[0]).days} days before {what}, {day.isoformat()}, {sha[:7]})"
        for day, sha, what in sorted(later)
    )
    return (
        f"{team} planned {plan.cycle} before the company's priorities were written: "
        f"{plan.file} first named objectives on {first[0].isoformat()} ({first[1][:7]}), "
        f"{before}: objectives written before the company's priorities line up with them only "
        "by luck; re-read this file against them and change what no longer fits in a pull "
        "request, or accept W218 in this file with the reason"
    )
