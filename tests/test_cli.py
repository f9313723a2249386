"""The command line: options reach the core, output goes to the right stream, exit codes hold."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from accord import check as checking
from accord.engines import build as building
from accord.model.findings import CheckResult, Finding
from accord.model.location import Location

from conftest import MINIMAL_ORG, RepoWriter, Runner, git

TEAM_FILE = """\
stop_doing: [Weekly status decks]
objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    why_now: Two outages in Q3 cost us a renewal.
    key_results:
      - id: incidents
        title: Severity-1 incidents per month
        owner: ben
        start: 4
        target: 1
        checkins:
          - {date: 2026-11-20, value: 3, confidence: medium, still_agreed: true}
"""


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    """A valid repository with one team file."""
    return write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM_FILE})


@pytest.fixture
def broken(write_repo: RepoWriter) -> Path:
    """A repository whose team file names an owner nobody declared."""
    text = TEAM_FILE.replace("owner: ben\n    why_now", "owner: bne\n    why_now")
    return write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": text})


class FakeCheck:
    """Stands in for the core: records what it was asked and returns a fixed result."""

    def __init__(self, findings: tuple[Finding, ...] = ()) -> None:
        self.findings = findings
        self.calls: list[tuple[Path, date]] = []

    def __call__(
        self,
        repo: Path,
        *,
        as_of: date,
        at: str | None = None,
        history: object = None,
        read_history: bool = False,
    ) -> CheckResult:
        self.calls.append((repo, as_of))
        return CheckResult(None, self.findings, files=1)


WARNING = Finding("W211", Location("okrs/2026-q4/ops.yaml", 1, 1), "no stop_doing")


def test_clean_repository_exits_0_with_a_summary(run: Runner, repo: Path) -> None:
    """`accord check` on valid OKRs says so on stdout and exits 0."""
    result = run("check", "--repo", repo, "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert result.stdout == "2 files checked: no problems\n"
    assert result.stderr == ""


def test_errors_exit_1_with_findings_on_stdout(run: Runner, broken: Path) -> None:
    """Findings go to stdout, one per line, and errors make the exit code 1."""
    result = run("check", "--repo", broken)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("okrs/2026-q4/ops.yaml:5:12: error E103 owner 'bne'")
    assert "did you mean 'ben'?" in first
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "--repo", "{tmp}"], "not an OKR repository"),
        (["check", "--repo", "{tmp}/missing"], "no such directory"),
        (["export", "--repo", "{tmp}"], "not an OKR repository"),
    ],
)
def test_could_not_run_exits_2_with_one_line_on_stderr(
    run: Runner, tmp_path: Path, args: list[str], words: str
) -> None:
    """A folder without okrs/org.yaml, or no folder at all, is exit 2 with one stderr line."""
    result = run(*[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert words in result.stderr


@pytest.mark.parametrize("typed", ["cr\rlf", "two\nlines", "sep\u2028arator"])
def test_a_refusal_quoting_what_was_typed_stays_one_line(
    run: Runner, tmp_path: Path, typed: str
) -> None:
    """A ref or revision holding a line break is quoted escaped: the refusal is one line."""
    okr_repo = tmp_path / "repo"
    run("init", okr_repo, "--as-of", "2026-11-23")
    git(okr_repo, "init", "-q", "-b", "main")
    git(okr_repo, "add", "-A")
    git(okr_repo, "commit", "-q", "-m", "start")
    for args in (["check", "--at", typed], ["checkin", "--value", "1", "--confidence", "low"]):
        extra = ["--", typed] if args[0] == "checkin" else []
        result = run(*args, "--repo", okr_repo, *extra)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert repr(typed)[1:-1] in result.stderr


def test_org_yaml_as_a_directory_is_exit_2(run: Runner, tmp_path: Path) -> None:
    """okrs/org.yaml that is a folder cannot be an organisation."""
    (tmp_path / "okrs" / "org.yaml").mkdir(parents=True)
    result = run("check", "--repo", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize(
    "args", [["check", "--format", "xml"], ["check", "--as-of", "tomorrow"], ["nosuch"]]
)
def test_bad_arguments_exit_2(run: Runner, repo: Path, args: list[str]) -> None:
    """Unknown formats, bad dates and unknown commands are usage errors (exit 2)."""
    result = run(*args, "--repo", repo) if args[0] == "check" else run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_strict_fails_on_warnings(run: Runner, monkeypatch: pytest.MonkeyPatch, repo: Path) -> None:
    """Warnings pass by default and fail (exit 1) under --strict."""
    monkeypatch.setattr(checking, "check", FakeCheck((WARNING,)))
    assert run("check", "--repo", repo).exit_code == 0
    result = run("check", "--strict", "--repo", repo)
    assert result.exit_code == 1
    assert "warning W211 no stop_doing" in result.stdout


def test_as_of_and_source_date_epoch_set_today(
    run: Runner, monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    """--as-of wins; otherwise SOURCE_DATE_EPOCH sets the date the rules treat as today."""
    fake = FakeCheck()
    monkeypatch.setattr(checking, "check", fake)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1792627200")  # 2026-10-22
    run("check", "--repo", repo)
    run("check", "--repo", repo, "--as-of", "2026-11-02")
    assert [day for _, day in fake.calls] == [date(2026, 10, 22), date(2026, 11, 2)]
    assert fake.calls[0][0] == repo


def test_a_bad_source_date_epoch_is_exit_2(
    run: Runner, monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    """SOURCE_DATE_EPOCH that is not a number cannot be used as today."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("check", "--repo", repo)
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr


def test_json_format_counts_and_lists(run: Runner, broken: Path) -> None:
    """--format json prints one object with findings and counts."""
    result = run("check", "--format", "json", "--repo", broken)
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1 and payload["warnings"] == 0
    assert payload["findings"][0] | {"message": ""} == {
        "rule": "E103", "severity": "error", "file": "okrs/2026-q4/ops.yaml",
        "line": 5, "column": 12, "message": "", "accepted": None,
    }  # fmt: skip


def test_github_format_annotates_lines(run: Runner, broken: Path) -> None:
    """--format github prints workflow commands that GitHub places on the file's line."""
    result = run("check", "--format", "github", "--repo", broken)
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=okrs/2026-q4/ops.yaml,line=5,col=12,title=E103::owner")


def test_export_refuses_errors_on_stderr(run: Runner, broken: Path) -> None:
    """export of invalid OKRs prints the errors on stderr, nothing on stdout, exit 1."""
    result = run("export", "--repo", broken)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "E103" in result.stderr


def test_every_command_has_help(run: Runner) -> None:
    """Each subcommand (and each command of a group, such as `new objective`) explains
    itself with --help."""
    import click

    from accord.cli.main import cli

    for name, command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0
        if isinstance(command, click.Group):
            for sub in command.commands:
                result = run(name, sub, "--help")
                assert result.exit_code == 0 and "--repo" in result.stdout, (name, sub)
        elif name != "init":  # init makes a new repository in DIR; the others work on one
            assert "--repo" in result.stdout


def test_python_dash_m_and_the_console_script_agree(repo: Path) -> None:
    """`python -m accord` runs the same command as the installed `accord` script."""
    module = subprocess.run(
        [sys.executable, "-m", "accord", "check", "--repo", str(repo), "--as-of", "2026-11-23"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    script = Path(sys.executable).with_name("accord")
    installed = subprocess.run(
        [str(script), "check", "--repo", str(repo), "--as-of", "2026-11-23"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert module.returncode == installed.returncode == 0
    assert module.stdout == installed.stdout == "2 files checked: no problems\n"


def test_a_bug_ends_in_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    """An unexpected failure prints one line asking for a report, and exits 2."""
    from accord.cli.main import main

    def crash(*args: object, **kwargs: object) -> CheckResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(checking, "check", crash)
    monkeypatch.setattr(sys, "argv", ["accord", "check", "--repo", str(repo)])
    monkeypatch.delenv("ACCORD_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in err


def _site_repo(write_repo: RepoWriter) -> Path:
    """A valid repository with this project's site configuration."""
    import shutil

    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM_FILE})
    source = Path(__file__).resolve().parents[1] / "site"
    shutil.copytree(source, root / "site", ignore=shutil.ignore_patterns("public"))
    return root


def test_build_writes_the_site_and_says_where(
    run: Runner, write_repo: RepoWriter, tmp_path: Path
) -> None:
    """`accord build --out DIR` builds the pages and okrs.json and prints the path."""
    root = _site_repo(write_repo)
    result = run("build", "--repo", root, "--out", tmp_path / "out", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "okrs.json").is_file()
    assert str(tmp_path / "out" / "index.html") in result.stdout


def test_build_refuses_errors_and_builds_nothing(
    run: Runner, write_repo: RepoWriter, tmp_path: Path
) -> None:
    """With errors, build prints them (stderr) and exits 1 before touching the output."""
    root = _site_repo(write_repo)
    text = (root / "okrs/2026-q4/ops.yaml").read_text(encoding="utf-8")
    (root / "okrs/2026-q4/ops.yaml").write_text(text.replace("owner: ben", "owner: bne", 1))
    result = run("build", "--repo", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "E103" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_repository_with_only_okrs_builds_with_the_packaged_site(run: Runner, repo: Path) -> None:
    """No site/mkdocs.yml: the site Accord ships (the one init writes) builds into the
    repository's site/public/, saying so in one line, and nothing is written beside the
    packaged configuration."""
    from accord.read.packaged import template_root

    packaged = template_root() / "site"
    before = sorted(p.relative_to(packaged) for p in packaged.rglob("*"))
    result = run("build", "--repo", repo, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "site/mkdocs.yml" in line]
    assert notes == ["accord: " + building.PACKAGED]
    index = repo / "site" / "public" / "index.html"
    assert result.stdout.startswith(f"Site built: {index.resolve()}")
    assert "OKRs</title>" in index.read_text(encoding="utf-8")
    assert (repo / "site" / "public" / "okrs.json").is_file()
    assert sorted(p.relative_to(packaged) for p in packaged.rglob("*")) == before


def test_a_folder_without_okrs_or_site_says_how_to_start(run: Runner, tmp_path: Path) -> None:
    """Neither okrs/org.yaml nor site/mkdocs.yml: exit 2 and the way to get a repository."""
    result = run("build", "--repo", tmp_path, "--as-of", "2026-11-23")
    assert result.exit_code == 2
    assert "accord init" in result.stderr


@pytest.mark.parametrize("command", ["check", "init"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_outside_the_years_okrs_may_hold_is_a_bad_parameter(
    run: Runner, repo: Path, tmp_path: Path, command: str, day: str
) -> None:
    """--as-of 9999-12-31 (whose next day does not exist) is refused in one line, exit 2."""
    where = ["--repo", repo] if command == "check" else [tmp_path / "new"]
    result = run(command, *where, "--as-of", day)
    assert result.exit_code == 2
    assert "must be a date from 1900-01-01 to 2999-12-31" in result.stderr


def test_a_source_date_epoch_past_2999_is_exit_2(
    run: Runner, monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    """SOURCE_DATE_EPOCH in the year 9999 is refused like --as-of 9999-12-31."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402214400")  # 9999-12-31
    result = run("check", "--repo", repo)
    assert result.exit_code == 2
    assert "past 2999-12-31" in result.stderr
