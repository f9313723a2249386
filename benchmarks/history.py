"""Benchmark: history of a generated repository, beside a per-file `git log --follow`.

    python benchmarks/history.py [--teams 300] [--commits 2000]

Writes a git repository with N team files and M commits (retargets, check-ins, objectives
moving between team files) through `git fast-import`, then times, in one run on the same
repository: Accord's history (one `git log --raw`, blobs parsed once), the naive way (one
`git log --follow -p` per team file), and Accord's rebuild after one more commit with the
history cache in place.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accord.changes.history import load_history

ORG_HEAD = "name: Bench Co\npeople:\n  ann: {name: Ann}\nteams:\n  co: {name: Co, lead: ann}\n"
CYCLE = "cycles:\n  2026-q4: {start: 2026-10-01, end: 2026-12-31}\n"


def team_text(objectives: dict[str, int]) -> str:
    """A team file with one key result per objective, targets from `objectives`."""
    lines = ["stop_doing: [Weekly decks]", "objectives:"]
    for oid, target in sorted(objectives.items()):
        lines += [
            f"  - id: {oid}", f"    title: Outcome {oid}", "    owner: ann",
            "    why_now: Customers renew when visits start on time, so this matters now.",
            "    key_results:",
            f"      - {{id: kr, title: Share on time, owner: ann, start: 50, target: {target}}}",
        ]  # fmt: skip
    return "\n".join(lines) + "\n"


def generate(root: Path, teams: int, commits: int, seed: int = 7) -> None:
    """A repository whose history touches team files at random, as real teams do."""
    rnd = random.Random(seed)
    state = {f"team-{t}": {f"o{t}-{k}": 80 for k in range(4)} for t in range(teams)}
    org = ORG_HEAD + "".join(
        f"  team-{t}: {{name: T{t}, lead: ann, parent: co}}\n" for t in range(teams)
    )
    out: list[bytes] = []

    def blob(path: str, text: str) -> None:
        data = text.encode()
        out.append(b"M 100644 inline " + path.encode() + b"\ndata %d\n" % len(data) + data + b"\n")

    def commit(n: int, message: str, files: dict[str, str]) -> None:
        msg = message.encode()
        stamp = 1790000000 + n * 600
        out.append(b"commit refs/heads/main\n")
        out.append(
            b"author Ann <ann@example.com> %d +0000\ncommitter Ann <ann@example.com> %d +0000\n"
            % (stamp, stamp)
        )
        out.append(b"data %d\n" % len(msg) + msg + b"\n")
        for path, text in files.items():
            blob(path, text)

    first = {"okrs/org.yaml": org + CYCLE}
    first.update({f"okrs/2026-q4/{t}.yaml": team_text(o) for t, o in state.items()})
    commit(0, "First OKRs", first)
    for n in range(1, commits):
        team = rnd.choice(sorted(state))
        changed = {team}
        if n % 10 == 0 and len(state[team]) > 1:  # move an objective to another team
            other = rnd.choice(sorted(state))
            oid = sorted(state[team])[0]
            state[other][oid] = state[team].pop(oid)
            changed.add(other)
        else:
            oid = rnd.choice(sorted(state[team]))
            state[team][oid] += 1
        files = {f"okrs/2026-q4/{t}.yaml": team_text(state[t]) for t in changed}
        commit(n, f"Change {team} (#{n})", files)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(out), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def timed(func: object) -> float:
    start = time.perf_counter()
    func()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        made = timed(lambda: generate(root, args.teams, args.commits))
        cache = Path(tmp) / "cache.json"
        accord = timed(lambda: load_history(root, cache=cache))
        files = sorted((root / "okrs" / "2026-q4").glob("*.yaml"))
        naive = timed(lambda: [
            subprocess.run(["git", "log", "--follow", "-p", "--format=%H", "--", str(f)], cwd=root,
                           capture_output=True, check=True) for f in files
        ])  # fmt: skip
        path = files[0]
        path.write_text(path.read_text().replace("target: 8", "target: 9", 1))
        subprocess.run(["git", "commit", "-qam", "One more (#9999)"], cwd=root, check=True,
                       env={"GIT_AUTHOR_NAME": "Ann", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "Ann",
                            "GIT_COMMITTER_EMAIL": "a@x", "PATH": "/usr/bin:/bin"})  # fmt: skip
        rebuild = timed(lambda: load_history(root, cache=cache))
        entries = len(load_history(root, cache=cache).entries)
    print(f"{args.teams} team files, {args.commits} commits, Python {sys.version.split()[0]}")
    print(f"  generate (git fast-import)                 {made:7.2f} s")
    print(f"  accord history, cold (one git log --raw)   {accord:7.2f} s  ({entries} entries)")
    print(
        f"  per-file git log --follow -p, {len(files)} files   {naive:7.2f} s  (git alone, no parsing)"
    )
    print(f"  accord history after one more commit       {rebuild:7.2f} s  (cache by commit id)")


if __name__ == "__main__":
    main()
