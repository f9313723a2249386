"""Generate a large, valid OKR repository with a realistic git history.

    python benchmarks/generate.py DIR [--teams 300] [--commits 2000] [--seed 1]

Deterministic from the seed; DIR must not exist or be empty. What it writes, and why, is said
in fakeorg/__init__.py; the pieces are made in fakeorg/ (texts, values, organisation, history).
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
