"""How every objective got to be the way it is: the okrs/ log read once, compared commit by
commit with `diff.compare`, tracked by id.

Each non-merge commit that touched okrs/ is compared with its parent, file by changed file
(blobs parsed once, by id), so a merge is never counted twice and an objective that moves
between files keeps its history. Pull-request numbers come from `#N` in a subject or from
the merge that brought the commit in (`pulls.py`). A shallow clone, a repository without
git or without commits, and uncommitted edits are each said so, never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from accord.changes.agreed import Agreed, read_records
from accord.changes.diff import Change, Snapshot, compare
from accord.changes.pulls import pull_requests, subject_pr
from accord.model.okrs import Objective, Plan
from accord.read import schema, source
from accord.read.cachefile import make_folder, read_entry, write_entry
from accord.read.git import Commit, FileChange, GitRepo
from accord.read.load import place
from accord.read.text import Refused, decode
from accord.resolve.plans import written_objectives, written_plan

CACHE_VERSION = 2  # 2: team files' accepted warnings, check-in edits in words
CACHE_KEY = "history"  # the cache file checks itself against this (`cachefile`)
# An `id:` key outside a comment: every objective has one, so a team file without any holds
# no objective (a file with one may still hold none; it is then taken as written, as before).
_NAMES_AN_ID = re.compile(rb"^[^#\n]*\bid[\"']?[ \t]*:", re.M)


@dataclass(frozen=True)
class Entry:
    """One commit's changes to the OKRs (or the uncommitted ones, with no sha)."""

    sha: str | None
    date: str
    author: str
    email: str
    subject: str
    changes: tuple[Change, ...]
    pr: int | None = None
    notes: tuple[str, ...] = ()
    agreed: Agreed | None = None  # who approved the pull request that merged it (`agreed`)


@dataclass(frozen=True)
class History:
    """Every entry, newest first, and what limits it (no git, no commits, shallow)."""

    state: str  # "ok", "no-git" or "no-commits"
    entries: tuple[Entry, ...] = ()
    shallow: bool = False
    by_key: Mapping[str, tuple[tuple[Entry, Change], ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # for the build's log: notes of who agreed left out
    # OKR-repository-relative path -> (date, id) of the first commit in which the file says
    # something (`_first_written`); files already there when a shallow clone begins have none.
    written: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    since: date | None = None  # commits dated before this day have no entry (not read)

    def of(self, key: str) -> tuple[tuple[Entry, Change], ...]:
        """The changes to an objective (and its key results) or a key result, newest first."""
        return self.by_key.get(key, ())


def load_history(
    root: Path,
    *,
    rev: str | None = None,
    cache: Path | None = None,
    progress: Progress | None = None,
    since: date | None = None,
) -> History:
    """The history of `root`'s OKRs up to `rev` (default: HEAD and the uncommitted edits).

    With `since`, only the commits dated on or after that day are compared (what the check's
    history rules look at); `written` still covers every commit, from the log and one blob per
    team file."""
    repo = GitRepo.open(root)
    if repo is None:
        return History("no-git")
    if not repo.has_commits():
        return History("no-commits", _uncommitted(repo, root))
    known = _read_cache(cache)
    head = repo.commit_of(rev) if rev else "HEAD"
    commits = repo.log(head)
    versions: Versions = {}  # each committed file version parsed once in this run
    prs = pull_requests(repo, head)
    shallow = repo.is_shallow()
    entries, fresh = [], 0
    for number, commit in enumerate(commits, 1):
        if since is not None and date.fromisoformat(commit.date[:10]) < since:
            continue
        boundary = shallow and number == 1
        entry = known.get(commit.sha)
        if entry is None:
            entry = known[commit.sha] = _entry(repo, commit, prs, boundary, versions)
            fresh += 1
        entries.append(entry)
        if progress:
            progress(number, len(commits))
    if fresh or not known:  # an unchanged cache is not written again
        _write_cache(cache, known)  # without the records of who agreed: read afresh
    records, warnings = read_records(repo, head)
    entries = [_agreed(entry, records.get(entry.sha or "")) for entry in entries]
    newest_first = (*(() if rev else _uncommitted(repo, root)), *reversed(entries))
    written = _first_written(repo, commits, shallow)
    index = _index(newest_first)
    return History("ok", newest_first, shallow, index, tuple(warnings), written, since)


def _first_written(
    repo: GitRepo, commits: list[Commit], shallow: bool
) -> dict[str, tuple[str, str]]:
    """Each file's first commit that says something, oldest first: for a team file, the first
    version that names an objective (a skeleton with `objectives: []` plans nothing yet); for
    any other file, its first. A shallow clone's first commit shows files that were there
    before it, whose start is not known: they are left out."""
    before = {c.path for c in commits[0].files} if shallow and commits else set()
    first: dict[str, tuple[str, str]] = {}
    for commit in commits[1:] if shallow else commits:
        for change in commit.files:
            path = change.path
            if path in first or path in before or change.new is None:
                continue
            where = place(path)
            if where and where[0] == "team" and not _NAMES_AN_ID.search(repo.blob(change.new)):
                continue
            first[path] = (commit.date, commit.sha)
    return first


def _agreed(entry: Entry, record: Agreed | None) -> Entry:
    """The entry with its record; the record's pull request is the one that merged it."""
    return entry if record is None else replace(entry, agreed=record, pr=record.pr)


Progress = Callable[[int, int], None]
TeamState = tuple[list[Objective], Plan | None]  # None: no such file
Versions = dict[tuple[str, str, str, str], TeamState | str]  # (blob, path, cycle, team)


def _entry(
    repo: GitRepo, commit: Commit, prs: dict[str, int], boundary: bool, versions: Versions
) -> Entry:
    """One commit compared with its parent, file by changed file."""
    pr = subject_pr(commit.subject) or prs.get(commit.sha)
    if boundary and not commit.parents:
        note = "history before this commit is not in this shallow clone"
        return Entry(
            commit.sha, commit.date, commit.author, commit.email, commit.subject, (), pr, (note,)
        )
    changes, notes = _changes(commit.files, repo.blob, lambda path: None, versions)
    return Entry(
        commit.sha, commit.date, commit.author, commit.email, commit.subject, changes, pr, notes
    )


def _changes(
    files: Iterable[FileChange],
    blob: Callable[[str], bytes],
    disk: Callable[[str], bytes | None],
    versions: Versions,
) -> tuple[tuple[Change, ...], tuple[str, ...]]:
    """The changes between the old and new versions of the changed team files."""
    old, new, notes = Snapshot(), Snapshot(), []
    for change in files:
        where = place(change.path)
        if where is None or where[0] != "team":
            continue
        _, cycle, team = where
        before = _version(versions, change.path, change.old, blob, cycle, team)
        # A version is the old side of the next commit that changes the file, rarely again
        # (a branch from it): let it go, and a second use parses it again.
        versions.pop((change.old or "", change.path, cycle, team), None)
        if change.new is None:
            after = _team(change.path, disk(change.path) or b"", cycle, team)
        else:
            after = _version(versions, change.path, change.new, blob, cycle, team)
        if isinstance(before, str) or isinstance(after, str):
            notes.append(before if isinstance(before, str) else str(after))
            continue
        old = _add(old, f"{cycle}/{team}", before)
        new = _add(new, f"{cycle}/{team}", after)
    return tuple(compare(old, new)), tuple(notes)


def _version(
    versions: Versions,
    path: str,
    sha: str | None,
    blob: Callable[[str], bytes],
    cycle: str,
    team: str,
) -> TeamState | str:
    """A committed version of a team file, parsed once per blob id while it is kept (a
    version is the new side of one commit and the old side of the next)."""
    if sha is None:
        return [], None
    key = (sha, path, cycle, team)
    if key not in versions:
        versions[key] = _team(path, blob(sha), cycle, team)
    return versions[key]


def _team(path: str, data: bytes, cycle: str, team: str) -> TeamState | str:
    """The objectives and the rest of one version of a team file, or why not."""
    if not data:
        return [], None
    try:
        doc, findings = source.parse(decode(data, path), path)
    except Refused as refused:
        doc, findings = None, [refused.finding]
    if doc is not None and not findings:
        findings = schema.validate(doc, "team")
    if doc is None or findings:
        first = findings[0]
        return f"{first.location}: {first.rule} {first.message} (this version is skipped)"
    objectives = written_objectives(doc, cycle, team)
    return objectives, written_plan(doc, cycle, team, tuple(o.key for o in objectives))


def _add(snap: Snapshot, key: str, state: TeamState) -> Snapshot:
    objectives, plan = state
    merged = {**snap.objectives, **{o.key: o for o in objectives}}
    plans = {k: p for k, p in snap.plans.items() if k != key}
    return Snapshot(merged, plans if plan is None else {**plans, key: plan})


def _uncommitted(repo: GitRepo, root: Path) -> tuple[Entry, ...]:
    """Edits under okrs/ not yet committed, compared with HEAD."""
    paths = repo.uncommitted()
    if not paths:
        return ()
    head = repo.files_at("HEAD") if repo.has_commits() else {}
    files = [FileChange(p, head.get(p), None) for p in paths]

    def disk(path: str) -> bytes | None:
        file = root / path
        return file.read_bytes() if file.is_file() else None

    changes, notes = _changes(files, repo.blob, disk, {})
    return (
        (Entry(None, "", "", "", "not yet committed", changes, None, notes),)
        if changes or notes
        else ()
    )


def _index(entries: Iterable[Entry]) -> dict[str, tuple[tuple[Entry, Change], ...]]:
    """Changes by objective key (its key results' too) and by key result key."""
    index: dict[str, list[tuple[Entry, Change]]] = {}
    for entry in entries:
        for change in entry.changes:
            index.setdefault(change.key, []).append((entry, change))
            if change.subject == "key result":
                index.setdefault(change.key.rsplit(".", 1)[0], []).append((entry, change))
    return {key: tuple(items) for key, items in index.items()}


def _read_cache(cache: Path | None) -> dict[str, Entry]:
    data = read_entry(cache, CACHE_KEY) if cache is not None else None
    try:
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        return {sha: _entry_from(raw) for sha, raw in data["entries"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a damaged cache is rebuilt, never trusted


def _entry_from(raw: dict[str, Any]) -> Entry:
    changes = tuple(Change(**c) for c in raw.pop("changes"))
    notes = tuple(raw.pop("notes"))
    raw.pop("agreed", None)  # never cached (`load_history`)
    return Entry(**raw, changes=changes, notes=notes)


def _write_cache(cache: Path | None, entries: dict[str, Entry]) -> None:
    if cache is None:
        return
    payload = {"version": CACHE_VERSION, "entries": {k: asdict(e) for k, e in entries.items()}}
    try:
        make_folder(cache.parent)
        write_entry(cache, CACHE_KEY, payload)
    except OSError:
        pass  # the cache only saves time
