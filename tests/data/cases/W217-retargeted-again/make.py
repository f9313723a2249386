"""A history in which one key result's target is re-set three times inside 2026-q4.

The first commit (September, before the cycle starts) plans the quarter; then the target of
first-time-fix moves in October and November: three commits inside the cycle, one more than
max_changes_per_cycle allows. The other key result was set once and stays silent.
"""

from pathlib import Path

import git

OPS = "okrs/2026-q4/ops.yaml"


def make(root: Path) -> None:
    final = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*.yaml")}
    ops = final[OPS]

    def aiming(value: int) -> dict[str, str]:
        return {OPS: ops.replace("target: 95", f"target: {value}")}

    steps = [
        ("2026-09-24T10:00:00+0000", "Plan 2026-q4", {**final, **aiming(80)}),
        ("2026-10-07T09:30:00+0000", "Raise first-time-fix to 85 (#3)", aiming(85)),
        ("2026-10-21T16:10:00+0000", "First-time-fix to 90 (#5)", aiming(90)),
        ("2026-11-04T11:00:00+0000", "First-time-fix to 95 (#8)", {OPS: ops}),
    ]
    repo = git.Repo.init(root)
    who = git.Actor("Ben Okri", "ben@example.com")
    for when, message, files in steps:
        for rel, text in files.items():
            (root / rel).write_text(text, "utf-8")
        repo.index.add(list(files))
        repo.index.commit(message, author=who, committer=who, author_date=when, commit_date=when)
