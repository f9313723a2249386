"""Walking okrs/: which files are OKR files, and what is refused before reading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accord.load import load_files

from conftest import MINIMAL_ORG, RepoWriter

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
