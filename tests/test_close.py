"""`accord close`: what is left to score in a cycle, and `--write` recording the computed
progress at its end on every unscored key result, one line per key result, nothing else."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from accord.edit.close import computed_score
from accord.model.location import Location
from accord.model.okrs import Checkin, KeyResult
from accord.model.organisation import Cycle

from conftest import Runner, yaml_texts

AS_OF = ("--as-of", "2026-11-23")


def test_close_lists_per_team_what_is_left_with_the_computed_values(
    example: Path, run: Runner
) -> None:
    done = run("close", "2026-q3", "--repo", example, *AS_OF)
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "2026-q3 (closed, 2026-07-01 to 2026-09-30): 3 teams, 13 key results, 10 to score"
    )
    assert "field-ops (Field Operations): 6 to score" in lines
    assert "  summer-callouts.callouts-4h: computed 0.60 (last check-in 2026-09-25)" in lines


def test_write_adds_one_score_line_per_unscored_key_result_and_checks_clean(
    example: Path, run: Runner
) -> None:
    before = yaml_texts(example)
    done = run("close", "2026-q3", "--write", "--repo", example, *AS_OF)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.endswith("recorded 10 computed scores in 3 files\n")
    after = yaml_texts(example)
    changed = sorted(rel for rel in after if after[rel] != before[rel])
    assert changed == [
        f"okrs/2026-q3/{t}.yaml" for t in ("customer-success", "field-ops", "telemetry")
    ]
    added = []
    for rel in changed:
        diff = difflib.ndiff(before[rel].splitlines(), after[rel].splitlines())
        lines = [line for line in diff if line[:1] in "+-"]
        assert all(line.startswith("+         score: ") for line in lines), lines
        added += lines
    assert len(added) == 10  # three were scored by their owners already
    assert run("check", "--repo", example, *AS_OF).exit_code == 0
    again = run("close", "2026-q3", "--write", "--repo", example, *AS_OF)
    assert "customer-success (Customer Success): all 4 scored" in again.stdout
    assert again.stdout.endswith("recorded 0 computed scores in 0 files\n")
    assert yaml_texts(example) == after


def test_a_team_alone_and_a_dry_run(example: Path, run: Runner) -> None:
    before = yaml_texts(example)
    done = run(
        "close", "2026-q3", "--team", "telemetry", "--write", "--dry-run", "--repo", example, *AS_OF
    )
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("--- a/okrs/2026-q3/telemetry.yaml\n")
    assert done.stdout.count("+        score: ") == 2
    assert yaml_texts(example) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["2026-q4", "--write"], "2026-q4 is active until 2026-12-31"),
        (["2026-q5"], "no cycle '2026-q5' (did you mean"),
        (["2026-q3", "--team", "field-op"], "no team 'field-op' (did you mean 'field-ops'?)"),
    ],
    ids=["active", "unknown-cycle", "unknown-team"],
)
def test_what_cannot_be_closed_is_refused(
    example: Path, run: Runner, args: list[str], says: str
) -> None:
    before = yaml_texts(example)
    done = run("close", *args, "--repo", example, *AS_OF)
    assert done.exit_code == 2
    assert says in done.stderr
    assert yaml_texts(example) == before


def test_the_computed_score_reads_only_the_check_ins_up_to_the_cycle_end() -> None:
    where = Location("okrs/2026-q3/ops.yaml")
    cycle = Cycle("2026-q3", date(2026, 7, 1), date(2026, 9, 30), where)
    checkins = (
        Checkin(date(2026, 9, 15), 50, "medium", where),
        Checkin(date(2026, 10, 10), 100, "high", where),  # after the end: not counted
    )
    kr = KeyResult("2026-q3/o.k", "k", "K", "ben", 0, 100, where, checkins=checkins)
    assert computed_score(kr, cycle) == (0.5, date(2026, 9, 15))
    assert computed_score(KeyResult("2026-q3/o.n", "n", "N", "ben", 0, 10, where), cycle) == (
        0.0,
        None,
    )
