"""Which pages an edit reaches, worked out from the model before and after it.

`serve` renders only these after an edit; every other page stays as it was written. The
rule is conservative: an objective that changed (its text, its key results, its place in
its file, or the findings shown on its page) reaches its own page, its team's pages, every
cycle page that shows it, the objectives it serves and those serving it (all the way up and
down: pages show chains and supporters), the objectives that need it or that it needs, and
every person it or its key results name. Home, health and the history always change. An
edit to `org.yaml`, a new commit, another date or another navigation reaches everything.
A retitled objective also reaches the week pages of history that name it.
`tests/test_reach.py` renders every page before and after a set of edits and checks that
each page whose HTML changed is reached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from accord.changes.history import History
from accord.model.findings import Finding
from accord.model.okrs import Model, Objective
from accord.render import paths
from accord.render.site import Site
from accord.render.timeline import week_of

ALWAYS = (paths.HOME, paths.HEALTH, paths.HISTORY)


def reached(before: Site, after: Site) -> frozenset[str] | None:
    """The pages of `after` that may differ from `before`'s; None when that is all of them."""
    old, new = _model(before), _model(after)
    if _everything_differs(before, after) or old.org != new.org:
        return None
    was, now = before.data, after.data
    pages = _differ(was.findings_by_page, now.findings_by_page)  # their own findings
    files = _differ(was.findings_by_file, now.findings_by_file)
    keys = _changed_objectives(old, new) | _shown_on(pages, old) | _shown_on(pages, new)
    related = _related(old, keys) | _related(new, keys)
    uris = set(ALWAYS) | pages
    for model in (old, new):
        uris.update(_pages_of(model, related))
        uris.update(_plans_changed(model, old, files))
    uris.update(_statement_pages(old, new))
    uris.update(_weeks_naming(after.history, keys, _titles(old) ^ _titles(new)))
    return frozenset(uris & {page.uri for page in after.pages})


def _model(site: Site) -> Model:
    assert site.result.model is not None
    return site.result.model


def _everything_differs(before: Site, after: Site) -> bool:
    """Whether what every page shows (or the history's commits) differs."""
    return (
        (before.name, before.nav, before.as_of) != (after.name, after.nav, after.as_of)
        or _commits(before) != _commits(after)
        or before.history.state != after.history.state
    )


def _commits(site: Site) -> list[str | None]:
    return [entry.sha for entry in site.history.entries if entry.sha is not None]


def _changed_objectives(old: Model, new: Model) -> set[str]:
    """Objectives added, removed or changed, their places in their files included."""
    keys = old.objectives.keys() | new.objectives.keys()
    return {k for k in keys if _state(old.objectives.get(k)) != _state(new.objectives.get(k))}


def _state(objective: Objective | None) -> object:
    if objective is None:
        return None
    places = [dict(objective.at), *(dict(kr.at) for kr in objective.key_results)]
    return objective, repr(places)


def _titles(model: Model) -> set[tuple[str, str]]:
    """(key, title) of every objective and key result (history pages link them by title)."""
    titles = {(o.key, o.title) for o in model.objectives.values()}
    return titles | {(kr.key, kr.title) for kr in model.key_results.values()}


def _weeks_naming(history: History, keys: set[str], titles: set[tuple[str, str]]) -> set[str]:
    """The week pages of history that name, by a title that changed, an objective of `keys`
    or one of its key results."""
    retitled = {key for key, _ in titles}
    return {
        paths.history_week_uri(week_of(entry))
        for key in keys
        for entry, change in history.of(key)
        if entry.sha is not None and change.key in retitled
    }


def _differ(before: dict[str, list[Finding]], after: dict[str, list[Finding]]) -> set[str]:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def _shown_on(pages: set[str], model: Model) -> set[str]:
    """The objectives whose pages are among `pages` (their flags show wherever they are
    listed)."""
    return {o.key for o in model.objectives.values() if paths.objective_uri(o.key, o.team) in pages}


def _plans_changed(model: Model, old: Model, files: set[str]) -> Iterator[str]:
    """The pages of team files whose findings or whose own fields (stop-doing) differ."""
    before = {(p.cycle, p.team): p for p in old.plans}
    for plan in model.plans:
        if plan.file in files or before.get((plan.cycle, plan.team)) != plan:
            yield paths.plan_uri(plan.cycle, plan.team)
            yield paths.team_uri(plan.team)
            yield from _cycle_pages(model, plan.cycle)


def _statement_pages(old: Model, new: Model) -> Iterator[str]:
    """A cycle's statements page and its authors' pages, when a statement differs."""
    before = {(s.cycle, s.person): s for s in old.statements}
    after = {(s.cycle, s.person): s for s in new.statements}
    for cycle, person in before.keys() | after.keys():
        if before.get((cycle, person)) != after.get((cycle, person)):
            yield paths.agreement_uri(cycle)
            yield paths.person_uri(person)


def _related(model: Model, keys: set[str]) -> set[str]:
    """`keys` with every objective above and below them, those they need or that need them,
    and what they continue or what continues them (one step: each shows on the other's page)."""
    up, down, needs = defaultdict(set), defaultdict(set), defaultdict(set)
    for o in model.objectives.values():
        for ref in _supports(o):
            target = _objective_of(model, ref)
            up[o.key].add(target)
            down[target].add(o.key)
        for dependency in o.depends_on:
            target = _objective_of(model, dependency.target or dependency.on)
            needs[o.key].add(target)
            needs[target].add(o.key)
        if o.carried_from:  # each names the other on its page
            needs[o.key].add(o.carried_from)
            needs[o.carried_from].add(o.key)
    found = set(keys) | {n for key in keys for n in needs[key]}
    for links in (up, down):
        todo = list(keys)
        while todo:
            for nxt in links[todo.pop()] - found:
                found.add(nxt)
                todo.append(nxt)
    return found


def _supports(objective: Objective) -> Iterable[str]:
    yield from objective.supports
    for kr in objective.key_results:
        yield from kr.supports


def _objective_of(model: Model, ref: str) -> str:
    return ref if ref in model.objectives else ref.rsplit(".", 1)[0]


def _pages_of(model: Model, keys: set[str]) -> Iterator[str]:
    """The pages that show any of the objectives `keys` in `model`."""
    for key in keys:
        o = model.objectives.get(key)
        if o is None:
            continue
        yield paths.objective_uri(o.key, o.team)
        yield paths.plan_uri(o.cycle, o.team)
        yield paths.team_uri(o.team)
        yield from _cycle_pages(model, o.cycle)
        for dependency in o.depends_on:
            if dependency.team:
                yield paths.team_uri(dependency.team)
                yield from (
                    paths.plan_uri(p.cycle, p.team)
                    for p in model.plans
                    if p.team == dependency.team
                )
        named = [o.owner, o.decision_owner, *o.contributors]
        named += [p for kr in o.key_results for p in (kr.owner, *kr.contributors)]
        yield from (paths.person_uri(p) for p in named if p)


def _cycle_pages(model: Model, cycle: str) -> Iterator[str]:
    """The pages of `cycle` and of the cycles within it (they show its bets), with their
    leaders' statements (they name its objectives)."""
    for other in model.org.cycles:
        if cycle in model.org.enclosing(other):
            yield paths.cycle_uri(other)
            yield paths.agreement_uri(other)
