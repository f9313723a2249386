"""What a trade-off keeps and what gives way ("A before B", "A until B"), and when two short
texts are about the same thing: the words `statements.py` compares leaders' entries with.
"""

from __future__ import annotations

import re

from accord.rules.common import words
from accord.rules.text import concepts, containment

# A priority in a leader's own words names an objective when at least this share of its
# concepts, and at least MIN_SHARED of them, appear in the objective's title, why_now or key
# result titles.
WORDING_MATCH = 0.5
MIN_SHARED = 2
# Words that say how much or when, not what: they never make two texts about the same thing.
FILLER = frozenset(
    words(
        "all any every each more most less than no not nobody none own other rather without "
        "until before after during while once first last next also only just even get make "
        "sure can could "
        "should would must need one two three four five"
    )
)
# Words that order a trade-off. "A before B", "A rather than B": A comes first and B gives
# way. "A until B", "A waits for B", "A so that B": A gives way to B.
_KEPT_FIRST = r"before|ahead of|rather than|instead of|in preference to"
_GIVEN_FIRST = (
    r"after|until|unless|once|waits? for|in favou?r of|so that|so|to free|to make room for|"
    r"while|because|for the sake of|in exchange for"
)
ORDER = re.compile(rf"\b(?:(?P<kept>{_KEPT_FIRST})|(?P<given>{_GIVEN_FIRST}))\b", re.IGNORECASE)


def sides(entry: str) -> tuple[set[str], set[str]]:
    """(kept, given up): the concepts of what a trade-off puts first and of what gives way.
    Without an ordering word the whole entry is given up (as a stop-doing entry is)."""
    match = ORDER.search(entry)
    if match is None:
        return set(), topics(entry)
    left, right = topics(entry[: match.start()]), topics(entry[match.end() :])
    return (left, right) if match.group("kept") else (right, left)


def opposite(a: str, b: str, similar: float) -> bool:
    """What one puts first, the other gives up, and the other way round."""
    kept_a, given_a = sides(a)
    kept_b, given_b = sides(b)
    return (
        bool(kept_a and kept_b)
        and alike(kept_a, given_b, similar)
        and alike(given_a, kept_b, similar)
    )


def topics(text: str) -> set[str]:
    """The text's concepts, without words of quantity or time."""
    return concepts(text) - FILLER


def alike(a: set[str], b: set[str], at: float = WORDING_MATCH) -> bool:
    """Two texts about the same thing: enough shared concepts, against the shorter one."""
    return len(a & b) >= MIN_SHARED and containment(a, b) >= at
