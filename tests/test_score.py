"""`accord score`: a key result's grade or an objective's retrospective, written into the
file's text in place; every other byte kept, the result checked, bad requests refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_ORG, RepoWriter, Runner

TEAM = """\
# Operations, Q4: agreed in the October review
objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    why_now: >-
      Two outages in spring cost us a renewal and the board asked what we would change.
    key_results:
      - id: incidents
        title: Incidents a month
        owner: ben
        start: 10
        target: 2
        checkins:
          - date: 2026-10-09
            value: 6
            confidence: medium   # after the runbook
      - {id: calls, title: Calls answered within a minute, owner: ben, start: 60, target: 90}

  - id: calm-peak
    title: The winter peak passes without a depot closing
    owner: ben
    why_now: Last winter the peak closed the depot twice and we lost a week of visits each time.
    retrospective: >-
      Written early,
      to be replaced.
    key_results:
      - id: closures
        title: Depot closures in the peak
        owner: ben
        start: 2
        target: 0
"""

FILE = "okrs/2026-q4/ops.yaml"


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    return write_repo({"okrs/org.yaml": MINIMAL_ORG, FILE: TEAM})


def _score(run: Runner, repo: Path, *args: str) -> tuple[int, str, str]:
    done = run("score", *args, "--repo", repo, "--as-of", "2026-12-20")
    return done.exit_code, done.stdout, done.stderr


def test_a_score_goes_in_as_the_key_results_last_key(repo: Path, run: Runner) -> None:
    code, out, err = _score(run, repo, "steady-ops.incidents", "--score", "0.75")
    assert (code, err) == (0, "")
    assert out == f"{FILE}:18: score 0.75 on steady-ops.incidents\n"
    assert (repo / FILE).read_text("utf-8") == TEAM.replace(
        "            confidence: medium   # after the runbook\n",
        "            confidence: medium   # after the runbook\n        score: 0.75\n",
    )
    assert run("check", "--repo", repo, "--as-of", "2026-12-20").exit_code == 0


def test_a_second_score_replaces_the_first_and_nothing_else(repo: Path, run: Runner) -> None:
    _score(run, repo, "steady-ops.incidents", "--score", "0.75")
    once = (repo / FILE).read_text("utf-8")
    code, _, _ = _score(run, repo, "steady-ops.incidents", "--score", "1")
    assert code == 0
    assert (repo / FILE).read_text("utf-8") == once.replace("score: 0.75", "score: 1")


def test_a_flow_mapping_gets_the_score_inside_its_braces(repo: Path, run: Runner) -> None:
    code, _, _ = _score(run, repo, "steady-ops.calls", "--score", "0.3")
    assert code == 0
    assert (repo / FILE).read_text("utf-8") == TEAM.replace(
        "start: 60, target: 90}", "start: 60, target: 90, score: 0.3}"
    )


def test_a_retrospective_is_added_or_replaces_a_block_scalar(repo: Path, run: Runner) -> None:
    hostile = 'We said "done" at 50%: ${{ secrets.X }} # not a comment'
    code, _, err = _score(run, repo, "steady-ops", "--retrospective", hostile)
    assert (code, err) == (0, "")
    code, _, _ = _score(run, repo, "calm-peak", "--retrospective", "Replaced, in one line.")
    assert code == 0
    expected = TEAM.replace(
        "            confidence: medium   # after the runbook\n"
        "      - {id: calls, title: Calls answered within a minute, owner: ben, start: 60, "
        "target: 90}\n",
        "            confidence: medium   # after the runbook\n"
        "      - {id: calls, title: Calls answered within a minute, owner: ben, start: 60, "
        "target: 90}\n"
        '    retrospective: "We said \\"done\\" at 50%: ${{ secrets.X }} # not a comment"\n',
    ).replace(
        "    retrospective: >-\n      Written early,\n      to be replaced.\n",
        '    retrospective: "Replaced, in one line."\n',
    )
    assert (repo / FILE).read_text("utf-8") == expected
    exported = run("export", "--repo", repo, "--as-of", "2026-12-20").stdout
    assert '"retrospective": "We said \\"done\\" at 50%: ${{ secrets.X }} # not a comment"' in (
        exported
    )


def test_dry_run_prints_the_diff_and_writes_nothing(repo: Path, run: Runner) -> None:
    code, out, _ = _score(run, repo, "steady-ops.incidents", "--score", "0.5", "--dry-run")
    assert code == 0
    assert out.startswith(f"--- a/{FILE}\n+++ b/{FILE}\n")
    assert "+        score: 0.5\n" in out
    assert (repo / FILE).read_text("utf-8") == TEAM


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["steady-ops", "--score", "0.5"],
            "an objective's score is its key results' grades: score each; its key results: "
            "steady-ops.incidents, steady-ops.calls",
        ),
        (
            ["steady-ops.incidents", "--retrospective", "x"],
            "a retrospective is the objective's: accord score steady-ops ...",
        ),
        (["steady-ops.incidents", "--score", "1.2"], "--score must be from 0 to 1"),
        (["steady-ops.incidents"], "say what to record: --score"),
        (["steady-ops", "--retrospective", "  "], "--retrospective is empty"),
        (["steady-op.incidents", "--score", "1"], "did you mean 'steady-ops.incidents'?"),
    ],
    ids=["objective-score", "kr-retrospective", "out-of-range", "nothing", "empty", "unknown"],
)
def test_what_cannot_be_recorded_is_refused_and_nothing_written(
    repo: Path, run: Runner, args: list[str], says: str
) -> None:
    code, out, err = _score(run, repo, *args)
    assert code == 2
    assert out == ""
    assert says in err and err.count("\n") == 1
    assert (repo / FILE).read_text("utf-8") == TEAM
