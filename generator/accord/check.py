"""`check(repo, as_of)`: load, validate, resolve, then the health rules, in one pass.

The rules only git can see (W217, W218) run when the caller hands over the history
(`git_history`): `accord check` and the site do; a folder outside git has none and those
rules stay silent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from accord import schema
from accord.cachefile import HISTORY_CACHE, cache_dir
from accord.errors import GitFailure
from accord.findings import CheckResult, Finding, sort_findings
from accord.history import History, load_history
from accord.lenient import salvage
from accord.links import harvest_keys
from accord.load import RepoFiles, load_files, load_files_at
from accord.resolve import resolve
from accord.rules import run_rules
from accord.source import Document


def check(
    repo: Path, *, as_of: date, at: str | None = None, history: History | None = None
) -> CheckResult:
    """Everything that can be said about the OKRs in `repo` (as they were `at` a revision),
    with the history rules when `history` (up to the same revision) is given."""
    files = load_files_at(repo, at) if at else load_files(repo)
    return check_files(files, as_of=as_of, history=history)


def git_history(repo: Path, at: str | None = None) -> History | None:
    """The OKRs' git history up to `at` (default: HEAD and the uncommitted edits), read
    through the cache the site keeps; None outside git, before the first commit, or when git
    cannot be read (the history rules then say nothing; a shallow clone is judged on what it
    holds)."""
    folder = cache_dir(repo)
    try:
        history = load_history(repo, rev=at, cache=folder / HISTORY_CACHE if folder else None)
    except GitFailure:
        return None
    return history if history.state == "ok" else None


def check_files(files: RepoFiles, *, as_of: date, history: History | None = None) -> CheckResult:
    """Validate and resolve files already read (from disk or, later, from a git revision)."""
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
        findings.extend(run_rules(model, as_of, history))
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
