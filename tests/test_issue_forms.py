"""Check-ins and proposals from the issue forms, end to end: recorded `issues` events run
through okrs-issue.yml's own steps (tests/actions.py) in a clone of a repository made by
`accord init`, pushing to a local bare remote, with `gh` answering from recorded responses.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from accord.cli.main import cli
from accord.edit import issueform
from accord.model.errors import AccordError

from actions import Run, github_html, load_job, mentions, run_job
from conftest import Runner, git

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PR_URL = "https://github.com/acme/okrs/pull/13"
KR = "2026-q4/fast-answers.same-day-answers"
SUPPORT = "okrs/2026-q4/support.yaml"


@pytest.fixture
def clone(tmp_path: Path, run: Runner) -> Path:
    """A clone (the runner's checkout) of a bare remote holding an `accord init` repository."""
    made = tmp_path / "made"
    assert run("init", made, "--as-of", "2026-11-02").exit_code == 0
    git(made, "init", "-q", "-b", "main")
    git(made, "add", ".")
    git(made, "commit", "-q", "-m", "Start our OKRs")
    subprocess.run(["git", "clone", "-q", "--bare", made, tmp_path / "origin.git"], check=True)
    subprocess.run(["git", "clone", "-q", tmp_path / "origin.git", tmp_path / "work"], check=True)
    return tmp_path / "work"


def body(form: str, values: dict[str, str | None], forms: Path = FORMS) -> str:
    """An issue body as GitHub writes a submitted form: `### Label`, the value or _No response_."""
    fields = issueform.read_form(forms / form).fields
    parts = [f"### {f.label}\n\n{values.get(f.id) or issueform.NO_RESPONSE}" for f in fields]
    return "\n\n".join(parts)


def event(text: str, label: str = "checkin", **issue: Any) -> dict[str, Any]:
    """An `issues` event as GitHub sends it for a new issue made with a form."""
    action = issue.pop("action", "opened")
    changes = issue.pop("changes", None)
    recorded = {
        "number": 12, "state": "open", "title": "Check-in: same-day answers", "body": text,
        "user": {"login": "example-kai", "id": 4242}, "author_association": "MEMBER",
        "labels": [{"name": label}], "created_at": "2026-11-23T09:30:00Z", **issue,
    }  # fmt: skip
    found = {"action": action, "issue": recorded, "repository": {"default_branch": "main"}}
    return {**found, "changes": changes} if changes else found


def checkin_body(**values: str | None) -> str:
    given = {"ref": KR, "value": "61", "confidence": "medium", "still_agreed": "yes"}
    return body("checkin.yml", {**given, **values})


def apply(clone: Path, recorded: dict[str, Any]) -> Run:
    """Run the workflow's job on the event in the clone, the API answering a new pull request."""
    responses = {"POST repos/acme/okrs/pulls": {"html_url": PR_URL, "number": 13}}
    return run_job(load_job("okrs-issue.yml", "apply"), clone, recorded, responses)


def remote(clone: Path, *args: str) -> str:
    """git in the bare remote the clone pushes to."""
    return subprocess.run(["git", *args], cwd=clone.parent / "origin.git", check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def comments(run: Run) -> list[str]:
    return [str(c["body"]) for c in run.posted("issues/12/comments")]


def closed(run: Run) -> bool:
    return any(c["method"] == "PATCH" and c["path"] == "repos/acme/okrs/issues/12"
               and c["fields"].get("state") == "closed" for c in run.calls)  # fmt: skip


def unchanged(clone: Path, run: Run) -> None:
    """Nothing pushed, no pull request, the issue left open, the checkout as it was."""
    assert remote(clone, "branch", "--format=%(refname:short)").split() == ["main"]
    assert remote(clone, "rev-parse", "main") == git(clone, "rev-parse", "HEAD")
    assert not run.posted("/pulls") and not closed(run)
    assert git(clone, "status", "--porcelain") == ""


def test_a_check_in_becomes_a_pull_request(clone: Path) -> None:
    """The branch accord/issue-12 holds exactly the check-in, by the issue's author; the pull
    request goes into main; the comment links it; the issue is closed."""
    run = apply(clone, event(checkin_body(note="Two new starters answering from Monday")))
    assert run.outcomes["apply"] == "success", run.logs
    diff = remote(clone, "diff", "main", "accord/issue-12")
    assert remote(clone, "diff", "--name-only", "main", "accord/issue-12") == f"{SUPPORT}\n"
    changed = [n for n in diff.splitlines() if n[:1] in "+-" and n[:3] not in ("+++", "---")]
    assert changed == [
        "+          - date: 2026-11-23",
        "+            value: 61",
        "+            confidence: medium",
        "+            still_agreed: true",
        '+            note: "Two new starters answering from Monday"',
    ]
    log = remote(clone, "log", "-1", "--format=%an <%ae>%n%cn%n%B", "accord/issue-12")
    author, committer, subject, _, by, *_ = log.splitlines()
    assert author == "Kai Nakamura <4242+example-kai@users.noreply.github.com>"
    assert committer == "github-actions[bot]"
    assert subject == f"Check in on {KR}: 61 (medium)"
    assert by == "From #12, opened by @example-kai with the checkin.yml issue form."
    (pull,) = run.posted("/pulls")
    assert pull["head"] == "accord/issue-12" and pull["base"] == "main"
    assert pull["title"] == f"Check in on {KR}: 61 (medium) (#12)"
    (comment,) = comments(run)
    assert PR_URL in comment and "counts once merged" in comment
    assert closed(run)
    assert remote(clone, "rev-parse", "main") == git(clone, "rev-parse", "origin/main")


def test_a_bad_ref_gets_the_nearest_key_results(clone: Path) -> None:
    """A ref that names no key result: a comment naming the nearest ones, and no change."""
    run = apply(clone, event(checkin_body(ref="2026-q4/fast-answer.same-day-answer")))
    (comment,) = comments(run)
    assert "no key result" in comment and "did you mean" in comment
    assert f"- `{KR}`: Tickets with a useful first answer on the day they arrive" in comment
    assert "Edit this issue" in comment
    assert "apply" not in run.outcomes
    unchanged(clone, run)


@pytest.mark.parametrize("value", ["61%", "1,200", "nan", "sixty"])
def test_a_bad_value_says_what_to_write(clone: Path, value: str) -> None:
    """A value that is not a plain number: the comment quotes it and says how to write it."""
    run = apply(clone, event(checkin_body(value=value)))
    (comment,) = comments(run)
    assert f"“Value now” is “{value}”, which is not a number" in comment
    unchanged(clone, run)


def test_one_comment_names_every_problem(clone: Path) -> None:
    """A bad value and a bad ref together: both in the one comment, the nearest ref too."""
    run = apply(clone, event(checkin_body(value="61%", ref="2026-q4/fast-answer.same-day")))
    (comment,) = comments(run)
    problems = [line for line in comment.splitlines() if line.startswith("- ")]
    assert "which is not a number" in problems[0] and "no key result" in problems[1]
    assert f"- `{KR}`: Tickets with a useful first answer on the day they arrive" in comment
    unchanged(clone, run)


HOSTILE = "$(touch pwned) `touch pwned` ${{ github.token }} '; touch pwned #\" <b>@everyone</b>"


def test_shell_text_in_the_form_is_only_ever_data(clone: Path) -> None:
    """A note with command substitutions, quotes and `${{ }}` lands in the YAML as written;
    nothing runs, no token is expanded, and no comment mentions anyone but the author."""
    run = apply(clone, event(checkin_body(note=HOSTILE + "\nsecond line")))
    assert run.outcomes["push"] == "success", run.logs
    assert not list(clone.parent.rglob("pwned"))
    text = remote(clone, "show", f"accord/issue-12:{SUPPORT}")
    data = YAML(typ="safe").load(text)
    checkin = data["objectives"][0]["key_results"][0]["checkins"][-1]
    assert checkin["note"] == HOSTILE + "\nsecond line"
    assert "ghs_fake" not in text
    (comment,) = comments(run)
    assert mentions(github_html(comment)) == ["example-kai"]


def test_shell_text_in_a_ref_is_refused_inert(clone: Path) -> None:
    """A ref that is shell code is not a ref: the comment shows it as text; nothing runs."""
    run = apply(clone, event(checkin_body(ref=HOSTILE)))
    assert not list(clone.parent.rglob("pwned"))
    (comment,) = comments(run)
    html = github_html(comment)
    assert "which is not a ref" in comment and "<b>" not in html
    assert mentions(html) == ["example-kai"]
    unchanged(clone, run)


def _commit_setting(clone: Path) -> None:
    """org.yaml says `settings: issue_checkins: commit`, pushed to the remote's main."""
    org = clone / "okrs" / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "settings:\n  issue_checkins: commit\n")
    git(clone, "commit", "-q", "-am", "Check-ins from the form go straight in")
    git(clone, "push", "-q", "origin", "main")


def test_opted_in_check_ins_are_committed_to_the_default_branch(clone: Path) -> None:
    """With `issue_checkins: commit`, a member's check-in is a commit on main, no branch or
    pull request; the comment links the commit."""
    _commit_setting(clone)
    before = remote(clone, "rev-parse", "main").strip()
    run = apply(clone, event(checkin_body()))
    assert run.outcomes["push"] == "success", run.logs
    assert remote(clone, "branch", "--format=%(refname:short)").split() == ["main"]
    assert remote(clone, "rev-parse", "main~1").strip() == before
    assert remote(clone, "diff", "--name-only", "main~1", "main") == f"{SUPPORT}\n"
    assert not run.posted("/pulls")
    (comment,) = comments(run)
    assert (
        f"https://github.com/acme/okrs/commit/{remote(clone, 'rev-parse', 'main').strip()}"
        in comment
    )
    assert closed(run)


def test_a_commit_lands_on_a_default_branch_that_moved_on(clone: Path, tmp_path: Path) -> None:
    """When main moved on after the checkout, the check-in goes on top of it; nothing is lost."""
    _commit_setting(clone)
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", tmp_path / "origin.git", other], check=True)
    product = other / "okrs" / "2026-q4" / "product.yaml"
    product.write_text(product.read_text(encoding="utf-8").replace("target: 8\n", "target: 5\n"))
    git(other, "commit", "-q", "-am", "Aim lower on reopened tickets")
    git(other, "push", "-q", "origin", "main")
    run = apply(clone, event(checkin_body()))
    assert "refused" in run.logs["push"] and run.outcomes["push"] == "success"
    assert remote(clone, "log", "-1", "--format=%s", "main~1") == "Aim lower on reopened tickets\n"
    assert remote(clone, "diff", "--name-only", "main~1", "main") == f"{SUPPORT}\n"
    assert closed(run)


def test_someone_who_cannot_write_still_gets_a_pull_request(clone: Path) -> None:
    """Committing straight in is for people with write access; others get a pull request,
    and the comment says why."""
    _commit_setting(clone)
    run = apply(clone, event(checkin_body(), author_association="NONE"))
    assert remote(clone, "rev-parse", "main") == git(clone, "rev-parse", "origin/main")
    assert remote(clone, "diff", "--name-only", "main", "accord/issue-12") == f"{SUPPORT}\n"
    (comment,) = comments(run)
    assert PR_URL in comment and "only for people who can write" in comment


def test_an_edit_tries_a_refused_check_in_again(clone: Path) -> None:
    """Fixing the body of a refused issue runs it again; an edit of the title alone and a
    closed issue do nothing."""
    fixed = event(checkin_body(), action="edited", changes={"body": {"from": "..."}})
    run = apply(clone, fixed)
    assert PR_URL in comments(run)[0]
    for quiet in (event(checkin_body(), action="edited", changes={"title": {"from": "x"}}),
                  event(checkin_body(), state="closed")):  # fmt: skip
        run = apply(clone, quiet)
        assert run.outputs["read"] == {"status": "skip"} and run.calls == []


def test_an_issue_not_made_with_the_form_is_told_so(clone: Path) -> None:
    """A labelled issue without the form's sections: a comment naming what is missing."""
    run = apply(clone, event("I think we are at about 60 now"))
    (comment,) = comments(run)
    assert "There is no “Key result” section" in comment
    unchanged(clone, run)


# The proposal form and `accord new objective` (built on branch issue13-e-new).

needs_new = pytest.mark.skipif(
    "new" not in cli.commands, reason="`accord new objective` is not in this build yet"
)

PROPOSAL = {"team": "support", "cycle": "2026-q4", "title": "Answer every chat within an hour",
            "owner": "kai", "supports": "2026/keep-customers",
            "why_now": "Chat is where half our customers now ask first"}  # fmt: skip


@needs_new
def test_a_proposal_becomes_a_pull_request_adding_one_objective(clone: Path) -> None:
    """A proposal from the form is a branch adding exactly the objective to the team's file."""
    run = apply(clone, event(body("objective.yml", PROPOSAL), label="proposal"))
    assert run.outcomes.get("apply") == "success", run.logs
    assert remote(clone, "diff", "--name-only", "main", "accord/issue-12") == f"{SUPPORT}\n"
    new = YAML(typ="safe").load(remote(clone, "show", f"accord/issue-12:{SUPPORT}"))
    old = YAML(typ="safe").load(remote(clone, "show", f"main:{SUPPORT}"))
    assert new["objectives"][:-1] == old["objectives"]
    added = new["objectives"][-1]
    assert (added["title"], added["owner"]) == (PROPOSAL["title"], "kai")
    assert added["supports"] == ["2026/keep-customers"]
    (pull,) = run.posted("/pulls")
    assert pull["title"] == f"Propose objective: {PROPOSAL['title']} (#12)"
    assert PR_URL in comments(run)[0] and closed(run)


@needs_new
def test_a_proposal_for_an_unknown_team_changes_nothing(clone: Path) -> None:
    """An unknown team: accord's own finding in the comment, no branch, the issue open."""
    run = apply(clone, event(body("objective.yml", {**PROPOSAL, "team": "suport"}), "proposal"))
    (comment,) = comments(run)
    assert "suport" in comment and "Accord could not make this change" in comment
    unchanged(clone, run)


# The forms and the reader.


def test_the_forms_have_the_agreed_field_ids() -> None:
    """The ids the site's links, the workflow and the reader rely on, and the labels."""
    checkin = issueform.read_form(FORMS / "checkin.yml")
    assert [f.id for f in checkin.fields] == ["ref", "value", "confidence", "still_agreed", "note"]
    assert [f.required for f in checkin.fields] == [True, True, True, False, False]
    assert checkin.field("confidence").options == ("high", "medium", "low")
    assert checkin.field("still_agreed").options == ("yes", "no")
    assert checkin.label == "checkin"
    proposal = issueform.read_form(FORMS / "objective.yml")
    assert [f.id for f in proposal.fields] == [
        "team", "cycle", "title", "owner", "supports", "why_now"
    ]  # fmt: skip
    assert [f.required for f in proposal.fields] == [True] * 4 + [False] * 2
    assert proposal.label == "proposal"


def test_the_forms_match_github_s_issue_forms_schema() -> None:
    """check-jsonschema's vendored issue-forms schema accepts both forms (offline)."""
    beside = Path(sys.executable).with_name("check-jsonschema")
    tool = str(beside) if beside.is_file() else shutil.which("check-jsonschema")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the form check must run: check-jsonschema is missing")
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    command = [tool, "--builtin-schema", "vendor.github-issue-forms"]
    done = subprocess.run([*command, *map(str, sorted(FORMS.glob("*.yml")))],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_reader_follows_the_form_s_own_labels(tmp_path: Path) -> None:
    """A form whose labels an organisation reworded is read by those labels."""
    forms = tmp_path / "forms"
    forms.mkdir()
    text = (FORMS / "checkin.yml").read_text(encoding="utf-8")
    (forms / "checkin.yml").write_text(text.replace("label: Value now", "label: Where we are"))
    form = issueform.read_form(forms / "checkin.yml")
    values, problems = issueform.parse_body(
        body("checkin.yml", {"ref": KR, "value": "7", "confidence": "low"}, forms), form
    )
    assert problems == [] and values["value"] == "7" and values["note"] is None
    _, problems = issueform.parse_body(checkin_body().replace("\n", "\r\n"), form)
    assert problems == ["There is no “Where we are” section: open the issue with the form, "
                        "which writes one for every field."]  # fmt: skip


def test_no_value_can_become_an_option() -> None:
    """Values are `--name=value` and the ref comes after `--`: a title like `--dry-run` is a
    title; supports split on lines and commas, bullets and backticks dropped."""
    form = issueform.read_form(FORMS / "objective.yml")
    values = {**PROPOSAL, "title": "--dry-run", "supports": "- `2026/keep-customers`\na, b"}
    argv, problems = issueform.proposal_argv(values, form)
    assert argv[:6] == ["new", "objective", "--team=support", "--cycle=2026-q4",
                        "--title=--dry-run", "--owner=kai"]  # fmt: skip
    assert argv[6:9] == ["--supports=2026/keep-customers", "--supports=a", "--supports=b"]
    assert problems == []
    checkin = issueform.read_form(FORMS / "checkin.yml")
    values = {"ref": KR, "value": "-3.5", "confidence": "low", "note": "--value=9"}
    argv, problems = issueform.checkin_argv(values, checkin)  # type: ignore[arg-type]
    assert argv == ["checkin", "--value=-3.5", "--confidence=low", "--note=--value=9", "--", KR]


def test_a_form_that_is_not_one_is_a_one_line_error(tmp_path: Path) -> None:
    """A missing or broken form file: an AccordError naming it, not a traceback."""
    (tmp_path / "checkin.yml").write_text("name: [unclosed\n", encoding="utf-8")
    for path in (tmp_path / "checkin.yml", tmp_path / "missing.yml"):
        with pytest.raises(AccordError, match=str(path)):
            issueform.read_form(path)


def test_the_event_file_must_be_an_issue_event(tmp_path: Path, run: Runner) -> None:
    """`accord issue-form` on a file that is not an issue event exits 2 with one line."""
    bad = tmp_path / "event.json"
    bad.write_text(json.dumps({"pull_request": {}}), encoding="utf-8")
    result = run("issue-form", bad, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "not the event of an issue" in result.stderr and len(result.stderr.splitlines()) == 1


def test_the_workflow_grants_the_least_and_keeps_tokens_from_the_issue_s_text() -> None:
    """Issues opened or edited, with a form's label; write access only to contents, pull
    requests and issues; no token in the steps that read the issue or run accord on it."""
    workflow = YAML(typ="safe").load((ROOT / ".github/workflows/okrs-issue.yml").read_text())
    assert workflow["on"] == {"issues": {"types": ["opened", "edited"]}}
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["apply"]
    assert job["permissions"] == {
        "contents": "write", "pull-requests": "write", "issues": "write"
    }  # fmt: skip
    for label in ("'checkin'", "'proposal'"):
        assert f"contains(github.event.issue.labels.*.name, {label})" in job["if"]
    assert not any("token" in str(v) or "secrets." in str(v) for v in job["env"].values())
    steps = {s.get("id"): s for s in job["steps"]}
    for name in ("read", "apply", "commit"):
        assert not any("token" in str(v) for v in steps[name].get("env", {}).values()), name
    assert "GITHUB_EVENT_PATH" in steps["read"]["run"]
    assert 'subprocess.run(["accord", *argv]' in steps["apply"]["run"]


def test_a_check_in_that_leaves_a_disagreement_unanswered_says_it_stays_open(
    clone: Path,
) -> None:
    """After a `still_agreed: false`, a form left without "Still agreed?" still lands, and the
    comment says the disagreement stays open; answering it says nothing of the kind."""
    team = clone / SUPPORT
    text = team.read_text(encoding="utf-8")
    team.write_text(text.replace("still_agreed: true", "still_agreed: false", 1))
    git(clone, "commit", "-q", "-am", "We no longer agree on same-day answers")
    git(clone, "push", "-q", "origin", "main")
    run = apply(clone, event(checkin_body(still_agreed=None)))
    (comment,) = comments(run)
    assert PR_URL in comment
    assert "said the people involved no longer agree why this matters" in comment
    assert "so that disagreement stays open" in comment
