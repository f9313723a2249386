"""The accord/agreement status end to end: a real repository, a pull request's branch, and the
comment workflow's own steps, run on a recorded workflow_run event with a stand-in for `gh`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.output.report import COMMENT_LIMIT, MARKER

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
              name: str = "OKR pull request", *, pushers: tuple[str, ...] = ("mallory",),
              base: str = "main", now: str | None = None,
              pulls: list[dict[str, Any]] | None = None,
              artifacts: list[dict[str, Any]] | None = None) -> Run:  # fmt: skip
    """Run the comment workflow's job for pull request #7 at `sha` (into `base`, by mallory)
    in a fresh checkout of main. `pushers` are the actors of the OKR pull request runs for
    `sha`; `now` is the pull request's head when the job checks before writing (`sha`)."""
    work = upstream.parent / f"work-{sha[:7]}-{len(reviews)}"
    while work.exists():
        work = work.with_name(work.name + "+")
    git(upstream.parent, "clone", "-q", str(upstream), str(work))
    event = {"workflow_run": {"id": 4242, "name": name, "event": "pull_request", "head_sha": sha,
                              "head_branch": HOSTILE_BRANCH,
                              "head_repository": {"full_name": "mallory/okrs"}}}  # fmt: skip
    head = {"sha": sha, "ref": HOSTILE_BRANCH, "repo": {"full_name": "mallory/okrs"}}
    if pulls is None:
        pulls = [
            {"number": 7, "user": {"login": "mallory"}, "head": head, "base": {"ref": base}},
            {"number": 8, "user": {"login": "ada-l"}, "head": {**head, "sha": "0" * 40},
             "base": {"ref": base}},
            {"number": 9, "user": {"login": "ada-l"}, "base": {"ref": base},
             "head": {**head, "repo": {"full_name": "x/y"}}},
        ]  # fmt: skip
    run_of = {"head_sha": sha, "event": "pull_request", "head_branch": HOSTILE_BRANCH,
              "head_repository": {"full_name": "mallory/okrs"}}  # fmt: skip
    runs = [{**run_of, "actor": {"login": who}, "triggering_actor": {"login": who}}
            for who in pushers]  # fmt: skip
    # Runs of other heads, which say nothing about who pushed this one.
    runs += [{**run_of, "head_sha": "0" * 40, "actor": {"login": "mallory"}},
             {**run_of, "head_branch": "main", "actor": {"login": "mallory"}}]  # fmt: skip
    responses = {
        "GET repos/acme/okrs/pulls": pulls,
        "GET repos/acme/okrs/pulls/7/reviews": reviews,
        **{
            f"GET repos/acme/okrs/pulls/{p['number']}": {"head": {"sha": now or sha}} for p in pulls
        },
        "GET repos/acme/okrs/actions/workflows/okrs-pr.yml/runs": {"workflow_runs": runs},
        "GET repos/acme/okrs/actions/runs/4242/artifacts": {"artifacts": artifacts or []},
    }
    run = run_job(load_job("okrs-pr-comment.yml", "agree"), work, event, responses)
    assert not (work / "pwned").exists() and not (work / "pwned2").exists()
    run.cwd = work
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


def test_the_comment_links_the_site_preview_the_run_kept(upstream: Path) -> None:
    """The pull request's run kept a site preview: the comment links to it by the id the API
    gives (its content is never read); without one, or expired, the comment says nothing."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    kept = [{"id": 99, "name": "okr-site-preview", "expired": False},
            {"id": 98, "name": "accord-report", "expired": False}]  # fmt: skip
    body = agreement(upstream, sha, [], artifacts=kept).posted("/issues/7/comments")[0]["body"]
    assert "[the site as merging would publish it](" in body
    assert "/acme/okrs/actions/runs/4242/artifacts/99)" in body
    gone = [{"id": 99, "name": "okr-site-preview", "expired": True}]
    body = agreement(upstream, sha, [], artifacts=gone).posted("/issues/7/comments")[0]["body"]
    assert "Preview" not in body


def test_a_review_recounts_without_commenting(upstream: Path) -> None:
    """After a review, the status is set again and no comment is posted."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    run = agreement(upstream, sha, [approval("ada-l", sha)], name="OKR review")
    assert not run.posted("/comments")
    assert state(run)["state"] == "success"


def test_the_fetch_keeps_no_token(upstream: Path) -> None:
    """The checkout's .git/config holds no credentials after the job fetched the pull request."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    work = agreement(upstream, sha, []).cwd
    config = (work / ".git" / "config").read_text(encoding="utf-8")
    assert "extraheader" not in config and "ghs_fake" not in config
    assert json.dumps(git(work, "config", "--list")).count("AUTHORIZATION") == 0


# The base is the base branch's tip now, and the change is what merging brings (S1).

SALES_BLOCK = """\
objectives:
  - id: calls
    title: Every renewal gets a call
    owner: mal
    why_now: Customers who hear from us before renewal renew twice as often.
    key_results:
      - id: called
        title: Renewals called first
        owner: mal
        start: 0
        target: 50
        unit: "%"
"""
COMPANY_BLOCK = """\
objectives:
  - id: renewals
    title: Customers renew
    owner: ada
    why_now: Renewals fund next year, and ten of them come due in March.
    key_results:
      - id: rate
        title: Renewal rate
        owner: ada
        start: 0
        target: 10
"""
MAL_LEADS = ORG.replace(
    "sales: {name: Sales, lead: ben, parent: company, members: [mal]}",
    "sales: {name: Sales, lead: mal, parent: company}",
)


def repository(root: Path, files: dict[str, str]) -> str:
    """A new repository at `root` whose main has one commit writing `files`."""
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First OKRs")
    return git(root, "rev-parse", "HEAD").strip()


def commit(root: Path, branch: str, files: dict[str, str], start: str | None = None) -> str:
    """A commit on `branch` (made from `start` if new) writing `files`; main stays checked out."""
    exists = git(root, "branch", "--list", branch).strip()
    git(root, "checkout", "-q", *([branch] if exists else ["-b", branch, start or "main"]))
    write_files(root, files)
    git(root, "commit", "-qam", f"On {branch}")
    sha = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "main")
    return sha


def publish(root: Path, sha: str, number: int = 7) -> str:
    git(root, "update-ref", f"refs/pull/{number}/head", sha)
    return sha


def merged(root: Path, sha: str, file: str) -> str:
    """`file` after merging `sha` into main, as GitHub's merge button would (then undone)."""
    git(root, "merge", "-q", "--no-edit", sha)
    text = (root / file).read_text(encoding="utf-8")
    git(root, "reset", "-q", "--hard", "HEAD~1")
    return text


def test_a_stale_base_asks_whoever_owns_it_now(tmp_path: Path) -> None:
    """Mallory branches from a commit where she owned `calls`; main has since handed it to
    Ben. Merging would lower Ben's target, so Ben is asked, whatever the branch's merge-base."""
    root = tmp_path / "upstream"
    old = repository(root, {"okrs/org.yaml": MAL_LEADS, "okrs/2026/company.yaml": COMPANY,
                            "okrs/2026-q4/sales.yaml": SALES_BLOCK})  # fmt: skip
    bens = SALES_BLOCK.replace("owner: mal", "owner: ben")
    commit(root, "main", {"okrs/org.yaml": ORG, "okrs/2026-q4/sales.yaml": bens})
    lowered = SALES_BLOCK.replace("target: 50", "target: 5")
    sha = publish(root, commit(root, "pr7", {"okrs/2026-q4/sales.yaml": lowered}, old))
    after = merged(root, sha, "okrs/2026-q4/sales.yaml")
    assert "owner: ben" in after and "target: 5\n" in after  # what merging would really do
    waiting = state(agreement(root, sha, []))
    assert waiting["state"] == "pending"
    assert "waiting for @ben-o" in waiting["description"]
    assert state(agreement(root, sha, [approval("ben-o", sha)]))["state"] == "success"


def test_a_planted_base_decides_nothing(tmp_path: Path) -> None:
    """An earlier merged pull request made Mallory owner of the company priority and took it
    back; branching from its middle commit makes that the merge-base. Merging would lower
    Ada's target: Ada, the owner on main now, is asked."""
    root = tmp_path / "upstream"
    repository(root, {"okrs/org.yaml": ORG, "okrs/2026/company.yaml": COMPANY_BLOCK,
                      "okrs/2026-q4/sales.yaml": SALES})  # fmt: skip
    taken = {"okrs/2026/company.yaml": COMPANY_BLOCK.replace("owner: ada", "owner: mal"),
             "okrs/org.yaml": ORG.replace("company: {name: Acme, lead: ada}",
                                          "company: {name: Acme, lead: mal}")}  # fmt: skip
    planted = commit(root, "tidy", taken)
    commit(root, "tidy", {"okrs/2026/company.yaml": COMPANY_BLOCK, "okrs/org.yaml": ORG})
    git(root, "merge", "-q", "--no-ff", "-m", "Merge pull request #3", "tidy")
    lowered = taken["okrs/2026/company.yaml"].replace("target: 10", "target: 1")
    sha = publish(root, commit(root, "pr7", {"okrs/2026/company.yaml": lowered}, planted))
    after = merged(root, sha, "okrs/2026/company.yaml")
    assert "owner: mal" not in after and "target: 1\n" in after
    waiting = state(agreement(root, sha, []))
    assert waiting["state"] == "pending"
    assert "waiting for @ada-l" in waiting["description"]
    assert state(agreement(root, sha, [approval("ada-l", sha)]))["state"] == "success"


def test_the_base_branch_is_the_pull_request_s(upstream: Path) -> None:
    """A pull request into another branch is judged against that branch's tip, not main's:
    on `next` Ben owns `calls`, so raising its target there waits for him."""
    git(upstream, "branch", "next", "main")
    bens = SALES.replace("owner: mal\n    why", "owner: ben\n    why")
    commit(upstream, "next", {"okrs/2026-q4/sales.yaml": bens})
    raised = bens.replace("target: 50", "target: 60")
    sha = publish(upstream, commit(upstream, "pr7", {"okrs/2026-q4/sales.yaml": raised}, "next"))
    run = agreement(upstream, sha, [approval("ada-l", sha)], base="next")
    assert state(run)["description"] == "2 of 3 approved; waiting for @ben-o"
    body = run.posted("/issues/7/comments")[0]["body"]
    assert "| Ben Okri | @ben-o |" in body and "owner ben -&gt; mal" not in body
    assert state(agreement(upstream, sha, [approval("ada-l", sha), approval("ben-o", sha)],
                           base="next"))["state"] == "success"  # fmt: skip


def test_a_conflict_waits_for_an_update(upstream: Path) -> None:
    """A branch that conflicts with its base cannot be judged: pending until it is updated,
    with a short comment saying so, and no report of a change nobody can merge."""
    sha = publish(upstream, commit(upstream, "pr7", {"okrs/2026-q4/sales.yaml": RAISED}))
    commit(upstream, "main", {"okrs/2026-q4/sales.yaml": SALES.replace("target: 50", "target: 70")})
    run = agreement(upstream, sha, [approval("ada-l", sha)])
    assert state(run) == {
        "state": "pending",
        "context": "accord/agreement",
        "description": "the branch conflicts with main: update it",
        "target_url": "https://github.com/acme/okrs/actions/runs/99",
    }
    body = run.posted("/issues/7/comments")[0]["body"]
    assert body.startswith(MARKER) and "conflicts with its base branch" in body
    assert not [c for c in run.calls if "/reviews" in c["path"]]


@pytest.mark.parametrize("base", ["-main", "main..x", "@{-1}", "ma in", "main\\tx"])
def test_a_base_branch_git_would_not_accept_is_not_used(upstream: Path, base: str) -> None:
    """A base name that is not a branch name as written is never fetched: the status errs."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    run = agreement(upstream, sha, [approval("ada-l", sha)], base=base)
    assert state(run)["state"] == "error"
    assert "fetch" not in run.outcomes
    assert not run.posted("/comments")


def test_a_hostile_base_branch_is_only_a_name(upstream: Path) -> None:
    """A base name git accepts but the shell would run reaches git as a value (agreement()
    checks nothing ran); there is no such branch, so the status errs."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    run = agreement(upstream, sha, [], base="main$(touch${IFS}pwned)`touch${IFS}pwned2`;x")
    assert run.outcomes["fetch"] == "failure"
    assert state(run)["state"] == "error"


def test_pull_requests_into_different_bases_fail(upstream: Path) -> None:
    """Two open pull requests with one head but different bases: one status cannot speak for
    both (the easier base would decide), so it fails and nothing is judged."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    head = {"sha": sha, "ref": HOSTILE_BRANCH, "repo": {"full_name": "mallory/okrs"}}
    pulls = [{"number": n, "user": {"login": "mallory"}, "head": head, "base": {"ref": b}}
             for n, b in ((7, "main"), (10, "scratch"))]  # fmt: skip
    status = state(agreement(upstream, sha, [approval("ada-l", sha)], pulls=pulls))
    assert status["state"] == "failure"
    assert "different base branches" in status["description"]


# The author's agreement, only for a commit the author pushed (S3).


def test_the_author_agrees_only_to_a_commit_they_pushed(upstream: Path) -> None:
    """Mal's objective needs Mal (the author) and Ada. Mal's own push counts as Mal agreeing;
    a push by someone else onto her branch does not, and she must push again."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": SALES.replace(
        "title: Every renewal gets a call", "title: Every renewal gets two calls")})  # fmt: skip
    ada = [approval("ada-l", sha)]
    assert state(agreement(upstream, sha, ada))["state"] == "success"
    for pushers in (("ben-o",), ()):
        status = state(agreement(upstream, sha, ada, pushers=pushers))
        assert status["state"] == "pending"
        assert status["description"] == "1 of 2 approved; waiting for @mallory"
    asked = [c for c in agreement(upstream, sha, ada).calls if "/actions/workflows/" in c["path"]]
    assert asked == [{"method": "GET", "path": "repos/acme/okrs/actions/workflows/okrs-pr.yml/runs",
                      "fields": {"head_sha": sha, "event": "pull_request", "per_page": "100"},
                      "body": None}]  # fmt: skip


# Writes only for the commit the pull request is still at (S8), and the full report (S6).


def test_an_older_run_writes_nothing(upstream: Path) -> None:
    """The pull request moved on while this run worked: it posts no comment and no status,
    so the newer run's stay."""
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": RAISED})
    run = agreement(upstream, sha, [approval("ada-l", sha)], now="e" * 40)
    assert [c for c in run.calls if c["method"] != "GET"] == []
    assert "has moved on" in run.logs["current"]


def test_the_artifact_is_the_whole_report(upstream: Path) -> None:
    """A change too big for one comment is cut there, with a note pointing to the run's
    artifact, which holds every change."""
    many = "".join(
        SALES.split("objectives:\n", 1)[1].replace("id: calls", f"id: call-{n}") for n in range(600)
    )
    sha = propose(upstream, {"okrs/2026-q4/sales.yaml": "objectives:\n" + many})
    run = agreement(upstream, sha, [])
    body = run.posted("/issues/7/comments")[0]["body"]
    assert len(body) <= COMMENT_LIMIT
    assert "the full report is in this workflow run's artifact accord-report" in body
    report = (run.cwd / "report.txt").read_text(encoding="utf-8")
    assert all(f"new objective 2026-q4/call-{n}: " in report for n in range(600))
    assert report.count("\n  introduces ") == 603 > body.count("\n- introduces ")


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
    from accord.output.report import gfm_text

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
