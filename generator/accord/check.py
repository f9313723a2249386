"""`check(repo, as_of)`: load, validate, resolve, then the health rules, in one pass.

The rules only git can see (W217, W218) run when the caller hands over the history
(`git_history`; the site and `accord build` read it once for the check and the pages) or
asks `check` to read it (`accord check`: only once the OKRs are valid, and only the commits
of the active cycles). A folder outside git has none and those rules stay silent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from accord.changes.history import History, load_history
from accord.model.errors import GitFailure
from accord.model.findings import CheckResult, Finding, sort_findings
from accord.model.okrs import Model
from accord.read import schema
from accord.read.cachefile import HISTORY_CACHE, cache_dir
from accord.read.load import RepoFiles, load_files, load_files_at
from accord.read.source import Document
from accord.resolve.lenient import salvage
from accord.resolve.links import harvest_keys
from accord.resolve.plans import resolve
from accord.rules import history_since, run_rules

HistoryFor = Callable[[Model], History | None]  # the history the rules need for a model


def check(
    repo: Path,
    *,
    as_of: date,
    at: str | None = None,
    history: History | None = None,
    read_history: bool = False,
) -> CheckResult:
    """Everything that can be said about the OKRs in `repo` (as they were `at` a revision),
    with the history rules when `history` (up to the same revision) is given, or when
    `read_history` asks to read what they need from git once the OKRs are valid."""
    files = load_files_at(repo, at) if at else load_files(repo)
    if history is None and read_history:
        return check_files(files, as_of=as_of, history=_reader(repo, at, as_of))
    return check_files(files, as_of=as_of, history=history)


def _reader(repo: Path, at: str | None, as_of: date) -> HistoryFor:
    """What reads, for a valid model, the history its rules look at: the commits from the
    start of its earliest active cycle (`history_since`), through the cache."""

    def read(model: Model) -> History | None:
        return git_history(repo, at, since=history_since(model, as_of))

    return read


def git_history(repo: Path, at: str | None = None, since: date | None = None) -> History | None:
    """The OKRs' git history up to `at` (default: HEAD and the uncommitted edits), read
    through the cache the site keeps; None outside git, before the first commit, or when git
    cannot be read (the history rules then say nothing; a shallow clone is judged on what it
    holds)."""
    folder = cache_dir(repo)
    try:
        cache = folder / HISTORY_CACHE if folder else None
        history = load_history(repo, rev=at, cache=cache, since=since)
    except GitFailure:
        return None
    return history if history.state == "ok" else None


def check_files(
    files: RepoFiles, *, as_of: date, history: History | HistoryFor | None = None
) -> CheckResult:
    """Validate and resolve files already read (from disk or, later, from a git revision);
    `history`, or what it reads for the model, feeds the history rules."""
    findings: list[Finding] = list(files.findings)
    invalid: set[str] = set()
    for kind, doc in _documents(files):
        problems = schema.validate(doc, kind)
        findings.extend(problems)
        invalid.update(f.location.file for f in problems)
    model = None
    if files.org is not None and files.org.path not in invalid:
        # A team or statement file that breaks its schema is resolved without its malformed
        # parts, so its other problems show in the same run.
        salvaged = replace(
            files,
            teams=tuple(replace(f, doc=_usable(f.doc, "team", invalid)) for f in files.teams),
            statements=tuple(
                replace(f, doc=_usable(f.doc, "statement", invalid)) for f in files.statements
            ),
        )
        model, problems = resolve(salvaged, as_of, harvest_keys(files, invalid))
        findings.extend(problems)
    if model is not None and not findings:
        # Health is judged on a valid organisation only: with errors, a missing file would
        # make healthy objectives look unanswered or alone.
        read = history(model) if callable(history) else history
        findings.extend(run_rules(model, as_of, read))
    return CheckResult(model, sort_findings(findings), files.files)


def _documents(files: RepoFiles) -> list[tuple[str, Document]]:
    """Every parsed document with the kind of schema it must satisfy."""
    docs = [("org", files.org)]
    docs += [("team", f.doc) for f in files.teams]
    docs += [("statement", f.doc) for f in files.statements]
    return [(kind, doc) for kind, doc in docs if doc is not None]


def _usable(doc: Document | None, kind: str, invalid: set[str]) -> Document | None:
    """The document as it is when valid, else what `lenient.salvage` keeps of it."""
    if doc is None or doc.path not in invalid:
        return doc
    return salvage(doc, kind)
