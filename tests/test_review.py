"""`accord diff` on real git branches: changes in words, findings, and who has to agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accord.cli.main import cli
from accord.output.report import COMMENT_LIMIT, MARKER

from conftest import git, write_files

ORG = """\
name: Test Co
people:
  ada: {name: Ada Lovelace, github: ada-l}
  ben: {name: Ben Okri, github: ben-o}
  cy: {name: Cy Twombly}
teams:
  company: {name: Example Co, lead: ada}
  ops: {name: Operations, lead: ben, parent: company}
  sales: {name: Sales, lead: cy, parent: company}
cycles:
  "2026": {start: 2026-01-01, end: 2026-12-31}
  2026-q4: {start: 2026-10-01, end: 2026-12-31, within: "2026"}
"""
CHECKIN = (
    "        checkins: [{date: 2026-11-20, value: 5, confidence: medium, still_agreed: true}]\n"
)
COMPANY = (
    "stop_doing: [Regional decks]\nobjectives:\n  - id: renewals\n    title: Customers renew\n"
    "    owner: ada\n    why_now: Renewals fund next year, and ten of them come due in March.\n"
    "    key_results:\n      - id: rate\n        title: Renewal rate\n        owner: ada\n"
    "        start: 0\n        target: 10\n" + CHECKIN
)
OPS = (
    "stop_doing: [Weekly decks]\nobjectives:\n  - id: crews\n    title: Crews arrive ready\n"
    "    owner: ben\n    why_now: Half our late starts trace back to parts missing from the van.\n"
    "    key_results:\n      - id: fix\n        title: Fixed on the first visit\n        owner: ben\n"
    "        start: 0\n        target: 10\n" + CHECKIN
)
SALES_OBJECTIVE = (
    "stop_doing: [Custom terms]\nobjectives:\n  - id: renewal-calls\n    title: Every renewal gets a call\n"
    "    owner: cy\n    why_now: Customers who hear from us before renewal renew twice as often.\n"
    "    supports: [2026/renewals]\n    depends_on:\n      - {on: ops, need: Visit reports before each call}\n"
    "    key_results:\n      - id: called\n        title: Share of renewals called first\n        owner: cy\n"
    "        start: 0\n        target: 10\n" + CHECKIN
)


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    """main with company and ops OKRs; branch `proposal`: Sales adds an objective supporting
    the company's renewals and depending on ops, and ops retargets its key result."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(
        root,
        {"okrs/org.yaml": ORG, "okrs/2026/company.yaml": COMPANY, "okrs/2026-q4/ops.yaml": OPS},
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First OKRs")
    git(root, "checkout", "-qb", "proposal")
    write_files(root, {"okrs/2026-q4/sales.yaml": SALES_OBJECTIVE,
                 "okrs/2026-q4/ops.yaml": OPS.replace("target: 10", "target: 12")})  # fmt: skip
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Sales proposes renewal calls (#3)")
    return root


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-23"])
    return done.exit_code, done.stdout, done.stderr


def test_diff_names_changes_and_who_must_agree(proposal: Path) -> None:
    """The retarget with both numbers, the new objective, and its priority's owner as reviewer."""
    code, out, err = run("diff", "main", "proposal", "--repo", str(proposal), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    texts = [(c["key"], c["text"]) for c in data["changes"]]
    assert ("2026-q4/crews.fix", "target 10 -> 12") in texts
    assert ("2026-q4/renewal-calls", "objective added: Every renewal gets a call") in texts
    people = {r["person"]: r for r in data["reviewers"]}
    assert people["ada"]["github"] == "ada-l"
    assert people["ada"]["why"] == [
        "'Every renewal gets a call' supports 'Customers renew', which they own"
    ]
    assert people["ben"]["why"][:2] == [
        "they own the key result 'Fixed on the first visit', which changes",
        "they own 'Crews arrive ready', which changes",
    ]
    assert any(w.startswith("'Every renewal gets a call' depends on Operations") for w in
               people["ben"]["why"])  # fmt: skip
    assert people["cy"]["why"] == [  # Sales' own file, and the new objective cy would own
        "they own the new objective 'Every renewal gets a call' (as proposed)",
        "stop doing + Custom terms (2026-q4/sales): they lead Sales",
    ]


def test_the_markdown_comment_has_its_marker_summary_and_table(proposal: Path) -> None:
    """The pull-request comment starts with the hidden marker and a one-line summary."""
    code, out, _ = run("diff", "main", "proposal", "--repo", str(proposal), "--format", "markdown")
    assert code == 0
    first, summary = out.splitlines()[:2]
    assert first == MARKER
    assert summary.startswith("**Accord:** 3 changes to 2 objectives")
    assert "| Ada Lovelace | @ada-l |" in out
    assert len(out) < COMMENT_LIMIT


def test_no_change_says_so_in_one_line(proposal: Path) -> None:
    """Comparing a revision with itself is one line."""
    code, out, _ = run("diff", "main", "main", "--repo", str(proposal))
    assert code == 0
    assert out.count("\n") == 1 and out.startswith("no change to the OKRs")


def test_the_working_tree_is_the_default_head_and_main_the_default_base(proposal: Path) -> None:
    """With no revisions, diff compares the merge-base with main to the uncommitted files."""
    git(proposal, "checkout", "-q", "main")
    write_files(
        proposal,
        {
            "okrs/2026-q4/ops.yaml": OPS.replace(
                "owner: ben\n    why_now", "owner: ada\n    why_now"
            )
        },
    )
    code, out, _ = run("diff", "--repo", str(proposal))
    assert code == 0
    assert "  changed objective 2026-q4/crews: Crews arrive ready\n" in out
    assert "    - owner Ben Okri -> Ada Lovelace\n" in out


def test_a_huge_change_is_cut_to_fit_a_comment(proposal: Path) -> None:
    """More changes than a comment can hold end with a pointer to the full report."""
    many = "".join(
        SALES_OBJECTIVE.split("objectives:\n", 1)[1].replace("renewal-calls", f"call-{n}")
        for n in range(600)
    )
    write_files(proposal, {"okrs/2026-q4/sales.yaml": "stop_doing: [x]\nobjectives:\n" + many})
    code, out, _ = run("diff", "main", "--repo", str(proposal), "--format", "markdown")
    assert code == 0
    assert len(out) <= COMMENT_LIMIT
    assert "full report is in this workflow run's artifact accord-report (report.txt)" in out


def test_errors_in_the_proposal_are_reported_first(proposal: Path) -> None:
    """A proposal that does not check says so instead of comparing half a model."""
    write_files(proposal, {"okrs/2026-q4/sales.yaml": "objectives: [\n"})
    code, out, _ = run("diff", "main", "--repo", str(proposal))
    assert code == 0
    assert out.startswith("the proposal has 1 error; fix them")


def test_a_hostile_file_name_stays_inside_the_comment_s_text(proposal: Path) -> None:
    """A team file named with a backtick, a mention and a tag is shown as text: it cannot leave
    its place in the comment, mention anyone or add HTML."""
    from actions import github_html, mentions

    write_files(proposal, {"okrs/2026-q4/x` @ben-o <img src=x>.yaml": "objectives: []\n"})
    code, out, _ = run("diff", "main", "--repo", str(proposal), "--format", "markdown")
    assert code == 0
    html = github_html(out)
    assert "<code>okrs/2026-q4/x` @\u200bben-o &lt;img src=x&gt;.yaml:1:1</code>" in html
    assert mentions(html) == [] and "<img" not in html


def test_org_changes_are_listed_and_asked_of_the_base_leads(proposal: Path) -> None:
    """A changed handle and a new team lead are changes in words, asked of the person as the
    base knows them (the base's handle) and of the leads above; the new lead the branch names
    is asked as well, never instead."""
    write_files(proposal, {"okrs/org.yaml": ORG.replace("github: ben-o", "github: eve").replace(
        "sales: {name: Sales, lead: cy", "sales: {name: Sales, lead: ben")})  # fmt: skip
    code, out, _ = run("diff", "main", "--repo", str(proposal), "--format", "json")
    assert code == 0
    data = json.loads(out)
    texts = {c["text"] for c in data["changes"] if c["subject"] == "org"}
    assert texts == {"person ben: github ben-o -> eve", "team sales: lead Cy Twombly -> Ben Okri"}
    people = {r["person"]: r for r in data["reviewers"]}
    assert people["ben"]["github"] == "ben-o"
    assert "org.yaml person ben: github ben-o -> eve: it is their own entry" in people["ben"]["why"]
    lead = "org.yaml team sales: lead Cy Twombly -> Ben Okri"
    assert f"{lead}: they lead Sales" in people["cy"]["why"]
    assert f"{lead}: they lead Example Co" in people["ada"]["why"]
    assert f"{lead}: they lead Sales (as proposed)" in people["ben"]["why"]  # the new lead
