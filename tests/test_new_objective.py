"""`accord new objective`: a draft objective appended in place, every other byte kept.

The repository is `MINIMAL_ORG` with a company objective for 2026 (`keep-customers`) and
an Operations file for 2026-q4. Each test runs the command as a user would and looks at
the files it leaves behind.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from accord.edit.newobjective import slug
from accord.edit.skeleton import PLACEHOLDER_KR_TITLE
from accord.read import source

from conftest import MINIMAL_ORG, RepoWriter, Runner

AS_OF = "2026-11-30"
OPS = "okrs/2026-q4/ops.yaml"
SALES = "okrs/2026-q4/sales.yaml"
HEADER = "# yaml-language-server: $schema=../../schema/team.schema.json\n"
COMPANY = """\
objectives:
  - id: keep-customers
    title: Customers stay with us
    owner: ada
    why_now: Churn doubled last year and renewals fund everything else.
    key_results:
      - id: renewal-rate
        title: Contracts renewed
        owner: ada
        start: 80
        target: 92
        unit: "%"
"""
OPS_FILE = f"""\
{HEADER}# Operations for the quarter.
stop_doing:
  - Weekend callouts for non-urgent faults

objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    supports: [keep-customers]
    why_now: Two outages in Q3 cost us a renewal.
    key_results:
      - id: incidents
        title: Severity-1 incidents per month
        owner: ben
        start: 4
        target: 1
"""
ADDED = """\

  - id: faster-repairs
    title: "Faster repairs"
    owner: ben
    why_now: "To be written in review: why this matters now, and what it serves."
    supports: [keep-customers]
    status: draft
    key_results:
      - id: to-be-agreed
        title: "To be agreed in review: the measurable outcome that shows this is achieved"
        owner: ben
        start: 0
        target: 1
"""
NEW = ("new", "objective")
FASTER = (*NEW, "--team", "ops", "--cycle", "2026-q4", "--title", "Faster repairs",
          "--owner", "ben", "--supports", "keep-customers", "--as-of", AS_OF)  # fmt: skip


@pytest.fixture
def repo(write_repo: RepoWriter) -> Path:
    """A valid repository: the company's 2026 objective and Operations' 2026-q4 file."""
    files = {"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": HEADER + COMPANY}
    return write_repo({**files, OPS: OPS_FILE})


def _tree(repo: Path) -> dict[str, bytes]:
    """Every file under the repository, by relative path, with its bytes."""
    return {str(p.relative_to(repo)): p.read_bytes() for p in repo.rglob("*") if p.is_file()}


def _objectives(repo: Path, rel: str) -> list[dict[str, object]]:
    doc, problems = source.read(repo, rel)
    assert doc is not None and problems == []
    objectives: list[dict[str, object]] = doc.data["objectives"]
    return objectives


def _passes_check(run: Runner, repo: Path) -> None:
    result = run("check", "--repo", repo, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert " 0 errors" in result.stdout


def test_the_objective_is_appended_and_nothing_else_changes(run: Runner, repo: Path) -> None:
    """The file before is the start of the file after; the rest is the draft objective with
    its placeholder key result, indented as the file indents; one summary line is printed."""
    result = run(*FASTER, "--repo", repo)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Added objective faster-repairs to okrs/2026-q4/ops.yaml at line 19: a draft whose "
        "key results need agreeing in review (a placeholder stands in)\n"
    )
    assert (repo / OPS).read_text(encoding="utf-8") == OPS_FILE + ADDED
    _passes_check(run, repo)


def test_an_unindented_list_gets_an_unindented_objective(
    run: Runner, write_repo: RepoWriter
) -> None:
    """`objectives:` with its dashes at the key's column, key results likewise: the new
    objective follows suit, with no blank line where the file puts none between objectives."""
    team = (
        "objectives:\n"
        "- id: one\n  title: One\n  owner: ben\n  why_now: Because.\n  key_results:\n"
        "  - id: k\n    title: K\n    owner: ben\n    start: 0\n    target: 5\n"
        "- id: two\n  title: Two\n  owner: ben\n  why_now: Because.\n  key_results:\n"
        "  -   id: k\n      title: K\n      owner: ben\n      start: 0\n      target: 5\n"
    )
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, OPS: team})
    why = ("--why-now", "Because it matters now.")
    result = run(*NEW, "--team", "ops", "--cycle", "2026-q4", "--title", "Three", "--owner",
                 "cy", *why, "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (repo / OPS).read_text(encoding="utf-8") == team + (
        "- id: three\n"
        '  title: "Three"\n'
        "  owner: cy\n"
        '  why_now: "Because it matters now."\n'
        "  status: draft\n"
        "  key_results:\n"
        "  -   id: to-be-agreed\n"
        f'      title: "{PLACEHOLDER_KR_TITLE}"\n'
        "      owner: cy\n"
        "      start: 0\n"
        "      target: 1\n"
    )
    _passes_check(run, repo)


def test_text_after_the_list_stays_after_it(run: Runner, write_repo: RepoWriter) -> None:
    """With keys and comments below `objectives:`, the objective goes in after its last item
    (and the comment lines that belong to it) and every line around is kept."""
    tail = (
        "    # the last key result's own comment, kept with it\n"
        "\n"
        "# Warnings we accept this quarter\n"
        "accept:\n"
        "  - rule: W211\n"
        "    reason: Stop-doing is agreed at the company level.\n"
    )
    before = OPS_FILE.replace("stop_doing:\n  - Weekend callouts for non-urgent faults\n", "")
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY,
                       OPS: before + tail})  # fmt: skip
    assert run(*FASTER, "--repo", repo).exit_code == 0
    head, comment = before + tail.split("\n", 1)[0] + "\n", tail.split("\n", 1)[1]
    assert (repo / OPS).read_text(encoding="utf-8") == head + ADDED + comment
    _passes_check(run, repo)


def test_a_file_without_a_final_line_break_keeps_it_missing(
    run: Runner, write_repo: RepoWriter
) -> None:
    """No line break is added where the file had none: the objective ends the file the same way."""
    files = {"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY}
    repo = write_repo({**files, OPS: OPS_FILE.rstrip("\n")})
    assert run(*FASTER, "--repo", repo).exit_code == 0
    assert (repo / OPS).read_text(encoding="utf-8") == OPS_FILE + ADDED.rstrip("\n")


def test_crlf_and_a_byte_order_mark_are_kept(run: Runner, write_repo: RepoWriter) -> None:
    """A Windows file keeps its BOM and gets CRLF line ends on the new lines too."""
    text = "\ufeff" + OPS_FILE.replace("\n", "\r\n")
    files = {"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY}
    repo = write_repo({**files, OPS: text.encode("utf-8")})
    assert run(*FASTER, "--repo", repo).exit_code == 0
    expected = "\ufeff" + (OPS_FILE + ADDED).replace("\n", "\r\n")
    assert (repo / OPS).read_bytes() == expected.encode("utf-8")


def test_an_empty_flow_list_becomes_a_block_list(run: Runner, write_repo: RepoWriter) -> None:
    """`objectives: []  # comment` loses only its `[]`, and the objective is indented as the
    file's other lists (here: not at all)."""
    team = "stop_doing:\n- Cold calls\nobjectives: []  # none yet\n"
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY,
                       OPS: team})  # fmt: skip
    assert run(*FASTER, "--repo", repo).exit_code == 0
    text = (repo / OPS).read_text(encoding="utf-8")
    assert text.startswith("stop_doing:\n- Cold calls\nobjectives:  # none yet\n- id: faster-")
    assert "  key_results:\n  - id: to-be-agreed\n    title:" in text
    assert [o["id"] for o in _objectives(repo, OPS)] == ["faster-repairs"]
    _passes_check(run, repo)


def test_a_flow_list_gets_one_more_flow_item(run: Runner, write_repo: RepoWriter) -> None:
    """Objectives written `[{...}]` get a `{...}` after the last one, the rest untouched."""
    team = (
        "objectives: [{id: one, title: One, owner: ben, why_now: Because.,\n"
        "  key_results: [{id: k, title: K, owner: ben, start: 0, target: 5}]}]\n"
    )
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026/company.yaml": COMPANY,
                       OPS: team})  # fmt: skip
    assert run(*FASTER, "--repo", repo).exit_code == 0
    text = (repo / OPS).read_text(encoding="utf-8")
    assert text.startswith(team[: team.rindex("]")])
    assert text.endswith("start: 0, target: 1}]}]\n")
    assert [o["id"] for o in _objectives(repo, OPS)] == ["one", "faster-repairs"]
    _passes_check(run, repo)


def test_a_team_without_a_file_gets_one_with_the_schema_comment(run: Runner, repo: Path) -> None:
    """Sales has no 2026-q4 file: it is created, starting with the comment the other team
    files start with, and holds exactly the new objective."""
    result = run(*NEW, "--team", "sales", "--cycle", "2026-q4", "--title", "Quotes the same day",
                 "--owner", "cy", "--supports", "keep-customers.renewal-rate", "--repo", repo,
                 "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "Added objective quotes-same-day to okrs/2026-q4/sales.yaml (a new file) at line 3: "
    )
    text = (repo / SALES).read_text(encoding="utf-8")
    assert text.startswith(HEADER + "objectives:\n  - id: quotes-same-day\n")
    assert "    supports: [keep-customers.renewal-rate]\n" in text
    assert (repo / SALES).stat().st_mode & 0o777 == 0o644
    assert not [p for p in (repo / "okrs/2026-q4").iterdir() if p.name.startswith(".")]
    _passes_check(run, repo)


def test_a_declared_cycle_without_a_folder_gets_one(run: Runner, write_repo: RepoWriter) -> None:
    """A cycle declared in org.yaml but never planned yet: its folder and file are made."""
    org = MINIMAL_ORG + "  2027-q1:\n    start: 2027-01-01\n    end: 2027-03-31\n"
    repo = write_repo({"okrs/org.yaml": org})
    result = run(*NEW, "--team", "ops", "--cycle", "2027-q1", "--title", "Ready for summer",
                 "--owner", "ben", "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (repo / "okrs/2027-q1/ops.yaml").read_text(encoding="utf-8").startswith(HEADER)
    assert [o["title"] for o in _objectives(repo, "okrs/2027-q1/ops.yaml")] == ["Ready for summer"]
    _passes_check(run, repo)


HOSTILE = [
    'Say "no" to: #hashtags & *stars* ${{ github.token }} <script>alert(1)</script>',
    "- dash first, then 'quotes', a \\ backslash and a \t tab",
    "ünïcødé — 数据 \u2028 line separator, \x85 next line, \x00 nul, \ufeff bom",
    "[flow], {mapping}, !tag, &anchor, *alias, | block, > folded, % directive, @ ` reserved",
    "null",
    "2026-10-01",
    "yes",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_reads_back_exactly(run: Runner, repo: Path, title: str) -> None:
    """Whatever the title and why-now hold (quotes, YAML syntax, workflow expressions, HTML,
    control characters), they read back as given, and the file stays valid."""
    if "\u2028" in title or "\x85" in title:  # a line break for YAML: not a one-line title
        why, title = title, "Plain title"
    else:
        why = f"Because {title}"
    result = run(*NEW, "--team", "ops", "--cycle", "2026-q4", "--title", title, "--owner",
                 "ben", "--why-now", why, "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    added = _objectives(repo, OPS)[-1]
    assert added["title"] == title
    assert added["why_now"] == why.replace(" \u2028 ", " ").replace(", \x85 ", ", ")
    _passes_check(run, repo)


@pytest.mark.parametrize("title", ["Two\nlines", "Carriage\rreturn", "Separated\u2028line"])
def test_a_title_with_a_line_break_is_refused(run: Runner, repo: Path, title: str) -> None:
    """A title is one line: a line break is refused with one line on stderr, exit 2."""
    before = _tree(repo)
    result = run(*NEW, "--team", "ops", "--cycle", "2026-q4", "--title", title, "--owner",
                 "ben", "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --title must be one line: the outcome, in words ")
    assert _tree(repo) == before


def test_line_breaks_in_why_now_fold_into_spaces(run: Runner, repo: Path) -> None:
    """The why-now from a multi-line text box becomes one paragraph."""
    why = "Two outages cost a renewal.\r\n\r\n  The board asked why.  \n"
    assert run(*FASTER, "--why-now", why, "--repo", repo).exit_code == 0
    folded = "Two outages cost a renewal. The board asked why."
    assert _objectives(repo, OPS)[-1]["why_now"] == folded


ERRORS = [
    (["--team", "opps"], "okrs/org.yaml:9:1: error E103 --team 'opps' is not a team declared "
     "in okrs/org.yaml (did you mean 'ops'?)"),
    (["--cycle", "2026-q5"], "okrs/org.yaml:21:1: error E103 --cycle '2026-q5' is not a cycle "
     "declared in okrs/org.yaml (did you mean '2026-q4'?)"),
    (["--team", "../../../etc/passwd"], "error E103 --team '../../../etc/passwd' is not a team"),
    (["--owner", "bne"], "okrs/2026-q4/ops.yaml:21:12: error E103 owner 'bne' is not a person "
     "declared in okrs/org.yaml (did you mean 'ben'?)"),
    (["--supports", "keep-customer"], "okrs/2026-q4/ops.yaml:23:16: error E104 supports "
     "'keep-customer' — no such objective in 2026-q4 or 2026 (did you mean 'keep-customers'?)"),
    (["--id", "steady-ops"], "okrs/2026-q4/ops.yaml:19:9: error E105 objective id 'steady-ops' "
     "is used twice in 2026-q4"),
    (["--id", "Not An Id"], "okrs/2026-q4/ops.yaml:19:9: error E102"),
    (["--owner", "${{ github.token }}"], "okrs/2026-q4/ops.yaml:21:12: error E102"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "finding"), ERRORS, ids=lambda a: str(a)[:30])
def test_errors_are_findings_and_nothing_is_written(
    run: Runner, repo: Path, args: list[str], finding: str
) -> None:
    """Unknown team, cycle, owner or priority, or a taken or malformed id: exit 1 with the
    usual `file:line:col: error E1xx` findings on stderr, and no file changes."""
    options = dict(zip(FASTER[2::2], FASTER[3::2], strict=False))
    options.update(zip(args[::2], args[1::2], strict=True))
    before = _tree(repo)
    result = run(*NEW, *(x for pair in options.items() for x in pair), "--repo", repo)
    assert result.exit_code == 1, result.output
    assert finding in result.stderr
    assert result.stdout == ""
    assert _tree(repo) == before


def test_dry_run_prints_the_diff_and_writes_nothing(run: Runner, repo: Path) -> None:
    """--dry-run shows the change as git would and leaves every file as it was."""
    before = _tree(repo)
    result = run(*FASTER, "--dry-run", "--repo", repo)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- a/{OPS}\n+++ b/{OPS}\n@@ -15,3 +15,16 @@\n")
    assert "".join(line[1:] + "\n" for line in result.stdout.splitlines()[6:]) == ADDED
    assert _tree(repo) == before


def test_dry_run_of_a_new_file_diffs_from_dev_null(run: Runner, repo: Path) -> None:
    """For a file the command would create, the diff starts from /dev/null."""
    result = run(*NEW, "--team", "sales", "--cycle", "2026-q4", "--title", "Quotes", "--owner",
                 "cy", "--dry-run", "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith(f"--- /dev/null\n+++ b/{SALES}\n@@ -0,0 +1,13 @@\n+{HEADER}")
    assert not (repo / SALES).exists()


def test_a_read_only_team_file_is_refused(run: Runner, repo: Path) -> None:
    """A team file without write permission is left alone: one line, exit 2."""
    (repo / OPS).chmod(0o444)
    result = run(*FASTER, "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {repo / OPS}: the file is read-only; make it writable first\n"
    assert (repo / OPS).read_text(encoding="utf-8") == OPS_FILE


def test_a_team_file_linking_out_of_the_repository_is_refused(
    run: Runner, repo: Path, tmp_path: Path
) -> None:
    """A team file that is a symlink to a file outside the repository is never written."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(OPS_FILE, encoding="utf-8")
    (repo / OPS).unlink()
    (repo / OPS).symlink_to(outside)
    result = run(*FASTER, "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {OPS} has errors already (1)")
    assert outside.read_text(encoding="utf-8") == OPS_FILE


def test_a_cycle_folder_linking_out_of_the_repository_gets_no_new_file(
    run: Runner, repo: Path, tmp_path: Path
) -> None:
    """A new file is never created through a symlinked folder that leaves the repository."""
    outside = tmp_path / "outside-cycle"
    outside.mkdir()
    org = MINIMAL_ORG + "  2027-q1:\n    start: 2027-01-01\n    end: 2027-03-31\n"
    (repo / "okrs/org.yaml").write_text(org, encoding="utf-8")
    (repo / "okrs/2027-q1").symlink_to(outside)
    result = run(*NEW, "--team", "ops", "--cycle", "2027-q1", "--title", "T", "--owner", "ben",
                 "--repo", repo, "--as-of", AS_OF)  # fmt: skip
    assert result.exit_code == 2
    assert "leads outside the repository through a symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_broken_team_file_is_refused(run: Runner, repo: Path) -> None:
    """A team file that does not parse is not edited: fix it first (exit 2, one line)."""
    (repo / OPS).write_text("objectives: [\n", encoding="utf-8")
    result = run(*FASTER, "--repo", repo)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {OPS} has errors already (1): run 'accord check' and fix them\n"
    )
    assert (repo / OPS).read_text(encoding="utf-8") == "objectives: [\n"


def test_ids_from_titles_are_short_ascii_and_unique() -> None:
    """The default id: ASCII words of the title joined by hyphens, articles dropped, at most
    40 characters at a word boundary, with -2, -3 when the cycle has it already."""
    assert slug("The Fastest Repairs in the Gulf!", set()) == "fastest-repairs-in-gulf"
    assert slug("Café crème for everyone", set()) == "cafe-creme-for-everyone"
    long = "Every customer hears from us within one working day of raising a fault"
    assert slug(long, set()) == "every-customer-hears-from-us-within-one"
    assert slug("数据", set()) == "objective"
    assert slug("Faster repairs", {"faster-repairs", "faster-repairs-2"}) == "faster-repairs-3"


def test_a_taken_title_gets_the_next_free_id(run: Runner, repo: Path) -> None:
    """Proposing a title twice makes two objectives, not a duplicate id."""
    assert run(*FASTER, "--repo", repo).exit_code == 0
    result = run(*FASTER, "--repo", repo)
    assert result.exit_code == 0
    assert result.stdout.startswith("Added objective faster-repairs-2 to ")
    assert [o["id"] for o in _objectives(repo, OPS)][-2:] == ["faster-repairs", "faster-repairs-2"]


def test_supports_may_list_several_refs(run: Runner, repo: Path) -> None:
    """--supports repeats, or holds refs separated by commas or spaces (as a form's text box
    gives them); repeats are written once."""
    args = ("--supports", "keep-customers, 2026/keep-customers.renewal-rate keep-customers")
    assert run(*FASTER, *args, "--repo", repo).exit_code == 0
    assert _objectives(repo, OPS)[-1]["supports"] == [
        "keep-customers", "2026/keep-customers.renewal-rate",
    ]  # fmt: skip


def test_not_an_okr_repository_is_exit_2(run: Runner, tmp_path: Path) -> None:
    """A folder without okrs/org.yaml: one line on stderr, exit 2."""
    result = run(*FASTER, "--repo", tmp_path)
    assert result.exit_code == 2
    assert "not an OKR repository" in result.stderr


def test_help_names_every_option(run: Runner) -> None:
    """`accord new objective --help` lists the options the issue form's workflow uses."""
    result = run(*NEW, "--help")
    assert result.exit_code == 0
    for option in ("--team", "--cycle", "--title", "--owner", "--supports", "--why-now", "--id",
                   "--dry-run", "--repo", "--as-of"):  # fmt: skip
        assert option in result.stdout
    assert "objective" in run("new", "--help").stdout


def test_the_readme_example_is_what_the_command_prints(run: Runner, tmp_path: Path) -> None:
    """The README's `accord new objective` example, run on the example organisation, prints
    exactly the diff and the summary line the README shows."""
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "okrs", tmp_path / "okrs")
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `accord new objective`", 1)[1].split("\n### ", 1)[0]
    example = section.split("For example", 1)[1].split("```\n", 2)[1]
    runs = example.split("$ accord ")[1:]
    assert len(runs) == 3
    for shown in runs:
        command, expected = shown.split("\n", 1)
        result = run(*shlex.split(command), "--repo", tmp_path, "--as-of", "2026-11-23")
        assert result.stdout + result.stderr == expected, command


def _propose_in_a_process(args: list[str]) -> tuple[int, str]:
    """`accord new objective ARGS` in this (worker) process: its exit code and stderr."""
    import click.testing

    from accord.cli.main import cli

    result = click.testing.CliRunner().invoke(cli, [*NEW, *args])
    return result.exit_code, result.stderr


def test_two_proposals_at_once_both_land(repo: Path) -> None:
    """Two processes proposing the same title at the same moment, again and again: every
    objective lands, each with an id of its own."""
    import multiprocessing

    rounds = 4
    args = [str(a) for a in (*FASTER[2:], "--repo", repo)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        for _ in range(rounds):
            assert pool.map(_propose_in_a_process, [args, args]) == [(0, ""), (0, "")]
    ids = [o["id"] for o in _objectives(repo, OPS)]
    assert ids == ["steady-ops", "faster-repairs", *(f"faster-repairs-{n}" for n in range(2, 9))]
