"""Walk `okrs/`, read every YAML file, and sort them into org, team files and statements.

Placement by shape happens here (E107 for a YAML file where no OKR file belongs, a
directory named like a YAML file, a symlink that leaves the repository). Whether a folder
names a declared cycle and a file a declared team is known only after org.yaml is read,
so `resolve.py` checks that.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from accord import source
from accord.errors import AccordError, NotARepository, UnreadablePath
from accord.findings import Finding, Location
from accord.git import GitRepo
from accord.source import Document

OKRS = "okrs"
ORG_FILE = f"{OKRS}/org.yaml"
STATEMENTS = "statements"
YAML_SUFFIXES = (".yaml", ".yml")

_PLACES = (
    "OKR files live at okrs/org.yaml, okrs/<cycle>/<team>.yaml "
    "and okrs/<cycle>/statements/<person>.yaml"
)


@dataclass(frozen=True)
class TeamFile:
    """`okrs/<cycle>/<team>.yaml`, named by its folder and file name."""

    cycle: str
    team: str
    doc: Document | None


@dataclass(frozen=True)
class StatementFile:
    """`okrs/<cycle>/statements/<person>.yaml`."""

    cycle: str
    person: str
    doc: Document | None


@dataclass(frozen=True)
class RepoFiles:
    """Every OKR file of a repository, parsed, with the findings of reading them."""

    org: Document | None
    teams: tuple[TeamFile, ...]
    statements: tuple[StatementFile, ...]
    findings: tuple[Finding, ...]
    files: int


def load_files(root: Path) -> RepoFiles:
    """Read `root/okrs/`; raise `NotARepository` when there is no okrs/org.yaml."""
    root = _repository_root(root)
    findings: list[Finding] = []
    parsed = ((rel, source.read(root, rel)) for rel in iter_yaml_paths(root, findings))
    return assemble(parsed, findings)


Parsed = tuple[str, tuple[Document | None, list[Finding]]]


def assemble(parsed: Iterable[Parsed], findings: list[Finding]) -> RepoFiles:
    """Sort parsed files (from disk or from a git revision) into org, teams and statements."""
    org: Document | None = None
    teams: list[TeamFile] = []
    statements: list[StatementFile] = []
    count = 0
    for rel, (doc, problems) in parsed:
        count += 1
        findings.extend(problems)
        kind, cycle, name = place(rel) or ("", "", "")
        if kind == "org":
            org = doc
        elif kind == "team":
            teams.append(TeamFile(cycle, name, doc))
        elif kind == "statement":
            statements.append(StatementFile(cycle, name, doc))
        else:
            message = f"not a place for an OKR file: {_PLACES}"
            findings.append(Finding("E107", Location(rel), message))
    return RepoFiles(org, tuple(teams), tuple(statements), tuple(findings), count)


def load_files_at(root: Path, rev: str) -> RepoFiles:
    """The OKR files as they were at a git revision (a commit, tag, branch or date)."""
    repo = GitRepo.open(_repository_root(root, at=True))
    if repo is None or not repo.has_commits():
        raise AccordError(f"{root.resolve()}: --at needs git history, and there is none here")
    files = repo.files_at(repo.commit_of(rev))
    if ORG_FILE not in files:
        raise NotARepository(f"{root.resolve()}: no {ORG_FILE} at '{rev}'")
    names = sorted(p for p in files if p.endswith(YAML_SUFFIXES) and "/." not in f"/{p}")
    parsed = ((rel, source.parse_bytes(repo.blob(files[rel]), rel)) for rel in names)
    return assemble(parsed, [])


def place(rel: str) -> tuple[str, str, str] | None:
    """What a repository-relative path holds: ("org"|"team"|"statement", cycle, name)."""
    parts = rel.split("/")
    if parts[0] != OKRS or not rel.endswith(YAML_SUFFIXES):
        return None
    stem = parts[-1].rsplit(".", 1)[0]
    if rel == ORG_FILE:
        return "org", "", ""
    if len(parts) == 3:
        return "team", parts[1], stem
    if len(parts) == 4 and parts[2] == STATEMENTS:
        return "statement", parts[1], stem
    return None


def _repository_root(root: Path, at: bool = False) -> Path:
    if not root.is_dir():
        problem = "is not a directory" if root.exists() else "no such directory"
        raise UnreadablePath(f"{root}: {problem}")
    if at:
        return root.resolve()
    org = root / ORG_FILE
    if org.is_dir():
        raise NotARepository(f"{org}: is a directory; it must be the organisation's YAML file")
    if not org.is_file() and not org.is_symlink():
        raise NotARepository(
            f"{root.resolve()}: not an OKR repository (no {ORG_FILE}); "
            "run 'accord init' to start one or pass --repo DIR"
        )
    return root.resolve()


def iter_yaml_paths(root: Path, findings: list[Finding]) -> Iterator[str]:
    """Repository-relative paths of the YAML files under okrs/, sorted; hidden names skipped."""
    yield from _walk(root, root / OKRS, OKRS, findings, {(root / OKRS).resolve()})


def _walk(
    root: Path, folder: Path, rel: str, findings: list[Finding], seen: set[Path]
) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        message = f"cannot read the folder: {exc.strerror or type(exc).__name__}"
        findings.append(Finding("E100", Location(rel), message))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, child = Path(entry.path), f"{rel}/{entry.name}"
        is_yaml = entry.name.endswith(YAML_SUFFIXES)
        if entry.is_symlink() and not _inside(root, path):
            if is_yaml or path.is_dir():
                message = "symlink to a path outside the repository: refused, not followed"
                findings.append(Finding("E107", Location(child), message))
            continue
        if entry.is_dir():
            target = path.resolve()
            if is_yaml:
                message = f"a directory named like a YAML file: {_PLACES}"
                findings.append(Finding("E107", Location(child), message))
            elif target not in seen:
                yield from _walk(root, path, child, findings, seen | {target})
        elif is_yaml:
            yield child


def _inside(root: Path, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False
