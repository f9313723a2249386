"""Derived values of the model: progress, expected progress, agreement chains, cycle status."""

from __future__ import annotations

from datetime import date

import pytest

from accord.model.location import Location
from accord.model.okrs import Checkin, KeyResult, Model, Objective, agreement_chains
from accord.model.organisation import Cycle, Org, expected_progress

HERE = Location("okrs/2026-q4/ops.yaml", 1, 1)
Q4 = Cycle("2026-q4", date(2026, 10, 1), date(2026, 12, 31), HERE, within="2026")
YEAR = Cycle("2026", date(2026, 1, 1), date(2026, 12, 31), HERE)


def kr(start: float, target: float, *values: float, key: str = "2026-q4/o.kr") -> KeyResult:
    """A key result with one check-in per value, in order."""
    checkins = tuple(
        Checkin(date(2026, 10, 1 + i), value, "medium", HERE) for i, value in enumerate(values)
    )
    return KeyResult(
        key, key.rsplit(".", 1)[1], "A measure", "ben", start, target, HERE, checkins=checkins
    )


def objective(key: str, *supports: str, results: tuple[KeyResult, ...] = ()) -> Objective:
    """An objective with the given key, supports and key results."""
    cycle, oid = key.split("/")
    return Objective(
        key, oid, cycle, "ops", f"Objective {oid}", "ben", "Why now.", HERE,
        supports=supports, key_results=results,
    )  # fmt: skip


def model(*objectives: Objective) -> Model:
    """A model holding these objectives, in an org with the 2026 and 2026-q4 cycles."""
    org = Org("Example Co", {}, {}, {"2026": YEAR, "2026-q4": Q4})
    return Model(org, objectives={o.key: o for o in objectives})


@pytest.mark.parametrize(
    ("start", "target", "values", "progress"),
    [
        (70, 80, (), 0.0),
        (70, 80, (75,), 0.5),
        (70, 80, (72, 78), 0.8),
        (70, 80, (80,), 1.0),
        (0, 200, (50,), 0.25),
    ],
    ids=["no-checkin", "half", "latest-counts", "done", "from-zero"],
)
def test_progress_of_an_increasing_key_result(
    start: float, target: float, values: tuple[float, ...], progress: float
) -> None:
    """Progress is (latest value - start) / (target - start), and start before any check-in."""
    assert kr(start, target, *values).progress == pytest.approx(progress)


@pytest.mark.parametrize(
    ("values", "progress"),
    [((6,), 0.0), ((5,), 1 / 3), ((4.5,), 0.5), ((3,), 1.0)],
    ids=["unmoved", "third", "half", "done"],
)
def test_progress_of_a_decreasing_key_result(values: tuple[float, ...], progress: float) -> None:
    """A target below start means "decrease": going down from 6 towards 3 is progress."""
    assert kr(6, 3, *values).progress == pytest.approx(progress)


@pytest.mark.parametrize(
    ("start", "target", "value", "progress"),
    [(70, 80, 95, 1.0), (70, 80, 60, 0.0), (6, 3, 1, 1.0), (6, 3, 9, 0.0)],
    ids=["beyond-target", "below-start", "decrease-beyond-target", "decrease-went-up"],
)
def test_progress_is_clamped_to_0_1(
    start: float, target: float, value: float, progress: float
) -> None:
    """Overshooting the target counts as 1 and going the wrong way as 0, in both directions."""
    assert kr(start, target, value).progress == progress


def test_progress_when_target_equals_start() -> None:
    """A key result whose target is its start is done when current equals it and 0 otherwise."""
    assert kr(5, 5).progress == 1.0
    assert kr(5, 5, 4).progress == 0.0


def test_current_is_the_latest_checkin_or_the_start() -> None:
    """`current` is the last check-in's value, or the start value before any check-in."""
    assert kr(70, 80).current == 70
    assert kr(70, 80, 72, 74).current == 74


def test_objective_progress_is_the_mean_of_its_key_results() -> None:
    """An objective's progress is the mean of its key results' progress (0 with none)."""
    results = (kr(0, 10, 10, key="2026-q4/o.a"), kr(0, 10, 2, key="2026-q4/o.b"))
    assert objective("2026-q4/o", results=results).progress == pytest.approx(0.6)
    assert objective("2026-q4/empty").progress == 0.0


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 9, 30), 0.0),
        (date(2026, 10, 1), 1 / 92),
        (date(2026, 11, 15), 0.5),
        (date(2026, 12, 31), 1.0),
        (date(2027, 1, 15), 1.0),
    ],
    ids=["before-start", "first-day", "middle", "last-day", "after-end"],
)
def test_expected_progress_is_the_elapsed_fraction_of_the_cycle(day: date, expected: float) -> None:
    """Expected progress counts the as-of day as elapsed: 0 before start, 1 from the last day on."""
    assert expected_progress(Q4, day) == pytest.approx(expected)


def test_chain_runs_up_supports_to_the_root() -> None:
    """An objective's chain lists every objective above it, up to the one that supports nothing."""
    m = model(
        objective("2026/mission"),
        objective("2026/growth", "2026/mission"),
        objective("2026-q4/crews", "2026/growth"),
    )
    assert agreement_chains(m, "2026-q4/crews") == [
        ("2026-q4/crews", "2026/growth", "2026/mission")
    ]


def test_diamond_gives_two_chains() -> None:
    """An objective supporting two priorities that both serve one root has two paths up."""
    m = model(
        objective("2026/root"),
        objective("2026/left", "2026/root"),
        objective("2026/right", "2026/root"),
        objective("2026-q4/bottom", "2026/left", "2026/right"),
    )
    assert agreement_chains(m, "2026-q4/bottom") == [
        ("2026-q4/bottom", "2026/left", "2026/root"),
        ("2026-q4/bottom", "2026/right", "2026/root"),
    ]


def test_standalone_objective_has_no_chain() -> None:
    """An objective that supports nothing is a root itself and has no chain above it."""
    assert agreement_chains(model(objective("2026/root")), "2026/root") == []


def test_key_result_chain_goes_through_its_objective_and_its_own_supports() -> None:
    """A key result leads up to its own objective and to any key result it supports."""
    target = objective("2026/growth", results=(kr(0, 10, key="2026/growth.revenue"),))
    feeder = KeyResult(
        "2026-q4/crews.fix", "fix", "First-time fixes", "ben", 0, 10, HERE,
        supports=("2026/growth.revenue",),
    )  # fmt: skip
    m = model(target, objective("2026-q4/crews", results=(feeder,)))
    assert agreement_chains(m, "2026-q4/crews.fix") == [
        ("2026-q4/crews.fix", "2026/growth.revenue", "2026/growth"),
        ("2026-q4/crews.fix", "2026-q4/crews"),
    ]


def test_chains_stop_at_a_loop_instead_of_recursing() -> None:
    """A supports loop (already an E106) does not make chain-finding run forever."""
    m = model(objective("2026/a", "2026/b"), objective("2026/b", "2026/a"))
    assert agreement_chains(m, "2026/a") == [("2026/a", "2026/b")]


def test_chains_are_limited() -> None:
    """A fan of many paths is cut at `limit` chains."""
    tops = [objective(f"2026/top{i}") for i in range(10)]
    bottom = objective("2026-q4/bottom", *(t.key for t in tops))
    assert len(agreement_chains(model(*tops, bottom), "2026-q4/bottom", limit=3)) == 3


def test_a_chain_thousands_of_objectives_long_is_walked_without_recursion() -> None:
    """A 3,000-level `supports` chain gives its one chain instead of a RecursionError."""
    chain = [objective("2026/o0")]
    chain += [objective(f"2026/o{i}", f"2026/o{i - 1}") for i in range(1, 3000)]
    assert agreement_chains(model(*chain), "2026/o2999") == [
        tuple(f"2026/o{i}" for i in range(2999, -1, -1))
    ]


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 9, 30), "planning"),
        (date(2026, 10, 1), "active"),
        (date(2026, 12, 31), "active"),
        (date(2027, 1, 1), "closed"),
    ],
)
def test_cycle_status_follows_the_dates(day: date, status: str) -> None:
    """Undeclared, a cycle is planning before its start, active up to its end, then closed."""
    assert Q4.status(day) == status


def test_declared_cycle_status_wins_over_dates() -> None:
    """A status written in org.yaml is the cycle's status whatever the date."""
    closed_early = Cycle("2026-q4", Q4.start, Q4.end, HERE, declared_status="closed")
    assert closed_early.status(date(2026, 11, 1)) == "closed"
    assert (
        Cycle("x", Q4.start, Q4.end, HERE, declared_status="active").status(date(2025, 1, 1))
        == "active"
    )


def test_enclosing_lists_the_cycle_then_its_outer_cycles() -> None:
    """Refs are looked up in the cycle itself, then its enclosing cycles, nearest first."""
    org = model().org
    assert org.enclosing("2026-q4") == ["2026-q4", "2026"]
    assert org.enclosing("2026") == ["2026"]
