"""History read from real git commits: moves, retargets, merges, broken commits, clones."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accord.changes import history as history_module
from accord.changes.history import Entry, load_history
from accord.changes.pulls import pull_requests
from accord.model.location import Location
from accord.model.organisation import Org, Person
from accord.render.timeline import People

from conftest import git, write_files

ORG = """\
name: Test Co
people:
  omar: {name: Omar Haddad, github: omar-h, email: omar@example.com}
  priya: {name: Priya Raman, email: priya@example.com}
teams:
  co: {name: Co, lead: priya}
  gulf-field: {name: Gulf Field, lead: omar, parent: co}
  field-services: {name: Field Services, lead: priya, parent: co}
cycles:
  2026-q4: {start: 2026-10-01, end: 2026-12-31}
"""
OBJECTIVE = """\
  - id: on-time
    title: Visits start on time
    owner: omar
    why_now: Late visits cost us two renewals this year, and ten more renew in March.
    key_results:
      - {id: rate, title: Visits on time, owner: omar, start: 80, target: 90}
"""
OMAR = "Omar Haddad <omar@example.com>"
GULF, FIELD = "okrs/2026-q4/gulf-field.yaml", "okrs/2026-q4/field-services.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commits: first OKRs; a branch moving on-time to another team's file, merged as PR #7;
    a squash-style retarget '(#9)' by a GitHub noreply author; a commit with broken YAML."""
    root = tmp_path / "okrs-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    first = "stop_doing: [Weekly decks]\nobjectives:\n" + OBJECTIVE
    write_files(
        root, {"okrs/org.yaml": ORG, GULF: first, FIELD: "stop_doing: [x]\nobjectives: []\n"}
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First OKRs", who=OMAR)
    git(root, "checkout", "-qb", "move")
    write_files(root, {GULF: "stop_doing: [Weekly decks]\nobjectives: []\n",
                 FIELD: "stop_doing: [x]\nobjectives:\n" + OBJECTIVE})  # fmt: skip
    git(root, "commit", "-qam", "Move on-time to field services", when="2026-10-05T10:00:00",
        who="Priya Raman <priya@example.com>")  # fmt: skip
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "move", "-m", "Merge pull request #7 from test/move",
        when="2026-10-06T10:00:00", who="Priya Raman <priya@example.com>")  # fmt: skip
    write_files(root, {FIELD: (root / FIELD).read_text().replace("target: 90", "target: 95")})
    git(root, "commit", "-qam", "Retarget on-time rate (#9)", when="2026-10-08T10:00:00",
        who="omar-h <123+omar-h@users.noreply.github.com>")  # fmt: skip
    write_files(root, {GULF: "objectives: [\n"})
    git(root, "commit", "-qam", "Half-saved file", when="2026-10-09T10:00:00", who=OMAR)
    return root


def lines(root: Path, key: str) -> list[str]:
    """`date | author | PR | change` for every change to `key`, newest first."""
    return [
        f"{e.date[:10] if e.sha else '-'} | {e.author or '-'} | #{e.pr} | {c.text}"
        for e, c in load_history(root).of(key)
    ]


def test_an_objective_keeps_its_history_across_a_move_and_a_merge(repo: Path) -> None:
    """Its history, byte for byte: added, moved (once, not again at the merge), retargeted."""
    assert lines(repo, "2026-q4/on-time") == [
        "2026-10-08 | omar-h | #9 | target 90 -> 95",
        "2026-10-05 | Priya Raman | #7 | moved from gulf-field to field-services",
        "2026-10-01 | Omar Haddad | #None | objective added: Visits start on time",
    ]
    assert lines(repo, "2026-q4/on-time.rate") == ["2026-10-08 | omar-h | #9 | target 90 -> 95"]


def test_a_commit_with_broken_yaml_is_skipped_with_a_note(repo: Path) -> None:
    """The broken commit is an entry with a note naming the file and line, not a crash."""
    (newest, *_) = load_history(repo).entries
    assert newest.subject == "Half-saved file" and newest.changes == ()
    assert newest.notes[0].startswith("okrs/2026-q4/gulf-field.yaml:2:1: E100")
    assert "skipped" in newest.notes[0]


def test_uncommitted_edits_come_first(repo: Path) -> None:
    """Edits in the work tree show as 'not yet committed', newest of all."""
    write_files(
        repo,
        {FIELD: (repo / FIELD).read_text().replace("owner: omar, start", "owner: priya, start")},
    )
    entry = load_history(repo).entries[0]
    assert (entry.sha, entry.subject) == (None, "not yet committed")
    assert [c.text for c in entry.changes] == ["owner omar -> priya"]


def test_a_folder_without_git_or_commits_has_no_history(tmp_path: Path) -> None:
    """No git and an empty repository both say so instead of failing."""
    plain = tmp_path / "plain"
    write_files(plain, {"okrs/org.yaml": ORG})
    assert load_history(plain).state == "no-git"
    empty = tmp_path / "empty"
    write_files(empty, {"okrs/org.yaml": ORG})
    git(empty, "init", "-q")
    assert load_history(empty).state == "no-commits"


def test_a_shallow_clone_says_its_history_is_truncated(repo: Path, tmp_path: Path) -> None:
    """A clone with --depth 1 is marked shallow and its oldest commit says why it has no changes."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True)
    found = load_history(clone)
    assert found.shallow
    assert "shallow" in found.entries[-1].notes[0]


def test_the_cache_is_used_and_a_damaged_one_is_rebuilt(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reads only new commits; a cache that cannot be read is ignored."""
    cache = tmp_path / "cache.json"
    first = load_history(repo, cache=cache)

    def refuse(*args: object, **kwargs: object) -> Entry:
        raise AssertionError("a cached commit was read again")

    monkeypatch.setattr(history_module, "_entry", refuse)
    assert load_history(repo, cache=cache).entries == first.entries
    cache.write_text("{not json", encoding="utf-8")
    monkeypatch.undo()
    assert load_history(repo, cache=cache).entries == first.entries


def test_authors_are_matched_to_people() -> None:
    """Name, e-mail or GitHub handle (also from a noreply address) finds the person."""
    where = Location("okrs/org.yaml")
    people = {
        "omar": Person("omar", "Omar Haddad", where, github="omar-h"),
        "priya": Person("priya", "Priya Raman", where, email="priya@example.com"),
    }
    org = Org("Co", people, {}, {})

    def entry(author: str, email: str) -> Entry:
        return Entry("a" * 40, "2026-10-01", author, email, "x", ())

    assert People(org).of(entry("Omar Haddad", "o@elsewhere")) == "omar"
    assert People(org).of(entry("someone", "PRIYA@example.com")) == "priya"
    assert People(org).of(entry("x", "123+omar-h@users.noreply.github.com")) == "omar"
    assert People(org).of(entry("Stranger", "s@example.com")) is None


def test_the_site_shows_history_on_the_objective_page_and_the_history_page(repo: Path) -> None:
    """Objective pages list their changes, /history/ groups them, home shows recent ones."""
    from datetime import date

    from accord.check import check
    from accord.render.pages import render_pages

    write_files(
        repo, {GULF: "stop_doing: [Weekly decks]\nobjectives: []\n"}
    )  # mend the broken file
    as_of = date(2026, 10, 15)
    pages = {
        p.uri: p.render().html
        for p in render_pages(check(repo, as_of=as_of), as_of, history=load_history(repo))
    }
    objective = pages["2026-q4/field-services/on-time/index.md"]
    history = objective.split('<h2 id="history">History</h2>', 1)[1]
    assert "target 90 -&gt; 95" in history and "moved from gulf-field to field-services" in history
    assert (
        "pull request #7" in history
        and '<a href="../../../people/priya/">Priya Raman</a>' in history
    )
    assert ">2026-10-05: Move on-time to field services</h3>" in pages["history/index.md"]
    assert ">What changed in the last 14 days</h2>" in pages["index.md"]
    assert "target 90 -&gt; 95" in pages["index.md"].split(">Health</h2>")[0]


def test_home_shows_no_change_made_after_the_day_it_is_built_as_of(repo: Path) -> None:
    """Built as of 2026-10-07, home's recent changes stop there: the retarget of the 8th is not
    among them, and the move of the 5th is."""
    from datetime import date

    from accord.check import check
    from accord.render.pages import render_pages

    write_files(repo, {GULF: "stop_doing: [Weekly decks]\nobjectives: []\n"})
    git(repo, "commit", "-qam", "Mend", when="2026-10-10T10:00:00", who=OMAR)
    as_of = date(2026, 10, 7)
    home = next(
        p.render().html
        for p in render_pages(check(repo, as_of=as_of), as_of, history=load_history(repo))
        if p.uri == "index.md"
    )
    recent = home.split(">What changed in the last 14 days</h2>", 1)[1].split("<h2", 1)[0]
    assert "moved from gulf-field to field-services" in recent
    assert "target 90 -&gt; 95" not in recent and "Mend" not in recent


def test_time_travel_shows_the_okrs_as_they_were(repo: Path) -> None:
    """`--at` a date, branch or commit checks and exports the OKRs of that moment."""
    import json

    from click.testing import CliRunner

    from accord.cli.main import cli

    def export(at: str) -> dict[str, object]:
        done = CliRunner().invoke(
            cli, ["export", "--repo", str(repo), "--at", at, "--as-of", "2026-10-15"]
        )
        assert done.exit_code == 0, done.stderr
        return dict(json.loads(done.stdout))

    def team_of(data: dict[str, object]) -> str:
        objectives = data["objectives"]
        assert isinstance(objectives, list)
        return str(next(o["team"] for o in objectives if o["id"] == "on-time"))

    assert team_of(export("2026-10-02")) == "gulf-field"  # before the move
    assert team_of(export("main~1")) == "field-services"  # after it, before the broken commit
    broken = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--at", "main"])
    assert broken.exit_code == 1 and "E100" in broken.stdout
    unknown = CliRunner().invoke(cli, ["check", "--repo", str(repo), "--at", "no-such-branch"])
    assert unknown.exit_code == 2 and "no-such-branch" in unknown.stderr


def test_diff_reports_a_move_between_team_files_as_a_move(repo: Path) -> None:
    """`accord diff` across the move says 'moved', not a removal and an addition."""
    from click.testing import CliRunner

    from accord.cli.main import cli

    done = CliRunner().invoke(
        cli, ["diff", "main~3", "main~1", "--repo", str(repo), "--as-of", "2026-10-15"]
    )
    assert done.exit_code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "  moved objective 2026-q4/on-time: Visits start on time"
    moved = lines.index("    - moved from gulf-field to field-services")  # under it
    assert lines[moved + 1] == "    - key result rate: target 90 -> 95"
    asks = [line for line in lines if line.startswith("  ask ")]
    assert any("they lead Gulf Field" in line for line in asks)  # the team it leaves
    assert any("moves into their team" in line for line in asks)  # and the one it joins


def test_a_long_history_gets_a_page_per_week(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past HISTORY_UP_TO commits /history/ lists the weeks (newest first, with their commit
    counts) and keeps only the uncommitted edits; each week has its own page."""
    from datetime import date

    from accord.check import check
    from accord.render import pages as pages_module

    monkeypatch.setattr(pages_module, "HISTORY_UP_TO", 1)
    write_files(repo, {GULF: "stop_doing: [Weekly decks]\nobjectives: []\n"})  # mended
    git(repo, "commit", "-qam", "Mend", when="2026-10-12T10:00:00", who=OMAR)
    write_files(repo, {FIELD: (repo / FIELD).read_text().replace("target: 95", "target: 99")})
    as_of = date(2026, 10, 15)
    history = load_history(repo)
    shown = [e for e in history.entries if e.sha and e.changes]
    pages = {
        p.uri: p.render().html
        for p in pages_module.render_pages(check(repo, as_of=as_of), as_of, history=history)
    }
    front = pages["history/index.md"]
    week_pages = sorted(uri for uri in pages if uri.startswith("history/2026-w"))
    assert week_pages and all(
        f'href="{uri.removeprefix("history/").removesuffix("index.md")}"' in front
        for uri in week_pages
    )
    assert "target 95 -&gt; 99" in front and "Move on-time to field services" not in front
    week = next(uri for uri in week_pages if "Move on-time" in pages[uri])
    assert week == "history/2026-w41/index.md"  # 5 October 2026 is in ISO week 41
    assert "<td>5 Oct to 11 Oct 2026</td>" in front
    assert ">History: 2026-w41</h1>" in pages[week] and "target 95 -&gt; 99" not in pages[week]
    counted = sum(pages[uri].count("<h3") for uri in week_pages)
    assert counted == len(shown) == 3


def test_pull_request_numbers_through_nested_merges(tmp_path: Path) -> None:
    """A pull request merged into a feature branch that main then merges without a pull
    request: its commits keep their pull request's number; main's own commits have none."""
    from accord.read.git import GitRepo

    root = tmp_path / "nested"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_files(root, {"okrs/org.yaml": ORG})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Start")
    git(root, "checkout", "-qb", "feature")
    git(root, "checkout", "-qb", "fix")
    write_files(root, {FIELD: "stop_doing: [x]\nobjectives: []\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Fix", when="2026-10-02T10:00:00")
    git(root, "checkout", "-q", "feature")
    git(root, "merge", "-q", "--no-ff", "fix", "-m", "Merge pull request #3 from t/fix",
        when="2026-10-03T10:00:00")  # fmt: skip
    git(root, "checkout", "-q", "main")
    write_files(root, {GULF: "stop_doing: [y]\nobjectives: []\n"})
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Direct", when="2026-10-03T11:00:00")
    git(root, "merge", "-q", "--no-ff", "feature", "-m", "Merge branch 'feature'",
        when="2026-10-04T10:00:00")  # fmt: skip
    repo = GitRepo.open(root)
    assert repo is not None
    numbers = pull_requests(repo, "HEAD")
    subjects = {c.sha: c.subject for c in repo.log("HEAD")}
    assert {subjects.get(sha, "merge"): pr for sha, pr in numbers.items()} == {"Fix": 3}
