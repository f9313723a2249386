"""The organisation as frozen dataclasses: people, the team tree, cycles and settings.

No IO here: `resolve/org.py` builds an `Org` from okrs/org.yaml. Its values are what every
plan, objective and rule is placed in (`okrs.py` holds the plans themselves).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from accord.model.location import Location

CYCLE_STATUSES = ("planning", "active", "closed")


@dataclass(frozen=True)
class Person:
    """Someone who can own objectives, key results and decisions."""

    id: str
    name: str
    where: Location
    github: str | None = None
    email: str | None = None
    title: str | None = None
    accept: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Team:
    """A node of the team tree (the root is usually the company itself)."""

    id: str
    name: str
    lead: str
    where: Location
    parent: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cycle:
    """A planning period; `within` names the enclosing cycle (a quarter in its year)."""

    id: str
    start: date
    end: date
    where: Location
    within: str | None = None
    declared_status: str | None = None

    def status(self, as_of: date) -> str:
        """The declared status, or planning/active/closed from the dates."""
        if self.declared_status:
            return self.declared_status
        if as_of < self.start:
            return "planning"
        return "active" if as_of <= self.end else "closed"


@dataclass(frozen=True)
class Settings:
    """Thresholds of the health rules, and how issue-form check-ins land, from `settings`."""

    max_objectives_per_team: int = 5
    max_key_results_per_objective: int = 5
    max_key_results_per_owner: int = 6
    stale_checkin_days: int = 14
    green_below_margin: float = 0.25
    copy_similarity: float = 0.8
    min_why_now_words: int = 8
    max_objectives_per_company: int = 4
    activity_threshold: float = 0.5
    statement_overlap: float = 0.4
    contradiction_similarity: float = 0.5
    decision_owner_teams: int = 3
    unanswered_checkins: int = 3
    max_changes_per_cycle: int = 2
    score_within_days: int = 14
    max_carry_overs: int = 1
    score_gap: float = 0.3
    issue_checkins: str = "pull-request"  # or "commit": how the check-in issue form lands


@dataclass(frozen=True)
class Org:
    """org.yaml: who is in the organisation and how its time is cut."""

    name: str
    people: Mapping[str, Person]
    teams: Mapping[str, Team]
    cycles: Mapping[str, Cycle]
    settings: Settings = field(default_factory=Settings)
    repository: str | None = None
    default_branch: str = "main"  # the branch the site's repository links open

    def depth(self, team_id: str) -> int:
        """How far below a root of the team tree a team sits (the company is 0)."""
        depth, seen = 0, {team_id}
        parent = self.teams[team_id].parent if team_id in self.teams else None
        while parent is not None and parent in self.teams and parent not in seen:
            seen.add(parent)
            depth, parent = depth + 1, self.teams[parent].parent
        return depth

    def enclosing(self, cycle_id: str) -> list[str]:
        """The cycle and its enclosing cycles, nearest first (refs resolve in this order)."""
        chain: list[str] = []
        current: str | None = cycle_id
        while current is not None and current in self.cycles and current not in chain:
            chain.append(current)
            current = self.cycles[current].within
        return chain


def accepted(raw: object) -> dict[str, str]:
    """`accept: [{rule, reason}]` as written, as rule -> reason."""
    entries = raw if isinstance(raw, list) else []
    return {e["rule"]: e["reason"] for e in entries if isinstance(e, dict)}


def expected_progress(cycle: Cycle, as_of: date) -> float:
    """The elapsed fraction of the cycle at `as_of`, clamped to 0..1."""
    total = (cycle.end - cycle.start).days + 1
    elapsed = (as_of - cycle.start).days + 1
    return min(1.0, max(0.0, elapsed / total))
