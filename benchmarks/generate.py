"""Generate a large, valid OKR repository with a realistic git history.

    python benchmarks/generate.py DIR [--teams 300] [--commits 2000] [--seed 1]

Deterministic from the seed. Writes a git repository in DIR (which must not exist or be
empty) holding a logistics company, Meridian Freight: 8 to 12 functions, N teams below them
(about a quarter of them sub-teams of another team), four people per team (a lead and three
members, most with GitHub handles), the cycles "2026" (annual), 2026-q3 (closed) and 2026-q4
(active), four company bets, function objectives supporting them, four or five objectives
per team supporting the level above with three or four key results each and their check-ins,
dependencies between teams (most answered by an objective of the other team), stop_doing
lists and the leaders' statements for 2026-q4.

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

import argparse
import subprocess
import sys
import time
from pathlib import Path

from fakeorg import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.dir.exists() and any(args.dir.iterdir()):
        sys.exit(f"{args.dir} is not empty")
    start = time.perf_counter()
    generate(args.dir, args.teams, args.commits, args.seed)
    took = time.perf_counter() - start
    files = sum(1 for _ in (args.dir / "okrs").rglob("*.yaml"))
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=args.dir, capture_output=True, text=True
    ).stdout.strip()
    print(f"{args.dir}: {files} YAML files, {count} commits, {took:.1f} s")


if __name__ == "__main__":
    main()
