"""What several rules need: current cycles, readable names, and word-level text matching."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from accord.model.okrs import KeyResult, Model, Objective
from accord.model.organisation import Cycle

SMALL_WORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or our so that the their "
    "them they this to us we will with".split()
)


def current_cycles(model: Model, as_of: date) -> set[str]:
    """Ids of the cycles active at `as_of` (a year and its quarter both count)."""
    return {c.id for c in model.org.cycles.values() if c.status(as_of) == "active"}


def overlap(a: Cycle, b: Cycle) -> bool:
    """True when two cycles share at least one day."""
    return a.start <= b.end and b.start <= a.end


def live_objectives(model: Model) -> Iterator[Objective]:
    """Objectives that are meant to happen: active or draft."""
    return (o for o in model.objectives.values() if o.live)


def named(node: Objective | KeyResult, cycle: str | None = None) -> str:
    """`'on-time-service' (Customers can count on us...)`: the id as written, and the title."""
    ref = (
        node.key.split("/", 1)[1] if cycle is None or node.key.startswith(f"{cycle}/") else node.key
    )
    return f"'{ref}' ({shorten(node.title, 70)})"


def shorten(text: str, limit: int = 100) -> str:
    """Text cut at a word boundary to about `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."


def pct(value: float) -> str:
    """0.583 -> '58%'."""
    return f"{round(value * 100)}%"


def words(text: str) -> list[str]:
    """Content words, lower case, lightly stemmed ('customers' -> 'customer')."""
    tokens = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return [_stem(t) for t in tokens if t not in SMALL_WORDS]


def _stem(word: str) -> str:
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word
