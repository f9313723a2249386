"""A large, valid OKR repository with a realistic git history, made by `generate()`.

Deterministic from the seed. `generate()` writes a git repository in a folder (which must
not exist or be empty) holding a logistics company, Meridian Freight: 8 to 12 functions, N
teams below them (about a quarter of them sub-teams of another team), four people per team
(a lead and three members, most with GitHub handles), the cycles "2026" (annual), 2026-q3
(closed) and 2026-q4 (active), four company bets, function objectives supporting them, four
or five objectives per team supporting the level above with three or four key results each
and their check-ins, dependencies between teams (most answered by an objective of the other
team), stop_doing lists and the leaders' statements for 2026-q4.

The history has exactly M commits, written with one `git fast-import`: the first imports the
OKRs as they stood on 1 October 2026, the others are teams' check-ins (appended as their dates
come), retargets, objectives moved between teams' files and new stop_doing items, each landed
as a direct commit, a squash merge ("Title (#N)") or a merged pull request (a branch commit
plus a "Merge pull request #N from org/branch" merge commit). Each commit writes only the files
it changes. `accord check --as-of 2026-11-23` finds no errors in the result; a small share of
warnings is planted on purpose (stale check-ins, a lost agreement, an unanswered dependency,
a team with no stop_doing).

N counts the teams below the functions: the organisation has N + functions + 1 teams.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from fakeorg.history import history
from fakeorg.organisation import Org


def generate(root: Path, teams: int, commits: int, seed: int = 1) -> None:
    """Write a git repository at `root` with `teams` teams and exactly `commits` commits."""
    org = Org(teams, seed)
    imp = history(org, commits)
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(imp.out), check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/heads/pr-branch"], cwd=root, check=False)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
