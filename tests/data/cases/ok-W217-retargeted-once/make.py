"""A history in which first-time-fix's target was settled before the cycle and changed once
inside it, after a review; check-ins land weekly.

Two retargets in September (planning, before 2026-q4 starts) and one in October, plus the
check-in commits: one change inside the cycle is within max_changes_per_cycle, so W217 stays
silent.
"""

from pathlib import Path

import git

OPS = "okrs/2026-q4/ops.yaml"
CHECKIN = "          - date: 2026-11-16\n            value: 84"


def make(root: Path) -> None:
    final = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*.yaml")}
    ops = final[OPS]
    early = ops.replace(CHECKIN, "          - date: 2026-11-02\n            value: 79")

    def aiming(value: int) -> dict[str, str]:
        return {OPS: early.replace("target: 95", f"target: {value}")}

    steps = [
        ("2026-09-10T10:00:00+0000", "Draft 2026-q4", {**final, **aiming(85)}),
        ("2026-09-18T10:00:00+0000", "First-time-fix to 88 after planning (#2)", aiming(88)),
        ("2026-09-29T10:00:00+0000", "First-time-fix to 90 (#3)", aiming(90)),
        ("2026-10-20T15:00:00+0000", "First-time-fix to 95 after the October review (#6)",
         {OPS: early}),
        ("2026-11-16T09:00:00+0000", "Check-in", {OPS: ops}),
    ]  # fmt: skip
    repo = git.Repo.init(root)
    who = git.Actor("Ben Okri", "ben@example.com")
    for when, message, files in steps:
        for rel, text in files.items():
            (root / rel).write_text(text, "utf-8")
        repo.index.add(list(files))
        repo.index.commit(message, author=who, committer=who, author_date=when, commit_date=when)
