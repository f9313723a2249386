"""Refs: naming an objective or key result, resolving it, and suggesting near misses."""

from __future__ import annotations

import difflib
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass

REF = re.compile(
    r"(?:(?P<cycle>[a-z0-9][a-z0-9_-]{0,62})/)?"
    r"(?P<objective>[a-z0-9][a-z0-9-]{0,62})(?:\.(?P<kr>[a-z0-9][a-z0-9-]{0,62}))?"
)


@dataclass(frozen=True)
class Ref:
    """`[cycle/]objective[.kr]` as written in a file."""

    objective: str
    kr: str | None = None
    cycle: str | None = None

    @property
    def local(self) -> str:
        """The ref without its cycle: `objective` or `objective.kr`."""
        return f"{self.objective}.{self.kr}" if self.kr else self.objective


def parse_ref(text: str) -> Ref | None:
    """The parts of a ref, or None when the text is not shaped like one."""
    match = REF.fullmatch(text)
    if match is None:
        return None
    return Ref(match["objective"], match["kr"], match["cycle"])


def format_ref(cycle: str, local: str) -> str:
    """The canonical key of a ref: `cycle/objective[.kr]`."""
    return f"{cycle}/{local}"


def resolve_ref(ref: Ref, cycles: list[str], known: Container[str]) -> str | None:
    """The key `ref` names, looking in `cycles` nearest first (or only its own prefix)."""
    for cycle in [ref.cycle] if ref.cycle else cycles:
        key = format_ref(cycle, ref.local)
        if key in known:
            return key
    return None


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The nearest choice to `word`, for "did you mean ...?" (None when nothing is close)."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` or an empty string."""
    best = suggest(word, choices)
    return f" (did you mean '{best}'?)" if best else ""
