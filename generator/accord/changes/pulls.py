"""Which pull request each commit came in by: the merge that brought it in ("Merge pull
request #N"), or `#N` in a squash merge's subject."""

from __future__ import annotations

import re

from accord.changes.lineage import brought_in
from accord.read.git import GitRepo

# A pull-request number has at most 10 digits; a longer run of digits after '#' is not one.
_PR = re.compile(r"#([0-9]{1,10})(?![0-9])")
_MERGE_PR = re.compile(r"Merge pull request #([0-9]{1,10})(?![0-9])")


def pull_requests(repo: GitRepo, head: str) -> dict[str, int]:
    """Commit id -> the pull request whose merge brought it in ("Merge pull request #N").

    One walk of the commit graph (`lineage`). A merge that was not a pull request can have
    brought in pull-request merges of its own; those (rare) are asked of git one by one."""
    numbered = {
        sha: int(match.group(1))
        for sha, parents, subject in repo.merges(head)
        if len(parents) > 1 and (match := _MERGE_PR.search(subject))
    }
    if not numbered:
        return {}
    graph = repo.parents(head)
    found: dict[str, int] = {}
    for commit, new in brought_in(graph, repo.commit_of(head)):
        if commit in numbered:
            found.update(dict.fromkeys(new, numbered[commit]))
            continue
        for inner in new:
            if inner in numbered:
                for brought in repo.brought_in(inner, graph[inner]):
                    found.setdefault(brought, numbered[inner])
    return found


def subject_pr(subject: str) -> int | None:
    """`#N` in a squash-merge subject ('Retarget on-time rate (#42)')."""
    numbers = _PR.findall(subject)
    return int(numbers[-1]) if numbers else None
