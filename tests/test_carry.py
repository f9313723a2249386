"""`accord carry`: kept unfinished objectives written into the next cycle's team files, with
`carried_from`, key results from their last values and no check-ins; files only appended to."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from accord.check import check

from conftest import ORG_WITH_Q3, RepoWriter, Runner, yaml_texts

ROOT = Path(__file__).resolve().parents[1]
AS_OF = ("--as-of", "2026-11-23")

ORG = ORG_WITH_Q3
Q3 = """\
objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    why_now: Two outages in spring cost us a renewal and the board asked what we would change.
    tradeoffs: ["No new depots this quarter"]
    key_results:
      - id: outages
        title: Outages a month
        owner: ben
        unit: outages
        start: 4
        target: 0
        weight: 2
        checkins:
          - {date: 2026-09-20, value: 2, confidence: medium}
  - id: runbook
    title: Every outage is handled from the runbook
    owner: ben
    why_now: The spring outages were handled from memory and took twice as long as they needed.
    supports: [steady-ops]
    key_results:
      - id: handled
        title: Outages handled from the runbook
        owner: ben
        start: 0
        target: 100
        supports: [steady-ops.outages]
"""


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    return write_repo({"okrs/org.yaml": ORG, "okrs/2026-q3/ops.yaml": Q3})


def test_carried_objectives_make_the_next_cycles_file_and_point_at_each_other(
    repo: Path, run: Runner
) -> None:
    done = run("carry", "2026-q3", "2026-q4", "--all-unfinished", "--repo", repo, *AS_OF)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        "okrs/2026-q4/ops.yaml:3: carried 2026-q3/steady-ops into 2026-q4 "
        "(1 key results from their last values)\n"
        "okrs/2026-q4/ops.yaml:18: carried 2026-q3/runbook into 2026-q4 "
        "(1 key results from their last values)\n"
    )
    written = (repo / "okrs" / "2026-q4" / "ops.yaml").read_text("utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schema/team.schema.json\n")
    result = check(repo, as_of=date(2026, 11, 23))
    assert not result.errors, result.errors
    model = result.model
    assert model is not None
    steady, runbook = model.objectives["2026-q4/steady-ops"], model.objectives["2026-q4/runbook"]
    assert steady.carried_from == "2026-q3/steady-ops"
    assert steady.tradeoffs == ("No new depots this quarter",)
    outages = steady.key_results[0]
    # from its last value (2), not its start (4)
    assert (outages.start, outages.target, outages.weight, outages.unit) == (2, 0, 2, "outages")
    assert outages.checkins == () and outages.score is None
    assert runbook.supports == ("2026-q4/steady-ops",)  # its copy, not the old one
    assert runbook.key_results[0].supports == ("2026-q4/steady-ops.outages",)


def test_the_example_carries_into_existing_files_by_appending_only(
    tmp_path: Path, run: Runner
) -> None:
    shutil.copytree(ROOT / "okrs", tmp_path / "okrs")
    before = yaml_texts(tmp_path)
    done = run(
        "carry", "2026-q3", "2026-q4", "summer-saves", "--team", "customer-success",
        "--repo", tmp_path, *AS_OF,
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    after = yaml_texts(tmp_path)
    rel = "okrs/2026-q4/customer-success.yaml"
    assert [r for r in after if after[r] != before[r]] == [rel]
    assert after[rel].startswith(before[rel])
    assert "    carried_from: 2026-q3/summer-saves\n" in after[rel]
    assert run("check", "--repo", tmp_path, *AS_OF).exit_code == 0
    again = run("carry", "2026-q3", "2026-q4", "summer-saves", "--repo", tmp_path, *AS_OF)
    assert again.exit_code == 2
    assert "2026-q4 already has summer-saves: carry each objective once" in again.stderr
    assert yaml_texts(tmp_path) == after


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["2026-q3", "2026-q4", "steady-opps"], "no objective 'steady-opps' in 2026-q3"),
        (["2026-q4", "2026-q3", "--all-unfinished"], "2026-q3 starts 2026-07-01, before"),
        (["2026-q3", "2026-q4"], "name the objectives to carry, or give --all-unfinished"),
        (["2026-q3", "2027-q1", "--all-unfinished"], "no cycle '2027-q1'"),
    ],
    ids=["unknown-id", "backwards", "nothing-named", "unknown-cycle"],
)
def test_what_cannot_be_carried_is_refused(
    repo: Path, run: Runner, args: list[str], says: str
) -> None:
    before = yaml_texts(repo)
    done = run("carry", *args, "--repo", repo, *AS_OF)
    assert done.exit_code == 2
    assert says in done.stderr
    assert yaml_texts(repo) == before


def test_dry_run_prints_the_new_file_and_writes_nothing(repo: Path, run: Runner) -> None:
    before = yaml_texts(repo)
    done = run("carry", "2026-q3", "2026-q4", "runbook", "--dry-run", "--repo", repo, *AS_OF)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("--- /dev/null\n+++ b/okrs/2026-q4/ops.yaml\n")
    assert "+    supports: [2026-q3/steady-ops]\n" in done.stdout  # not carried: the old one
    assert yaml_texts(repo) == before
