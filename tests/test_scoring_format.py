"""The end-of-cycle fields (issue 16): a key result's `weight` and `score`, an objective's
`retrospective` and `carried_from`, a team file's `retrospective`. All optional, so files
without them stay valid; weights count in objective progress; `carried_from` is a ref."""

from __future__ import annotations

import json
from csv import DictReader
from datetime import date
from io import StringIO
from pathlib import Path

import pytest

from accord.check import check

from conftest import ORG_WITH_Q3, RepoWriter, Runner

ORG = ORG_WITH_Q3

Q3 = """\
retrospective: We planned three objectives and finished one; next quarter we plan two.
objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    why_now: Two outages in spring cost us a renewal and the board asked what we would change.
    retrospective: The runbook worked; the on-call rota came too late to count.
    key_results:
      - id: outages
        title: Outages a month
        owner: ben
        start: 4
        target: 0
        score: 0.7
        checkins:
          - {date: 2026-09-20, value: 1, confidence: high}
"""

Q4 = """\
objectives:
  - id: calm-ops
    title: Operations stay calm through the winter peak
    owner: ben
    carried_from: 2026-q3/steady-ops
    why_now: The winter peak doubles call volume and last year it took out the depot twice.
    key_results:
      - id: heavy
        title: Calls answered within a minute
        owner: ben
        start: 0
        target: 100
        weight: 3
        checkins:
          - {date: 2026-11-01, value: 100, confidence: high}
      - id: light
        title: Depot visits on time
        owner: ben
        start: 0
        target: 100
        checkins:
          - {date: 2026-11-01, value: 0, confidence: low}
"""

AS_OF = date(2026, 11, 23)


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    return write_repo(
        {"okrs/org.yaml": ORG, "okrs/2026-q3/ops.yaml": Q3, "okrs/2026-q4/ops.yaml": Q4}
    )


def test_the_fields_are_read_and_weights_count_in_progress(repo: Path) -> None:
    result = check(repo, as_of=AS_OF)
    assert not result.errors, result.errors
    model = result.model
    assert model is not None
    calm, steady = model.objectives["2026-q4/calm-ops"], model.objectives["2026-q3/steady-ops"]
    assert calm.carried_from == "2026-q3/steady-ops"
    assert calm.progress == pytest.approx(0.75)  # (3 x 100% + 1 x 0%) / 4, not the mean 50%
    assert steady.retrospective.startswith("The runbook worked")  # type: ignore[union-attr]
    assert steady.key_results[0].score == 0.7
    assert steady.key_results[0].weight == 1.0
    q3 = next(p for p in model.plans if p.cycle == "2026-q3")
    assert q3.retrospective.startswith("We planned three")  # type: ignore[union-attr]


def test_export_carries_scores_weights_retrospectives_and_carry_over(
    repo: Path, run: Runner
) -> None:
    done = run("export", "--repo", repo, "--as-of", "2026-11-23")
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)
    objectives = {o["key"]: o for o in data["objectives"]}
    calm = objectives["2026-q4/calm-ops"]
    assert calm["carried_from"] == "2026-q3/steady-ops"
    assert [kr["weight"] for kr in calm["key_results"]] == [3, 1.0]
    assert calm["progress"] == 0.75
    assert objectives["2026-q3/steady-ops"]["key_results"][0]["score"] == 0.7
    assert {p["cycle"]: p["retrospective"] for p in data["plans"]}["2026-q4"] is None
    csv = run("export", "--repo", repo, "--format", "csv", "--as-of", "2026-11-23").stdout
    first = next(iter(DictReader(StringIO(csv))))
    assert (first["weight"], first["score"]) == ("1", "0.7")


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("score: 0.7", "score: 1.5", "okrs/2026-q3/ops.yaml:14:16", "must be from 0 to 1, got 1.5"),
        ("score: 0.7", "weight: 0", "okrs/2026-q3/ops.yaml:14:17", "must be more than 0, got 0"),
    ],
    ids=["score-above-1", "weight-zero"],
)
def test_a_score_or_weight_out_of_range_is_an_error_at_its_line(
    write_repo: RepoWriter, run: Runner, old: str, new: str, where: str, says: str
) -> None:
    repo = write_repo(
        {
            "okrs/org.yaml": ORG,
            "okrs/2026-q3/ops.yaml": Q3.replace(old, new),
            "okrs/2026-q4/ops.yaml": Q4,
        }
    )
    done = run("check", "--repo", repo, "--as-of", "2026-11-23")
    assert done.exit_code == 1
    assert f"{where}: error E102" in done.stdout
    assert says in done.stdout


def test_carried_from_an_objective_that_does_not_exist_is_e104(
    write_repo: RepoWriter, run: Runner
) -> None:
    repo = write_repo(
        {
            "okrs/org.yaml": ORG,
            "okrs/2026-q3/ops.yaml": Q3,
            "okrs/2026-q4/ops.yaml": Q4.replace("2026-q3/steady-ops", "2026-q3/steady-opps"),
        }
    )
    done = run("check", "--repo", repo, "--as-of", "2026-11-23")
    assert done.exit_code == 1
    assert (
        "okrs/2026-q4/ops.yaml:5:19: error E104 carried_from '2026-q3/steady-opps' — no such "
        "objective in 2026-q3 (did you mean 'steady-ops'?)"
    ) in done.stdout


def test_a_changed_score_or_weight_is_said_in_words(repo: Path, run: Runner) -> None:
    from conftest import git

    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Q3 and Q4")
    team = repo / "okrs" / "2026-q3" / "ops.yaml"
    team.write_text(Q3.replace("score: 0.7", "score: 0.8\n        weight: 2"), "utf-8")
    done = run("diff", "HEAD", "--repo", repo, "--format", "text", "--as-of", "2026-11-23")
    assert done.exit_code == 0, done.stderr
    assert "key result outages: weight 1 -> 2" in done.stdout
    assert "key result outages: score 0.7 -> 0.8" in done.stdout
