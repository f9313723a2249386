"""Walking okrs/: which files are OKR files, and what is refused before reading."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from accord.read import source
from accord.read.load import load_files

from conftest import MINIMAL_ORG, RepoWriter, Runner

TEAM = "objectives: []\nstop_doing: [Nothing]\n"


def _rules(root: Path) -> list[tuple[str, str]]:
    return [(f.rule, f.location.file) for f in load_files(root).findings]


def test_a_symlink_out_of_the_repository_is_refused_not_followed(
    write_repo: RepoWriter, tmp_path: Path
) -> None:
    """A link to a file outside the repository gives E107 and its target is never read."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("objectives: [not read]\n", encoding="utf-8")
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG})
    (root / "okrs" / "2026").mkdir()
    os.symlink(secret, root / "okrs" / "2026" / "ops.yaml")
    files = load_files(root)
    assert [(f.rule, f.location.file) for f in files.findings] == [("E107", "okrs/2026/ops.yaml")]
    assert "outside the repository" in files.findings[0].message
    assert files.teams == ()


def test_a_symlink_inside_the_repository_is_read(write_repo: RepoWriter) -> None:
    """A link to another file of the same repository is read like the file itself."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "shared/ops.yaml": TEAM})
    (root / "okrs" / "2026").mkdir()
    os.symlink(root / "shared" / "ops.yaml", root / "okrs" / "2026" / "ops.yaml")
    files = load_files(root)
    assert files.findings == ()
    assert [(t.cycle, t.team) for t in files.teams] == [("2026", "ops")]


def test_a_directory_named_like_a_yaml_file_is_reported(write_repo: RepoWriter) -> None:
    """okrs/2026/ops.yaml/ as a folder is E107, not a crash."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/ops.yaml/inner.txt": "x"})
    assert _rules(root) == [("E107", "okrs/2026/ops.yaml")]


def test_a_symlink_loop_does_not_hang(write_repo: RepoWriter) -> None:
    """A folder that links back to an ancestor is visited once."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/ops.yaml": TEAM})
    os.symlink(root / "okrs", root / "okrs" / "2026" / "again")
    files = load_files(root)
    assert [(t.cycle, t.team) for t in files.teams] == [("2026", "ops")]


def test_other_files_and_hidden_names_are_ignored(write_repo: RepoWriter) -> None:
    """README.md, notes and dot-files under okrs/ are not OKR files."""
    root = write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/README.md": "# OKRs\n",
            "okrs/2026/notes.txt": "x",
            "okrs/2026/.draft.yaml": "not: [valid",
            "okrs/.git-keep/x.yaml": "a: 1",
        }
    )
    files = load_files(root)
    assert (files.findings, files.teams, files.files) == ((), (), 1)


@pytest.mark.parametrize(
    "rel", ["okrs/extra.yaml", "okrs/2026/ops/deep.yaml", "okrs/2026/statements/x/y.yml"]
)
def test_yaml_in_no_known_place_is_e107(write_repo: RepoWriter, rel: str) -> None:
    """A YAML file outside the three places OKR files live is reported, not silently skipped."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, rel: TEAM})
    assert _rules(root) == [("E107", rel)]


def test_yml_files_count_as_team_and_statement_files(write_repo: RepoWriter) -> None:
    """Both .yaml and .yml are read, named by their stem."""
    root = write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/2026/ops.yml": TEAM,
            "okrs/2026/statements/ada.yml": "priorities: [{text: Renewals}]\n",
        }
    )
    files = load_files(root)
    assert [t.team for t in files.teams] == ["ops"]
    assert [s.person for s in files.statements] == ["ada"]


def _unblock_while(fifo: Path, hung: list[bool], done: threading.Event) -> None:
    """Until `done`, every few seconds open `fifo` for writing if a reader is blocked on it."""
    while not done.wait(3):
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            hung.append(True)
        except OSError:  # nobody is reading it: nothing hangs
            pass


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_team_file_is_refused_without_opening_it(
    write_repo: RepoWriter, run: Runner
) -> None:
    """A FIFO at okrs/2026-q4/ops.yaml gives E107 at once instead of waiting for a writer."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG})
    (root / "okrs" / "2026-q4").mkdir()
    fifo = root / "okrs" / "2026-q4" / "ops.yaml"
    os.mkfifo(fifo)
    hung: list[bool] = []
    done = threading.Event()
    threading.Thread(target=_unblock_while, args=(fifo, hung, done)).start()
    try:
        result = run("check", "--repo", root, "--as-of", "2026-11-23")
        direct = source.read(root, "okrs/2026-q4/ops.yaml")
    finally:
        done.set()
    assert hung == [], "check waited on the FIFO"
    assert result.exit_code == 1
    assert "okrs/2026-q4/ops.yaml:1:1: error E107 a FIFO (named pipe) named like" in result.stdout
    assert direct[0] is None and direct[1][0].rule == "E107"


def test_a_folder_that_cannot_be_read_is_a_finding(
    write_repo: RepoWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unreadable cycle folder gives E100 on that folder, and the rest is still checked."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM})
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if str(path).endswith("2026-q4"):
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    files = load_files(root)
    assert [(f.rule, str(f.location), f.message) for f in files.findings] == [
        ("E100", "okrs/2026-q4:1:1", "cannot read the folder: Permission denied")
    ]
    assert files.org is not None


def test_an_unreadable_okrs_folder_is_refused_in_one_line(
    write_repo: RepoWriter, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """okrs/ without read permission: exit 2 with one line naming okrs/, not an internal error."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG})
    lstat = Path.lstat

    def refuse(self: Path) -> Any:
        if self.name == "org.yaml":
            raise PermissionError(13, "Permission denied")
        return lstat(self)

    monkeypatch.setattr(Path, "lstat", refuse)
    result = run("check", "--repo", root)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("okrs: cannot read the folder: Permission denied")


def test_folders_nested_thousands_deep_are_walked(write_repo: RepoWriter) -> None:
    """A YAML file 1,200 folders below okrs/ is found (E107) without a recursion error."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG})
    folders = [root / "okrs" / "/".join(["d"] * depth) for depth in range(1, 1201)]
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "x.yaml").write_text(TEAM, encoding="utf-8")
    try:
        assert _rules(root) == [("E107", "okrs/" + "d/" * 1200 + "x.yaml")]
    finally:  # shutil.rmtree (pytest's clean-up) recurses, so take it down here
        (folders[-1] / "x.yaml").unlink()
        for folder in reversed(folders):
            folder.rmdir()
