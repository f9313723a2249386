"""Accuracy of the W rules on the planted organisations: every pattern named, nothing healthy named.

    python benchmarks/rules_accuracy.py [ORG ...]

A planted organisation is a folder `benchmarks/planted*/` holding `okrs/` and `planted.json`;
with no argument every one is measured. Each carries the W201-W218 patterns on purpose (and
W219 or W221 once), next to healthy objectives that only look like them:

- `benchmarks/planted/` is Larkspur Health, a regional hospital network, the organisation
  the rules were first written against.
- `benchmarks/planted-ostara/` is Ostara Cycles, a maker of bicycles and e-bikes (a plant, a
  battery line, a distribution centre, a webshop, dealers, service and software), written
  independently of the rule code from the design's failure patterns, in the words people use.

`planted.json` lists each planted finding: rule, file, line, object, whether it is accepted,
and why it is that pattern. An optional `healthy.json` lists the look-alikes (rule, file,
line, object, why it is healthy), so a false alarm on one of them is named as such. An
optional `history.py` defines `make(root)`, which turns a temporary copy of the folder into a
git repository whose history the git rules (W217, W218) read; it is run before the check.

For each organisation this runs `accord check --format json --as-of 2026-11-23` and compares
the findings with the manifest by (rule, file, line) and acceptance. It prints, per rule, how
many were planted, found, missed and falsely raised (and how many of those alarms fell on a
listed look-alike), lists every miss and false alarm, then the totals over all organisations,
and exits 1 if anything is missed or extra, or if an organisation has errors.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
AS_OF = "2026-11-23"
RULES = [f"W2{n:02d}" for n in range(1, 23)]

Key = tuple[str, str, int, bool]  # rule, file, line, accepted


def organisations() -> list[Path]:
    """Every planted organisation: benchmarks/planted*/ with a planted.json."""
    return sorted(p for p in BENCHMARKS.glob("planted*") if (p / "planted.json").is_file())


def materialise(org: Path, scratch: Path) -> Path:
    """The folder to check: `org` itself, or a copy made a git repository by its history.py."""
    maker = org / "history.py"
    if not maker.is_file():
        return org
    copy = scratch / org.name
    shutil.copytree(org, copy)
    spec = importlib.util.spec_from_file_location(f"{org.name.replace('-', '_')}_history", maker)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {maker}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make(copy)
    return copy


def run_check(repo: Path) -> dict[str, Any]:
    """`accord check` on one organisation, as parsed JSON."""
    command = [sys.executable, "-m", "accord", "check", "--format", "json"]
    command += ["--as-of", AS_OF, "--repo", str(repo)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if not done.stdout.strip():
        sys.exit(f"accord check printed nothing (exit {done.returncode}): {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def key(entry: dict[str, object]) -> Key:
    """What a finding and a manifest entry are compared on."""
    accepted = entry.get("accepted")
    is_accepted = accepted if isinstance(accepted, bool) else accepted is not None
    return (str(entry["rule"]), str(entry["file"]), int(str(entry["line"])), is_accepted)


def show(k: Key, text: str) -> str:
    rule, file, line, accepted = k
    return f"  {rule} {file}:{line}{' (accepted)' if accepted else ''}  {text}"


def load(path: Path) -> list[dict[str, Any]]:
    """A JSON list from the organisation's folder; empty when the file is absent."""
    if not path.is_file():
        return []
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return entries


@dataclass
class Score:
    """Per-rule counts for one organisation (or the total of several)."""

    planted: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)
    on_look_alikes: Counter[str] = field(default_factory=Counter)
    accepted: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    def add(self, other: Score) -> None:
        for name in ("planted", "found", "missed", "alarms", "on_look_alikes", "accepted"):
            getattr(self, name).update(getattr(other, name))
        self.errors += other.errors

    def bad(self) -> bool:
        return bool(self.errors or sum(self.missed.values()) or sum(self.alarms.values()))


def table(score: Score) -> None:
    """Print the per-rule table of a score."""
    print(f"{'rule':<6}{'planted':>9}{'found':>7}{'missed':>8}{'false alarms':>14}"
          f"{'on look-alikes':>16}  accepted")  # fmt: skip
    for rule in [*RULES, "total"]:
        counts = [
            sum(c.values()) if rule == "total" else c[rule]
            for c in (score.planted, score.found, score.missed, score.alarms, score.on_look_alikes)
        ]
        accepted = sum(score.accepted.values()) if rule == "total" else score.accepted[rule]
        widths = (9, 7, 8, 14, 16)
        print(f"{rule:<6}" + "".join(f"{n:>{w}}" for n, w in zip(counts, widths, strict=True))
              + f"  {accepted or ''}")  # fmt: skip


def measure(org: Path, scratch: Path) -> Score:
    """Check one organisation, print its table and differences, and return its score."""
    planted = load(org / "planted.json")
    look_alikes = {
        (str(h["rule"]), str(h["file"]), int(h["line"])) for h in load(org / "healthy.json")
    }
    output = run_check(materialise(org, scratch))
    findings: list[dict[str, Any]] = output["findings"]
    errors = [f for f in findings if str(f["rule"]).startswith("E")]
    warnings = [f for f in findings if str(f["rule"]).startswith("W")]

    expected = {key(p): str(p.get("note", "")) for p in planted}
    got = {key(f): str(f["message"]) for f in warnings}
    missed = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    found = set(expected) & set(got)
    score = Score(
        planted=Counter(k[0] for k in expected),
        found=Counter(k[0] for k in found),
        missed=Counter(k[0] for k in missed),
        alarms=Counter(k[0] for k in extra),
        on_look_alikes=Counter(k[0] for k in extra if k[:3] in look_alikes),
        accepted=Counter(k[0] for k in found if k[3]),
        errors=len(errors),
    )
    history = " (with its git history)" if (org / "history.py").is_file() else ""
    print(f"Planted organisation: {org.relative_to(ROOT)}{history}, as of {AS_OF}\n")
    table(score)
    if errors:
        print(f"\n{len(errors)} error(s): the planted organisation must check clean")
        for f in errors:
            print(f"  {f['rule']} {f['file']}:{f['line']}  {f['message']}")
    if missed:
        print("\nMissed (planted, not reported as planted):")
        print("\n".join(show(k, expected[k]) for k in missed))
    if extra:
        print("\nFalse alarms (reported, not planted; [look-alike] marks a listed healthy one):")
        print("\n".join(show(k, ("[look-alike] " if k[:3] in look_alikes else "") + got[k])
                        for k in extra))  # fmt: skip
    print()
    return score


def main(argv: list[str]) -> int:
    """Measure the organisations named (or all); 1 when anything is missed or extra."""
    orgs = [Path(a).resolve() for a in argv] or organisations()
    total = Score()
    with tempfile.TemporaryDirectory(prefix="accord-planted-") as scratch:
        for org in orgs:
            total.add(measure(org, Path(scratch)))
    if len(orgs) > 1:
        print(f"All {len(orgs)} planted organisations\n")
        table(total)
    return 1 if total.bad() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
