"""How OKRs move: stale check-ins (W207), drift (W208), green below a stalled priority (W209),
and agreement never asked (W216)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.model.organisation import expected_progress
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
    """A check-in said we no longer agree why this matters, and none since says we agree again."""
    for objective in live_objectives(model):
        if model.org.cycles[objective.cycle].status(as_of) == "closed":
            continue
        for kr in objective.key_results:
            open_since = open_disagreement(kr)
            if open_since is not None:
                yield Hit(kr, _drift_message(kr, open_since), kr.checkins[open_since].where)


def open_disagreement(kr: KeyResult) -> int | None:
    """The index of the check-in whose `still_agreed: false` no later `still_agreed: true`
    has answered (a check-in that leaves the field out answers nothing), else None."""
    for index in range(len(kr.checkins) - 1, -1, -1):
        answer = kr.checkins[index].still_agreed
        if answer is True:
            return None
        if answer is False:
            return index
    return None


def _drift_message(kr: KeyResult, index: int) -> str:
    """The disagreement, what it said, and how many check-ins since left it unanswered."""
    said = kr.checkins[index]
    note = f" ({shorten(said.note)})" if said.note else ""
    since = len(kr.checkins) - index - 1
    after = ""
    if since:
        plural = "s" if since != 1 else ""
        after = (
            f", and the {since} check-in{plural} since (the latest on {kr.checkins[-1].date}) "
            "left still_agreed unanswered"
        )
    return (
        f"the check-in on {named(kr)} of {said.date} says the people involved no longer agree "
        f"why it matters{note}{after}: settle it in a pull request that changes the "
        "objective or its priority, or check in with still_agreed: true once you agree again"
    )


@rule("W216")
def agreement_never_asked(model: Model, as_of: date) -> Iterator[Hit]:
    """Check-in after check-in, and nobody has said whether they still agree it matters."""
    needed = model.org.settings.unanswered_checkins
    current = current_cycles(model, as_of)
    for objective in live_objectives(model):
        if objective.cycle not in current:
            continue
        for kr in objective.key_results:
            answered = any(c.still_agreed is not None for c in kr.checkins)
            if len(kr.checkins) >= needed and not answered:
                yield Hit(kr, _never_asked_message(kr, needed))


def _never_asked_message(kr: KeyResult, needed: int) -> str:
    """How many check-ins, over which dates, and how to answer."""
    first, last = kr.checkins[0].date, kr.checkins[-1].date
    return (
        f"key result {named(kr)} has had {len(kr.checkins)} check-ins ({first} to {last}) and "
        "not one says whether the people involved still agree it matters (reported from "
        f"{needed} unanswered check-ins): answer it at the next check-in, `accord checkin "
        f"{kr.key} ... --still-agreed yes|no`, and say why in the note when the answer is no"
    )


@rule("W209")
def green_below_stalled_priority(model: Model, as_of: date) -> Iterator[Hit]:
    """Green below, nothing moving above: on-track work under a priority that is not moving."""
    current = current_cycles(model, as_of)
    carried = _directly_supported(model)
    for objective in live_objectives(model):
        if objective.cycle not in current:
            continue
        named_lags: set[str] = set()
        for kr in objective.key_results:
            for key in kr.supports:
                found = _link(model, kr, key, current, as_of)
                if found is not None and not _carried_elsewhere(model, key, found[1], carried):
                    named_lags.add(found[1])
                    yield found[0]
        for key in objective.supports:
            found = _link(model, objective, key, current, as_of)
            if found is None or found[1] in named_lags:
                continue
            if not _carried_elsewhere(model, key, found[1], carried):
                yield found[0]


def _carried_elsewhere(model: Model, key: str, lagging: str, carried: set[str]) -> bool:
    """Whether a link to a whole objective (`key`) would repeat a stall that has its own
    direct link: the lagging key result is named in some `supports` itself."""
    return key in model.objectives and lagging in carried


def _directly_supported(model: Model) -> set[str]:
    """Key results that some live objective or key result names in `supports` itself: when
    one of them lags, the finding belongs on those links, not on everything under its
    objective."""
    keys: set[str] = set()
    for objective in live_objectives(model):
        nodes: list[Objective | KeyResult] = [objective, *objective.key_results]
        for node in nodes:
            keys.update(key for key in node.supports if key in model.key_results)
    return keys


@dataclass(frozen=True)
class _Lag:
    """The key result that shows how far a priority is behind, and by how much."""

    kr: KeyResult
    expected: float
    among: str  # "" when the priority is that key result itself, else how it was chosen

    @property
    def gap(self) -> float:
        """How far the key result trails its cycle's expected progress."""
        return self.expected - self.kr.progress


def _link(
    model: Model, node: Objective | KeyResult, key: str, current: set[str], as_of: date
) -> tuple[Hit, str] | None:
    """A hit on `node` when it is on track and the priority `key` it directly supports is far
    behind (judged on that priority's weakest or lagging key result, not their mean), with
    the key of the key result that judged it."""
    cycle = model.org.cycles[node.key.split("/", 1)[0]]
    expected = expected_progress(cycle, as_of)
    if node.progress < expected:
        return None
    above = model.node(key)
    if above is None or key.split("/", 1)[0] not in current or not _live(model, above):
        return None
    lag = _weakest(model, above, as_of)
    margin = model.org.settings.green_below_margin
    if lag is None or lag.gap <= margin:
        return None
    return Hit(node, _message(node, expected, above, lag, margin)), lag.kr.key


def _live(model: Model, node: Objective | KeyResult) -> bool:
    """Whether the objective (or the key result's objective) is meant to happen."""
    objective = node if isinstance(node, Objective) else model.objectives[node.objective_key]
    return objective.live


def _weakest(model: Model, above: Objective | KeyResult, as_of: date) -> _Lag | None:
    """The key result furthest behind: the supported key result itself, else among the
    objective's lagging key results when it has any, else among all of them. Only key results
    with a check-in count: one not measured yet (a bet graded at year end) is not behind."""
    expected = expected_progress(model.org.cycles[above.key.split("/", 1)[0]], as_of)
    if isinstance(above, KeyResult):
        return _Lag(above, expected, "") if above.checkins else None
    measured = [kr for kr in above.key_results if kr.checkins]
    lagging = [kr for kr in measured if kr.indicator == "lagging"]
    pool, among = (lagging, "lagging") if lagging else (measured, "")
    if not pool:
        return None
    weakest = min(pool, key=lambda kr: kr.progress)
    which = "weakest " if len(pool) > 1 else "only " if len(above.key_results) == 1 else ""
    return _Lag(weakest, expected, f"its {which}{among + ' ' if among else ''}key result")


def _message(
    node: Objective | KeyResult,
    expected: float,
    above: Objective | KeyResult,
    lag: _Lag,
    margin: float,
) -> str:
    """Both ends of the link, with the figures that judged them."""
    cycle = node.key.split("/", 1)[0]
    figures = (
        f"{pct(lag.kr.progress)} against {pct(lag.expected)} expected, more than the "
        f"{points(margin)} behind that the margin allows"
    )
    behind = f"it is at {figures}"
    if lag.among:
        several = isinstance(above, Objective) and len(above.key_results) > 1
        mean = f"; the mean of its key results is {pct(above.progress)}" if several else ""
        behind = f"{lag.among}, '{lag.kr.id}' ({shorten(lag.kr.title, 70)}), is at {figures}{mean}"
    return (
        f"{named(node)} is on track ({pct(node.progress)} against {pct(expected)} expected) "
        f"but the priority it supports directly, {named(above, cycle)}, is not moving: "
        f"{behind}: check whether this work really moves that priority, or name what else "
        "holds it back"
    )


def points(value: float) -> str:
    """0.5 -> '50 points' (a difference between two percentages)."""
    return f"{round(value * 100)} points"
