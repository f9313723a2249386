"""Benchmark: reading OKR files with positions, against ruamel.yaml's own loaders.

    python benchmarks/load.py [--files 300]

Writes N team files of about 15 KB each into a temporary folder, then times, on the same
files in the same run: Accord's reader (C parser events walked once into data and
positions), ruamel.yaml's safe loader with the C extension, ruamel.yaml's compose with
the C extension, and a round-trip load (what keeps comments, and what Accord avoids for
checking). Also times the E111 guards on a 1 MB alias bomb and 10,000 levels of nesting.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

from accord.read import source

CHECKIN = "          - {{date: 2026-10-{day:02d}, value: {value}, confidence: medium, still_agreed: true, note: Crews short in Abu Dhabi}}\n"


def team_file(seed: int) -> str:
    """One team file: 5 objectives of 4 key results with 8 check-ins each (~15 KB)."""
    out = io.StringIO()
    out.write("# yaml-language-server: $schema=../../schema/team.schema.json\nstop_doing:\n")
    out.write("  - Bespoke monthly reports for individual regions\nobjectives:\n")
    for o in range(5):
        out.write(f"  - id: objective-{seed}-{o}\n    title: Customers can count on us ({o})\n")
        out.write(
            "    owner: priya\n    why_now: >-\n      Two late-service incidents cost a renewal.\n"
        )
        out.write("    supports: [regional-revenue-stability]\n    key_results:\n")
        for k in range(4):
            out.write(f"      - id: kr-{k}\n        title: Visits inside the promised window\n")
            out.write(
                "        owner: omar\n        start: 82\n        target: 95\n        unit: '%'\n"
            )
            out.write("        checkins:\n")
            for day in range(1, 9):
                out.write(CHECKIN.format(day=day * 3, value=82 + day))
    return out.getvalue()


def timed(label: str, func: Callable[[], object], results: list[tuple[str, float]]) -> None:
    best = min(_once(func) for _ in range(3))
    results.append((label, best))


def _once(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = []
        for i in range(args.files):
            path = root / f"team-{i}.yaml"
            path.write_text(team_file(i), encoding="utf-8")
            names.append(path.name)
        size = sum((root / n).stat().st_size for n in names) / len(names) / 1024
        texts = [(root / n).read_text(encoding="utf-8") for n in names]
        results: list[tuple[str, float]] = []
        timed(
            "accord source.read (C events, positions)",
            lambda: [source.read(root, n) for n in names],
            results,
        )
        safe = YAML(typ="safe", pure=False)
        timed("ruamel safe load (C)", lambda: [safe.load(t) for t in texts], results)
        timed("ruamel compose (C)", lambda: [safe.compose(t) for t in texts], results)
        rt = YAML(typ="rt")
        timed("ruamel round-trip load", lambda: [rt.load(t) for t in texts], results)
    print(
        f"{args.files} team files, {size:.1f} KB each, best of 3, Python {sys.version.split()[0]}"
    )
    for label, seconds in results:
        print(f"  {label:<44} {seconds:7.3f} s  {seconds / args.files * 1000:6.2f} ms/file")
    bomb = _bomb()
    for label, text in [("1 MB alias bomb", bomb), ("10,000-level nesting", "[" * 10_000)]:
        start = time.perf_counter()
        _, findings = source.parse(text, "x.yaml")
        took = time.perf_counter() - start
        print(f"  {label:<44} {took * 1000:7.2f} ms  -> {findings[0].rule}")


def _bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    text = "\n".join(lines) + "\n"
    return text + "#" * (1_000_000 - len(text)) + "\n"


if __name__ == "__main__":
    main()
