"""`accord export`: the resolved model as JSON or CSV, and refusal when the OKRs have errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import MINIMAL_ORG, RepoWriter, Runner

CASES = Path(__file__).parent / "data" / "cases"
AS_OF = "2026-11-23"

COMPANY = """\
objectives:
  - id: growth
    title: Grow where customers already trust us
    owner: ada
    why_now: Renewals fund next year, and they depend on service customers can count on.
    key_results:
      - id: revenue
        title: Revenue from existing customers, in millions
        owner: ada
        start: 10
        target: 20
        checkins:
          - date: 2026-11-16
            value: 15
            confidence: medium
  - id: safety
    title: Everyone goes home safe
    owner: ada
    why_now: A near miss in March showed our site checks are skipped when crews run late.
    key_results:
      - id: incidents
        title: Lost-time incidents
        owner: ada
        start: 4
        target: 0
"""

OPS = """\
objectives:
  - id: crews
    title: Crews arrive ready
    owner: ben
    why_now: Half of our late starts trace back to parts missing from the van.
    supports: [growth, safety]
    key_results:
      - id: fix
        title: Visits fixed on the first trip, without a second trip for parts
        owner: ben
        start: 70
        target: 80
        unit: "%"
        supports: [growth.revenue]
        checkins:
          - date: 2026-11-16
            value: 72
            confidence: low
            still_agreed: false
      - id: stocked
        title: Vans stocked before each shift
        owner: ben
        start: 50
        target: 100
        unit: "%"
"""


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    """A valid repository: two annual objectives and a quarterly one supporting both."""
    return write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/2026/company.yaml": COMPANY,
            "okrs/2026-q4/ops.yaml": OPS,
        }
    )


def test_json_has_every_objective_with_progress_and_chains(repo: Path, run: Runner) -> None:
    """Export JSON lists each objective with its progress and its agreement chains."""
    outcome = run("export", "--as-of", AS_OF, "--repo", repo)
    assert outcome.exit_code == 0, outcome.stderr
    data = json.loads(outcome.stdout)
    objectives = {o["key"]: o for o in data["objectives"]}
    assert set(objectives) == {"2026/growth", "2026/safety", "2026-q4/crews"}
    assert objectives["2026/growth"]["progress"] == 0.5
    assert objectives["2026/safety"]["progress"] == 0.0
    assert objectives["2026-q4/crews"]["progress"] == pytest.approx(0.1)
    assert objectives["2026-q4/crews"]["chains"] == [["2026/growth"], ["2026/safety"]]
    assert objectives["2026/growth"]["chains"] == []


def test_json_key_results_carry_current_and_progress(repo: Path, run: Runner) -> None:
    """Each exported key result has its current value and progress, and its resolved supports."""
    data = json.loads(run("export", "--as-of", AS_OF, "--repo", repo).stdout)
    crews = next(o for o in data["objectives"] if o["key"] == "2026-q4/crews")
    fix, stocked = crews["key_results"]
    assert (fix["current"], fix["progress"], fix["supports"]) == (72, 0.2, ["2026/growth.revenue"])
    assert (stocked["current"], stocked["progress"]) == (50, 0.0)


def test_json_cycles_carry_status_and_expected_progress(repo: Path, run: Runner) -> None:
    """Exported cycles say whether they are active and how far through they are at --as-of."""
    data = json.loads(run("export", "--as-of", AS_OF, "--repo", repo).stdout)
    cycles = {c["id"]: c for c in data["cycles"]}
    assert data["as_of"] == AS_OF
    assert cycles["2026-q4"]["status"] == "active"
    assert cycles["2026-q4"]["expected_progress"] == pytest.approx(54 / 92, abs=1e-4)


def test_csv_has_a_header_and_one_row_per_key_result(repo: Path, run: Runner) -> None:
    """Export CSV starts with a header row, then has exactly one row per key result."""
    outcome = run("export", "--format", "csv", "--as-of", AS_OF, "--repo", repo)
    assert outcome.exit_code == 0, outcome.stderr
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    header = outcome.stdout.splitlines()[0].split(",")
    assert header[:3] == ["cycle", "team", "objective"]
    assert {"key_result", "progress", "current", "still_agreed"} <= set(header)
    assert [(r["cycle"], r["objective"], r["key_result"]) for r in rows] == [
        ("2026", "growth", "revenue"),
        ("2026", "safety", "incidents"),
        ("2026-q4", "crews", "fix"),
        ("2026-q4", "crews", "stocked"),
    ]


def test_csv_row_values(repo: Path, run: Runner) -> None:
    """A CSV row holds the latest check-in, progress to four places, and quotes commas."""
    outcome = run("export", "--format", "csv", "--as-of", AS_OF, "--repo", repo)
    assert '"Visits fixed on the first trip, without a second trip for parts"' in outcome.stdout
    fix = next(r for r in csv.DictReader(io.StringIO(outcome.stdout)) if r["key_result"] == "fix")
    assert fix["progress"] == "0.2000"
    assert (fix["last_checkin"], fix["confidence"], fix["still_agreed"]) == (
        "2026-11-16",
        "low",
        "false",
    )
    stocked = next(
        r for r in csv.DictReader(io.StringIO(outcome.stdout)) if r["key_result"] == "stocked"
    )
    assert (stocked["last_checkin"], stocked["confidence"], stocked["still_agreed"]) == ("", "", "")


def test_csv_keeps_objective_and_key_result_supports_apart(repo: Path, run: Runner) -> None:
    """What the objective supports and what its key result feeds are separate columns."""
    outcome = run("export", "--format", "csv", "--as-of", AS_OF, "--repo", repo)
    fix = next(r for r in csv.DictReader(io.StringIO(outcome.stdout)) if r["key_result"] == "fix")
    assert fix["objective_supports"] == "2026/growth 2026/safety"
    assert fix["key_result_supports"] == "2026/growth.revenue"


def test_csv_defuses_spreadsheet_formulas(write_repo: RepoWriter, run: Runner) -> None:
    """A title a spreadsheet would run as a formula is written as text (leading quote)."""
    hostile = COMPANY.replace("Everyone goes home safe", "'=HYPERLINK(\"http://x\")'")
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": hostile})
    outcome = run("export", "--format", "csv", "--as-of", AS_OF, "--repo", repo)
    safety = next(
        r for r in csv.DictReader(io.StringIO(outcome.stdout)) if r["objective"] == "safety"
    )
    assert safety["objective_title"] == '\'=HYPERLINK("http://x")'
    assert safety["start"] == "4"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_of_a_repo_with_errors_exits_1_with_errors_on_stderr(
    write_repo: RepoWriter, run: Runner, fmt: str
) -> None:
    """Export refuses a repository with errors: exit 1, findings on stderr, nothing on stdout."""
    broken = OPS.replace("supports: [growth, safety]", "supports: [grwoth]")
    repo = write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/2026/company.yaml": COMPANY,
            "okrs/2026-q4/ops.yaml": broken,
        }
    )
    outcome = run("export", "--format", fmt, "--as-of", AS_OF, "--repo", repo)
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    assert "okrs/2026-q4/ops.yaml:6:16: error E104 supports 'grwoth'" in outcome.stderr
    assert outcome.stderr.endswith("3 files checked: 1 error, 0 warnings\n")


def test_export_of_a_broken_org_exits_1(write_repo: RepoWriter, run: Runner) -> None:
    """With an org.yaml that fails its schema there is no model: export exits 1, prints nothing."""
    repo = write_repo({"okrs/org.yaml": "name: Example Co\n"})
    outcome = run("export", "--as-of", AS_OF, "--repo", repo)
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    assert "E102" in outcome.stderr


@pytest.mark.parametrize("case", sorted(CASES.glob("ok-*")), ids=lambda p: p.name)
def test_export_of_every_ok_case_is_valid_json(case: Path, run: Runner) -> None:
    """Every ok-* acceptance case exports as JSON with one entry per objective in its files."""
    outcome = run("export", "--as-of", AS_OF, "--repo", case)
    assert outcome.exit_code == 0, outcome.stderr
    data = json.loads(outcome.stdout)
    files = case.glob("okrs/*/*.yaml")
    written = sum(p.read_text(encoding="utf-8").count("\n  - id: ") for p in files)
    assert len(data["objectives"]) == written


def test_export_of_a_thousand_level_supports_chain(write_repo: RepoWriter, run: Runner) -> None:
    """`check` passes a 1,200-level `supports` chain and `export` then exports it (no crash)."""
    objectives = [
        f"  - id: o{i}\n    title: Step {i}\n    owner: ben\n"
        + (f"    supports: [o{i - 1}]\n" if i else "")
        + "    why_now: Each step serves the one above it, all the way up to the company bet.\n"
        + "    key_results:\n      - {id: k, title: Share, owner: ben, start: 0, target: 1}\n"
        for i in range(1200)
    ]
    repo = write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/2026-q4/ops.yaml": "objectives:\n" + "".join(objectives),
        }
    )
    assert run("check", "--repo", repo, "--as-of", AS_OF).exit_code == 0
    result = run("export", "--repo", repo, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    deepest = json.loads(result.stdout)["objectives"][-1]
    assert deepest["chains"] == [[f"2026-q4/o{i}" for i in range(1198, -1, -1)]]


def test_csv_carries_each_objectives_shown_progress_and_an_objective_with_no_key_results(
    run: Runner,
) -> None:
    """The objective's columns: progress as the site shows it, where it comes from, and its
    retrospective; a bet measured by what supports it gets one row of its own."""
    case = Path(__file__).parent / "data" / "cases" / "ok-W222-measured-by-supporters"
    outcome = run("export", "--format", "csv", "--as-of", AS_OF, "--repo", case)
    rows = {r["objective"]: r for r in csv.DictReader(io.StringIO(outcome.stdout))}
    bet = rows["people-stay"]
    assert (bet["key_result"], bet["objective_progress"], bet["objective_progress_from"]) == (
        "",
        "0.5000",
        "supporting objectives",
    )
    assert rows["mentors"]["objective_progress_from"] == "key results"
