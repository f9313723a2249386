"""Shared test helpers: a tiny valid organisation, a repo writer, a CLI runner, --update-golden.

`MINIMAL_ORG` is an org.yaml with three people, three teams in a tree (company above ops
and sales) and two cycles ("2026" and "2026-q4" within it). `write_repo` writes a dict of
repository-relative paths to a temporary folder. `run` calls the `accord` command in-process
with click's `CliRunner`, so stdout and stderr stay apart (click >= 8.2).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import click.testing
import pytest

from accord.cli.main import cli

MINIMAL_ORG = """\
name: Example Co
people:
  ada:
    name: Ada Lovelace
  ben:
    name: Ben Okri
  cy:
    name: Cy Twombly
teams:
  company:
    name: Example Co
    lead: ada
  ops:
    name: Operations
    parent: company
    lead: ben
  sales:
    name: Sales
    parent: company
    lead: cy
cycles:
  "2026":
    start: 2026-01-01
    end: 2026-12-31
  2026-q4:
    start: 2026-10-01
    end: 2026-12-31
    within: "2026"
"""

# MINIMAL_ORG with a closed quarter before 2026-q4, for the end-of-cycle commands.
ORG_WITH_Q3 = (
    MINIMAL_ORG
    + """\
  2026-q3:
    start: 2026-07-01
    end: 2026-09-30
    within: "2026"
"""
)

# How many generated cases tests/test_fuzz.py ran, by kind; printed in the terminal summary.
FUZZ_CASES = pytest.StashKey[Counter[str]]()

RepoWriter = Callable[[dict[str, str | bytes]], Path]
Runner = Callable[..., click.testing.Result]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden, which rewrites expected files instead of comparing with them."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite expected files (tests/data/cases/*/expected.txt) from current output.",
    )


@pytest.fixture(scope="session", autouse=True)
def session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """$ACCORD_CACHE_DIR for fixtures wider than a test, so no build writes the user's cache."""
    folder = tmp_path_factory.mktemp("session-cache")
    before = os.environ.get("ACCORD_CACHE_DIR")
    os.environ["ACCORD_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["ACCORD_CACHE_DIR"]
    else:
        os.environ["ACCORD_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache folder ($ACCORD_CACHE_DIR), never the user's real one."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(folder))
    return folder


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Say how many generated cases the fuzz test ran, so CI's log shows it."""
    counts = config.stash.get(FUZZ_CASES, None)
    if counts:
        ran = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        terminalreporter.write_line(f"fuzz: {sum(counts.values())} generated cases ({ran})")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites expected files (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def minimal_org() -> str:
    """The text of a small valid okrs/org.yaml (see MINIMAL_ORG)."""
    return MINIMAL_ORG


@pytest.fixture
def write_repo(tmp_path: Path) -> RepoWriter:
    """A function writing {repo-relative path: text or bytes} to a new folder it returns."""
    counter = 0

    def write(files: dict[str, str | bytes]) -> Path:
        nonlocal counter
        counter += 1
        root = tmp_path / f"repo{counter}"
        root.mkdir()
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write


def invoke(*args: str | Path) -> click.testing.Result:
    """Run `accord ARGS...` in-process and return click's Result (stdout and stderr apart)."""
    runner = click.testing.CliRunner()
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def run() -> Runner:
    """A function that runs `accord ARGS...` through click's CliRunner and returns the Result."""
    return invoke


def build_site(repo: Path, out: Path, as_of: str = "2026-11-23") -> Path:
    """Build `repo`'s site (its site/mkdocs.yml) strictly into `out`, as mkdocs build does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(repo / "site" / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins["accord"].config.as_of = as_of
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return out


def git(
    root: Path, *args: str, when: str = "2026-10-01T10:00:00", who: str = "T <t@example.com>"
) -> str:
    """Run git in `root` with a fixed date and author, so histories are reproducible."""
    import subprocess

    name, email = who[:-1].split(" <")
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
           "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}  # fmt: skip
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write {repository-relative path: text} under `root`."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example organisation's okrs/ (no git), to edit."""
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "okrs", tmp_path / "okrs")
    return tmp_path


def yaml_texts(repo: Path) -> dict[str, str]:
    """Every YAML file under `repo` by relative path: to compare a tree before and after."""
    return {p.relative_to(repo).as_posix(): p.read_text("utf-8") for p in repo.rglob("*.yaml")}
