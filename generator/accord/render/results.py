"""A closed cycle's results, as its page and the home page show them: each key result's
final grade (its `score`, else the progress its check-ins reached, labelled computed), the
grades by team and in bands, the retrospectives, what was carried into later cycles and what
was dropped or left. Pure: reads the model only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from accord.model.okrs import KeyResult, Model, Objective
from accord.model.organisation import Cycle

# The usual reading of OKR grades: 0.7 and above delivered, 0.4 to 0.7 progress, below that
# not delivered (Google's own guidance grades 0.6 to 0.7 as a success for stretch goals).
BANDS = (
    (0.7, "0.7 to 1.0: delivered"),
    (0.4, "0.4 to 0.7: progress"),
    (0.0, "below 0.4: not delivered"),
)


@dataclass(frozen=True)
class Grade:
    """A key result's final grade: the owner's `score`, else the computed progress."""

    kr: KeyResult
    objective: Objective
    value: float
    scored: bool


@dataclass(frozen=True)
class TeamResult:
    """One team's grades in the cycle, and its retrospective."""

    team: str
    grades: list[Grade]
    retrospective: str | None

    @property
    def mean(self) -> float:
        return mean_grade(self.grades)

    @property
    def computed(self) -> int:
        """How many of the grades are computed, not given."""
        return computed(self.grades)


def mean_grade(grades: list[Grade]) -> float:
    """The mean of the grades (0 when there are none)."""
    return sum(g.value for g in grades) / len(grades) if grades else 0.0


def computed(grades: list[Grade]) -> int:
    """How many of the grades are computed from check-ins, not given by owners."""
    return sum(not g.scored for g in grades)


@dataclass(frozen=True)
class Results:
    """A cycle's results (`teams` empty: nothing was planned in it)."""

    cycle: Cycle
    teams: list[TeamResult]
    carried: list[tuple[Objective, Objective]]  # (this cycle's objective, its continuation)
    dropped: list[Objective]
    left: list[Objective]  # unfinished, live, and not carried anywhere
    objectives: list[Objective]  # all of the cycle's, by team

    @cached_property
    def grades(self) -> list[Grade]:
        return [g for team in self.teams for g in team.grades]

    @property
    def mean(self) -> float:
        return mean_grade(self.grades)

    @property
    def computed(self) -> int:
        return computed(self.grades)

    @property
    def bands(self) -> list[tuple[str, int]]:
        """How many grades fall in each band, highest first."""
        counts = {label: 0 for _, label in BANDS}
        for grade in self.grades:
            counts[next(label for low, label in BANDS if grade.value >= low)] += 1
        return list(counts.items())

    @property
    def retrospectives(self) -> list[Objective]:
        """The cycle's objectives that say what was learned, team by team."""
        return [o for o in self.objectives if o.retrospective]


def grade(kr: KeyResult, objective: Objective, cycle: Cycle) -> Grade:
    """The key result's `score`, else its progress from the check-ins up to the cycle's end."""
    if kr.score is not None:
        return Grade(kr, objective, kr.score, True)
    return Grade(kr, objective, kr.progress_by(cycle.end), False)


def results(model: Model, cycle: Cycle) -> Results:
    """The results of `cycle` in `model`."""
    plans = sorted((p for p in model.plans if p.cycle == cycle.id), key=lambda p: p.team)
    teams = [
        TeamResult(
            plan.team,
            [
                grade(kr, model.objectives[key], cycle)
                for key in plan.objectives
                if model.objectives[key].status != "dropped"
                for kr in model.objectives[key].key_results
            ],
            plan.retrospective,
        )
        for plan in plans
    ]
    mine = sorted(
        (o for o in model.objectives.values() if o.cycle == cycle.id), key=lambda o: o.team
    )
    later = carried_into(model)
    carried = [(o, later[o.key]) for o in mine if o.key in later]
    dropped = [o for o in mine if o.status == "dropped"]
    left = [
        o
        for o in mine
        if o.live
        and o.key not in later
        and any(grade(kr, o, cycle).value < 1 for kr in o.key_results)
    ]
    return Results(cycle, teams, carried, dropped, left, mine)


def carried_into(model: Model) -> dict[str, Objective]:
    """Objective key -> the objective of a later cycle that continues it (`carried_from`)."""
    return {o.carried_from: o for o in model.objectives.values() if o.carried_from}


def last_closed(model: Model, as_of: date) -> Cycle | None:
    """The closed cycle with team files that ended last, if any."""
    planned = {p.cycle for p in model.plans}
    closed = [
        c for c in model.org.cycles.values() if c.id in planned and c.status(as_of) == "closed"
    ]
    return max(closed, key=lambda c: (c.end, c.id), default=None)
