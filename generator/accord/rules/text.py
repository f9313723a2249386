"""Word-level meaning of short texts: stems, a small synonym table, and overlap between texts.

Rules that compare what people wrote (copies, contradictions, statements in leaders' own words)
compare *concepts*, not letters: content words, lightly stemmed, with common synonyms folded
onto one word ("cut", "reduce" and "lower" are one concept). Overlap is measured against the
shorter text, so a copy that adds a qualifier ("... for the enterprise segment") still reads as
a copy of the original. `Rarity` weighs each concept by how few texts of the organisation use
it, so words every team writes ("patients", "time") count for less than the words that say what
a text is about.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from accord.rules.common import words

# Words that carry no topic of their own, beyond the small words `words()` already drops.
FUNCTION_WORDS = frozenset(
    "about after all already also always any before between can could doe done each even ever "
    "every from has have how long more most much must new no not now once only other over per "
    "really should such than then there these those through truly under up upon via was were "
    "what when where which while who whose within inside without would your".split()
)

# Each row is one concept; every word (after stemming) maps to the row's first word. Kept
# small and general on purpose: words any organisation uses about its goals, not a domain's.
SYNONYM_ROWS = (
    "reduce cut lower decrease shrink minimise minimize drop halve",
    "increase grow raise boost lift expand improve double",
    "customer client buyer user",
    "staff employee people colleague workforce personnel",
    "fast quick rapid speed prompt swift",
    "cost spend expense",
    "revenue sale income turnover",
    "error defect fault mistake bug",
    "delay wait lateness backlog queue",
    "deliver ship",
    "launch release",
    "complaint grievance",
    "retain keep retention",
    "satisfaction happiness",
    "reliable dependable",
    "count rely depend trust",
    "promise commit pledge",
    "report pack dashboard",
    "bespoke custom tailor",
    "book schedule",
    "online digital web",
    "hire recruit",
    "start begin",
    "finish complete",
    "problem issue",
    "region area territory",
    "whole entire",
    # Numbers written as words meet the same numbers written as digits ("five" and "5").
    "2 two",
    "3 three",
    "4 four",
    "5 five",
    "6 six",
    "7 seven",
    "8 eight",
    "9 nine",
    "10 ten",
    "12 twelve",
)


def root(word: str) -> str:
    """A stemmed word cut further to its root, so 'regional' meets 'region', 'arrive'
    'arrival', 'installation' 'install', and 'monthly' 'month'."""
    for suffix, replacement in (
        ("ation", ""),
        ("ition", ""),
        ("ate", ""),
        ("ment", ""),
        ("ness", ""),
        ("ally", ""),
        ("ly", ""),
        ("al", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


SYNONYMS = {root(word): root(row.split()[0]) for row in SYNONYM_ROWS for word in words(row)}


def concept_list(text: str) -> list[str]:
    """The text's concepts in the order written (repeats kept)."""
    return list(_concepts_of(text))


@functools.lru_cache(maxsize=16384)
def _concepts_of(text: str) -> tuple[str, ...]:
    """concept_list's work, remembered: organisations repeat titles and phrases."""
    text = re.sub(r"(\d+)[:.](\d+)", r"\1\2", text)  # "11:00" and "8.30" are one word
    roots = (root(word) for word in words(text) if word not in FUNCTION_WORDS)
    return tuple(SYNONYMS.get(word, word) for word in roots)


def concepts(text: str) -> set[str]:
    """The text's content words, stemmed and folded through the synonym table."""
    return set(concept_list(text))


def containment(a: set[str], b: set[str]) -> float:
    """How much of the smaller set the two share (0 to 1): 1.0 when one contains the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    """The share of all concepts the two sets have in common (0 to 1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Rarity:
    """How much each concept says about a text, from how many texts of a corpus use it.

    The weight is an inverse document frequency, 1 + log((n + 1) / (uses + 1)): a concept in
    every text weighs 1, one in a single text of a hundred weighs about 4.9, and a concept the
    corpus never uses weighs the most."""

    def __init__(self, texts: Iterable[AbstractSet[str]]) -> None:
        self.uses: Counter[str] = Counter()
        self.size = 0
        for found in texts:
            self.uses.update(found)
            self.size += 1

    def weight(self, concept: str) -> float:
        """The concept's weight (at least 1)."""
        return 1.0 + math.log((self.size + 1) / (self.uses[concept] + 1))

    def mass(self, found: AbstractSet[str]) -> float:
        """The summed weight of a set of concepts."""
        return sum(self.weight(c) for c in found)

    def containment(self, a: AbstractSet[str], b: AbstractSet[str]) -> float:
        """Weighted containment: the weight shared, over the weight of the lighter set."""
        lighter = min(self.mass(a), self.mass(b))
        return self.mass(a & b) / lighter if lighter else 0.0

    def jaccard(self, a: AbstractSet[str], b: AbstractSet[str]) -> float:
        """Weighted Jaccard: the weight shared, over the weight of both sets together."""
        total = self.mass(a | b)
        return self.mass(a & b) / total if total else 0.0


def spelled(text: str, found: AbstractSet[str]) -> list[str]:
    """The words of `text`, as written, whose concept is in `found` (each once, in order)."""
    out: list[str] = []
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text):
        hit = concepts(token) & found
        if hit and token.lower() not in (t.lower() for t in out):
            out.append(token)
    return out
