"""Git output read with NUL separators: no commit message, author or file name breaks a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.changes.history import load_history
from accord.read.git import GitRepo

from conftest import MINIMAL_ORG, Runner, git, write_files

TEAM = """\
objectives:
  - id: on-time
    title: Visits start on time
    owner: ben
    why_now: Late visits cost us two renewals this year, and ten more renew in March.
    key_results:
      - {id: rate, title: Visits on time, owner: ben, start: 80, target: 90}
"""
OPS = "okrs/2026-q4/ops.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with a valid organisation and one team file, committed once."""
    root = tmp_path / "okrs-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, {"okrs/org.yaml": MINIMAL_ORG, OPS: TEAM})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First OKRs")
    return root


def _retarget(root: Path, target: str, message: str, who: str = "T <t@example.com>") -> None:
    write_files(root, {OPS: TEAM.replace("target: 90", f"target: {target}")})
    git(root, "commit", "-qam", message, when="2026-10-02T10:00:00", who=who)


def test_separator_characters_in_a_subject_or_author_do_not_break_history(repo: Path) -> None:
    """A commit whose subject and author hold \\x1e and \\x1f is read like any other."""
    _retarget(repo, "95", "odd\x1esubject\x1f here", who="A\x1fB\x1eC <ab@example.com>")
    _retarget(repo, "96", "the next one (#12)")
    commits = GitRepo.open(repo).log()  # type: ignore[union-attr]
    assert [c.subject for c in commits] == [
        "First OKRs",
        "odd\x1esubject\x1f here",
        "the next one (#12)",
    ]
    assert commits[1].author == "A\x1fB\x1eC"
    assert [len(c.files) for c in commits] == [2, 1, 1]
    assert [entry.pr for entry in load_history(repo).entries] == [12, None, None]


def test_thousands_of_digits_after_a_hash_are_not_a_pull_request(repo: Path) -> None:
    """A subject with '#' and 5,000 digits gives no pull-request number and no crash."""
    _retarget(repo, "95", "see #" + "9" * 5000)
    _retarget(repo, "96", "fine (#1234567890)")
    prs = [entry.pr for entry in load_history(repo).entries]
    assert prs == [1234567890, None, None]


@pytest.mark.parametrize(
    "name", ['a"b.yaml', "with space.yaml", "caf\u00e9.yaml", "new\nline.yaml"]
)
def test_at_sees_files_whose_names_git_would_quote(repo: Path, run: Runner, name: str) -> None:
    """`--at` reads a team file whose name git quotes (quote, space, accent, newline)."""
    write_files(repo, {f"okrs/2026-q4/{name}": TEAM.replace("on-time", "other")})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A strangely named file")
    now = run("check", "--repo", repo, "--as-of", "2026-11-23")
    then = run("check", "--repo", repo, "--as-of", "2026-11-23", "--at", "HEAD")
    assert then.exit_code == now.exit_code == 1
    assert then.stdout == now.stdout
    assert "E107" in then.stdout


def test_uncommitted_files_with_odd_names_are_listed(repo: Path) -> None:
    """Uncommitted edits are listed by their real names, even ones git would quote."""
    write_files(repo, {'okrs/2026-q4/a "b".yaml': TEAM})
    assert GitRepo.open(repo).uncommitted() == ['okrs/2026-q4/a "b".yaml']  # type: ignore[union-attr]


@pytest.mark.parametrize("day", ["9999-12-31", "2100-01-01"])
def test_at_a_date_far_in_the_future_means_the_latest_commit(
    repo: Path, run: Runner, day: str
) -> None:
    """`--at 9999-12-31` checks the last commit instead of failing on the day after."""
    result = run("check", "--repo", repo, "--as-of", "2026-11-23", "--at", day)
    assert result.exit_code == 0, result.stderr


def test_at_a_date_before_any_commit_is_refused_in_one_line(repo: Path, run: Runner) -> None:
    """`--at 0001-01-01` says the history starts later (exit 2)."""
    result = run("check", "--repo", repo, "--as-of", "2026-11-23", "--at", "0001-01-01")
    assert result.exit_code == 2
    assert "history starts later" in result.stderr


def test_at_reads_files_in_the_order_the_work_tree_does(repo: Path, run: Runner) -> None:
    """`--at HEAD` lists what `2026/` and `2026-q4/` hold in the order a check on disk does."""
    annual = TEAM.replace("on-time", "annual").replace("Visits start", "Every visit starts")
    write_files(repo, {"okrs/2026/ops.yaml": annual})
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "An annual objective")
    now = run("export", "--repo", repo, "--as-of", "2026-11-23")
    then = run("export", "--repo", repo, "--as-of", "2026-11-23", "--at", "HEAD")
    assert now.exit_code == then.exit_code == 0
    assert then.stdout == now.stdout
