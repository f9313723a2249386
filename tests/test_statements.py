"""Leaders' statements compared whole (W212), and the words that say a priority is unsettled
(W205): the pure parts, without an organisation on disk."""

from __future__ import annotations

import pytest

from accord.rules.agreement import UNSETTLED
from accord.rules.statements import Contradiction, PairAgreement
from accord.rules.text import concepts
from accord.rules.tradeoffwords import FILLER, opposite, sides


def pair(
    first: tuple[int, ...],
    second: tuple[int, ...],
    *,
    counts: tuple[int, int] = (3, 3),
    shared_trade_offs: int = 0,
    against: tuple[int, ...] = (),
) -> PairAgreement:
    contradictions = tuple(
        Contradiction("ada", "entry", "trade-off", "ben", "priority", rank) for rank in against
    )
    return PairAgreement(
        "ada", "ben", *counts, first, second, (("x", "y"),) * shared_trade_offs, contradictions
    )


def test_identical_statements_overlap_fully() -> None:
    assert pair((1, 2, 3), (1, 2, 3)).overlap == pytest.approx(1.0)


def test_agreeing_on_the_first_priority_counts_more_than_on_the_last() -> None:
    assert pair((1,), (1,)).overlap > pair((3,), (3,)).overlap


def test_a_shared_trade_off_adds_agreement() -> None:
    assert pair((1,), (1,), shared_trade_offs=1).overlap > pair((1,), (1,)).overlap


def test_giving_up_the_others_priority_counts_against_the_pair() -> None:
    agreeing = pair((1,), (1, 2), counts=(2, 2))
    contradicted = pair((1,), (1, 2), counts=(2, 2), against=(2,))
    assert contradicted.overlap < agreeing.overlap
    assert contradicted.overlap < 0.5 <= agreeing.overlap


def test_overlap_never_goes_below_zero() -> None:
    assert pair((), (), against=(1, 2, 3)).overlap == 0.0


@pytest.mark.parametrize(
    ("entry", "kept", "given_up"),
    [
        (
            "Paying customers in Oman wait until visits start on time",
            "visit start time",
            "pay customer oman wait",
        ),
        ("The summer peak is built before the new colours", "summer peak built", "new colour"),
        ("Same-day installs rather than new depots", "same day install", "new depot"),
        ("Ad-hoc data pulls for sales proposals", "", "ad hoc data pull sale proposal"),
    ],
)
def test_a_trade_off_keeps_one_thing_and_gives_up_another(
    entry: str, kept: str, given_up: str
) -> None:
    assert sides(entry) == (concepts(kept) - FILLER, concepts(given_up) - FILLER)


def test_trade_offs_ordered_the_opposite_way_round_are_found() -> None:
    first = "The summer peak is built before the new colours are introduced"
    second = "New colours are introduced before the summer peak is built"
    assert opposite(first, second, 0.5)
    assert not opposite(first, first, 0.5)


@pytest.mark.parametrize(
    "text",
    [
        "Open a clinic in Leeds (TBC)",
        "The depot lease is subject to board approval in February",
        "Pending board approval, we open the Leeds clinic in March",
        "Not yet agreed with the unions",
        "Still being discussed with the commissioners",
        "Proposal: battery storage becomes a service line",
        "The region funds it if the board approves the model in December",
        "Target to be confirmed after the January forecast",
        "A placeholder until the strategy day",
        "The lease still needs board sign-off",
        "Awaiting approval from the regulator",
    ],
)
def test_words_that_say_a_priority_is_not_settled(text: str) -> None:
    assert UNSETTLED.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cut contract approval times to two days",
        "Proposals answered within two working days",
        "Pending approvals are what we measure",
        "The board agreed the 30-day target in March",
        "Claims not approved within five days fall by half",
        "Drafts of contracts returned within a day",
        "Each invoice needs three approvals, so suppliers wait",
    ],
)
def test_approval_as_an_outcome_is_settled(text: str) -> None:
    assert not UNSETTLED.search(text)
