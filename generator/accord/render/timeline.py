"""History as the pages show it: dates, authors as people, commit and pull-request links,
and who agreed to the pull request that merged a change, where that is on record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from accord.changes.diff import Change
from accord.changes.history import Entry, History
from accord.model.forge import Forge
from accord.model.okrs import Model
from accord.model.organisation import Org
from accord.render.markup import Markup, escape, external
from accord.render.views import Linker

SHALLOW = (
    "History is truncated: this site was built from a shallow clone. Fetch the whole history "
    "(in GitHub Actions, `actions/checkout` with `fetch-depth: 0`) to see every change."
)


@dataclass(frozen=True)
class Week:
    """One ISO week of history: `2026-w47`, its Monday and its entries, newest first."""

    id: str
    monday: date
    entries: list[Entry]

    @property
    def days(self) -> str:
        """'16 Nov to 22 Nov 2026'."""
        sunday = self.monday + timedelta(days=6)
        return f"{self.monday.day} {self.monday:%b} to {sunday.day} {sunday:%b %Y}"


@dataclass(frozen=True)
class Timeline:
    """One history, with the helpers templates use to show it."""

    history: History
    model: Model
    forge: Forge | None = None  # where commits and pull requests are linked

    @cached_property
    def people(self) -> People:
        """Authors to people, indexed once."""
        return People(self.model.org)

    @property
    def empty(self) -> str:
        """What to say where there is nothing to show."""
        if self.history.state == "no-git":
            return "No history: this repository is not in git."
        if self.history.state == "no-commits":
            return "No history yet: nothing has been committed."
        return "No changes recorded."

    def notes(self) -> list[dict[str, str]]:
        """Warnings for the history page: truncated or missing history."""
        if self.history.shallow:
            return [{"title": "History is truncated", "text": SHALLOW}]
        if self.history.state != "ok":
            return [{"title": "No history", "text": self.empty}]
        return []

    def when(self, entry: Entry) -> str:
        """The commit's day, or 'not yet committed'."""
        return entry.date[:10] if entry.sha else "not yet committed"

    def who(self, to: Linker, entry: Entry) -> Markup:
        """The author: their person page when they are a person of the organisation."""
        if entry.sha is None:
            return Markup("")
        person = self.people.of(entry)
        return to.person(person) if person else escape(entry.author)

    def refs(self, entry: Entry) -> Markup:
        """` · commit abc1234 · pull request #7`, linked when `repository` is set (the pull
        request is left to `agreed` when that is on record)."""
        if entry.sha is None:
            return Markup("")
        forge = self.forge
        commit = external(entry.sha[:7], forge.commit(entry.sha) if forge else None)
        text = Markup(" · commit {}").format(commit)
        if entry.pr is not None and entry.agreed is None:
            text += Markup(" · pull request {}").format(self._pr(entry.pr))
        return text

    def agreed(self, to: Linker, entry: Entry) -> Markup:
        """` · agreed in #7 by Ada Lovelace, grace`: who approved the pull request that merged
        the commit, people by name (linked to their page) when their GitHub handle is in
        org.yaml, else by handle. Nothing without a record: no record is not 'nobody agreed'.
        A record without approvals says so, with who merged it."""
        record = entry.agreed
        if record is None:
            return Markup("")
        number = self._pr(record.pr)
        if record.approved_by:
            names = Markup(", ").join(self._login(to, login) for login in record.approved_by)
            return Markup(" · agreed in {} by {}").format(number, names)
        merger = (
            Markup(" by {}").format(self._login(to, record.merged_by)) if record.merged_by else ""
        )
        return Markup(" · merged in {}{} without an approving review").format(number, merger)

    def _login(self, to: Linker, login: str) -> Markup:
        person = self.handles.get(login.lower())
        return to.person(person) if person else escape(login)

    @cached_property
    def handles(self) -> dict[str, str]:
        """GitHub handle (lower case) -> person id; the first person listed wins."""
        found: dict[str, str] = {}
        for person in self.model.org.people.values():
            if person.github:
                found.setdefault(person.github.lower(), person.id)
        return found

    def _pr(self, number: int) -> Markup:
        """`#7`, linked to the pull (or merge) request when `repository` is set."""
        return external(f"#{number}", self.forge.pull_request(number) if self.forge else None)

    def subject(self, to: Linker, change: Change) -> Markup:
        """What a change is about, linked when it still exists."""
        if change.subject == "team":
            cycle, team = change.key.split("/", 1)
            exists = team in self.model.org.teams and cycle in self.model.org.cycles
            return (
                to.plan(cycle, team)
                if exists and self._has_plan(cycle, team)
                else escape(change.key)
            )
        return to.node(change.key) if self.model.node(change.key) else escape(change.key)

    def _has_plan(self, cycle: str, team: str) -> bool:
        return any(p.cycle == cycle and p.team == team for p in self.model.plans)

    def sections(
        self, entries: Iterable[Entry] | None = None
    ) -> list[tuple[str, list[tuple[Entry, list[Change]]]]]:
        """Entries (default: all) grouped by the cycle their changes are in, newest first
        within each."""
        grouped: dict[str, list[tuple[Entry, list[Change]]]] = defaultdict(list)
        for entry in self.history.entries if entries is None else entries:
            by_cycle: dict[str, list[Change]] = defaultdict(list)
            for change in entry.changes:
                by_cycle[change.key.split("/", 1)[0]].append(change)
            for cycle, changes in by_cycle.items():
                grouped[cycle].append((entry, changes))
        order = sorted(grouped, key=lambda c: self._start(c), reverse=True)
        return [(cycle, grouped[cycle]) for cycle in order]

    def _start(self, cycle: str) -> str:
        known = self.model.org.cycles.get(cycle)
        return known.start.isoformat() if known else ""

    def weeks(self) -> list[Week]:
        """The committed entries with changes (what `sections` shows) by ISO week of their
        commit date, newest week first."""
        weeks: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        for entry in self.history.entries:
            if entry.sha is not None and entry.changes:
                year, week, _ = date.fromisoformat(entry.date[:10]).isocalendar()
                weeks[(year, week)].append(entry)
        return [
            Week(_week_id(year, week), date.fromisocalendar(year, week, 1), weeks[(year, week)])
            for year, week in sorted(weeks, reverse=True)
        ]

    def uncommitted(self) -> list[Entry]:
        """The edits not yet committed (one entry, or none)."""
        return [entry for entry in self.history.entries if entry.sha is None]

    def recent(self, as_of: date, days: int = 14) -> list[Entry]:
        """Entries with changes from the `days` days up to `as_of` (and uncommitted ones),
        newest first: a site built as of an earlier day does not show what came after it."""
        since, until = (as_of - timedelta(days=days)).isoformat(), as_of.isoformat()
        return [
            entry
            for entry in self.history.entries
            if entry.changes and (entry.sha is None or since <= entry.date[:10] <= until)
        ]

    def says(self, change: Change) -> str:
        """A change in words next to its linked subject: 'added' rather than the title again."""
        return change.kind if change.kind == "added" else change.text


def week_of(entry: Entry) -> str:
    """The id of the week page a committed entry is on (`2026-w47`)."""
    year, week, _ = date.fromisoformat(entry.date[:10]).isocalendar()
    return _week_id(year, week)


def _week_id(year: int, week: int) -> str:
    return f"{year}-w{week:02d}"


class People:
    """Who an entry's author is, by name, e-mail or GitHub handle (looked up, not searched)."""

    def __init__(self, org: Org) -> None:
        self.rank = {pid: rank for rank, pid in enumerate(org.people)}  # first listed wins
        self.by: dict[str, str] = {}
        for person in org.people.values():
            for name in (person.name, person.email or "", person.github or ""):
                if name:
                    self.by.setdefault(name.lower(), person.id)

    def of(self, entry: Entry) -> str | None:
        """The person id of the entry's author, or None when nobody matches."""
        email = entry.email.lower()
        noreply = email.endswith("users.noreply.github.com")
        handle = email.split("@")[0].split("+")[-1] if noreply else ""
        ids = [self.by[name] for name in (entry.author.lower(), email, handle) if name in self.by]
        return min(ids, key=self.rank.__getitem__) if ids else None
