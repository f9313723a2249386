"""The checked model to the site's pages: one `Page(uri, title, ...)` per URL, engine-free.

Pages are HTML rendered from the Jinja templates in `templates/` with autoescape on, so
every expression is escaped unless it is `Markup` (links and pictures Accord built itself
from escaped parts: `markup.py`). Pictures are drawn straight into the HTML. A page is made
when it is asked for (`Page.render`), so a build can write each page as it is made rather
than hold them all: `SiteRenderer.pages()` decides which pages exist, their URLs, titles
and context; the templates run only in `render`.

Why one module of over 300 lines: it is the list of every page the site has, with each
page's URL, title and context side by side, so that one file answers "which pages exist".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any

import jinja2

from accord.changes.history import History
from accord.model.findings import CheckResult
from accord.model.okrs import KeyResult, Objective, Plan, agreement_chains
from accord.model.organisation import expected_progress
from accord.render import paths
from accord.render.map import alignment_map
from accord.render.markup import ident
from accord.render.nav import NAV_UP_TO, Entry, function_of, grouped, initial
from accord.render.results import carried_into, last_closed, results
from accord.render.sitedata import SiteData, block, map_href, num, pct
from accord.render.toc import Heading, with_headings
from accord.render.views import REPEATS, Linker, by_rule, by_team, current_cycle
from accord.rules import RULES

RULES_URI = "rules.md"
# A cycle section of more teams than this lists one row per team (its plan page has the
# objectives): at 1,000 teams the full tables made a 6 MB page that froze the browser.
TABLE_UP_TO = 100
# A history of more commits than this gets a page per week (at 2,000 commits and 1,000
# teams one page was 11.7 MB and froze the browser for seconds).
HISTORY_UP_TO = 300
WIDE = ("navigation",)  # pages that hide the navigation sidebar to give their tables room
ROOMY = ("toc",)  # a team's page for a cycle keeps its teams beside it; its table needs the room


@dataclass(frozen=True)
class Body:
    """A page's content: its HTML (the article, from its first heading) and its headings."""

    html: str
    toc: list[Heading]


@dataclass(frozen=True)
class Page:
    """One generated page: its docs-relative path (`a/b/index.md`), its title (plain text),
    what of the theme it hides (`hide:`), and how to make its body."""

    uri: str
    title: str
    hide: tuple[str, ...] = ()
    make: Callable[[], str] = field(default=lambda: "", compare=False, repr=False)

    def render(self) -> Body:
        """The page's HTML, with an id on every heading, and its table of contents."""
        return Body(*with_headings(self.make()))


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("accord.render", "templates"),
        autoescape=True,
        finalize=lambda value: "" if value is None else value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class SiteRenderer(SiteData):
    """Every page of one checked model as of one date."""

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

    def render(
        self, template: str, uri: str, title: str, hide: tuple[str, ...] = (), **context: Any
    ) -> Page:
        """One page from a template, with the links and helpers every template uses."""
        return Page(uri, title, hide, partial(self._html, template, uri, context))

    def _html(self, template: str, uri: str, context: dict[str, Any]) -> str:
        to = Linker(self.model, uri, self.directory_urls)
        helpers = {
            "to": to, "org": self.model.org, "model": self.model, "as_of": self.as_of,
            "home": paths.HOME, "pct": pct, "num": num, "bar": self._bar, "pace": self._pace,
            "chart": self._chart, "src": self._source, "place": self._place(to),
            "flags": self._flags(to), "roots": self.roots,
            "hist": self.timeline, "history_uri": paths.HISTORY,
            "history_week_uri": paths.history_week_uri,
            "agreement_uri": paths.agreement_uri, "health_uri": paths.HEALTH,
            "teams_uri": paths.TEAMS, "people_uri": paths.PEOPLE, "rules_uri": RULES_URI,
            "summaries": {r.code: r.summary for r in RULES}, "ident": ident,
            "actions": self.actions, "repeats": REPEATS,
        }  # fmt: skip
        return self.env.get_template(template).render(**helpers, **context)

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
            "home.html.j2", paths.HOME, model.org.name, cycle=cycle,
            expected=expected_progress(cycle, self.as_of) if cycle else 0.0,
            priorities=priorities, stop_doing=stop, health=by_rule(self.result.findings),
            cycles=sorted(model.org.cycles.values(), key=lambda c: (c.start, c.id)),
            agreements=self.agreements, recent=self.timeline.recent(self.as_of)[:10],
            closed=results(model, last) if (last := last_closed(model, self.as_of)) else None,
        )  # fmt: skip

    def _cycles(self) -> Iterator[Page]:
        for cycle in self.model.org.cycles.values():
            uri = paths.cycle_uri(cycle.id)
            to = Linker(self.model, uri, self.directory_urls)
            svg = alignment_map(self.model, cycle.id, partial(map_href, to), self.as_of)
            closed = cycle.status(self.as_of) == "closed"
            yield self.render(
                "cycle.html.j2", uri, cycle.id, cycle=cycle, map=block(svg),
                expected=expected_progress(cycle, self.as_of), sections=self._sections(cycle.id),
                results=results(self.model, cycle) if closed else None,
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
                "plan.html.j2", uri, f"{team.name}: {plan.cycle}", ROOMY, plan=plan, team=team,
                objectives=objectives, children=self.index.children[team.id],
                findings=by_rule(findings),
                needs_out=any(o.depends_on for o in objectives),
                needs_in=[n for n in needs if n.asker.cycle == plan.cycle],
            )  # fmt: skip

    def _objectives(self) -> Iterator[Page]:
        for o in self.model.objectives.values():
            uri = paths.objective_uri(o.key, o.team)
            chains = [chain[1:] for chain in agreement_chains(self.model, o.key)]
            yield self.render(
                "objective.html.j2", uri, o.title, WIDE, o=o, chains=chains,
                below=self.index.supporters[o.key], team_of=self._team_of,
                carried_into=self.carried_into.get(o.key),
                needs_in=self.index.needs_of_objective[o.key], findings=self.findings_at(uri),
            )  # fmt: skip

    @cached_property
    def carried_into(self) -> dict[str, Objective]:
        """Objective key -> its continuation in a later cycle."""
        return carried_into(self.model)

    def _team_of(self, node: Objective | KeyResult) -> str:
        return self.model.objectives[node.key.split(".", 1)[0]].team

    def _teams(self) -> Iterator[Page]:
        teams = sorted(self.model.org.teams.values(), key=lambda t: t.name.lower())
        to, function = Linker(self.model, paths.TEAMS, self.directory_urls), function_of(self.model)
        entries = [(function(t.id), t.name, t.id) for t in teams]
        yield self._index(paths.TEAMS, "Teams", entries, to.team)
        for team in teams:
            plans = [(p, self._objectives_of(p)) for p in self.index.plans_of_team[team.id]]
            yield self.render(
                "team.html.j2", paths.team_uri(team.id), team.name, team=team, plans=plans,
                children=self.index.children[team.id], needs_in=self.index.needs_of_team[team.id],
                unplanned=self._unplanned(team.id),
                findings=by_rule(self.findings_at(paths.team_uri(team.id))),
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
        people_page = Linker(self.model, paths.PEOPLE, self.directory_urls)
        yield self._index(paths.PEOPLE, "People", entries, people_page.person)
        for person in people:
            yield self._person(person.id)

    def _person(self, pid: str) -> Page:
        model, index, uri = self.model, self.index, paths.person_uri(pid)
        owned = index.owns[pid]
        objectives = [n for n in owned if isinstance(n, Objective)]
        key_results = [n for n in owned if isinstance(n, KeyResult)]
        return self.render(
            "person.html.j2", uri, model.org.people[pid].name, person=model.org.people[pid],
            leads=index.leads[pid], member_of=index.member_of[pid],
            owns=objectives,
            owns_krs=[(kr, model.objectives[kr.objective_key]) for kr in key_results],
            decides=index.decides[pid], contributes=index.contributes[pid],
            statements=[s for s in model.statements if s.person == pid],
            findings=by_rule(self.findings_at(uri)),
        )  # fmt: skip

    def _health(self) -> Page:
        findings = self.result.findings
        return self.render(
            "health.html.j2", paths.HEALTH, "Health", WIDE, findings=findings,
            rules=by_rule(findings), teams=by_team(self.model, findings),
        )  # fmt: skip

    def _agreement(self) -> Iterator[Page]:
        for cycle, agreement in self.agreements.items():
            uri = paths.agreement_uri(cycle)
            ranks = range(max(len(p) for p in agreement.priorities))
            yield self.render(
                "agreement.html.j2", uri, f"Leaders' statements: {cycle}", WIDE, a=agreement,
                ranks=ranks, findings=self.findings_at(uri),
            )  # fmt: skip

    def _history(self) -> Iterator[Page]:
        """`/history/`: every change; past HISTORY_UP_TO commits, a page per week instead."""
        timeline = self.timeline
        weeks = timeline.weeks()
        if sum(len(w.entries) for w in weeks) <= HISTORY_UP_TO:
            yield self.render(
                "history.html.j2", paths.HISTORY, "History", WIDE, notes=timeline.notes(),
                sections=timeline.sections(), weeks=[], week=None,
            )  # fmt: skip
            return
        yield self.render(
            "history.html.j2", paths.HISTORY, "History", WIDE, notes=timeline.notes(),
            sections=timeline.sections(timeline.uncommitted()), weeks=weeks, week=None,
        )  # fmt: skip
        for week in weeks:
            yield self.render(
                "history.html.j2", paths.history_week_uri(week.id), f"History: {week.id}", WIDE,
                notes=[], sections=timeline.sections(week.entries), weeks=[], week=week,
            )  # fmt: skip

    def _index(self, uri: str, title: str, entries: list[Entry], link: Any) -> Page:
        """Every entry (group, name, id), under group headings when the navigation leaves
        them to this page."""
        groups = [
            (group, [link(i) for _, _, i in items]) for group, items in grouped(entries, NAV_UP_TO)
        ]
        return self.render("index_list.html.j2", uri, title, heading=title, groups=groups)


def render_pages(
    result: CheckResult,
    as_of: date,
    current: str | None = None,
    history: History | None = None,
    prefix: str = "",
    directory_urls: bool = True,
) -> list[Page]:
    """Every page of the site for a checked model without errors (each made when rendered).
    `prefix` is the OKR repository's folder in its git work tree, which links into the
    repository put before every path."""
    site = SiteRenderer(result, as_of, current, history or History("no-git"), prefix)
    site.directory_urls = directory_urls
    return site.pages()
