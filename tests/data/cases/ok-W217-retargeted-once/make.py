"""A history in which first-time-fix's target was settled before the cycle and changed once
inside it, after a review; check-ins land weekly.

Two retargets in September (planning, before 2026-q4 starts); in October one pull request
(#6) whose three commits try 92, 93 and then 95 before it merges: the agreement changed once.
One change inside the cycle is within max_changes_per_cycle, so W217 stays silent.
"""

from pathlib import Path

import git

OPS = "okrs/2026-q4/ops.yaml"
CHECKIN = "          - date: 2026-11-16\n            value: 84"
WHO = git.Actor("Ben Okri", "ben@example.com")


def make(root: Path) -> None:
    final = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*.yaml")}
    ops = final[OPS]
    early = ops.replace(CHECKIN, "          - date: 2026-11-02\n            value: 79")

    def aiming(value: int) -> dict[str, str]:
        return {OPS: early.replace("target: 95", f"target: {value}")}

    repo = git.Repo.init(root)
    _commit(repo, root, "2026-09-10T10:00:00+0000", "Draft 2026-q4", {**final, **aiming(85)})
    _commit(repo, root, "2026-09-18T10:00:00+0000", "First-time-fix to 88 (#2)", aiming(88))
    _commit(repo, root, "2026-09-29T10:00:00+0000", "First-time-fix to 90 (#3)", aiming(90))
    main = repo.head.commit
    branch = repo.create_head("retarget-after-review", main)
    repo.head.reference = branch
    _commit(repo, root, "2026-10-19T09:00:00+0000", "Try 92", aiming(92))
    _commit(repo, root, "2026-10-19T15:00:00+0000", "93 with the new vans", aiming(93))
    _commit(repo, root, "2026-10-20T11:00:00+0000", "95, as the review agreed", {OPS: early})
    tip = repo.head.commit
    repo.head.reference = repo.heads.master
    repo.head.reset(tip, index=True, working_tree=True)
    when = "2026-10-20T15:00:00+0000"
    repo.index.commit(
        "Merge pull request #6 from example/retarget-after-review",
        parent_commits=[main, tip], author=WHO, committer=WHO, author_date=when, commit_date=when,
    )  # fmt: skip
    _commit(repo, root, "2026-11-16T09:00:00+0000", "Check-in", {OPS: ops})


def _commit(repo: git.Repo, root: Path, when: str, message: str, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).write_text(text, "utf-8")
    repo.index.add(list(files))
    repo.index.commit(message, author=WHO, committer=WHO, author_date=when, commit_date=when)
