"""The rules only git can see (W217, W218): judged on what history is visible, never an error.

The case folders (tests/data/cases/*W217*, *W218*) show each pattern; these tests show the
plumbing: no git, a shallow clone, `--at REV`, an OKR folder inside a larger repository, and
`accord build` reading the history once for the check and the pages.
"""

from __future__ import annotations

import runpy
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import git
import pytest

from accord import check as checking
from accord.changes.history import load_history
from accord.engines import build as building

from conftest import Runner

CASES = Path(__file__).parent / "data" / "cases"
AS_OF = "2026-11-23"


def _made(case: str, root: Path) -> Path:
    """A copy of a case folder at `root` with the history its make.py writes."""
    shutil.copytree(CASES / case, root)
    runpy.run_path(str(root / "make.py"))["make"](root)
    return root


def _rules(run: Runner, repo: Path, *args: str) -> list[str]:
    result = run("check", "--as-of", AS_OF, "--repo", repo, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return [line.split()[2] for line in result.stdout.splitlines() if " warning " in line]


def test_the_same_files_without_git_say_nothing(tmp_path: Path, run: Runner) -> None:
    """The W217 case's files without their history: no warning, no error, no word of git."""
    plain = tmp_path / "plain"
    shutil.copytree(CASES / "W217-retargeted-again", plain)
    assert _rules(run, plain) == []
    assert _rules(run, _made("W217-retargeted-again", tmp_path / "made")) == ["W217"]


def test_a_repository_without_commits_says_nothing(tmp_path: Path, run: Runner) -> None:
    repo = tmp_path / "fresh"
    shutil.copytree(CASES / "W218-planned-before-company", repo)
    git.Repo.init(repo)
    assert _rules(run, repo) == []


def test_a_shallow_clone_judges_only_what_it_holds(tmp_path: Path, run: Runner) -> None:
    """A clone of depth 1 holds one commit: no change inside the cycle, no known first commit
    (the files were there before its history begins), so nothing fires, and nothing fails."""
    for case, code in (("W217-retargeted-again", "W217"), ("W218-planned-before-company", "W218")):
        source = _made(case, tmp_path / case)
        assert _rules(run, source) == [code]
        shallow = tmp_path / f"{case}-shallow"
        git.Repo.clone_from(source.as_uri(), shallow, depth=1)
        assert _rules(run, shallow) == []


def test_at_a_revision_the_history_stops_there(tmp_path: Path, run: Runner) -> None:
    """Two retargets by 21 October are within the limit; the third, in November, is not."""
    repo = _made("W217-retargeted-again", tmp_path / "repo")
    assert _rules(run, repo, "--at", "2026-10-21") == []
    assert _rules(run, repo, "--at", "2026-11-04") == ["W217"]


def test_commits_after_the_as_of_day_are_not_yet_visible(tmp_path: Path, run: Runner) -> None:
    """As of 30 October the third retarget has not happened."""
    repo = _made("W217-retargeted-again", tmp_path / "repo")
    result = run("check", "--as-of", "2026-10-30", "--repo", repo)
    assert "W217" not in result.stdout


def test_an_okr_folder_inside_a_larger_repository(tmp_path: Path, run: Runner) -> None:
    """Only the commits that touched the folder's okrs/ count, at paths inside the folder."""
    outer = tmp_path / "outer"
    folder = outer / "handbook" / "okrs-repo"
    shutil.copytree(CASES / "W218-planned-before-company", folder)
    repo = git.Repo.init(outer)
    steps = [
        ("2026-09-08T10:00:00+0000", ["okrs/org.yaml", "okrs/2026-q4/ops.yaml"]),
        ("2026-09-12T10:00:00+0000", ["okrs/2026-q4/statements/ada.yaml"]),
        ("2026-09-15T10:00:00+0000", ["okrs/2026-q4/company.yaml"]),
        ("2026-09-16T10:00:00+0000", ["okrs/2026-q4/sales.yaml"]),
    ]
    who = git.Actor("Ada Lovelace", "ada@example.com")
    (outer / "README.md").write_text("The handbook.\n", encoding="utf-8")
    repo.index.add(["README.md"])
    repo.index.commit("Handbook", author=who, committer=who, author_date=steps[0][0])
    for when, files in steps:
        repo.index.add([f"handbook/okrs-repo/{f}" for f in files])
        repo.index.commit("Plan", author=who, committer=who, author_date=when, commit_date=when)
    result = run("check", "--as-of", AS_OF, "--repo", folder)
    assert "okrs/2026-q4/ops.yaml:3:1: warning W218" in result.stdout
    assert result.stdout.count(" warning W218") == 1


def test_build_reads_the_history_once(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`accord build` hands the history its check read to the site (no second read)."""
    repo = _made("W217-retargeted-again", tmp_path / "repo")
    reads: list[Path] = []
    handed: dict[str, Any] = {}
    real = checking.load_history

    def counted(root: Path, **kwargs: Any) -> Any:
        reads.append(root)
        return real(root, **kwargs)

    def fake_build(*args: Any, **kwargs: Any) -> Path:
        handed.update(kwargs)
        return tmp_path / "site"

    monkeypatch.setattr(checking, "load_history", counted)
    monkeypatch.setattr(building, "build", fake_build)
    result = run("build", "--as-of", AS_OF, "--repo", repo)
    assert result.exit_code == 0, result.output
    assert len(reads) == 1
    assert handed["history"] is not None and handed["history"].state == "ok"
    assert handed["checked"].warnings == 1  # W217, in the check the site shows


def test_the_check_compares_only_the_active_cycles_commits(tmp_path: Path) -> None:
    """`since` leaves out the commits before the active cycles (planning in September) but
    still knows when every file was first written."""
    repo = _made("W217-retargeted-again", tmp_path / "repo")
    history = load_history(repo, since=date(2026, 10, 1))
    assert [e.date[:10] for e in history.entries] == ["2026-11-04", "2026-10-21", "2026-10-07"]
    assert history.written["okrs/2026-q4/ops.yaml"][0].startswith("2026-09-24")


def test_accord_diff_shows_the_retarget_that_crosses_the_limit(tmp_path: Path, run: Runner) -> None:
    """Each side of a review is judged with its own history: the third retarget introduces W217."""
    repo = _made("W217-retargeted-again", tmp_path / "repo")
    base = git.Repo(repo).commit("HEAD~1").hexsha
    result = run("diff", base, "HEAD", "--as-of", AS_OF, "--repo", repo)
    assert "introduces W217 at okrs/2026-q4/ops.yaml:11:9" in result.stdout
