"""The checked model to the site's pages: one `Page(uri, title, markdown, figures)` per URL.

Pages are Markdown rendered from Jinja templates in `templates/`; every expression in them
passes through `escape.md` unless it is `Safe` (links and pictures Accord built itself).

Pictures (progress bars, check-in charts, maps) are two thirds of an objective page's bytes
and nothing Markdown or the search index should read: each is lifted out of the Markdown
into `figures`, leaving an empty element (`<span data-accord-figure="N"></span>`) that
Python-Markdown places as it would the picture and the search index reads as nothing; the
plugin puts the pictures back into the finished HTML. User text cannot forge a placeholder:
`escape.md` escapes every `<`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial
from typing import Any

import jinja2

from accord.findings import CheckResult
from accord.forked import fork_map
from accord.history import History
from accord.model import KeyResult, Objective, Plan, agreement_chains, expected_progress
from accord.render import paths
from accord.render.escape import Safe, finalize, ident
from accord.render.map import alignment_map
from accord.render.nav import NAV_UP_TO, Entry, function_of, grouped, initial
from accord.render.sitedata import SiteData, block, map_href, num, pct
from accord.render.views import (
    Linker,
    by_rule,
    current_cycle,
)
from accord.rules import RULES

RULES_URI = "rules.md"
# A cycle section of more teams than this lists one row per team (its plan page has the
# objectives): at 1,000 teams the full tables made a 6 MB page that froze the browser.
TABLE_UP_TO = 100
# A history of more commits than this gets a page per week (at 2,000 commits and 1,000
# teams one page was 11.7 MB and froze the browser for seconds).
HISTORY_UP_TO = 300


FIGURE = re.compile(r"<svg\b.*?</svg>", re.S)
PLACEHOLDER = re.compile(r'<span data-accord-figure="(\d+)"></span>')


@dataclass(frozen=True)
class Page:
    """One generated page: its docs-relative path, its title, its Markdown (with a placeholder
    for each picture) and its pictures."""

    uri: str
    title: str
    markdown: str
    figures: tuple[str, ...] = ()

    @property
    def full(self) -> str:
        """The Markdown with its pictures in place."""
        return with_figures(self.markdown, self.figures)


def lift_figures(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Markdown with each `<svg>` replaced by a numbered placeholder, and the pictures."""
    figures: list[str] = []

    def lift(match: re.Match[str]) -> str:
        figures.append(match.group(0))
        return f'<span data-accord-figure="{len(figures) - 1}"></span>'

    return FIGURE.sub(lift, markdown), tuple(figures)


def with_figures(text: str, figures: tuple[str, ...]) -> str:
    """`text` (Markdown or the HTML made from it) with its placeholders replaced by `figures`."""
    if not figures:
        return text
    return PLACEHOLDER.sub(lambda m: figures[int(m.group(1))], text)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("accord.render", "templates"),
        autoescape=False,  # Markdown, not HTML: escaping is `finalize` (escape.md)
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # A macro's output is Markdown the templates built: not to be escaped a second time.
    env.filters["macro"] = Safe
    return env


class SiteRenderer(SiteData):
    """Renders every page of one checked model as of one date.

    `share = (k, n)` renders only every n-th page from the k-th (the others come back empty):
    `render_pages` runs n forked copies, each making every page's context but rendering its
    own share of the templates, which are most of the work."""

    share: tuple[int, int] = (0, 1)
    made = 0

    @cached_property
    def env(self) -> jinja2.Environment:
        """The Jinja environment with the escaping hook."""
        return _environment()

    def pages(self) -> list[Page]:
        """Every page of the site."""
        return [
            self._home(),
            *self._cycles(),
            *self._plans(),
            *self._objectives(),
            *self._teams(),
            *self._people(),
            self._health(),
            *self._agreement(),
            *self._history(),
        ]

    def render(self, template: str, uri: str, title: str, **context: Any) -> Page:
        """One page from a template, with the links and helpers every template uses."""
        index, self.made = self.made, self.made + 1
        if index % self.share[1] != self.share[0]:
            return Page(uri, title, "")  # another share renders it
        to = Linker(self.model, uri)
        helpers = {
            "to": to, "org": self.model.org, "model": self.model, "as_of": self.as_of,
            "home": paths.HOME, "pct": pct, "num": num, "bar": self._bar, "pace": self._pace,
            "chart": self._chart, "src": self._source, "place": self._place(to),
            "flags": self._flags(to), "roots": self.roots, "br": Safe("<br>"),
            "hist": self.timeline, "history_uri": paths.HISTORY,
            "history_week_uri": paths.history_week_uri,
            "agreement_uri": paths.agreement_uri, "health_uri": paths.HEALTH,
            "teams_uri": paths.TEAMS, "people_uri": paths.PEOPLE, "rules_uri": RULES_URI,
            "summaries": {r.code: r.summary for r in RULES}, "ident": ident,
            "actions": self.actions,
        }  # fmt: skip
        markdown = self.env.get_template(template).render(**helpers, **context)
        return Page(uri, title, *lift_figures(markdown))

    def _home(self) -> Page:
        model, current = self.model, current_cycle(self.model, self.as_of, self.chosen_cycle)
        cycle = model.org.cycles.get(current or "")
        keys = model.org.enclosing(current) if current else []
        roots = self.roots
        priorities = [
            o for o in model.objectives.values() if o.cycle in keys and o.team in roots and o.live
        ]
        stop = [s for p in model.plans if p.cycle in keys and p.team in roots for s in p.stop_doing]
        return self.render(
            "home.md.j2", paths.HOME, model.org.name, cycle=cycle,
            expected=expected_progress(cycle, self.as_of) if cycle else 0.0,
            priorities=priorities, stop_doing=stop, health=by_rule(self.result.findings),
            cycles=sorted(model.org.cycles.values(), key=lambda c: (c.start, c.id)),
            agreements=self.agreements, recent=self.timeline.recent(self.as_of)[:10],
        )  # fmt: skip

    def _cycles(self) -> Iterator[Page]:
        for cycle in self.model.org.cycles.values():
            uri = paths.cycle_uri(cycle.id)
            to = Linker(self.model, uri)
            svg = alignment_map(self.model, cycle.id, partial(map_href, to))
            yield self.render(
                "cycle.md.j2", uri, cycle.id, cycle=cycle, map=block(svg),
                expected=expected_progress(cycle, self.as_of), sections=self._sections(cycle.id),
            )  # fmt: skip

    def _sections(self, cycle: str) -> list[dict[str, Any]]:
        """The cycle's team plans grouped by the enclosing cycles first, then the cycle."""
        sections = []
        for cid in reversed(self.model.org.enclosing(cycle)):
            in_cycle = [p for p in self.model.plans if p.cycle == cid]
            in_cycle.sort(
                key=lambda p: (self.model.org.depth(p.team), self.model.org.teams[p.team].name)
            )
            plans = [(p, self._objectives_of(p)) for p in in_cycle]
            if plans:
                title = "Annual bets" if cid != cycle else f"Teams in {cid}"
                sections.append({
                    "title": f"{title} ({cid})" if cid != cycle else title, "plans": plans,
                    "compact": len(plans) > TABLE_UP_TO,
                })  # fmt: skip
        return sections

    def _objectives_of(self, plan: Plan) -> list[Objective]:
        return [self.model.objectives[key] for key in plan.objectives]

    def _plans(self) -> Iterator[Page]:
        for plan in self.model.plans:
            team = self.model.org.teams[plan.team]
            objectives = self._objectives_of(plan)
            uri = paths.plan_uri(plan.cycle, plan.team)
            findings = self.findings_by_file.get(plan.file, [])
            needs = self.index.needs_of_team[team.id]
            yield self.render(
                "plan.md.j2", uri, f"{team.name}: {plan.cycle}", plan=plan, team=team,
                objectives=objectives, children=self.index.children[team.id], findings=findings,
                needs_out=any(o.depends_on for o in objectives),
                needs_in=[n for n in needs if n.asker.cycle == plan.cycle],
            )  # fmt: skip

    def _objectives(self) -> Iterator[Page]:
        for o in self.model.objectives.values():
            uri = paths.objective_uri(o.key, o.team)
            chains = [chain[1:] for chain in agreement_chains(self.model, o.key)]
            yield self.render(
                "objective.md.j2", uri, o.title, o=o, chains=chains,
                below=self.index.supporters[o.key], team_of=self._team_of,
                needs_in=self.index.needs_of_objective[o.key], findings=self.findings_at(uri),
            )  # fmt: skip

    def _team_of(self, node: Objective | KeyResult) -> str:
        return self.model.objectives[node.key.split(".", 1)[0]].team

    def _teams(self) -> Iterator[Page]:
        teams = sorted(self.model.org.teams.values(), key=lambda t: t.name.lower())
        to, function = Linker(self.model, paths.TEAMS), function_of(self.model)
        entries = [(function(t.id), t.name, t.id) for t in teams]
        yield self._index(paths.TEAMS, "Teams", entries, to.team)
        for team in teams:
            plans = [(p, self._objectives_of(p)) for p in self.index.plans_of_team[team.id]]
            yield self.render(
                "team.md.j2", paths.team_uri(team.id), team.name, team=team, plans=plans,
                children=self.index.children[team.id], needs_in=self.index.needs_of_team[team.id],
                unplanned=self._unplanned(team.id),
            )  # fmt: skip

    def _unplanned(self, team: str) -> list[str]:
        """The planning and active cycles in which `team` has no OKR file yet, by start."""
        planned = {p.cycle for p in self.index.plans_of_team[team]}
        cycles = sorted(self.model.org.cycles.values(), key=lambda c: (c.start, c.id))
        return [
            c.id
            for c in cycles
            if c.id not in planned and c.status(self.as_of) in ("planning", "active")
        ]

    def _people(self) -> Iterator[Page]:
        people = sorted(self.model.org.people.values(), key=lambda p: p.name.lower())
        entries = [(initial(p.name), p.name, p.id) for p in people]
        yield self._index(paths.PEOPLE, "People", entries, Linker(self.model, paths.PEOPLE).person)
        for person in people:
            yield self._person(person.id)

    def _person(self, pid: str) -> Page:
        model, index, uri = self.model, self.index, paths.person_uri(pid)
        owned = index.owns[pid]
        objectives = [n for n in owned if isinstance(n, Objective)]
        key_results = [n for n in owned if isinstance(n, KeyResult)]
        return self.render(
            "person.md.j2", uri, model.org.people[pid].name, person=model.org.people[pid],
            leads=index.leads[pid], member_of=index.member_of[pid],
            owns=objectives,
            owns_krs=[(kr, model.objectives[kr.objective_key]) for kr in key_results],
            decides=index.decides[pid], contributes=index.contributes[pid],
            statements=[s for s in model.statements if s.person == pid],
            findings=self.findings_at(uri),
        )  # fmt: skip

    def _health(self) -> Page:
        groups = by_rule(self.result.findings)
        return self.render(
            "health.md.j2", paths.HEALTH, "Health", groups=groups, total=len(self.result.findings)
        )

    def _agreement(self) -> Iterator[Page]:
        for cycle, agreement in self.agreements.items():
            uri = paths.agreement_uri(cycle)
            ranks = range(max(len(p) for p in agreement.priorities))
            yield self.render(
                "agreement.md.j2", uri, f"Leaders' statements: {cycle}", a=agreement,
                ranks=ranks, findings=self.findings_at(uri),
            )  # fmt: skip

    def _history(self) -> Iterator[Page]:
        """`/history/`: every change; past HISTORY_UP_TO commits, a page per week instead."""
        timeline = self.timeline
        weeks = timeline.weeks()
        if sum(len(w.entries) for w in weeks) <= HISTORY_UP_TO:
            yield self.render(
                "history.md.j2", paths.HISTORY, "History", notes=timeline.notes(),
                sections=timeline.sections(), weeks=[], week=None,
            )  # fmt: skip
            return
        yield self.render(
            "history.md.j2", paths.HISTORY, "History", notes=timeline.notes(),
            sections=timeline.sections(timeline.uncommitted()), weeks=weeks, week=None,
        )  # fmt: skip
        for week in weeks:
            yield self.render(
                "history.md.j2", paths.history_week_uri(week.id), f"History: {week.id}",
                notes=[], sections=timeline.sections(week.entries), weeks=[], week=week,
            )  # fmt: skip

    def _index(self, uri: str, title: str, entries: list[Entry], link: Any) -> Page:
        """Every entry (group, name, id), under group headings when the navigation leaves
        them to this page."""
        groups = [
            (group, [link(i) for _, _, i in items]) for group, items in grouped(entries, NAV_UP_TO)
        ]
        return self.render("index_list.md.j2", uri, title, heading=title, groups=groups)


def render_pages(
    result: CheckResult,
    as_of: date,
    current: str | None = None,
    history: History | None = None,
    workers: int = 1,
    prefix: str = "",
) -> list[Page]:
    """Every page of the site for a checked model without errors, rendered on `workers`
    forked processes (`SiteRenderer.share`). `prefix` is the OKR repository's folder in its
    git work tree, which links into the repository put before every path."""
    site = partial(SiteRenderer, result, as_of, current, history or History("no-git"), prefix)

    def share(k: int) -> list[tuple[int, Page]]:
        renderer = site()
        renderer.share = (k, workers)
        return [(i, p) for i, p in enumerate(renderer.pages()) if i % workers == k]

    if workers <= 1:
        return site().pages()
    shares = fork_map(share, range(workers), workers, at_least=1)
    return [page for _, page in sorted((i for s in shares for i in s), key=lambda i: i[0])]
