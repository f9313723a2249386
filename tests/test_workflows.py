"""The GitHub workflows, PR template and pre-commit files: valid, linted, safe, and doing
what they say (their inline scripts run here against made-up inputs).

actionlint (with shellcheck and pyflakes) and check-jsonschema come with the `test` extra.
Without them these checks skip, unless CI is set: then they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from actions import Run, github_html, mentions, run_job
from conftest import Runner

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
UNTRUSTED = {"pull_request", "pull_request_review", "pull_request_review_comment"}
AS_OF = "2026-11-23"


def _load(path: Path) -> Any:
    """YAML 1.2, as GitHub reads it (`on` stays a string)."""
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _name(path: Path) -> str:
    return path.name


def _triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _step(file: str, step_id: str) -> dict[str, Any]:
    """The step with `id: step_id` in .github/workflows/FILE."""
    found = [s for s in _steps(_load(GITHUB / "workflows" / file)) if s.get("id") == step_id]
    assert len(found) == 1, f"{file} has {len(found)} steps with id {step_id}"
    return found[0]


def _tool(name: str) -> str:
    """A command from the test extra: beside this Python (a venv need not be on PATH), else PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found:
        return found
    reason = f"{name} is not installed (pip install -e '.[test]')"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the workflow checks must run: {reason}")
    pytest.skip(reason)


def test_there_are_workflows() -> None:
    """The pull-request, comment, review, site, tests, check-in and agreed workflows are all
    here."""
    names = {p.name for p in WORKFLOWS}
    assert names >= {
        "okrs-pr.yml",
        "okrs-pr-comment.yml",
        "okrs-review.yml",
        "site.yml",
        "tests.yml",
        "checkin-rhythm.yml",
        "okrs-agreed.yml",
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_every_workflow_parses(path: Path) -> None:
    """Each workflow is a YAML mapping with a name, triggers and jobs."""
    workflow = _load(path)
    assert isinstance(workflow, dict)
    assert {"name", "on", "jobs"} <= set(workflow)


def test_workflows_match_github_schema() -> None:
    """check-jsonschema's vendored GitHub workflow schema accepts every workflow (offline)."""
    command = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run([*command, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflows_pass_actionlint() -> None:
    """actionlint finds nothing, with shellcheck on the shell scripts and pyflakes on Python."""
    command = [
        _tool("actionlint"),
        "-no-color",
        "-oneline",
        "-shellcheck",
        _tool("shellcheck"),
        "-pyflakes",
        _tool("pyflakes"),
    ]
    done = subprocess.run([*command, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_pull_request_target_only_records_merges(path: Path) -> None:
    """pull_request_target runs with write access next to untrusted code: used only on a
    pull request's close, by jobs that run only once it has merged, that check out nothing
    but the default branch and never fetch, check out or run the pull request's head."""
    workflow = _load(path)
    if "pull_request_target" not in _triggers(workflow):
        return
    assert workflow["on"]["pull_request_target"]["types"] == ["closed"]
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "github.event.pull_request.merged == true" in job["if"]
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert not {"ref", "repository"} & set(step.get("with", {}))
            script = step.get("run", "")
            assert not re.search(r"git (checkout|switch|worktree)|refs/pull|pull/head", script)


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_untrusted_workflows_cannot_write(path: Path) -> None:
    """Workflows a fork's pull request can start declare permissions, none of them `write`,
    and use no secrets."""
    workflow = _load(path)
    if not _triggers(workflow) & UNTRUSTED:
        return
    assert "permissions" in workflow, "declare permissions: the default token may write"
    grants = [workflow["permissions"], *(j.get("permissions") for j in workflow["jobs"].values())]
    assert "write" not in json.dumps(grants)
    assert "secrets." not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_no_expressions_inside_run_scripts(path: Path) -> None:
    """`${{ }}` values (github.event.* above all) reach scripts through env:, never inline,
    so a branch name or title cannot inject shell code."""
    for step in _steps(_load(path)):
        assert "${{" not in step.get("run", ""), f"{step.get('name')}: pass it through env:"


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_actions_are_pinned_to_a_major_version(path: Path) -> None:
    """Every action is `owner/repo@vN`."""
    for step in _steps(_load(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_the_comment_workflow_never_checks_out_the_pull_request() -> None:
    """The workflow_run job checks out only the default branch (no `ref`, no other repo)."""
    workflow = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")
    assert _triggers(workflow) == {"workflow_run"}
    assert workflow["permissions"] == {}
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert not {"ref", "repository"} & set(step.get("with", {}))


def test_the_comment_workflow_follows_the_pull_request_workflows() -> None:
    """workflow_run names the pull-request and review workflows, exactly as they are named."""
    names = {_load(GITHUB / "workflows" / f)["name"] for f in ("okrs-pr.yml", "okrs-review.yml")}
    workflow = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")
    assert set(workflow["on"]["workflow_run"]["workflows"]) == names


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_no_checkout_keeps_its_token(path: Path) -> None:
    """Every checkout sets persist-credentials: false, so no token sits in .git/config."""
    for step in _steps(_load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, path.name


@pytest.mark.parametrize("path", WORKFLOWS, ids=_name)
def test_no_workflow_passes_artifacts_between_runs(path: Path) -> None:
    """Nothing an untrusted run made reaches a privileged one: no artifact is downloaded."""
    assert not [s for s in _steps(_load(path)) if "download-artifact" in s.get("uses", "")]


def test_the_privileged_job_runs_only_the_default_branch_s_code() -> None:
    """The pull request's commit is fetched as objects; only `accord diff` reads it as data."""
    steps = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")["jobs"]["agree"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "git checkout" not in scripts and "git switch" not in scripts
    assert "git fetch --no-tags origin" in scripts
    assert 'git merge-tree --write-tree "${base}" "${HEAD_SHA}"' in scripts
    assert 'accord diff "${base}" "${merged}" --format markdown > comment.md' in scripts
    assert "pip install ." in scripts and "pip install -e" not in scripts


def _holds_token(env: dict[str, Any]) -> bool:
    return any("token" in str(v) or "secrets." in str(v) for v in env.values())


def test_no_token_where_the_pull_request_s_files_are_read() -> None:
    """The steps that read the pull request's files (accord diff, git merge-tree) run with no
    token in their environment; only the fetch, the API reads and the writes hold one."""
    job = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")["jobs"]["agree"]
    assert not _holds_token(job.get("env", {}))
    readers = [s for s in job["steps"] if re.search(r"accord diff|merge-tree", s.get("run", ""))]
    assert [s["id"] for s in readers] == ["who"]
    for step in readers:
        assert not _holds_token(step.get("env", {})), step["name"]
        assert "gh " not in step["run"] and "git fetch" not in step["run"]
    fetching = [s for s in job["steps"] if "git fetch" in s.get("run", "")]
    assert [s["id"] for s in fetching] == ["fetch"]
    assert "accord" not in fetching[0]["run"]


def test_one_run_per_commit_and_none_writes_for_an_older_commit() -> None:
    """Runs of one commit queue (a newer one, with more approvals read, may replace a waiting
    one); runs of different commits never cancel each other; and every write waits for the
    check that the pull request is still at the commit judged."""
    workflow = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")
    assert workflow["concurrency"] == {
        "group": "okr-agreement-${{ github.event.workflow_run.head_sha }}",
        "cancel-in-progress": False,
    }
    steps = workflow["jobs"]["agree"]["steps"]
    ids = [s.get("id") for s in steps]
    writes = [
        s for s in steps if re.search(r"--method (POST|PATCH)", s.get("run", "")) and "if" in s
    ]
    for step in writes:
        if step["if"] == "failure()":  # an error status, on the commit of this run only
            continue
        assert "steps.current.outputs.current == 'true'" in step["if"], step["name"]
        assert steps.index(step) > ids.index("current") > ids.index("compare")


def test_the_site_workflow_deploys_pages() -> None:
    """Pushes to main build the site and deploy it with Pages permissions, one at a time."""
    workflow = _load(GITHUB / "workflows" / "site.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for s in _steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


# The inline scripts, run here on a recorded event with a stand-in for `gh` (tests/actions.py).

HOSTILE_BRANCH = "x$(touch${IFS}pwned)`touch${IFS}pwned`;'\"|&<b>"


def _pulls(sha: str, login: str = "mallory") -> list[dict[str, Any]]:
    """The open pull requests the API lists for the head filter: only #7 is the run's."""
    head = {"sha": sha, "ref": HOSTILE_BRANCH, "repo": {"full_name": "mallory/okrs"}}
    base = {"ref": "main"}
    return [
        {"number": 5, "user": {"login": "ada"}, "head": {**head, "sha": "f" * 40}, "base": base},
        {"number": 6, "user": {"login": "ada"}, "head": {**head, "repo": {"full_name": "a/b"}},
         "base": base},
        {"number": 8, "user": {"login": "ada"}, "head": {**head, "ref": "main"}, "base": base},
        {"number": 7, "user": {"login": login}, "head": head, "base": base},
    ]  # fmt: skip


def _find(tmp_path: Path, pulls: list[dict[str, Any]]) -> tuple[Run, str]:
    """Run the comment workflow's "Find the pull request" step on a hostile recorded event."""
    job = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")["jobs"]["agree"]
    only = {**job, "steps": [s for s in job["steps"] if s.get("id") == "pr"]}
    event = {"workflow_run": {"head_sha": "a" * 40, "head_branch": HOSTILE_BRANCH,
                              "head_repository": {"full_name": "mallory/okrs"}}}  # fmt: skip
    run = run_job(only, tmp_path, event, {"GET repos/acme/okrs/pulls": pulls})
    assert not (tmp_path / "pwned").exists()
    found = tmp_path / "prs.tsv"
    return run, found.read_text(encoding="utf-8") if found.exists() else ""


def test_the_pull_request_is_the_one_whose_head_is_the_run_s(tmp_path: Path) -> None:
    """Of the pull requests listed, only the one with the run's repository, branch and commit
    is used; the branch name reaches the API as a value, never as shell code."""
    run, found = _find(tmp_path, _pulls("a" * 40))
    assert found == "7\tmallory\tmain\n"
    assert run.outputs["pr"] == {"number": "7", "base": "main"}
    asked = run.calls[0]
    assert asked["path"] == "repos/acme/okrs/pulls"
    assert asked["fields"]["head"] == f"mallory:{HOSTILE_BRANCH}"


def test_an_inline_expression_would_run_the_branch_name(tmp_path: Path) -> None:
    """The stand-in runner substitutes `${{ }}` in a script as text, as GitHub does, so a step
    that put the branch name inline would run it here too, and the hostile-branch tests fail."""
    job = _load(GITHUB / "workflows" / "okrs-pr-comment.yml")["jobs"]["agree"]
    step = next(s for s in job["steps"] if s.get("id") == "pr")
    bad = {**step, "run": 'echo "${{ github.event.workflow_run.head_branch }}"\n' + step["run"]}
    event = {"workflow_run": {"head_sha": "a" * 40, "head_branch": HOSTILE_BRANCH,
                              "head_repository": {"full_name": "mallory/okrs"}}}  # fmt: skip
    run_job({**job, "steps": [bad]}, tmp_path, event, {"GET repos/acme/okrs/pulls": []})
    assert (tmp_path / "pwned").exists()
    odd = {**step, "run": "echo ${{ toJSON(github.event) }}"}
    with pytest.raises(ValueError, match="cannot evaluate"):
        run_job({**job, "steps": [odd]}, tmp_path, event, {})


@pytest.mark.parametrize("login", ["mal\tlory", "x\n8\tada", "$(id)"])
def test_a_strange_answer_from_the_api_is_not_used(tmp_path: Path, login: str) -> None:
    """A line of the answer that is not `number<TAB>login` is dropped, and nothing is done."""
    run, found = _find(tmp_path, _pulls("a" * 40, login))
    assert found == ""
    assert run.outputs["pr"] == {}
    assert "nothing to do" in run.logs["pr"]


# The agreement status.

REVIEWERS = [
    {"person": "ada", "name": "Ada Lovelace", "github": "Ada-L", "why": ["supports Growth"]},
    {"person": "ben", "name": "Ben Okri", "github": "benokri", "why": ["depended on"]},
    {"person": "cy", "name": "Cy Twombly", "github": None, "why": ["supports Renewals"]},
]


HEAD = "c" * 40


def _review(user: str, state: str, at: int, commit: str = HEAD) -> dict[str, str]:
    """One line of reviews.jsonl, as the job's `gh api .../reviews --jq` writes it."""
    return {"user": user, "state": state, "commit": commit, "at": f"2026-11-2{at}T10:00:00Z"}


def _agreement(
    tmp_path: Path,
    reviewers: list[Any],
    reviews: list[Any],
    errors: int = 0,
    pushers: tuple[str, ...] = ("dee",),
    **more: Any,
) -> dict[str, str]:
    """Run the agreement step on review.json and the reviews; return the status it would set."""
    review = {"reviewers": reviewers, "errors": [{"rule": "E104"}] * errors, **more}
    (tmp_path / "review.json").write_text(json.dumps(review), encoding="utf-8")
    lines = "".join(json.dumps(r) + "\n" for r in reviews)
    (tmp_path / "reviews.jsonl").write_text(lines, encoding="utf-8")
    (tmp_path / "prs.tsv").write_text("7\tdee\tmain\n", encoding="utf-8")
    (tmp_path / "pushers.txt").write_text("".join(f"{p}\n" for p in pushers), encoding="utf-8")
    env = {
        **os.environ,
        "HEAD_SHA": HEAD,
        "RUN_URL": "https://example.invalid/run/2",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    script = _step("okrs-pr-comment.yml", "compare")["run"]
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True)
    status: dict[str, str] = json.loads((tmp_path / "status.json").read_text(encoding="utf-8"))
    assert status["context"] == "accord/agreement"
    assert len(status["description"]) <= 140
    return status


def test_agreement_waits_for_every_owner(tmp_path: Path) -> None:
    """Pending while an owner has not approved (a later request for changes undoes an
    approval); the description names who is missing and who to ask outside GitHub."""
    reviews = [
        _review("ada-l", "APPROVED", 1),
        _review("benokri", "CHANGES_REQUESTED", 3),
        _review("benokri", "APPROVED", 2),  # listed out of order: the time decides
        _review("benokri", "COMMENTED", 4),
    ]
    status = _agreement(tmp_path, REVIEWERS, reviews)
    assert status["state"] == "pending"
    assert status["description"] == (
        "1 of 2 approved; waiting for @benokri; ask outside GitHub: Cy Twombly"
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| Ben Okri | benokri | not yet | depended on |" in summary
    assert "| Cy Twombly | - | ask outside GitHub | supports Renewals |" in summary


def test_agreement_passes_when_all_owners_approved(tmp_path: Path) -> None:
    """Success once every owner with a GitHub handle approved (handles in any case)."""
    reviews = [_review("ADA-L", "APPROVED", 1), _review("benokri", "APPROVED", 2)]
    status = _agreement(tmp_path, REVIEWERS, reviews)
    assert status == {
        "state": "success",
        "context": "accord/agreement",
        "description": "all 2 owners approved; ask outside GitHub: Cy Twombly",
        "target_url": "https://example.invalid/run/2",
    }


def test_only_approvals_of_the_judged_commit_count(tmp_path: Path) -> None:
    """An approval given to an earlier push agreed to something else: it does not count."""
    reviews = [_review("ada-l", "APPROVED", 1, "b" * 40), _review("benokri", "APPROVED", 2)]
    status = _agreement(tmp_path, REVIEWERS, reviews)
    assert status["state"] == "pending"
    assert "waiting for @Ada-L" in status["description"]


def test_the_author_agrees_by_proposing(tmp_path: Path) -> None:
    """GitHub does not let authors approve their own pull request; proposing it is agreeing."""
    owners = [{"person": "dee", "name": "Dee", "github": "dee", "why": ["owns it"]}]
    assert _agreement(tmp_path, owners, [])["state"] == "success"
    assert _agreement(tmp_path, owners, [], pushers=("eve", "DEE"))["state"] == "success"
    assert _agreement(tmp_path, [], [])["description"] == "no owner's approval needed"


@pytest.mark.parametrize("pushers", [(), ("eve",)], ids=["no-run", "someone-else"])
def test_the_author_agrees_only_to_what_they_pushed(
    tmp_path: Path, pushers: tuple[str, ...]
) -> None:
    """A commit someone else pushed onto the author's branch is not the author's proposal:
    the author is waited for like anyone, and the summary says they must push again."""
    owners = [{"person": "dee", "name": "Dee", "github": "dee", "why": ["owns it"]}]
    status = _agreement(tmp_path, owners, [], pushers=pushers)
    assert status["state"] == "pending"
    assert status["description"] == "0 of 1 approved; waiting for @dee"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "not yet (someone else pushed this commit: the author pushes again)" in summary


def test_agreement_fails_while_the_okrs_have_errors(tmp_path: Path) -> None:
    """With errors nobody can tell who must agree, so approvals cannot make it pass."""
    reviews = [_review("ada-l", "APPROVED", 1), _review("benokri", "APPROVED", 2)]
    status = _agreement(tmp_path, [], reviews, errors=2)
    assert status["state"] == "failure"
    assert status["description"] == "the OKRs have 2 error(s): fix them first (accord check)"


def test_agreement_fails_when_the_base_does_not_check(tmp_path: Path) -> None:
    """With no organisation at base there is nobody to ask: the status fails, not passes."""
    status = _agreement(tmp_path, [], [], base_errors=[{"rule": "E100"}])
    assert status["state"] == "failure"
    assert "nobody can tell who must agree" in status["description"]


def test_the_run_summary_is_escaped(tmp_path: Path) -> None:
    """Reasons written in the pull request mention nobody and add no markup to the summary."""
    why = ["'@ben-o <img src=x> [ok](https://evil.example) | x' supports 'Renewals'"]
    owners = [{"person": "ada", "name": "Ada <b>", "github": "ada-l", "why": why}]
    _agreement(tmp_path, owners, [])
    html = github_html((tmp_path / "summary.md").read_text(encoding="utf-8"))
    assert mentions(html) == []
    assert "<img" not in html and "<b>" not in html and 'href="https://evil' not in html
    assert html.count("<td>") == 4


# The check-in rhythm.


def _rhythm(run: Runner, tmp_path: Path, as_of: str, repo: Path = ROOT) -> tuple[str, str, str]:
    """Run the rhythm step on an organisation's check and export at `as_of` (the example's)."""
    for name, command in (("check.json", "check"), ("export.json", "export")):
        result = run(command, "--format", "json", "--repo", repo, "--as-of", as_of)
        assert result.exit_code == 0, result.stderr
        (tmp_path / name).write_text(result.stdout, encoding="utf-8")
    env = {
        **os.environ,
        "BLOB_URL": "https://github.example/o/r/blob/abc",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }
    script = _step("checkin-rhythm.yml", "due")["run"]
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True)
    read = [(tmp_path / n).read_text(encoding="utf-8") for n in ("output", "body.md", "nudge.md")]
    return read[0], read[1], read[2]


def test_the_rhythm_issue_names_drift_and_its_owner(run: Runner, tmp_path: Path) -> None:
    """A key result whose check-in says "no longer agreed" is listed with its owner's handle,
    found by joining the finding's line with the export's key results."""
    output, body, nudge = _rhythm(run, tmp_path, AS_OF)
    assert output == "count=1\n"
    assert (
        "### A check-in says we no longer agree why it matters, and none since agrees (W208)"
    ) in body
    assert (
        "- [ ] `2026-q4/muscat-first-customers.muscat-sites-signed` Muscat sites under a signed "
        "service contract: @mei-tanaka, [okrs/2026-q4/sales.yaml:46]"
        "(https://github.example/o/r/blob/abc/okrs/2026-q4/sales.yaml#L46)"
    ) in body
    assert nudge == "1 check-in due this week: @mei-tanaka\n"


def test_the_rhythm_issue_lists_stale_check_ins(run: Runner, tmp_path: Path) -> None:
    """A month on, stale key results (W207) are listed too, and people without a handle are
    named instead of mentioned."""
    output, body, nudge = _rhythm(run, tmp_path, "2026-12-20")
    count = int(output.removeprefix("count=").strip())
    assert count > 5
    assert "### No check-in for too long (W207)" in body
    assert "(no GitHub handle)" in body
    assert body.count("- [ ] ") == count
    assert nudge.startswith(f"{count} check-ins due this week: @")


def test_the_rhythm_issue_shows_hostile_titles_as_text(run: Runner, tmp_path: Path) -> None:
    """A key-result title written to mention, link or inject HTML shows as text in the issue:
    only the owner is mentioned."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    sales = repo / "okrs" / "2026-q4" / "sales.yaml"
    hostile = "@everyone <img src=x onerror=alert(1)> [win](https://evil.example) `x` #1"
    text = sales.read_text(encoding="utf-8")
    sales.write_text(
        text.replace("Muscat sites under a signed service contract", json.dumps(hostile))
    )
    _, body, _ = _rhythm(run, tmp_path, AS_OF, repo)
    html = github_html(body)
    assert mentions(html) == ["mei-tanaka"]
    assert "<img" not in html and 'href="https://evil' not in html
    assert "everyone" in html and "onerror" in html


# Pull-request template and pre-commit.


def test_the_template_asks_what_makes_agreement_real() -> None:
    """Why now, what we stop, whose priority (agreed?), who we depend on, evidence, checklist."""
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for heading in (
        "## Why now?",
        "## What will we stop doing for it?",
        "## Whose priority does this serve, and have they agreed?",
        "## Who do we depend on, and have they accepted?",
        "## What evidence will show progress?",
    ):
        assert heading in text
    assert "- [ ] `accord check` passes" in text


def test_the_offered_pre_commit_hook_is_accord_check() -> None:
    """.pre-commit-hooks.yaml offers one hook, accord-check, run once when okrs/ changes."""
    hooks = _load(ROOT / ".pre-commit-hooks.yaml")
    assert hooks == [
        {
            "id": "accord-check",
            "name": "accord check",
            "description": hooks[0]["description"],
            "entry": "accord check",
            "language": "python",
            "pass_filenames": False,
            "files": "^okrs/",
        }
    ]


def test_this_project_pre_commit_config() -> None:
    """ruff, the basic hooks (test data excluded), workflow and metaschema checks, accord."""
    config = _load(ROOT / ".pre-commit-config.yaml")
    hooks = {h["id"]: (repo["repo"], h) for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["ruff-check"][0] == hooks["ruff-format"][0]
    assert hooks["ruff-check"][0].endswith("/ruff-pre-commit")
    assert hooks["check-github-workflows"][0].endswith("/check-jsonschema")
    assert hooks["check-metaschema"][1]["files"] == r"^schema/.*\.json$"
    assert hooks["accord-check"][0] == "local"
    assert hooks["accord-check"][1]["entry"] == "accord check"
    for hook in ("trailing-whitespace", "end-of-file-fixer", "check-yaml"):
        pattern = hooks[hook][1]["exclude"]
        assert re.search(pattern, "tests/data/cases/E100-syntax/okrs/org.yaml")
        assert re.search(pattern, "tests/data/checkin/plain/before.yaml")
        assert not re.search(pattern, "okrs/org.yaml")


def test_the_example_workflows_pass_actionlint_and_the_schema() -> None:
    """The workflows the README shows as examples (.github/examples/) lint as the real ones."""
    examples = sorted((ROOT / ".github" / "examples").glob("*.yml"))
    assert examples
    lint = [_tool("actionlint"), "-no-color", "-oneline", "-shellcheck", _tool("shellcheck")]
    done = subprocess.run([*lint, *map(str, examples)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    schema = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run([*schema, *map(str, examples)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_pull_request_run_keeps_a_site_preview_that_opens_from_disk() -> None:
    """A valid pull request's run builds the site with --offline outside the checkout and
    uploads it as `okr-site-preview`; a run whose check found errors builds none."""
    steps = {s.get("name"): s for s in _steps(_load(GITHUB / "workflows" / "okrs-pr.yml"))}
    build = steps["Build the site preview"]
    assert 'accord build --offline --out "${RUNNER_TEMP}/okr-site-preview"' in build["run"]
    keep = steps["Keep the site preview with this run"]
    assert keep["uses"].startswith("actions/upload-artifact@")
    assert keep["with"]["name"] == "okr-site-preview"
    assert build["if"] == keep["if"] == "steps.check.outcome == 'success'"
