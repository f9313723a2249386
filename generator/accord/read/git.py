"""The only GitPython user: one log of okrs/, blobs through one persistent reader.

Every question Accord asks git goes through `GitRepo`: the commits that touched okrs/ with
the blob ids of each changed file (one `git log --raw`, never a log per file), merges and
the commits they brought in, file contents by blob id (GitPython's `cat-file --batch`),
the files of a revision, uncommitted edits, and the notes of a notes ref (`agreed`). Git's
failures become `GitFailure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from accord.model.errors import GitFailure

NULL = "0" * 40
# Every listing is read with NUL separators (`-z`, `%x00`): NUL is the one character that
# cannot occur in a path, a name or a subject, so no commit or file name can break a parse.
_HEADER = ("%H", "%P", "%an", "%ae", "%aI", "%s")


@dataclass(frozen=True)
class FileChange:
    """A file a commit changed: repository-relative path and blob ids before and after."""

    path: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Commit:
    """A commit that touched okrs/."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str  # ISO 8601 with offset
    subject: str
    files: tuple[FileChange, ...]


class GitRepo:
    """A git repository holding an OKR repository (possibly in a subfolder)."""

    def __init__(self, repo: git.Repo, prefix: str) -> None:
        self.repo = repo
        self.prefix = prefix  # the OKR repository's folder inside the git work tree

    @classmethod
    def open(cls, root: Path) -> GitRepo | None:
        """The git repository that holds `root`, or None when there is none."""
        try:
            repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            return None
        top = Path(repo.working_tree_dir or root).resolve()
        prefix = root.resolve().relative_to(top).as_posix()
        return cls(repo, "" if prefix == "." else prefix + "/")

    def _git(self, *args: str) -> str:
        try:
            # --no-optional-locks: reading never writes, not even the index's stat cache that
            # `git status` refreshes (a check leaves .git as it found it).
            command = ["git", "--no-optional-locks", "-c", "core.quotepath=off", *args]
            return str(self.repo.git.execute(command))
        except git.GitCommandError as exc:
            detail = (exc.stderr or "").strip().splitlines()
            raise GitFailure(f"git {args[0]} failed: {detail[-1] if detail else exc}") from None

    def has_commits(self) -> bool:
        """True once the repository has at least one commit."""
        return self.repo.head.is_valid()

    def is_shallow(self) -> bool:
        """True for a shallow clone, whose history stops before the first commit."""
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def log(self, rev: str = "HEAD") -> list[Commit]:
        """Every non-merge commit that changed okrs/, oldest first, with blob ids."""
        out = self._git(
            "log", rev, "--no-merges", "--reverse", "--topo-order", "--raw", "--no-abbrev",
            "--no-renames", "-z", "--format=" + "%x00".join(_HEADER) + "%x00",
            "--", self.prefix + "okrs",
        )  # fmt: skip
        return _commits(out.split("\0"), self.prefix)

    def merges(self, rev: str = "HEAD") -> list[tuple[str, tuple[str, ...], str]]:
        """Every merge commit: its id, parents and subject (for pull-request numbers)."""
        out = self._git("log", rev, "--merges", "-z", "--format=%H%x00%P%x00%s")
        fields = out.split("\0") if out else []
        rows = zip(fields[0::3], fields[1::3], fields[2::3], strict=False)
        return [(sha.strip(), tuple(parents.split()), subject) for sha, parents, subject in rows]

    def parents(self, rev: str = "HEAD") -> dict[str, tuple[str, ...]]:
        """Every commit reachable from `rev` with its parents, first parent first."""
        rows = (line.split() for line in self._git("rev-list", "--parents", rev).splitlines())
        return {row[0]: tuple(row[1:]) for row in rows if row}

    def brought_in(self, merge: str, parents: tuple[str, ...]) -> list[str]:
        """The commits a merge brought in from its other parents."""
        ranges = [f"{parents[0]}..{other}" for other in parents[1:]]
        return self._git("rev-list", *ranges).split() if ranges else []

    def blob(self, sha: str) -> bytes:
        """A file's contents by blob id, through the persistent object reader."""
        try:
            data: bytes = self.repo.odb.stream(bytes.fromhex(sha)).read()
        except (ValueError, OSError) as exc:
            raise GitFailure(f"cannot read blob {sha[:12]}: {exc}") from None
        return data

    def files_at(self, rev: str) -> dict[str, str]:
        """The files under okrs/ at a revision, as OKR-repository-relative path -> blob id."""
        out = self._git("ls-tree", "-r", "-z", "--full-tree", rev, "--", self.prefix + "okrs")
        files = {}
        for line in filter(None, out.split("\0")):
            meta, path = line.split("\t", 1)
            if meta.split()[1] == "blob":
                files[path.removeprefix(self.prefix)] = meta.split()[2]
        return files

    def commit_of(self, rev: str) -> str:
        """The commit a revision names: an id, tag, branch, or a date (the last commit before)."""
        try:
            return self._git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
        except GitFailure:
            pass
        try:
            day = datetime.fromisoformat(rev)
        except ValueError:
            raise GitFailure(f"no commit, tag, branch or date named '{rev}'") from None
        if len(rev) == len("2026-10-15"):  # a whole day: everything committed on it counts
            day = day.replace(hour=23, minute=59, second=59)
        # Git's date parser gives up past 2099, where every commit is before the date anyway.
        before = day.isoformat() if day.year < 2100 else f"@{int(day.timestamp())}"
        found = self._git("rev-list", "-1", f"--before={before}", "HEAD")
        if not found.strip():
            raise GitFailure(f"no commit on or before {rev}: the history starts later")
        return found.strip()

    def default_base(self) -> str:
        """Where a proposal started: the merge-base with the remote's default branch, else
        with the local main or master, else HEAD."""
        for ref in ("origin/HEAD", "origin/main", "origin/master", "main", "master"):
            try:
                self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
            except GitFailure:
                continue
            return self._git("merge-base", "HEAD", ref).strip()
        return self.commit_of("HEAD")

    def notes(self, ref: str) -> dict[str, bytes]:
        """Each annotated object's note in the notes ref `ref` (none when there is no such ref)."""
        try:
            self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitFailure:
            return {}
        rows = (line.split() for line in self._git("notes", "--ref", ref, "list").splitlines())
        return {row[1]: self.blob(row[0]) for row in rows if len(row) == 2}

    def uncommitted(self) -> list[str]:
        """OKR-repository-relative paths under okrs/ that differ from HEAD in the work tree."""
        out = self._git(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", self.prefix + "okrs"
        )
        entries, paths = iter(out.split("\0")), []
        for entry in entries:
            if len(entry) > 3:
                paths.append(entry[3:].removeprefix(self.prefix))
                if entry[0] in "RC":
                    next(entries, None)  # -z gives a rename's old path after its new one
        return sorted(paths)


def _commits(tokens: list[str], prefix: str) -> list[Commit]:
    """`git log -z --raw` output split at NULs: each commit's header fields, then for each
    file it changed a `:meta` token and a path token."""
    rows: list[tuple[list[str], list[FileChange]]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        if not token:
            index += 1
        elif token.startswith(":") and rows:
            _, _, old, new, _ = token[1:].split()
            path = tokens[index + 1].removeprefix(prefix)
            rows[-1][1].append(FileChange(path, _blob(old), _blob(new)))
            index += 2
        else:
            rows.append((tokens[index : index + len(_HEADER)], []))
            index += len(_HEADER)
    return [_commit(header, files) for header, files in rows]


def _commit(header: list[str], files: list[FileChange]) -> Commit:
    sha, parents, author, email, day, subject = header
    return Commit(sha.strip(), tuple(parents.split()), author, email, day, subject, tuple(files))


def _blob(sha: str) -> str | None:
    return None if sha == NULL else sha


def git_prefix(root: Path) -> str:
    """The folder `root` is in inside its git work tree, as `sub/dir/` ("" at the top of the
    work tree, or with no git): links into the hosted repository put it before every path."""
    repo = GitRepo.open(root)
    return repo.prefix if repo else ""
