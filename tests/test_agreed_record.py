"""Who agreed, on record: okrs-agreed.yml's own steps on recorded `pull_request_target`
events against a local clone of a local bare remote, and the notes read back into the
history, the site and okrs.json."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from accord.changes.agreed import NOTES_REF, Agreed, approvers, note_text, parse_note
from accord.changes.history import load_history
from accord.check import check
from accord.output.export import to_data
from accord.render.pages import render_pages

from actions import Run, load_job, run_job
from conftest import Runner, git

AS_OF = "2026-11-23"
TEAM = "okrs/2026-q4/product.yaml"
REPOSITORY = "https://github.com/acme/okrs"
HOSTILE_TITLE = "Aim lower $(touch pwned) `touch pwned` ${{ github.token }} <b>"
MERGER = "Linus <linus@example.com>"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """`accord init` and the builds take AS_OF as today (SOURCE_DATE_EPOCH)."""
    epoch = datetime.fromisoformat(AS_OF).replace(tzinfo=UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


@pytest.fixture
def remote(tmp_path: Path, run: Runner) -> dict[str, Any]:
    """A bare remote holding an `accord init` repository (with `repository:` set) and the
    merge of pull request #12, which retargets a key result; and the work clone it came from."""
    work = tmp_path / "work"
    assert run("init", work).exit_code == 0
    org = work / "okrs/org.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(
        text.replace(
            "# repository: https://github.com/example-co/okrs", f"repository: {REPOSITORY}"
        ),
        encoding="utf-8",
    )
    git(work, "init", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-qm", "Start our OKRs", when="2026-11-02T10:00:00")
    git(work, "checkout", "-qb", "aim-lower")
    team = work / TEAM
    team.write_text(team.read_text(encoding="utf-8").replace("target: 8\n", "target: 5\n"))
    git(work, "commit", "-qam", "Aim lower on reopened tickets", when="2026-11-16T10:00:00",
        who="Priya Shah <priya@example.com>")  # fmt: skip
    head = git(work, "rev-parse", "HEAD").strip()
    git(work, "checkout", "-q", "main")
    subject = "Merge pull request #12 from acme/aim-lower"
    git(work, "merge", "-q", "--no-ff", "aim-lower", "-m", subject, when="2026-11-17T10:00:00",
        who=MERGER)  # fmt: skip
    merge = git(work, "rev-parse", "HEAD").strip()
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    git(work, "remote", "add", "origin", str(bare))
    return {"bare": bare, "work": work, "head": head, "merge": merge}


def _clone(remote: dict[str, Any], name: str) -> Path:
    """What actions/checkout leaves: a clone of the default branch."""
    where = remote["bare"].parent / name
    subprocess.run(["git", "clone", "-q", str(remote["bare"]), str(where)], check=True)
    return where


def _event(remote: dict[str, Any], merged: bool = True, title: str = HOSTILE_TITLE) -> Any:
    """A recorded `pull_request_target` closed event for #12."""
    return {
        "action": "closed",
        "pull_request": {
            "number": 12, "title": title, "merged": merged,
            "head": {"sha": remote["head"], "ref": "aim-lower"}, "base": {"ref": "main"},
            "merge_commit_sha": remote["merge"] if merged else None,
            "merged_by": {"login": "linus"} if merged else None,
        },
        "repository": {"default_branch": "main"},
    }  # fmt: skip


def _reviews(head: str) -> list[dict[str, Any]]:
    """Sam approved; Alex approved and then asked for changes; Jordan only commented; Kai
    approved an earlier push; Priya approved and then commented (still approved)."""

    def review(login: str, state: str, at: str, commit: str = head) -> dict[str, Any]:
        return {"user": {"login": login}, "state": state, "commit_id": commit,
                "submitted_at": f"2026-11-16T1{at}:00:00Z"}  # fmt: skip

    return [
        review("example-kai", "APPROVED", "0", "0" * 40),
        review("example-sam", "APPROVED", "1"),
        review("example-alex", "APPROVED", "2"),
        review("example-jordan", "COMMENTED", "3"),
        review("example-alex", "CHANGES_REQUESTED", "4"),
        review("example-priya", "APPROVED", "5"),
        review("example-priya", "COMMENTED", "6"),
    ]


def _record(remote: dict[str, Any], cwd: Path, event: Any | None = None) -> Run:
    """okrs-agreed.yml's job, run in `cwd` on the event, the API answering with _reviews."""
    responses = {"GET repos/acme/okrs/pulls/12/reviews": _reviews(remote["head"])}
    job = load_job("okrs-agreed.yml", "record")
    return run_job(job, cwd, event or _event(remote), responses, job_if=True)


def _notes(bare: Path) -> dict[str, str]:
    """The notes on the remote: annotated commit -> text."""
    listed = subprocess.run(["git", "--git-dir", str(bare), "notes", "--ref", NOTES_REF, "list"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    found = {}
    for line in listed.splitlines():
        note, commit = line.split()
        found[commit] = subprocess.run(
            ["git", "--git-dir", str(bare), "cat-file", "blob", note],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return found


def test_the_merge_commit_gets_a_note_naming_who_approved(remote: dict[str, Any]) -> None:
    """The note lands on the merge commit in refs/notes/accord/agreed on the remote: the
    latest decision of each reviewer counts, an approval then a request for changes does not,
    a comment changes nothing, and an approval of an earlier push is not one of what merged."""
    cwd = _clone(remote, "runner")
    run = _record(remote, cwd)
    assert set(run.outcomes.values()) == {"success"}, run.logs
    notes = _notes(remote["bare"])
    assert list(notes) == [remote["merge"]]
    record = parse_note(notes[remote["merge"]])
    assert record.pr == 12 and record.merged_by == "linus"
    assert record.approved_by == ("example-sam", "example-priya")
    assert notes[remote["merge"]].startswith("Accord-Agreed: 1\nPull-Request: 12\n")
    # The hostile title is kept as text: it reached the note through the environment only.
    assert record.title == HOSTILE_TITLE
    assert not (cwd / "pwned").exists()
    assert "ghs_fake" not in notes[remote["merge"]]
    assert run.calls[0]["path"] == "repos/acme/okrs/pulls/12/reviews"


def test_a_close_without_a_merge_records_nothing(remote: dict[str, Any]) -> None:
    """The job does not run for a pull request closed unmerged: no API call, no notes ref."""
    run = _record(remote, _clone(remote, "runner"), _event(remote, merged=False))
    assert run.outcomes == {} and run.calls == []
    refs = subprocess.run(["git", "--git-dir", str(remote["bare"]), "for-each-ref", "refs/notes"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert refs == ""


def test_a_merge_into_another_branch_records_nothing(remote: dict[str, Any]) -> None:
    """Only merges into the default branch (the history the site shows) are recorded."""
    event = _event(remote)
    event["pull_request"]["base"]["ref"] = "release"
    run = _record(remote, _clone(remote, "runner"), event)
    assert run.outcomes == {} and _notes(remote["bare"]) == {}


def test_two_merges_recorded_at_once_both_land(remote: dict[str, Any]) -> None:
    """The remote's notes ref moves between the fetch and the push (another merge's record
    lands first): the push is refused, the step fetches again, and both notes are there."""
    other = git(remote["work"], "rev-parse", "HEAD~1").strip()
    hook = remote["bare"] / "hooks" / "pre-receive"
    hook.write_text(
        "#!/bin/sh\n"
        '[ -e "$GIT_DIR/raced" ] && exit 0\n'
        'touch "$GIT_DIR/raced"\n'
        "env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES"
        " GIT_COMMITTER_NAME=other GIT_COMMITTER_EMAIL=o@example.com"
        f' git --git-dir="$GIT_DIR" notes --ref {NOTES_REF} add -m "Accord-Agreed: 1"'
        f' -m "Pull-Request: 11" -m "Approved-By: example-alex" {other}\n',
        encoding="utf-8",
    )
    hook.chmod(0o755)
    run = _record(remote, _clone(remote, "runner"))
    assert set(run.outcomes.values()) == {"success"}, run.logs
    assert "moved meanwhile" in "".join(run.logs.values())
    notes = _notes(remote["bare"])
    assert parse_note(notes[other]).pr == 11
    assert parse_note(notes[remote["merge"]]).approved_by == ("example-sam", "example-priya")


def test_a_rerun_replaces_the_record(remote: dict[str, Any]) -> None:
    """Running the job again for the same merge leaves one note, the newest."""
    cwd = _clone(remote, "runner")
    _record(remote, cwd)
    _record(remote, cwd, _event(remote, title="Aim lower on reopened tickets"))
    notes = _notes(remote["bare"])
    assert list(notes) == [remote["merge"]]
    assert parse_note(notes[remote["merge"]]).title == "Aim lower on reopened tickets"


def test_approvers_are_each_reviewer_s_latest_decision() -> None:
    """A dismissal cancels an approval; approving again after asking for changes counts."""
    head = "a" * 40
    reviews = [
        {"user": "ada", "state": "APPROVED", "commit": head, "at": "1"},
        {"user": "ada", "state": "DISMISSED", "commit": head, "at": "2"},
        {"user": "bob", "state": "CHANGES_REQUESTED", "commit": head, "at": "3"},
        {"user": "bob", "state": "APPROVED", "commit": head, "at": "4"},
        {"user": "$(x)", "state": "APPROVED", "commit": head, "at": "5"},
    ]
    assert approvers(reviews, head) == ["bob"]


def test_a_note_reads_back_and_grows() -> None:
    """A note reads back as written; keys a later version adds are ignored; what is not a
    record says why."""
    record = Agreed(7, "Retarget\non-time", ("ada", "bob[bot]"), "grace")
    assert parse_note(note_text(record)) == Agreed(
        7, "Retarget on-time", ("ada", "bob[bot]"), "grace"
    )
    assert parse_note("Accord-Agreed: 2\nPull-Request: 3\nReviewed-Files: 4\n").pr == 3
    for bad, why in [
        ("Pull-Request: 3\n", "Accord-Agreed"),
        ("Accord-Agreed: 1\nTitle: x\n", "Pull-Request"),
        ("Accord-Agreed: 1\nPull-Request: 3\nApproved-By: a b\n", "GitHub login"),
        ("Accord-Agreed: 1\nno colon\n", "Key: value"),
    ]:
        with pytest.raises(ValueError, match=why):
            parse_note(bad)


# Reading the record back: history, pages, okrs.json, the site workflow and the built site.


def _note(root: Path, commit: str, text: str) -> None:
    git(root, "notes", "--ref", NOTES_REF, "add", "-f", "-m", text, commit)


AGREED_12 = note_text(Agreed(12, "Aim lower", ("example-sam", "stranger"), "linus"))


def _pages(root: Path, cache: Path | None = None) -> dict[str, str]:
    as_of = date.fromisoformat(AS_OF)
    history = load_history(root, cache=cache)
    return {
        p.uri: p.render().html
        for p in render_pages(check(root, as_of=as_of), as_of, history=history)
    }


def test_history_shows_who_agreed(remote: dict[str, Any]) -> None:
    """A note on a merge is the record of the commit it brought in: the key result's and the
    objective's history and /history/ say 'agreed in #12 by' people by name (a handle that is
    nobody's in org.yaml as it is), the pull request linked."""
    work = remote["work"]
    _note(work, remote["merge"], AGREED_12)
    pages = _pages(work)
    said = (
        ' · agreed in <a href="https://github.com/acme/okrs/pull/12">#12</a> by '
        '<a href="../../../people/sam/">Sam Rivera</a>, stranger'
    )
    objective = pages["2026-q4/product/fewer-repeat-problems/index.md"]
    assert objective.count(said) == 2  # the key result's history and the objective's
    assert "pull request [" not in objective  # said once, in the record
    front = pages["history/index.md"]
    assert said.replace("../../../", "../") in front
    assert "Aim lower on reopened tickets" in front
    entry = next(e for e in load_history(work).entries if e.sha == remote["head"])
    assert entry.agreed == parse_note(AGREED_12) and entry.pr == 12


def test_no_record_shows_nothing(remote: dict[str, Any]) -> None:
    """Without a note the history is as it was: the pull request, and no word of agreeing."""
    pages = _pages(remote["work"])
    assert not any("agreed in" in page or "approving review" in page for page in pages.values())
    assert (
        'pull request <a href="https://github.com/acme/okrs/pull/12">#12</a>'
        in pages["history/index.md"]
    )


def test_a_record_without_approvals_says_so(remote: dict[str, Any]) -> None:
    """A merge nobody approved is on record as merged without an approving review."""
    _note(remote["work"], remote["merge"], note_text(Agreed(12, "Aim lower", (), "linus")))
    front = _pages(remote["work"])["history/index.md"]
    link = '<a href="https://github.com/acme/okrs/pull/12">#12</a>'
    assert f" · merged in {link} by linus without an approving review" in front


def test_a_note_that_does_not_parse_is_ignored_with_a_warning(remote: dict[str, Any]) -> None:
    """A malformed note is left out and said in the history's warnings; the others count."""
    work = remote["work"]
    _note(work, remote["merge"], "Approved-By: mallory\n")
    squash = git(work, "rev-parse", "HEAD~1").strip()
    _note(work, squash, "Accord-Agreed: 1\nPull-Request: 3\nApproved-By: example-alex\n")
    history = load_history(work)
    assert [w for w in history.warnings if remote["merge"][:12] in w and "Accord-Agreed" in w]
    assert all(e.agreed is None for e in history.entries if e.sha == remote["head"])
    assert next(e for e in history.entries if e.sha == squash).agreed == Agreed(
        3, "", ("example-alex",)
    )


def test_a_note_added_after_the_history_was_cached_shows(
    remote: dict[str, Any], tmp_path: Path
) -> None:
    """The history cache is by commit; the records are read afresh, so a note that came later
    shows on the next build."""
    cache = tmp_path / "history.json"
    assert "agreed in" not in _pages(remote["work"], cache)["history/index.md"]
    _note(remote["work"], remote["merge"], AGREED_12)
    assert "agreed in" in _pages(remote["work"], cache)["history/index.md"]


def test_okrs_json_carries_the_record(remote: dict[str, Any]) -> None:
    """okrs.json's history entries carry the record as data (null where there is none)."""
    work = remote["work"]
    _note(work, remote["merge"], AGREED_12)
    data = to_data(
        check(work, as_of=date.fromisoformat(AS_OF)), date.fromisoformat(AS_OF), load_history(work)
    )
    written = json.loads(json.dumps(data))  # as okrs.json has it
    by_sha = {e["sha"]: e for e in written["history"]["entries"]}
    assert by_sha[remote["head"]]["agreed"] == {
        "pr": 12,
        "title": "Aim lower",
        "approved_by": ["example-sam", "stranger"],
        "merged_by": "linus",
    }
    first = git(work, "rev-list", "--max-parents=0", "HEAD").strip()
    assert by_sha[first]["agreed"] is None


def test_the_site_workflow_fetches_the_records_and_the_site_shows_them(
    remote: dict[str, Any], run: Runner
) -> None:
    """End to end: the agreed workflow records #12 on the remote; the site workflow's fetch
    step brings the notes into a fresh clone (and does not fail before any exist); the built
    site's history page says who agreed."""
    empty = _clone(remote, "before")
    fetch = load_job("site.yml", "build")
    fetch = {**fetch, "steps": [s for s in fetch["steps"] if "refs/notes" in s.get("run", "")]}
    assert run_job(fetch, empty, {}, {}).outcomes == {"Fetch the records of who agreed": "success"}
    _record(remote, _clone(remote, "runner"))
    site = _clone(remote, "site")
    assert run_job(fetch, site, {}, {}).outcomes == {"Fetch the records of who agreed": "success"}
    out = remote["bare"].parent / "public"
    done = run("build", "--repo", site, "--out", out)
    assert done.exit_code == 0, done.stderr
    html = (out / "history" / "index.html").read_text(encoding="utf-8")
    assert 'agreed in <a href="https://github.com/acme/okrs/pull/12">#12</a> by ' in html
    sam, priya = (
        '<a href="../people/sam/">Sam Rivera</a>',
        '<a href="../people/priya/">Priya Shah</a>',
    )
    assert f"{sam}, {priya}" in html
