"""The W rules name exactly the patterns planted in benchmarks/planted (see its planted.json)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Runner

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "benchmarks" / "planted"

Row = tuple[str, str, int, bool]


def row(entry: dict[str, object]) -> Row:
    """(rule, file, line, accepted) of a finding (accepted: reason or null) or a manifest entry."""
    accepted = entry.get("accepted")
    flag = accepted if isinstance(accepted, bool) else accepted is not None
    return (str(entry["rule"]), str(entry["file"]), int(str(entry["line"])), flag)


def describe(r: Row) -> str:
    """One row as `W203 okrs/2026-q4/portal.yaml:21 (accepted)`."""
    return f"{r[0]} {r[1]}:{r[2]}{' (accepted)' if r[3] else ''}"


def test_warnings_on_the_planted_organisation_are_exactly_the_planted_ones(run: Runner) -> None:
    """accord check reports no errors and every planted warning, no other, accepted as planted."""
    result = run("check", "--format", "json", "--as-of", "2026-11-23", "--repo", PLANTED)
    findings = json.loads(result.stdout)["findings"]
    errors = [f"{f['file']}:{f['line']} {f['rule']} {f['message']}" for f in findings
              if f["rule"].startswith("E")]  # fmt: skip
    assert errors == []
    got = {row(f): f["message"] for f in findings if f["rule"].startswith("W")}
    planted = json.loads((PLANTED / "planted.json").read_text(encoding="utf-8"))
    want = {row(p): p["note"] for p in planted}
    diff = [f"missed {describe(r)}: {want[r]}" for r in sorted(want.keys() - got.keys())]
    diff += [f"extra  {describe(r)}: {got[r]}" for r in sorted(got.keys() - want.keys())]
    assert diff == [], "\n" + "\n".join(diff)
