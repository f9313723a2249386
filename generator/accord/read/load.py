"""Walk `okrs/`, read every YAML file, and sort them into org, team files and statements.

Placement by shape happens here (E107 for a YAML file where no OKR file belongs, a
directory named like a YAML file, a symlink that leaves the repository). Whether a folder
names a declared cycle and a file a declared team is known only after org.yaml is read,
so `resolve/plans.py` checks that.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from accord.model.errors import AccordError, NotARepository, UnreadablePath
from accord.model.findings import Finding
from accord.model.location import Location
from accord.read import source
from accord.read.git import GitRepo
from accord.read.source import Document
from accord.read.text import not_regular

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
    # In the order the folder walk finds them (by each part of the path: 2026/ before
    # 2026-q4/), so a check at a revision says what the same files on disk would.
    yaml = (p for p in files if p.endswith(YAML_SUFFIXES) and "/." not in f"/{p}")
    names = sorted(yaml, key=lambda p: p.split("/"))
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
    try:
        mode = org.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = 0
    except OSError as exc:  # okrs/ itself unreadable (no search permission)
        reason = exc.strerror or type(exc).__name__
        raise UnreadablePath(f"{root / OKRS}: cannot read the folder: {reason}") from None
    if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and org.is_dir()):
        raise NotARepository(f"{org}: is a directory; it must be the organisation's YAML file")
    if not mode:
        raise NotARepository(
            f"{root.resolve()}: not an OKR repository (no {ORG_FILE}); "
            "run 'accord init' to start one or pass --repo DIR"
        )
    return root.resolve()


def iter_yaml_paths(root: Path, findings: list[Finding]) -> Iterator[str]:
    """Repository-relative paths of the YAML files under okrs/, sorted; hidden names skipped.

    Depth first without recursion (folders can nest thousands deep); a folder is entered
    once per path, so a symlink loop ends."""
    top = root / OKRS
    stack = [(_entries(top, OKRS, findings), OKRS, frozenset({_identity(top)}))]
    while stack:
        entries, rel, seen = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        child = f"{rel}/{entry.name}"
        what = _what(root, entry, child, findings)
        if what == "yaml":
            yield child
        elif what == "folder" and (target := _identity(Path(entry.path))) not in seen:
            stack.append((_entries(Path(entry.path), child, findings), child, seen | {target}))


def _identity(folder: Path) -> tuple[int, int]:
    """What a folder is, whatever the path to it: its device and inode."""
    try:
        info = folder.stat()
    except OSError:  # entered anyway: its entries say what cannot be read
        return -1, hash(str(folder))
    return info.st_dev, info.st_ino


def _entries(folder: Path, rel: str, findings: list[Finding]) -> Iterator[os.DirEntry[str]]:
    """A folder's entries sorted by name, hidden ones left out; E100 when it cannot be read."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        message = f"cannot read the folder: {exc.strerror or type(exc).__name__}"
        findings.append(Finding("E100", Location(rel), message))
        return iter(())
    return iter([entry for entry in entries if not entry.name.startswith(".")])


def _what(root: Path, entry: os.DirEntry[str], rel: str, findings: list[Finding]) -> str:
    """ "yaml" for a file to read, "folder" for one to enter, "" for neither (E107 if refused).

    Only `stat` is asked, never `open`: a FIFO named like a team file is refused unopened."""
    path, is_yaml = Path(entry.path), entry.name.endswith(YAML_SUFFIXES)
    try:
        if entry.is_symlink() and not _inside(root, path):
            if is_yaml or path.is_dir():
                message = "symlink to a path outside the repository: refused, not followed"
                findings.append(Finding("E107", Location(rel), message))
            return ""
        if entry.is_dir():
            if not is_yaml:
                return "folder"
            findings.append(
                Finding("E107", Location(rel), f"a directory named like a YAML file: {_PLACES}")
            )
            return ""
        if not is_yaml or entry.is_file():
            return "yaml" if is_yaml else ""
        findings.append(not_regular(rel, entry.stat().st_mode))
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or type(exc).__name__}"
        findings.append(Finding("E100", Location(rel), message))
    return ""


def _inside(root: Path, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False
