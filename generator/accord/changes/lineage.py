"""Which commits each merge brought in: one walk of the commit graph, along the first-parent
line from the oldest commit to the tip.

Each commit of that line brings in what its other parents reach that the line had not
reached before: exactly `git rev-list first..other` for a merge, computed for every merge of
the line in one pass instead of one git call each. Pull-request numbers (`pulls`) and the
records of who agreed (`agreed`) both hang off merges this way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping


def brought_in(graph: Mapping[str, tuple[str, ...]], tip: str) -> Iterator[tuple[str, list[str]]]:
    """Each commit of the first-parent line from the root to `tip`, oldest first, with the
    commits its other parents brought in (none for a commit that is not a merge)."""
    line: list[str] = []
    step: str | None = tip
    while step is not None:
        line.append(step)
        step = next(iter(graph.get(step, ())), None)
    seen: set[str] = set()
    for commit in reversed(line):
        seen.add(commit)
        new, stack = [], list(graph.get(commit, ())[1:])
        while stack:
            sha = stack.pop()
            if sha not in seen:
                seen.add(sha)
                new.append(sha)
                stack.extend(graph.get(sha, ()))
        yield commit, new
