"""`accord checkin`: a check-in appended in place, every other byte of the file kept.

Each folder in tests/data/checkin/ holds a team file before and after the same check-in
(`CHECKIN` below). `pytest --update-golden` rewrites the after.yaml files from what the
command writes; review the diff before committing them.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import click.testing
import pytest

from accord.cli import checkin as checkin_command
from accord.cli.main import cli
from accord.edit import checkin
from accord.edit.checkin import Entry, format_number
from accord.model.errors import AccordError
from accord.read import source

from conftest import MINIMAL_ORG, RepoWriter, Runner

CASES = Path(__file__).parent / "data" / "checkin"
EXAMPLE = Path(__file__).resolve().parents[1] / "okrs"
TEAM = "okrs/2026-q4/ops.yaml"
NOTE = 'Two "quiet" weeks — at last \\ done'
CHECKIN = (
    "steady-ops.incidents", "--value", "2.5", "--confidence", "medium", "--still-agreed", "yes",
    "--note", NOTE, "--date", "2026-11-23", "--as-of", "2026-11-30",
)  # fmt: skip

TEAM_FILE = """\
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
          - date: 2026-11-02
            value: 3
            confidence: medium
"""


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    """A valid repository whose key result steady-ops.incidents has one check-in."""
    return write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: TEAM_FILE})


def _common(one: bytes, other: bytes) -> int:
    """How many bytes the two start with in common."""
    same = 0
    while same < min(len(one), len(other)) and one[same] == other[same]:
        same += 1
    return same


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_round_trip_keeps_every_other_byte(
    case: str, run: Runner, write_repo: RepoWriter, update_golden: bool
) -> None:
    """The check-in lands in the style around it and nothing else in the file changes."""
    before = (CASES / case / "before.yaml").read_bytes()
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: before})
    result = run("checkin", *CHECKIN, "--repo", repo)
    assert (result.exit_code, result.stderr) == (0, "")
    written = (repo / TEAM).read_bytes()
    if update_golden:
        (CASES / case / "after.yaml").write_bytes(written)
    assert written == (CASES / case / "after.yaml").read_bytes()
    assert run("check", "--repo", repo, "--as-of", "2026-11-30").exit_code == 0


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_round_trips_only_add_text(case: str) -> None:
    """Each after.yaml is its before.yaml with text inserted in one place, nothing removed."""
    before = (CASES / case / "before.yaml").read_bytes()
    after = (CASES / case / "after.yaml").read_bytes()
    head = _common(before, after)
    tail = _common(before[head:][::-1], after[::-1])
    assert head + tail == len(before) < len(after)
    added = after[head : len(after) - tail]
    assert b"2026-11-23" in added and b"2.5" in added


def test_the_summary_line_names_file_line_and_reading(run: Runner, repo: Path) -> None:
    """Exit 0 prints one line: where the check-in went, its date, ref, value and confidence."""
    result = run("checkin", *CHECKIN[:5], *CHECKIN[-4:], "--repo", repo)
    assert result.exit_code == 0
    assert result.stdout == (
        "okrs/2026-q4/ops.yaml:16: check-in 2026-11-23 on steady-ops.incidents: 2.5 (medium)\n"
    )


def test_example_organisation_gets_exactly_the_added_lines(run: Runner, tmp_path: Path) -> None:
    """A check-in on the example's on-time-service.on-time-rate adds three lines, nothing else."""
    shutil.copytree(EXAMPLE, tmp_path / "okrs")
    path = tmp_path / "okrs" / "2026-q4" / "operations.yaml"
    old = path.read_text(encoding="utf-8").splitlines(keepends=True)
    args = ["--value", "90", "--confidence", "medium", "--date", "2026-11-23"]
    result = run("checkin", "on-time-service.on-time-rate", *args, "--as-of", "2026-11-23",
                 "--repo", tmp_path)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    new = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = int(result.stdout.split(":")[1])
    added = ["          - date: 2026-11-23\n", "            value: 90\n"]
    added.append("            confidence: medium\n")
    assert new == old[: line - 1] + added + old[line - 1 :]
    assert result.stdout.endswith(
        ": check-in 2026-11-23 on on-time-service.on-time-rate: 90 (medium)\n"
    )


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-10-30", "comes after one dated 2026-11-02"),
        ("2026-09-30", "is outside 2026-q4"),
        ("2026-12-01", "is in the future (today is 2026-11-30)"),
    ],
    ids=["before-the-last", "outside-the-cycle", "in-the-future"],
)
def test_a_check_in_that_would_be_an_error_is_refused(
    run: Runner, repo: Path, day: str, words: str
) -> None:
    """E108 dates are refused with exit 1, the error on stderr, and the file untouched."""
    before = _snapshot(repo / TEAM)
    args = ("--value", "2", "--confidence", "low", "--date", day, "--as-of", "2026-11-30")
    result = run("checkin", "steady-ops.incidents", *args, "--repo", repo)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"error E108 check-in dated {day} {words}" in result.stderr
    assert result.stderr.startswith("okrs/2026-q4/ops.yaml:16:")
    assert _snapshot(repo / TEAM) == before


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("steady-ops.incidnets", "no key result 'steady-ops.incidnets' (did you mean "
                                 "'steady-ops.incidents'?)"),
        ("steady-ops", "'steady-ops' is an objective, not a key result; its key results: "
                       "steady-ops.incidents"),
        ("2026/steady-ops.incidents", "no key result '2026/steady-ops.incidents' (did you mean "
                                      "'2026-q4/steady-ops.incidents'?)"),
        ("2025-q4/steady-ops.incidents", "no cycle '2025-q4' (did you mean '2026-q4'?)"),
        ("Steady Ops", "'Steady Ops' is not a ref: write objective.kr or cycle/objective.kr"),
    ],
    ids=["misspelt", "objective", "wrong-cycle", "unknown-cycle", "not-a-ref"],
)  # fmt: skip
def test_a_ref_that_names_no_key_result_is_exit_2(
    run: Runner, repo: Path, ref: str, words: str
) -> None:
    """Unknown refs, objectives and unknown cycles are one line on stderr, exit 2."""
    result = run("checkin", ref, "--value", "2", "--confidence", "low", "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {words}\n"


def _two_cycles(write_repo: RepoWriter) -> Path:
    """The same key result id in 2026-q3 and 2026-q4."""
    q3 = '  2026-q3:\n    start: 2026-07-01\n    end: 2026-09-30\n    within: "2026"\n'
    org = MINIMAL_ORG + q3
    old = TEAM_FILE.replace("2026-11-02", "2026-08-03")
    return write_repo({"okrs/org.yaml": org, TEAM: TEAM_FILE, "okrs/2026-q3/ops.yaml": old})


def test_a_ref_in_several_cycles_is_ambiguous_without_a_current_one(
    run: Runner, write_repo: RepoWriter
) -> None:
    """With no cycle current on the date to decide, the candidates are listed (exit 2)."""
    repo = _two_cycles(write_repo)
    args = ("--value", "2", "--confidence", "low", "--date", "2027-01-04", "--repo", repo)
    result = run("checkin", "steady-ops.incidents", *args)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'steady-ops.incidents' is in several cycles: name one of "
        "2026-q3/steady-ops.incidents, 2026-q4/steady-ops.incidents\n"
    )


@pytest.mark.parametrize(("day", "file"), [("2026-08-20", "2026-q3"), ("2026-11-20", "2026-q4")])
def test_the_cycle_current_on_the_date_decides(
    run: Runner, write_repo: RepoWriter, day: str, file: str
) -> None:
    """An unprefixed ref goes to the innermost cycle whose dates hold the check-in date."""
    repo = _two_cycles(write_repo)
    args = ("--value", "2", "--confidence", "low", "--date", day, "--as-of", "2026-11-30")
    result = run("checkin", "steady-ops.incidents", *args, "--repo", repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"okrs/{file}/ops.yaml:16: check-in {day}")


def test_a_target_file_with_errors_is_exit_2(run: Runner, write_repo: RepoWriter) -> None:
    """A check-in is not added to a file that already has errors: fix them first."""
    text = TEAM_FILE.replace("owner: ben\n    why", "owner: bne\n    why")
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: text})
    result = run("checkin", "steady-ops.incidents", "--value", "2", "--confidence", "low",
                 "--date", "2026-11-20", "--repo", repo)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: okrs/2026-q4/ops.yaml has errors already (1): run 'accord check' and fix them\n"
    )


def test_not_a_repository_is_exit_2(run: Runner, tmp_path: Path) -> None:
    """Outside an OKR repository there is nothing to check in to."""
    result = run("checkin", "a.b", "--value", "1", "--confidence", "low", "--repo", tmp_path)
    assert result.exit_code == 2
    assert "not an OKR repository" in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "ninety"])
def test_a_value_that_is_not_a_finite_number_is_a_usage_error(
    run: Runner, repo: Path, value: str
) -> None:
    """--value must be a finite number (exit 2, file untouched)."""
    result = run("checkin", "steady-ops.incidents", "--value", value, "--confidence", "low",
                 "--repo", repo)  # fmt: skip
    assert result.exit_code == 2
    assert "--value" in result.stderr
    assert (repo / TEAM).read_text(encoding="utf-8") == TEAM_FILE


def test_dry_run_prints_a_diff_and_writes_nothing(run: Runner, repo: Path) -> None:
    """--dry-run shows the change as a unified diff against a/ and b/ and leaves the file."""
    before = _snapshot(repo / TEAM)
    result = run("checkin", *CHECKIN, "--dry-run", "--repo", repo)
    assert result.exit_code == 0
    assert result.stdout == textwrap.dedent(r"""
        --- a/okrs/2026-q4/ops.yaml
        +++ b/okrs/2026-q4/ops.yaml
        @@ -13,3 +13,8 @@
                   - date: 2026-11-02
                     value: 3
                     confidence: medium
        +          - date: 2026-11-23
        +            value: 2.5
        +            confidence: medium
        +            still_agreed: true
        +            note: "Two \"quiet\" weeks — at last \\ done"
        """).lstrip("\n")
    assert _snapshot(repo / TEAM) == before


def test_dry_run_marks_a_missing_final_newline(run: Runner, write_repo: RepoWriter) -> None:
    """The diff of a file without a final line break says so, as git does."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: TEAM_FILE.rstrip("\n")})
    result = run("checkin", *CHECKIN, "--dry-run", "--repo", repo)
    assert result.stdout.count("\\ No newline at end of file\n") == 2


def test_date_defaults_to_today(run: Runner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --date the check-in is dated today, which SOURCE_DATE_EPOCH can set."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795478400")  # 2026-11-24
    result = run("checkin", "steady-ops.incidents", "--value", "2", "--confidence", "high",
                 "--repo", repo)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "check-in 2026-11-24 on steady-ops.incidents: 2 (high)" in result.stdout


def test_the_file_mode_is_kept(run: Runner, repo: Path) -> None:
    """The rewritten file keeps its permission bits, and no temporary file is left behind."""
    (repo / TEAM).chmod(0o640)
    assert run("checkin", *CHECKIN, "--repo", repo).exit_code == 0
    assert (repo / TEAM).stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in (repo / TEAM).parent.iterdir()) == ["ops.yaml"]


KILL = """\
import os, signal, sys
import accord.cli.main
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)
sys.argv = ["accord", "checkin", *sys.argv[1:]]
accord.cli.main.main()
"""


def test_killed_mid_write_leaves_the_original_intact(run: Runner, repo: Path) -> None:
    """Killed before the rename, the old file stays byte for byte; `check` skips the temp file."""
    before = (repo / TEAM).read_bytes()
    argv = [sys.executable, "-c", KILL, *CHECKIN, "--repo", str(repo)]
    process = subprocess.run(argv, capture_output=True, check=False)
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert (repo / TEAM).read_bytes() == before
    leftovers = [p.name for p in (repo / TEAM).parent.iterdir() if p.name != "ops.yaml"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".ops.yaml.")
    assert "still_agreed: true" in (repo / TEAM).parent.joinpath(leftovers[0]).read_text()
    result = run("check", "--repo", repo, "--as-of", "2026-11-30")
    assert result.exit_code == 0
    assert "2 files checked" in result.stdout and ".ops.yaml." not in result.stdout


@pytest.mark.parametrize(
    ("value", "text"), [(90.0, "90"), (90.5, "90.5"), (-3.0, "-3"), (0.1, "0.1"), (1e20, "1e+20")]
)
def test_numbers_are_written_as_given(value: float, text: str) -> None:
    """Integral values are written without a fraction, others as the shortest exact text."""
    assert format_number(value) == text


@pytest.mark.parametrize(
    "note", ['say "hi"', "tab\tand\nnewline", "back\\slash", "odd \u2028 \x85 \x7f \ufeff", "é ✓"]
)
def test_notes_read_back_exactly(note: str) -> None:
    """A note is double-quoted with escapes, so any text reads back as written."""
    entry = Entry(date(2026, 11, 23), 1, "low", None, note)
    doc, findings = source.parse("{" + ", ".join(entry.fields()) + "}\n", "x.yaml")
    assert findings == [] and doc is not None
    assert doc.data == entry.data()


def test_ends_mark_where_values_stop() -> None:
    """`Document.ends` is past a value's last character, bracket or descendant."""
    text = "a:\n  - b: 1\n    c: >-\n      x\n\n  - {d: 'e'}\nf: [1,\n   2]\n"
    doc, _ = source.parse(text, "x.yaml")
    assert doc is not None
    assert doc.ends[("a", 0, "b")] == (2, 9)
    assert doc.ends[("a", 0, "c")] == doc.ends[("a", 0)] == (6, 1)
    assert doc.ends[("a", 1, "d")] == (6, 12)
    assert doc.ends[("a", 1)] == doc.ends[("a",)] == (6, 13)
    assert doc.ends[("f",)] == (8, 6)


def test_options_reach_the_core(run: Runner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each option lands in the Entry handed to plan_checkin, and --as-of is its today."""
    calls: list[tuple[str, Entry, date]] = []

    def fake(repo: Path, ref: str, entry: Entry, *, as_of: date) -> checkin.Plan:
        calls.append((ref, entry, as_of))
        return checkin.Plan(repo / TEAM, TEAM, ref, entry, "a\n", "a\nb\n", 2)

    monkeypatch.setattr(checkin, "plan_checkin", fake)
    args = ("--value", "7", "--confidence", "high", "--still-agreed", "no", "--note", "n")
    result = run("checkin", "x.y", *args, "--as-of", "2026-11-02", "--dry-run", "--repo", repo)
    assert result.exit_code == 0
    assert calls == [("x.y", Entry(date(2026, 11, 2), 7.0, "high", False, "n"), date(2026, 11, 2))]
    assert result.stdout.endswith("@@ -1 +1,2 @@\n a\n+b\n")


def test_an_org_with_errors_is_exit_2(run: Runner, write_repo: RepoWriter) -> None:
    """Without a valid org.yaml no ref can be resolved: one line on stderr, exit 2."""
    repo = write_repo({"okrs/org.yaml": "name: [", TEAM: TEAM_FILE})
    result = run("checkin", "steady-ops.incidents", "--value", "1", "--confidence", "low",
                 "--repo", repo)  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: okrs/org.yaml has errors: run 'accord check' and fix them first\n"
    )


def test_a_read_only_team_file_is_refused(run: Runner, repo: Path) -> None:
    """A team file without write permission (even for root) is left alone: one line, exit 2."""
    before = (repo / TEAM).read_bytes()
    (repo / TEAM).chmod(0o444)
    result = run("checkin", *CHECKIN, "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {repo / TEAM}: the file is read-only; make it writable first\n"
    assert (repo / TEAM).read_bytes() == before and (repo / TEAM).stat().st_mode & 0o777 == 0o444


def test_a_team_file_swapped_for_a_link_out_of_the_repository_is_never_written(
    repo: Path, tmp_path: Path
) -> None:
    """A team file replaced, between reading and writing, by a symlink to a file outside the
    repository: the check-in is refused and that file keeps its bytes."""
    plan = checkin.plan_checkin(
        repo, "steady-ops.incidents", Entry(date(2026, 11, 23), 2, "low"), as_of=date(2026, 11, 30)
    )
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(TEAM_FILE, encoding="utf-8")
    (repo / TEAM).unlink()
    (repo / TEAM).symlink_to(outside)
    with pytest.raises(AccordError, match="outside the repository"):
        checkin.write_checkin(repo, plan)
    assert outside.read_text(encoding="utf-8") == TEAM_FILE


def _checkin_in_a_process(args: list[str]) -> tuple[int, str]:
    """`accord checkin ARGS` in this (worker) process: its exit code and stderr."""
    import click.testing

    from accord.cli.main import cli

    result = click.testing.CliRunner().invoke(cli, ["checkin", *args])
    return result.exit_code, result.stderr


def test_two_check_ins_at_once_both_land(repo: Path) -> None:
    """Two processes checking in on the same file at the same moment, again and again:
    every check-in ends up in the file."""
    import multiprocessing

    rounds, common = 12, ["--confidence", "low", "--as-of", "2026-11-30", "--repo", str(repo)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        for turn in range(rounds):
            args = [
                ["steady-ops.incidents", "--value", str(v), "--note", f"{who}-{turn}", *common]
                for v, who in ((turn, "first"), (turn + 0.5, "second"))
            ]
            assert pool.map(_checkin_in_a_process, args) == [(0, ""), (0, "")]
    text = (repo / TEAM).read_text(encoding="utf-8")
    for turn in range(rounds):
        assert f'"first-{turn}"' in text and f'"second-{turn}"' in text, turn
    assert text.count("- date:") == 1 + 2 * rounds


def test_a_check_in_waits_while_another_command_holds_the_lock(repo: Path, run: Runner) -> None:
    """While the edit lock on okrs/ is held, a check-in writes nothing; released, it lands."""
    import threading

    from accord.read.writes import locked

    before = (repo / TEAM).read_bytes()
    results: list[int] = []
    args = ["steady-ops.incidents", "--value", "3", "--confidence", "low", "--as-of", "2026-11-30"]
    waiter = threading.Thread(
        target=lambda: results.append(run("checkin", *args, "--repo", repo).exit_code)
    )
    with locked(repo / "okrs"):
        waiter.start()
        waiter.join(timeout=1.0)
        assert waiter.is_alive() and (repo / TEAM).read_bytes() == before
    waiter.join(timeout=30)
    assert results == [0]
    assert (repo / TEAM).read_text(encoding="utf-8").count("- date:") == 2


DISAGREED = (
    TEAM_FILE
    + """\
            still_agreed: false
            note: Nobody agrees incidents are the measure any more.
"""
)
AFTER_FALSE = ("steady-ops.incidents", "--value", "2", "--confidence", "low", "--date",
               "2026-11-16", "--as-of", "2026-11-23")  # fmt: skip


def _checkin_with_input(repo: Path, answer: str, *args: str) -> click.testing.Result:
    """`accord checkin` run in-process with `answer` typed at the terminal."""
    runner = click.testing.CliRunner()
    argv = ["checkin", *AFTER_FALSE, *args, "--repo", str(repo)]
    return runner.invoke(cli, argv, input=answer, catch_exceptions=False)


def _last_checkin(repo: Path) -> dict[str, object]:
    doc, _ = source.parse((repo / TEAM).read_text(encoding="utf-8"), TEAM)
    assert doc is not None
    checkins: list[dict[str, object]] = doc.data["objectives"][0]["key_results"][0]["checkins"]
    return checkins[-1]


def test_after_a_false_a_run_without_a_terminal_says_the_disagreement_stays_open(
    run: Runner, write_repo: RepoWriter
) -> None:
    """No --still-agreed after a `false`, nobody at the terminal: one line on stderr, exit 0."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: DISAGREED})
    result = run("checkin", *AFTER_FALSE, "--repo", repo)
    assert result.exit_code == 0
    assert result.stderr == (
        "The check-in of 2026-11-02 on steady-ops.incidents said the people involved no longer "
        "agree why it matters, and this one does not answer still_agreed, so the disagreement "
        "stays open (W208): answer it with --still-agreed yes|no\n"
    )
    assert "still_agreed" not in _last_checkin(repo)


@pytest.mark.parametrize(("typed", "written"), [("y\n", True), ("n\n", False)])
def test_after_a_false_a_terminal_is_asked_whether_we_still_agree(
    write_repo: RepoWriter, monkeypatch: pytest.MonkeyPatch, typed: str, written: bool
) -> None:
    """At a terminal the question is asked, and the answer is written into the check-in."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: DISAGREED})
    monkeypatch.setattr(checkin_command, "_interactive", lambda: True)
    result = _checkin_with_input(repo, typed)
    assert result.exit_code == 0
    assert "Do you still agree why it matters and what you would trade for it? [y/n/skip]" in (
        result.stdout
    )
    assert _last_checkin(repo)["still_agreed"] is written
    assert "stays open" not in result.stderr


def test_skipping_the_question_leaves_the_disagreement_open(
    write_repo: RepoWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`skip` writes the check-in without the field, and says the disagreement stays open."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: DISAGREED})
    monkeypatch.setattr(checkin_command, "_interactive", lambda: True)
    result = _checkin_with_input(repo, "skip\n")
    assert result.exit_code == 0
    assert "stays open (W208)" in result.stderr
    assert "still_agreed" not in _last_checkin(repo)


def test_no_question_when_the_answer_is_given_or_nothing_is_open(
    write_repo: RepoWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--still-agreed answers it; after a `true` (or no answer yet) there is nothing to ask."""
    monkeypatch.setattr(checkin_command, "_interactive", lambda: True)
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, TEAM: DISAGREED})
    given = _checkin_with_input(repo, "", "--still-agreed", "yes")
    assert given.exit_code == 0 and "[y/n/skip]" not in given.stdout and not given.stderr
    again = _checkin_with_input(repo, "")
    assert again.exit_code == 0 and "[y/n/skip]" not in again.stdout and not again.stderr


def test_the_last_disagreement_is_the_latest_false_not_answered_by_a_true() -> None:
    """A check-in that leaves still_agreed out does not answer an earlier `false`."""
    false, true, unsaid = (
        {"date": "2026-10-01", "still_agreed": False},
        {"date": "2026-10-15", "still_agreed": True},
        {"date": "2026-11-01"},
    )
    assert checkin.last_disagreement([false, unsaid]) == "2026-10-01"
    assert checkin.last_disagreement([false, true, unsaid]) is None
    assert checkin.last_disagreement([true, false]) == "2026-10-01"
    assert checkin.last_disagreement([unsaid]) is None
    assert checkin.last_disagreement(None) is None
