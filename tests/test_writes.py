"""What a build may empty and write: never the OKRs, the repository, or through a symlink."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.exceptions import MkDocsException

from conftest import Runner, build_site

AS_OF = ("--as-of", "2026-11-23")


@pytest.fixture
def made(tmp_path: Path, run: Runner) -> Path:
    """A repository made by `accord init`, with an uncommitted edit to a team file."""
    root = tmp_path / "repo"
    assert run("init", root, *AS_OF).exit_code == 0
    team = next((root / "okrs").glob("*/*.yaml"))
    team.write_text(team.read_text("utf-8") + "# not committed yet\n", "utf-8")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (not following symlinks) with its bytes."""
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            files[path.relative_to(root).as_posix()] = (
                b"" if path.is_symlink() else path.read_bytes()
            )
    return files


def _refused(result: object, stderr: str) -> None:
    assert getattr(result, "exit_code", None) == 2, stderr
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr


@pytest.mark.parametrize("out", ["okrs", "okrs/2026-q4", ".", "site", "site/docs", ".git", ".."])
def test_a_build_never_empties_the_okrs_or_the_repository(
    run: Runner, made: Path, out: str
) -> None:
    """`--out` naming okrs/, a folder inside it, the repository, site/, its docs, .git or a
    folder holding the repository is refused in one line, and every file stays as it was."""
    (made / ".git").mkdir(exist_ok=True)
    (made / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = _tree(made.parent)
    result = run("build", "--repo", made, "--out", made / out, *AS_OF)
    _refused(result, result.stderr)
    assert _tree(made.parent) == before


def test_a_committed_symlink_as_the_site_folder_is_refused(
    run: Runner, made: Path, tmp_path: Path
) -> None:
    """`site/public` linking to a folder outside the repository: the build refuses and the
    folder keeps its files."""
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "thesis.txt").write_text("years of work")
    (made / "site" / "public").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", "--repo", made, *AS_OF)
    _refused(result, result.stderr)
    assert "symbolic link" in result.stderr
    assert (elsewhere / "thesis.txt").read_text() == "years of work"


def test_a_site_dir_the_repository_sets_outside_it_is_refused(
    run: Runner, made: Path, tmp_path: Path
) -> None:
    """mkdocs.yml's `site_dir` pointing out of the repository is refused; only `--out`,
    which the user types, may choose a folder outside."""
    elsewhere = tmp_path / "elsewhere"
    config = made / "site" / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_dir: public", f"site_dir: {elsewhere}")
    )
    result = run("build", "--repo", made, *AS_OF)
    _refused(result, result.stderr)
    assert "outside the repository" in result.stderr and not elsewhere.exists()


def test_a_folder_that_holds_something_else_is_refused(
    run: Runner, made: Path, tmp_path: Path
) -> None:
    """`--out` naming a folder with other files in it (not a site a build made) is refused."""
    other = tmp_path / "documents"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    result = run("build", "--repo", made, "--out", other, *AS_OF)
    _refused(result, result.stderr)
    assert (other / "notes.txt").read_text() == "mine"


def test_a_symlink_inside_the_site_folder_is_refused(
    run: Runner, made: Path, tmp_path: Path
) -> None:
    """A symlink among the site folder's entries would be written through: refused."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (made / "site" / "public").mkdir()
    (made / "site" / "public" / "teams").symlink_to(elsewhere, target_is_directory=True)
    result = run("build", "--repo", made, *AS_OF)
    _refused(result, result.stderr)
    assert list(elsewhere.iterdir()) == []


def test_a_new_folder_outside_the_repository_is_built_and_built_again(
    run: Runner, made: Path, tmp_path: Path
) -> None:
    """`--out /somewhere/else` is the user's choice: it is built, and rebuilt over itself."""
    out = tmp_path / "published"
    for _ in range(2):
        result = run("build", "--repo", made, "--out", out, *AS_OF)
        assert result.exit_code == 0, result.stderr
        assert (out / "okrs.json").is_file() and (out / "index.html").is_file()


def test_mkdocs_build_refuses_the_okrs_too(made: Path) -> None:
    """Run by mkdocs itself (`mkdocs build -d okrs`), the plugin refuses before anything is
    emptied."""
    before = _tree(made)
    with pytest.raises(MkDocsException):
        build_site(made, made / "okrs")
    assert _tree(made) == before
