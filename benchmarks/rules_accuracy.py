"""Accuracy of the W rules on a planted organisation: every pattern named, nothing healthy named.

    python benchmarks/rules_accuracy.py

`benchmarks/planted/okrs/` is Larkspur Health, a regional hospital network whose OKRs carry
every W201-W213 pattern on purpose (and two of them accepted with `accept:`), next to healthy
objectives that only look like the patterns: a key result starting with "Reduce ..." or
"Number of ...", a task verb inside a title rather than at its start, 0-to-30 counts, a team
with six objectives of which five are live, a person with six current key results (plus more in
the closed quarter), a check-in exactly 14 days old, a standalone why_now of exactly 8 words,
titles that share "Cut the time patients wait" without being copies, green work under a
priority that trails by less than the margin, dependencies answered by `supports` or named by
ref, a closed quarter with stale and disagreeing check-ins, and a file with no objectives and
no stop_doing. `benchmarks/planted/planted.json` lists each planted finding: rule, file, line,
object, whether it is accepted, and why it is that pattern.

This runs `accord check --format json --as-of 2026-11-23` on it and compares the findings with
the manifest by (rule, file, line) and acceptance. It prints, per rule, how many were planted,
found, missed and falsely raised, lists every miss and false alarm, and exits 1 if there is
any, or if the organisation has errors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "benchmarks" / "planted"
AS_OF = "2026-11-23"
RULES = [f"W2{n:02d}" for n in range(1, 19)]

Key = tuple[str, str, int, bool]  # rule, file, line, accepted


def run_check() -> dict[str, Any]:
    """`accord check` on the planted organisation, as parsed JSON."""
    command = [sys.executable, "-m", "accord", "check", "--format", "json"]
    command += ["--as-of", AS_OF, "--repo", str(PLANTED)]
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


def main() -> int:
    """Print the per-rule table and the differences; 1 when anything is missed or extra."""
    planted = json.loads((PLANTED / "planted.json").read_text(encoding="utf-8"))
    output = run_check()
    findings: list[dict[str, Any]] = output["findings"]
    errors = [f for f in findings if str(f["rule"]).startswith("E")]
    warnings = [f for f in findings if str(f["rule"]).startswith("W")]

    expected = {key(p): str(p.get("note", "")) for p in planted}
    got = {key(f): str(f["message"]) for f in warnings}
    missed = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    found = set(expected) & set(got)

    count = Counter(k[0] for k in expected)
    hits = Counter(k[0] for k in found)
    misses = Counter(k[0] for k in missed)
    alarms = Counter(k[0] for k in extra)
    accepted = Counter(k[0] for k in found if k[3])

    print(f"Planted organisation: {PLANTED.relative_to(ROOT)}, as of {AS_OF}\n")
    print(f"{'rule':<6}{'planted':>9}{'found':>7}{'missed':>8}{'false alarms':>14}  accepted")
    for rule in RULES:
        print(
            f"{rule:<6}{count[rule]:>9}{hits[rule]:>7}{misses[rule]:>8}{alarms[rule]:>14}"
            f"  {accepted[rule] or ''}"
        )
    print(
        f"{'total':<6}{len(expected):>9}{len(found):>7}{len(missed):>8}{len(extra):>14}"
        f"  {sum(accepted.values()) or ''}"
    )
    if errors:
        print(f"\n{len(errors)} error(s): the planted organisation must check clean")
        for f in errors:
            print(f"  {f['rule']} {f['file']}:{f['line']}  {f['message']}")
    if missed:
        print("\nMissed (planted, not reported as planted):")
        print("\n".join(show(k, expected[k]) for k in missed))
    if extra:
        print("\nFalse alarms (reported, not planted):")
        print("\n".join(show(k, got[k]) for k in extra))
    return 1 if errors or missed or extra else 0


if __name__ == "__main__":
    sys.exit(main())
