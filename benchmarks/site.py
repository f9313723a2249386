"""Benchmark: building the site of a generated organisation, beside bare mkdocs-material.

    python benchmarks/site.py [--teams 300]

Generates an organisation of N teams (4 objectives each, one cycle, a short history), builds
its site with `accord build`, counts the pages, then builds a bare mkdocs-material site of
the same number of plain pages twice in the same run: with Material's automatic navigation
and with `navigation.prune`. Times are wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from history import generate

ROOT = Path(__file__).resolve().parents[1]


def build_accord(repo: Path) -> tuple[float, int]:
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "accord", "build", "--repo", str(repo), "--as-of", "2026-11-23"],
                   check=True, capture_output=True)  # fmt: skip
    took = time.perf_counter() - start
    return took, sum(1 for _ in (repo / "site" / "public").rglob("index.html"))


def build_bare(folder: Path, pages: int, prune: bool) -> float:
    docs = folder / "docs"
    for n in range(pages):
        page = docs / f"section-{n // 50}" / f"page-{n}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Page {n}\n\nSome text about objective {n}.\n", encoding="utf-8")
    features = "[navigation.prune]" if prune else "[]"
    (folder / "mkdocs.yml").write_text(
        f"site_name: Bare\ntheme:\n  name: material\n  font: false\n  features: {features}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--commits", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        generate(repo, args.teams, args.commits)
        accord, pages = build_accord(repo)
        plain = build_bare(Path(tmp) / "bare", pages, prune=False)
        pruned = build_bare(Path(tmp) / "pruned", pages, prune=True)
    print(f"{args.teams} teams, {pages} pages, Python {sys.version.split()[0]}")
    print(f"  accord build (check, history, pages, okrs.json)   {accord:7.2f} s")
    print(f"  bare mkdocs-material, automatic navigation        {plain:7.2f} s")
    print(f"  bare mkdocs-material, navigation.prune            {pruned:7.2f} s")


if __name__ == "__main__":
    main()
