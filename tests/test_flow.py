"""The whole pull-request flow on real git: the workflow's own commands, run as it runs them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from test_review import COMPANY, OPS, ORG, SALES_OBJECTIVE

from conftest import git, write_files

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "okrs-pr.yml"


def workflow_steps() -> dict[str, str]:
    """The `run:` script of each named step of the pull-request workflow."""
    data = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    steps = data["jobs"]["review"]["steps"]
    return {s["name"]: s["run"] for s in steps if "name" in s and "run" in s}


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of an OKR repository (origin/main) with a proposal checked out: Sales adds an
    objective supporting the company's renewals and Operations retargets a key result."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q", "-b", "main")
    write_files(upstream, {"okrs/org.yaml": ORG, "okrs/2026/company.yaml": COMPANY,
                           "okrs/2026-q4/ops.yaml": OPS})  # fmt: skip
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "First OKRs")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-qb", "proposal")
    write_files(clone, {"okrs/2026-q4/sales.yaml": SALES_OBJECTIVE,
                        "okrs/2026-q4/ops.yaml": OPS.replace("target: 10", "target: 12")})  # fmt: skip
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "Sales proposes renewal calls")
    return clone


def run_step(repo: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run a workflow step's script with bash, as the runner does, with `accord` on PATH."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "BASE_REF": "main",
        "SOURCE_DATE_EPOCH": "1795392000",  # 2026-11-23
        "GITHUB_STEP_SUMMARY": str(repo / "summary.md"),
    }
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True
    )


def test_the_workflow_commands_produce_annotations_comment_and_routing(pull_request: Path) -> None:
    """Check annotates lines; the run's summary names the retarget and asks the owner."""
    steps = workflow_steps()
    checked = run_step(
        pull_request, steps["Check the OKRs (findings appear on the lines of the pull request)"]
    )
    assert checked.returncode == 0, checked.stderr
    described = run_step(pull_request, steps["Describe the change and who must agree"])
    assert described.returncode == 0, described.stderr
    comment = (pull_request / "summary.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- accord-diff -->\n**Accord:** 3 changes to 2 objectives")
    assert "#### Changed objective: Crews arrive ready\n" in comment  # shown whole, then
    assert "\n- key result fix: target 10 -&gt; 12\n" in comment  # its changes in words
    assert "| Ada Lovelace | @ada-l |" in comment
    assert not (pull_request / "review").exists()  # nothing left for a privileged run to read


def test_errors_become_annotations_on_their_lines(pull_request: Path) -> None:
    """An error in the proposal is a GitHub error annotation at its file, line and column."""
    write_files(
        pull_request,
        {
            "okrs/2026-q4/sales.yaml": SALES_OBJECTIVE.replace(
                "owner: cy\n    why", "owner: cyy\n    why"
            )
        },
    )
    checked = run_step(
        pull_request,
        workflow_steps()["Check the OKRs (findings appear on the lines of the pull request)"],
    )
    assert checked.returncode == 1
    assert (
        "::error file=okrs/2026-q4/sales.yaml,line=5,col=12,title=E103::owner 'cyy'"
        in checked.stdout
    )


def test_a_new_repository_runs_its_own_pull_request_workflow(tmp_path: Path) -> None:
    """`accord init`, a clone, a proposal: the new repository's own workflow steps pass."""
    from click.testing import CliRunner

    from accord.cli.main import cli

    upstream = tmp_path / "our-okrs"
    made = CliRunner().invoke(cli, ["init", str(upstream), "--as-of", "2026-11-23"])
    assert made.exit_code == 0, made.stderr
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "Start our OKRs")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-qb", "proposal")
    team = next((clone / "okrs").glob("*/product.yaml"))
    text = team.read_text(encoding="utf-8")
    target = re.search(r"target: (\d+)", text)
    assert target is not None
    team.write_text(
        text.replace(target.group(0), f"target: {int(target.group(1)) + 1}", 1), "utf-8"
    )
    git(clone, "commit", "-qam", "Raise a target")
    data = YAML(typ="safe").load((clone / ".github/workflows/okrs-pr.yml").read_text("utf-8"))
    steps = {s["name"]: s["run"] for s in data["jobs"]["review"]["steps"] if "run" in s}
    for name in ("Check the OKRs (findings appear on the lines of the pull request)",
                 "Describe the change and who must agree"):  # fmt: skip
        done = run_step(clone, steps[name])
        assert done.returncode == 0, (name, done.stdout, done.stderr)
    comment = (clone / "summary.md").read_text(encoding="utf-8")
    assert f"target {target.group(1)} -&gt; {int(target.group(1)) + 1}" in comment
