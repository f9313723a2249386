"""The end of a cycle on a copy of the example, byte for byte: `accord score`, `accord close
--write` and `accord carry` run in turn, every file they change compared with
tests/data/end-of-cycle/ (run `pytest --update-golden` to accept a change), and the result
checks clean."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest

from accord.check import check

from conftest import Runner, yaml_texts

GOLDEN = Path(__file__).parent / "data" / "end-of-cycle"
AS_OF = ("--as-of", "2026-11-23")
STEPS = [
    ["score", "churn-early-warning.flagged-before-notice", "--score", "0.8"],
    ["score", "churn-early-warning", "--retrospective",
     "Flags came a month early, but nobody owned acting on them: Q4 names an owner per flag."],
    ["close", "2026-q3", "--write"],
    ["carry", "2026-q3", "2026-q4", "--all-unfinished"],
]  # fmt: skip


def test_score_close_and_carry_write_exactly_the_reviewed_files(
    example: Path, run: Runner, update_golden: bool
) -> None:
    before = yaml_texts(example)
    for step in STEPS:
        done = run(*step, "--repo", example, *AS_OF)
        assert done.exit_code == 0, (step, done.stderr)
    after = yaml_texts(example)
    changed = {rel: text for rel, text in after.items() if before.get(rel) != text}
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in changed.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
        pytest.skip("end-of-cycle files rewritten")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.yaml")
    }
    assert sorted(changed) == sorted(expected), "files changed: run pytest --update-golden"
    diffs = [
        "".join(difflib.unified_diff(expected[rel].splitlines(True), text.splitlines(True)))
        for rel, text in sorted(changed.items())
        if expected[rel] != text
    ]
    assert not diffs, "\n".join(diffs)[:20_000]
    result = check(example, as_of=date(2026, 11, 23))
    assert not result.errors, result.errors
    model = result.model
    assert model is not None
    q3 = [kr for o in model.objectives.values() if o.cycle == "2026-q3" for kr in o.key_results]
    assert all(kr.score is not None for kr in q3)
    assert model.objectives["2026-q4/churn-early-warning"].carried_from == (
        "2026-q3/churn-early-warning"
    )
