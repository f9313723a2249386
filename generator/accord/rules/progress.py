"""How OKRs move: stale check-ins (W207), drift (W208), green below a stalled priority (W209)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from accord.model import KeyResult, Model, Objective, expected_progress
from accord.rules.common import current_cycles, live_objectives, named, pct, shorten
from accord.rules.registry import Hit, rule


@rule("W207")
def stale_checkin(model: Model, as_of: date) -> Iterator[Hit]:
    """A key result in a current cycle that nobody has checked in on for too long."""
    days = model.org.settings.stale_checkin_days
    current = current_cycles(model, as_of)
    for objective in model.objectives.values():
        if objective.status != "active" or objective.cycle not in current:
            continue
        start = model.org.cycles[objective.cycle].start
        for kr in objective.key_results:
            last = kr.checkins[-1].date if kr.checkins else start
            age = (as_of - last).days
            if age > days:
                since = f"since {last}" if kr.checkins else f"since the cycle began on {last}"
                yield Hit(
                    kr,
                    f"key result {named(kr)} has had no check-in {since} ({age} days; the limit "
                    f"is {days}): record where it stands and whether you still agree it matters",
                )


@rule("W208")
def drift_named(model: Model, as_of: date) -> Iterator[Hit]:
    """The latest check-in says the people involved no longer agree why this matters."""
    for objective in live_objectives(model):
        if model.org.cycles[objective.cycle].status(as_of) == "closed":
            continue
        for kr in objective.key_results:
            last = kr.checkins[-1] if kr.checkins else None
            if last is not None and last.still_agreed is False:
                note = f" ({shorten(last.note)})" if last.note else ""
                yield Hit(
                    kr,
                    f"the latest check-in on {named(kr)}, {last.date}, says the people involved "
                    f"no longer agree why it matters{note}: settle it in a pull request that "
                    "changes the objective or its priority, or check in again once you agree",
                    last.where,
                )


@rule("W209")
def green_below_stalled_priority(model: Model, as_of: date) -> Iterator[Hit]:
    """Green below, nothing moving above: on-track work under a priority that is not moving."""
    current = current_cycles(model, as_of)
    for objective in live_objectives(model):
        if objective.cycle not in current:
            continue
        reported = _check(model, objective, objective.supports, current, as_of)
        if reported:
            yield reported[0]
        lagging = reported[1] if reported else None
        for kr in objective.key_results:
            found = _check(model, kr, kr.supports, current, as_of)
            if found and found[1] != lagging:
                yield found[0]


def _check(
    model: Model,
    node: Objective | KeyResult,
    supports: tuple[str, ...],
    current: set[str],
    as_of: date,
) -> tuple[Hit, str] | None:
    """A hit on `node` when it is on track and the nearest priority above it lags widely."""
    cycle = model.org.cycles[node.key.split("/", 1)[0]]
    expected = expected_progress(cycle, as_of)
    if node.progress < expected or not supports:
        return None
    margin = model.org.settings.green_below_margin
    for key in _ancestors(model, supports):
        above = model.node(key)
        above_cycle = model.org.cycles[key.split("/", 1)[0]]
        if above is None or above_cycle.id not in current:
            continue
        above_expected = expected_progress(above_cycle, as_of)
        if above.progress < above_expected - margin:
            message = (
                f"{named(node)} is on track ({pct(node.progress)} against {pct(expected)} "
                f"expected) but the priority it supports, {named(above, cycle.id)}, is at "
                f"{pct(above.progress)} against {pct(above_expected)} expected: check whether "
                "this work really moves that priority, or what else holds it back"
            )
            return Hit(node, message), key
    return None


def _ancestors(model: Model, start: tuple[str, ...]) -> Iterator[str]:
    """Everything above, breadth first (nearest first), each once."""
    seen: set[str] = set()
    frontier = list(start)
    while frontier:
        following: list[str] = []
        for key in frontier:
            if key not in seen:
                seen.add(key)
                yield key
                following.extend(model.parents(key))
        frontier = following
