"""The W rules name exactly the patterns planted in each benchmarks/planted*/ organisation.

Each folder holds okrs/ and a planted.json (see benchmarks/rules_accuracy.py); a folder with a
history.py is checked on a temporary copy that its `make(root)` turned into a git repository.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import Runner

ROOT = Path(__file__).resolve().parents[1]
ORGS = sorted(p for p in (ROOT / "benchmarks").glob("planted*") if (p / "planted.json").is_file())

Row = tuple[str, str, int, bool]


def row(entry: dict[str, object]) -> Row:
    """(rule, file, line, accepted) of a finding (accepted: reason or null) or a manifest entry."""
    accepted = entry.get("accepted")
    flag = accepted if isinstance(accepted, bool) else accepted is not None
    return (str(entry["rule"]), str(entry["file"]), int(str(entry["line"])), flag)


def describe(r: Row) -> str:
    """One row as `W203 okrs/2026-q4/portal.yaml:21 (accepted)`."""
    return f"{r[0]} {r[1]}:{r[2]}{' (accepted)' if r[3] else ''}"


def _accuracy() -> ModuleType:
    """benchmarks/rules_accuracy.py, whose `materialise` gives an organisation its history."""
    path = ROOT / "benchmarks" / "rules_accuracy.py"
    spec = importlib.util.spec_from_file_location("rules_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def repository(org: Path, tmp_path: Path) -> Path:
    """The folder to check: the organisation, or a copy given its git history by history.py."""
    path: Path = _accuracy().materialise(org, tmp_path)
    return path


@pytest.mark.parametrize("org", [pytest.param(o, id=o.name) for o in ORGS])
def test_warnings_on_a_planted_organisation_are_exactly_the_planted_ones(
    org: Path, run: Runner, tmp_path: Path
) -> None:
    """accord check reports no errors and every planted warning, no other, accepted as planted."""
    repo = repository(org, tmp_path)
    result = run("check", "--format", "json", "--as-of", "2026-11-23", "--repo", repo)
    findings = json.loads(result.stdout)["findings"]
    errors = [f"{f['file']}:{f['line']} {f['rule']} {f['message']}" for f in findings
              if f["rule"].startswith("E")]  # fmt: skip
    assert errors == []
    got = {row(f): f["message"] for f in findings if f["rule"].startswith("W")}
    planted = json.loads((org / "planted.json").read_text(encoding="utf-8"))
    want = {row(p): p["note"] for p in planted}
    diff = [f"missed {describe(r)}: {want[r]}" for r in sorted(want.keys() - got.keys())]
    diff += [f"extra  {describe(r)}: {got[r]}" for r in sorted(got.keys() - want.keys())]
    assert diff == [], "\n" + "\n".join(diff)


def test_every_planted_organisation_is_tested() -> None:
    """Both planted organisations are found; a look-alike list names real lines, every rule."""
    assert {o.name for o in ORGS} >= {"planted", "planted-ostara"}
    for org in ORGS:
        healthy = org / "healthy.json"
        if not healthy.is_file():
            continue
        planted = {(p["rule"], p["file"], p["line"]) for p in json.loads(
            (org / "planted.json").read_text(encoding="utf-8"))}  # fmt: skip
        look_alikes = json.loads(healthy.read_text(encoding="utf-8"))
        for h in look_alikes:
            lines = (org / h["file"]).read_text(encoding="utf-8").splitlines()
            assert 1 <= h["line"] <= len(lines), h
            assert (h["rule"], h["file"], h["line"]) not in planted, h
        # An organisation with a look-alike list plants every W rule, each beside a look-alike.
        rules = {f"W2{n:02d}" for n in range(1, 19)}
        assert rules <= {rule for rule, _, _ in planted}, org.name
        assert rules <= {h["rule"] for h in look_alikes}, org.name
