"""The accord/agreement status end to end: a real repository, a pull request's branch, and the
comment workflow's own steps, run on a recorded workflow_run event with a stand-in for `gh`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.report import MARKER

from actions import Run, github_html, load_job, mentions, run_job
from conftest import git, write_files

ORG = """\
name: Acme
people:
  ada: {name: Ada Lovelace, github: ada-l}
  ben: {name: Ben Okri, github: ben-o}
  mal: {name: Mal Content, github: mallory}
teams:
  company: {name: Acme, lead: ada}
  sales: {name: Sales, lead: ben, parent: company, members: [mal]}
cycles:
  "2026": {start: 2026-01-01, end: 2026-12-31}
  2026-q4: {start: 2026-10-01, end: 2026-12-31, within: "2026"}
"""
COMPANY = """\
objectives:
  - id: renewals
    title: Customers renew
    owner: ada
    why_now: Renewals fund next year, and ten of them come due in March.
    key_results:
      - {id: rate, title: Renewal rate, owner: ada, start: 0, target: 10}
"""
SALES = """\
objectives:
  - id: calls
    title: Every renewal gets a call
    owner: mal
    why_now: Customers who hear from us before renewal renew twice as often.
    supports: [2026/renewals]
    key_results:
      - {id: called, title: Renewals called first, owner: mal, start: 0, target: 50, unit: "%"}
"""
RAISED = SALES.replace("target: 50", "target: 60")
# Each forgery: the files the branch writes. (a) to (c) raise Mal's target, which needs Ada
# (it supports her priority), and try to make that need disappear; (d) changes what the
# number means while keeping it.
FORGERIES = {
    "swap-handles": {
        "okrs/org.yaml": ORG.replace("github: ada-l", "github: mallory-2").replace(
            "github: mallory", "github: ada-l", 1
        ).replace("github: mallory-2", "github: mallory"),
        "okrs/2026-q4/sales.yaml": RAISED,
    },
    "remove-handle": {
        "okrs/org.yaml": ORG.replace("ada: {name: Ada Lovelace, github: ada-l}",
                                     "ada: {name: Ada Lovelace}"),
        "okrs/2026-q4/sales.yaml": RAISED,
    },
    "own-the-root": {
        "okrs/2026/company.yaml": COMPANY.replace("owner: ada\n    why", "owner: mal\n    why"),
        "okrs/2026-q4/sales.yaml": RAISED,
    },
    "change-the-unit": {"okrs/2026-q4/sales.yaml": SALES.replace('unit: "%"', "unit: calls")},
}  # fmt: skip
HOSTILE_BRANCH = "evil$(touch${IFS}pwned)';`touch${IFS}pwned2`"


@pytest.fixture
def upstream(tmp_path: Path) -> Path:
    """The repository on GitHub: main with Ada's priority and Mal's objective supporting it."""
    root = tmp_path / "upstream"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, {"okrs/org.yaml": ORG, "okrs/2026/company.yaml": COMPANY,
                       "okrs/2026-q4/sales.yaml": SALES})  # fmt: skip
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First OKRs")
    return root


def propose(upstream: Path, files: dict[str, str], number: int = 7) -> str:
    """A commit on branch prNUMBER writing `files`, published as refs/pull/NUMBER/head."""
    branch = f"pr{number}"
    exists = git(upstream, "branch", "--list", branch).strip()
    git(upstream, "checkout", "-q", *([branch] if exists else ["-b", branch, "main"]))
    write_files(upstream, files)
    git(upstream, "commit", "-qam", "Proposal")
    sha = git(upstream, "rev-parse", "HEAD").strip()
    git(upstream, "update-ref", f"refs/pull/{number}/head", sha)
    git(upstream, "checkout", "-q", "main")
    return sha


def agreement(upstream: Path, sha: str, reviews: list[dict[str, Any]],
              name: str = "OKR pull request") -> Run:  # fmt: skip
    """Run the comment workflow's job for pull request #7 at `sha` in a fresh checkout of main."""
    work = upstream.parent / f"work-{sha[:7]}-{len(reviews)}"
    git(upstream.parent, "clone", "-q", str(upstream), str(work))
    event = {"workflow_run": {"name": name, "event": "pull_request", "head_sha": sha,
                              "head_branch": HOSTILE_BRANCH,
                              "head_repository": {"full_name": "mallory/okrs"}}}  # fmt: skip
    head = {"sha": sha, "ref": HOSTILE_BRANCH, "repo": {"full_name": "mallory/okrs"}}
    pulls = [
        {"number": 7, "user": {"login": "mallory"}, "head": head},
        {"number": 8, "user": {"login": "ada-l"}, "head": {**head, "sha": "0" * 40}},
        {"number": 9, "user": {"login": "ada-l"}, "head": {**head, "repo": {"full_name": "x/y"}}},
    ]
    responses = {"GET repos/acme/okrs/pulls": pulls, "GET repos/acme/okrs/pulls/7/reviews": reviews}
    run = run_job(load_job("okrs-pr-comment.yml", "agree"), work, event, responses)
    assert not (work / "pwned").exists() and not (work / "pwned2").exists()
    return run


def state(run: Run) -> dict[str, Any]:
    """The accord/agreement status the job set (exactly one)."""
    statuses = run.posted("/statuses/")
    assert len(statuses) == 1, run.logs
    status: dict[str, Any] = statuses[0]
    return status


def approval(user: str, sha: str, at: str = "2026-11-23T10:00:00Z") -> dict[str, Any]:
    return {"user": {"login": user}, "state": "APPROVED", "commit_id": sha, "submitted_at": at}


@pytest.mark.parametrize("forgery", FORGERIES, ids=str)
def test_a_forgery_waits_for_the_old_owner(upstream: Path, forgery: str) -> None:
    """Swapping or removing Ada's handle, taking her priority, or changing a unit leaves the
    status pending for @ada-l, as the base branch knows her, until she approves."""
    sha = propose(upstream, FORGERIES[forgery])
    waiting = state(agreement(upstream, sha, []))
    assert waiting["state"] == "pending"
    assert "waiting for @ada-l" in waiting["description"]
    assert state(agreement(upstream, sha, [approval("ada-l", sha)]))["state"] == "success"


def test_an_approval_of_an_earlier_push_does_not_count(upstream: Path) -> None:
    """Ada approved the first push; the pull request then moved on: it waits for her again."""
    first = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    sha = propose(upstream, FORGERIES["own-the-root"], number=7)
    status = state(agreement(upstream, sha, [approval("ada-l", first)]))
    assert status["state"] == "pending"
    later = [approval("ada-l", first), approval("ada-l", sha, "2026-11-24T10:00:00Z"),
             {"user": {"login": "ada-l"}, "state": "COMMENTED", "commit_id": sha,
              "submitted_at": "2026-11-25T10:00:00Z"}]  # fmt: skip
    assert state(agreement(upstream, sha, later))["state"] == "success"


def test_the_comment_is_the_trusted_accord_s_own(upstream: Path) -> None:
    """The job posts what the default branch's Accord says about the commit, escaped, to the
    one pull request whose head is that repository, branch and commit."""
    hostile = "@ada-l <img src=x onerror=alert(1)> [all owners approved](https://evil.example)"
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED.replace(
        "title: Every renewal gets a call", f"title: '{hostile}'")})  # fmt: skip
    run = agreement(upstream, sha, [])
    assert [c["path"] for c in run.calls if c["method"] == "POST"] == [
        "repos/acme/okrs/issues/7/comments",
        f"repos/acme/okrs/statuses/{sha}",
    ]
    body = run.posted("/issues/7/comments")[0]["body"]
    assert body.startswith(MARKER)
    assert "| Ada Lovelace | @ada-l |" in body
    html = github_html(body)
    assert "<img" not in html and 'evil.example"' not in html
    assert mentions(html) == ["ada-l", "mallory"]  # the two rows of the table, nobody else


def test_a_review_recounts_without_commenting(upstream: Path) -> None:
    """After a review, the status is set again and no comment is posted."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    run = agreement(upstream, sha, [approval("ada-l", sha)], name="OKR review")
    assert not run.posted("/comments")
    assert state(run)["state"] == "success"


def test_the_fetch_keeps_no_token(upstream: Path) -> None:
    """The checkout's .git/config holds no credentials after the job fetched the pull request."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    agreement(upstream, sha, [])
    work = upstream.parent / f"work-{sha[:7]}-0"
    config = (work / ".git" / "config").read_text(encoding="utf-8")
    assert "extraheader" not in config and "ghs_fake" not in config
    assert json.dumps(git(work, "config", "--list")).count("AUTHORIZATION") == 0


ACCEPTED = COMPANY.replace(
    "    key_results:", "    accept: [{rule: W201, reason: mallory says so}]\n    key_results:", 1
)
READ = "{date: 2026-10-05, value: 3, confidence: low}"
READINGS = {
    "rewritten": "{date: 2026-10-05, value: 9, confidence: high, still_agreed: false}",
    "removed": "",
}


def _with_checkins(text: str, *readings: str) -> str:
    """COMPANY with Ada's key result holding these check-ins."""
    listed = ", ".join(r for r in readings if r)
    return text.replace("target: 10}", f"target: 10, checkins: [{listed}]}}")


def _commit_to_main(upstream: Path, files: dict[str, str]) -> None:
    git(upstream, "checkout", "-q", "main")
    write_files(upstream, files)
    git(upstream, "commit", "-qam", "On main")


def test_an_accepted_warning_waits_for_the_owner(upstream: Path) -> None:
    """Accepting a warning on Ada's objective is a change in words that she agrees to."""
    sha = propose(upstream, {"okrs/2026/company.yaml": ACCEPTED})
    run = agreement(upstream, sha, [])
    waiting = state(run)
    assert waiting["state"] == "pending"
    assert "waiting for @ada-l" in waiting["description"]
    assert "accepts W201: mallory says so" in run.posted("/issues/7/comments")[0]["body"]
    assert state(agreement(upstream, sha, [approval("ada-l", sha)]))["state"] == "success"


@pytest.mark.parametrize("edit", READINGS, ids=str)
def test_a_check_in_rewritten_or_removed_waits_for_the_owner(upstream: Path, edit: str) -> None:
    """Rewriting Ada's check-in (3, low to 9, high, no longer agreed) or removing it changes a
    reading already made: the key result's owner, Ada, agrees."""
    from accord.report import gfm_text

    _commit_to_main(upstream, {"okrs/2026/company.yaml": _with_checkins(COMPANY, READ)})
    sha = propose(upstream, {"okrs/2026/company.yaml": _with_checkins(COMPANY, READINGS[edit])})
    run = agreement(upstream, sha, [])
    waiting = state(run)
    assert waiting["state"] == "pending"
    assert "waiting for @ada-l" in waiting["description"]
    body = run.posted("/issues/7/comments")[0]["body"]
    said = {"rewritten": "check-in 2026-10-05 changed: 3, low -> 9, high, no longer agreed",
            "removed": "check-in removed: 2026-10-05: 3, low"}  # fmt: skip
    assert gfm_text(said[edit]) in body
    assert state(agreement(upstream, sha, [approval("ada-l", sha)]))["state"] == "success"


def test_a_check_in_appended_asks_no_one(upstream: Path) -> None:
    """A new reading after the existing ones, nothing else changed, needs nobody's approval."""
    _commit_to_main(upstream, {"okrs/2026/company.yaml": _with_checkins(COMPANY, READ)})
    later = "{date: 2026-10-12, value: 4, confidence: medium, note: on track}"
    sha = propose(upstream, {"okrs/2026/company.yaml": _with_checkins(COMPANY, READ, later)})
    assert state(agreement(upstream, sha, []))["state"] == "success"
