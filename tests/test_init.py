"""`accord init`: a new OKR repository that passes its own workflow commands, in real git."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import accord
from accord.edit import scaffold

from conftest import Runner, git

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command in these tests takes AS_OF as today (SOURCE_DATE_EPOCH)."""
    epoch = datetime.fromisoformat(AS_OF).replace(tzinfo=UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))


@pytest.fixture
def made(tmp_path: Path, run: Runner) -> Path:
    """A repository made by `accord init`, committed on `main` of a new git repository."""
    root = tmp_path / "our-okrs"
    result = run("init", root)
    assert result.exit_code == 0, result.stderr
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Start our OKRs")
    return root


def test_init_lists_what_it_wrote_and_what_to_do_next(tmp_path: Path, run: Runner) -> None:
    """The output names every file written and the commands to run next."""
    root = tmp_path / "new"
    result = run("init", root)
    assert result.exit_code == 0
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    for path in written:
        assert f"  {path}\n" in result.stdout
    assert {"okrs/org.yaml", ".github/CODEOWNERS", ".gitignore", "README.md"} <= set(written)
    assert f"cd {root}" in result.stdout
    assert "accord check" in result.stdout and "accord build" in result.stdout


def test_new_repository_passes_check(made: Path, run: Runner) -> None:
    """`accord check` finds no errors, as the pull-request workflow runs it."""
    result = run("check", "--format", "github", "--repo", made)
    assert result.exit_code == 0, result.stdout
    assert "::error" not in result.stdout


@pytest.mark.parametrize("day", ["2027-01-01", "2028-02-29", "2026-06-30", "2026-12-31"])
def test_example_is_valid_whenever_it_is_made(day: str, tmp_path: Path, run: Runner) -> None:
    """The example's cycles follow the date it is made, so it checks clean on any day."""
    root = tmp_path / "okrs"
    assert run("init", root, "--as-of", day).exit_code == 0
    result = run("check", "--strict", "--repo", root, "--as-of", day)
    assert result.exit_code == 0, result.stdout
    year, month = int(day[:4]), int(day[5:7])
    assert (root / f"okrs/{year}-q{(month - 1) // 3 + 1}/product.yaml").is_file()


def test_new_repository_builds(made: Path, tmp_path: Path, run: Runner) -> None:
    """`accord build` builds the site from the shipped site/mkdocs.yml."""
    out = tmp_path / "public"
    result = run("build", "--repo", made, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "index.html").is_file()
    assert (out / "okrs.json").is_file()


def test_new_repository_codeowners_are_current(made: Path, run: Runner) -> None:
    """The CODEOWNERS init writes is what `accord codeowners` would write."""
    result = run("codeowners", "--check", "--repo", made)
    assert result.exit_code == 0, result.stderr
    assert "@example-alex" in (made / ".github/CODEOWNERS").read_text(encoding="utf-8")


def test_diff_names_a_retarget_on_a_branch(made: Path, run: Runner) -> None:
    """A target changed on a branch is named by `accord diff`, with both numbers."""
    git(made, "checkout", "-q", "-b", "proposal")
    team_file = made / "okrs/2026-q4/product.yaml"
    text = team_file.read_text(encoding="utf-8")
    team_file.write_text(text.replace("target: 8\n", "target: 5\n"), encoding="utf-8")
    git(made, "commit", "-q", "-am", "Aim lower on reopened tickets")
    result = run("diff", "--repo", made)
    assert result.exit_code == 0, result.stderr
    assert "reopened-tickets" in result.stdout and "target 8 -> 5" in result.stdout
    assert "@example-alex" in result.stdout  # the owner of the supported priority


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run: Runner) -> None:
    """A folder with anything in it is refused with one line and exit 2; nothing is written."""
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("init", tmp_path)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "not empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_writes_into_an_empty_folder_and_nowhere_else(tmp_path: Path, run: Runner) -> None:
    """An existing empty folder is used; nothing appears beside it."""
    (tmp_path / "okrs-repo").mkdir()
    assert run("init", tmp_path / "okrs-repo").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["okrs-repo"]


def test_workflows_install_the_released_package(made: Path) -> None:
    """The OKR repository's workflows install accord-okrs, pinned to this release, never `.`."""
    workflows = sorted((made / ".github/workflows").glob("*.yml"))
    assert {p.name for p in workflows} >= {
        "okrs-pr.yml", "site.yml", "checkin-rhythm.yml", "okrs-issue.yml"
    }  # fmt: skip
    installs = 0
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pip install[^\n]*\s\.(\s|$)", text), path.name
        installs += text.count(f'pip install "accord-okrs=={accord.__version__}"')
    assert installs >= 4


def test_every_okr_workflow_of_this_repository_is_shipped() -> None:
    """Each workflow here but the project's own tests goes to new OKR repositories too."""
    ours = {p.name for p in (ROOT / ".github/workflows").glob("*.yml")} - {"tests.yml"}
    shipped = {Path(s).name for s in scaffold.SHARED if s.startswith(".github/workflows/")}
    assert ours == shipped


def test_site_and_template_are_this_repositorys_own(made: Path) -> None:
    """site/, the pull-request template and the issue forms are this repository's files,
    byte for byte."""
    for rel in ["site/mkdocs.yml", "site/docs/accord.css", "site/overrides/main.html",
                ".github/PULL_REQUEST_TEMPLATE.md", ".github/ISSUE_TEMPLATE/checkin.yml",
                ".github/ISSUE_TEMPLATE/objective.yml",
                *(f"site/docs/{p.name}" for p in (ROOT / "site/docs").glob("*.md"))]:  # fmt: skip
        assert (made / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


def test_schema_lines_point_at_the_written_schemas(made: Path) -> None:
    """Every OKR file starts with a yaml-language-server line naming a schema that exists."""
    files = sorted((made / "okrs").rglob("*.yaml"))
    assert len(files) == 4
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match[1]).resolve().is_file(), first


def test_written_workflows_pass_actionlint(made: Path) -> None:
    """The rewritten workflows still pass actionlint (skipped without it, unless CI is set)."""
    tool = Path(sys.executable).with_name("actionlint")
    found = str(tool) if tool.is_file() else shutil.which("actionlint")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the workflow checks must run: actionlint is not installed")
        pytest.skip("actionlint is not installed (pip install -e '.[test]')")
    workflows = sorted(str(p) for p in (made / ".github/workflows").glob("*.yml"))
    command = [found, "-no-color", "-oneline", *workflows]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
