"""Word-level meaning of short texts: stems, a small synonym table, and overlap between texts.

Rules that compare what people wrote (copies, contradictions, statements in leaders' own words)
compare *concepts*, not letters: content words, lightly stemmed, with common synonyms folded
onto one word ("cut", "reduce" and "lower" are one concept). Overlap is measured against the
shorter text, so a copy that adds a qualifier ("... for the enterprise segment") still reads as
a copy of the original.
"""

from __future__ import annotations

from accord.rules.common import words

# Each row is one concept; every word (after stemming) maps to the row's first word. Kept
# small and general on purpose: words any organisation uses about its goals, not a domain's.
SYNONYM_ROWS = (
    "reduce cut lower decrease shrink minimise minimize drop",
    "increase grow raise boost lift expand improve",
    "customer client buyer user",
    "staff employee people colleague workforce",
    "fast quick rapid speed",
    "cost spend expense",
    "revenue sale income",
    "error defect fault mistake bug",
    "delay wait lateness backlog",
    "deliver ship",
    "launch release",
    "complaint grievance",
    "retain keep retention",
    "satisfaction happiness",
    "reliable dependable",
)
SYNONYMS = {word: row.split()[0] for row in SYNONYM_ROWS for word in words(row)}


def concepts(text: str) -> set[str]:
    """The text's content words, stemmed and folded through the synonym table."""
    return {SYNONYMS.get(word, word) for word in words(text)}


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
