"""What every page draws on: the checked model, lookups built once, findings by page, the
history, and the small helpers the templates call (bars, pace, charts, finding links)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from accord.changes.history import History
from accord.model.findings import CheckResult, Finding
from accord.model.forge import Forge, forge_of
from accord.model.okrs import NOT_YET, OWN, ROLLED_UP, KeyResult, Model, Objective, Progress
from accord.model.organisation import expected_progress
from accord.render import charts, paths
from accord.render.actions import Actions
from accord.render.markup import Markup
from accord.render.timeline import Timeline
from accord.render.views import Index, Linker, Places, build_index, source_link, team_of
from accord.rules.statements import CycleAgreement, compare_statements


@dataclass
class SiteData:
    """One checked model as of one date, with everything pages look up."""

    result: CheckResult
    as_of: date
    chosen_cycle: str | None = None
    history: History = field(default_factory=lambda: History("no-git"))
    prefix: str = ""  # the OKR repository's folder in its git work tree ("" or "sub/")
    directory_urls: bool = True  # pages served at `a/` (else at `a/index.html`)

    @cached_property
    def model(self) -> Model:
        """The model (a site is only built from OKRs without errors)."""
        assert self.result.model is not None
        return self.result.model

    @cached_property
    def forge(self) -> Forge | None:
        """The hosting site of `repository:`, for links into it (None: no such links)."""
        org = self.model.org
        return forge_of(org.repository, org.default_branch, self.prefix)

    @cached_property
    def actions(self) -> Actions:
        """The repository action rows of objective, key-result and team pages."""
        return Actions(self.forge)

    @cached_property
    def index(self) -> Index:
        """Lookups by id, built once."""
        return build_index(self.model)

    @cached_property
    def findings_by_page(self) -> dict[str, list[Finding]]:
        """The findings that belong on each page: the page of the object each names, and the
        pages of those who act on it, its team's and its owner's."""
        pages: dict[str, list[Finding]] = {}
        for finding in self.result.findings:
            for uri in self._pages_of(finding):
                pages.setdefault(uri, []).append(finding)
        return pages

    def _pages_of(self, finding: Finding) -> dict[str, None]:
        place = self.places.of(finding)
        uris = {place.uri: None}
        team = team_of(self.model, finding)
        if team is not None:
            uris[paths.team_uri(team)] = None
        objective = self._objective_at.get(place.uri)
        if objective is not None:
            kr = next(
                (k for k in objective.key_results if paths.kr_anchor(k.id) == place.anchor), None
            )
            uris[paths.person_uri((kr or objective).owner)] = None
        return uris

    @cached_property
    def _objective_at(self) -> dict[str, Objective]:
        """Objective page URI -> its objective."""
        return {paths.objective_uri(o.key, o.team): o for o in self.model.objectives.values()}

    @cached_property
    def findings_by_file(self) -> dict[str, list[Finding]]:
        """The findings of each file."""
        files: dict[str, list[Finding]] = {}
        for finding in self.result.findings:
            files.setdefault(finding.location.file, []).append(finding)
        return files

    @cached_property
    def timeline(self) -> Timeline:
        """The history, as pages show it."""
        return Timeline(self.history, self.model, self.forge)

    @cached_property
    def roots(self) -> set[str]:
        """The teams at the top of the tree (the company)."""
        return {t.id for t in self.model.org.teams.values() if t.parent is None}

    @cached_property
    def places(self) -> Places:
        """Where each finding belongs."""
        return Places(self.model)

    @cached_property
    def agreements(self) -> dict[str, CycleAgreement]:
        """Leaders' statements compared, per cycle."""
        return {a.cycle: a for a in compare_statements(self.model)}

    def findings_at(self, uri: str) -> list[Finding]:
        """The findings that belong on page `uri`."""
        return self.findings_by_page.get(uri, [])

    def _shown(self, node: Objective | KeyResult) -> Progress:
        """What a bar shows for `node`: a key result's own progress once it has a check-in,
        an objective's as `Model.progress_of` says."""
        if isinstance(node, Objective):
            return self.model.progress_of(node.key)
        return Progress(node.progress, OWN) if node.checkins else Progress(None, NOT_YET)

    def _bar(self, node: Objective | KeyResult, objective: Objective | None = None) -> Markup:
        shown = self._shown(node)
        if shown.value is None:
            return Markup('<span class="accord-none">no check-in yet</span>')
        cycle_id = (objective or node).key.split("/", 1)[0]
        expected = expected_progress(self.model.org.cycles[cycle_id], self.as_of)
        bar = inline(charts.progress_bar(shown.value, expected, label=node.title))
        if shown.source == ROLLED_UP:
            return bar + Markup(' <span class="accord-rolled">from supporting objectives</span>')
        return bar

    def _pace(self, node: Objective | KeyResult) -> str:
        """'on track', 'a little behind' or 'behind', against the cycle's elapsed share."""
        shown = self._shown(node)
        if shown.value is None:
            return ""  # the bar's place already says "no check-in yet"
        cycle = self.model.org.cycles[node.key.split("/", 1)[0]]
        expected = expected_progress(cycle, self.as_of)
        word = charts.pace(shown.value, expected)
        source = " from supporting objectives" if shown.source == ROLLED_UP else ""
        return f"{word} ({pct(shown.value)} done{source}, {pct(expected)} expected)"

    def _chart(self, kr: KeyResult, objective: Objective) -> Markup:
        cycle = self.model.org.cycles[objective.cycle]
        return block(charts.checkin_chart(kr, cycle, self.as_of, label=kr.title))

    def _source(self, finding: Finding) -> Markup:
        loc = finding.location
        return source_link(self.forge, loc.file, loc.line)

    def _place(self, to: Linker) -> Callable[[Finding], Markup]:
        def place(finding: Finding) -> Markup:
            where = self.places.of(finding)
            return to.to(where.uri, where.label, where.anchor)

        return place

    def _flags(self, to: Linker) -> Callable[[Objective], Markup]:
        """` · W204` links to that rule's findings in the objective's team on the health page."""

        def flags(objective: Objective) -> Markup:
            uri = paths.objective_uri(objective.key, objective.team)
            codes = sorted({f.rule for f in self.findings_at(uri) if f.accepted is None})
            links = [
                to.to(paths.HEALTH, code, f"{objective.team}-{code.lower()}") for code in codes
            ]
            return Markup("").join(Markup(" · ") + link for link in links)

        return flags


def map_href(to: Linker, key: str) -> str:
    """The URL the alignment map links a node to, relative to the cycle page."""
    if key.startswith("team:"):
        target = paths.team_uri(key.removeprefix("team:"))
    else:
        objective = to.model.objectives[key.split(".", 1)[0]]
        target = paths.objective_uri(objective.key, objective.team)
    return paths.relative(to.page, target, directory_urls=to.directory_urls)


def pct(value: float) -> str:
    """A share as a percentage, rounded as the bars round it (`charts.percent`)."""
    return charts.percent(value)


def num(value: float, unit: str | None = None) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}" if unit else text


def inline(svg: str) -> Markup:
    """An SVG that sits in a sentence or a table cell; not in the search index."""
    return Markup(svg.replace("<svg ", "<svg data-search-exclude ", 1))


def block(svg: str) -> Markup:
    """An SVG as a figure of its own; not in the search index."""
    return Markup(f'<div class="accord-figure" data-search-exclude>{svg}</div>')
