"""Editing one OKR file's text in place: what `checkin` and `new objective` share.

An edit never dumps a file again. It is planned on the text (positions from `source.py`
say where new text goes, in the style of what surrounds it), the edited text is parsed and
read back, and the whole repository is checked with it before anything is written; then
the file is replaced atomically, all under the repository's edit lock. This module holds
those steps; each command decides only what text to insert and where.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from accord.check import check_files
from accord.model.errors import AccordError
from accord.model.findings import CheckResult, Finding, Severity
from accord.model.okrs import Model
from accord.model.organisation import Org
from accord.model.refs import did_you_mean
from accord.read import source
from accord.read.load import OKRS, RepoFiles, TeamFile, load_files
from accord.read.source import Document, JsonPath
from accord.read.text import Mark, Refused, decode
from accord.read.writes import create_file, locked, replace_file, writable_target

BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as a line break
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")  # anchors and tags before a value
_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # not printable in YAML
_SURROGATE = re.compile("[\ud800-\udfff]")


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar that reads back exactly, whatever it holds."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def refuse_surrogates(text: str, option: str) -> None:
    """Refuse text with lone surrogates (bytes that were not UTF-8 on the command line)."""
    if _SURROGATE.search(text):
        raise AccordError(f"{option} is not valid UTF-8 text")


def check_before(repo: Path, *, as_of: date) -> tuple[RepoFiles, CheckResult, Org]:
    """The repository's files, their check and its organisation; refused when org.yaml is
    not valid (no edit can be checked without it)."""
    files = load_files(repo)
    before = check_files(files, as_of=as_of)
    if before.model is None:
        raise AccordError("okrs/org.yaml has errors: run 'accord check' and fix them first")
    return files, before, before.model.org


def check_valid(
    repo: Path, *, as_of: date, cycles: tuple[str, ...] = (), team: str | None = None
) -> tuple[RepoFiles, CheckResult, Model]:
    """`check_before` for an edit across a cycle: refused unless the cycles and the team
    are declared and the OKRs have no errors at all (such an edit reads their model)."""
    files, before, org = check_before(repo, as_of=as_of)
    for cycle in cycles:
        if cycle not in org.cycles:
            raise AccordError(f"no cycle '{cycle}'{did_you_mean(cycle, org.cycles)}")
    if team is not None and team not in org.teams:
        raise AccordError(f"no team '{team}'{did_you_mean(team, org.teams)}")
    if before.model is None or before.errors:
        raise AccordError("the OKRs have errors: run 'accord check' and fix them first")
    return files, before, before.model


def refuse_broken(before: CheckResult, rel: str) -> None:
    """Refuse to edit a file that has errors already: the edit could not be checked."""
    broken = sum(f.location.file == rel and f.severity is Severity.ERROR for f in before.findings)
    if broken:
        raise AccordError(f"{rel} has errors already ({broken}): run 'accord check' and fix them")


def check_after(
    files: RepoFiles,
    doc: Document,
    before: CheckResult,
    *,
    as_of: date,
    team: TeamFile | None = None,
) -> tuple[tuple[Finding, ...], int]:
    """The errors the edited `doc` brings (none already there before) and the files read.
    `team` says which team file `doc` is, for a file the edit creates."""
    return check_after_all(swap(files, doc, team), [], before, as_of=as_of)


def check_after_all(
    files: RepoFiles, docs: list[Document], before: CheckResult, *, as_of: date
) -> tuple[tuple[Finding, ...], int]:
    """`check_after` for several edited documents at once (each in place of its file's)."""
    for doc in docs:
        files = swap(files, doc)
    after = check_files(files, as_of=as_of)
    old = set(before.findings)
    new = (f for f in after.findings if f.severity is Severity.ERROR and f not in old)
    return tuple(new), after.files


def swap(files: RepoFiles, doc: Document, team: TeamFile | None = None) -> RepoFiles:
    """The repository's files with `doc` in place of the document read from its path, or
    added as the team file `team` when no file had that path."""
    found = any(f.doc is not None and f.doc.path == doc.path for f in files.teams)
    if not found and team is not None:
        added = replace(team, doc=doc)
        return replace(files, teams=(*files.teams, added), files=files.files + 1)
    teams = tuple(
        replace(file, doc=doc) if file.doc is not None and file.doc.path == doc.path else file
        for file in files.teams
    )
    return replace(files, teams=teams)


def read_again(path: Path, rel: str) -> tuple[str, str, Document]:
    """A file's byte order mark (or ""), its text after it, and that text parsed."""
    try:
        raw = path.read_bytes()
        text = decode(raw, rel)
    except (OSError, Refused):
        raise AccordError(f"{rel}: cannot read the file again: try again") from None
    doc, problems = source.parse(text, rel)
    if doc is None or problems:
        raise AccordError(f"{rel} changed while Accord was reading it: try again")
    return ("\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""), text, doc


def read_back(text: str, path: str, expected: Any, what: str) -> Document:
    """The edited text parsed, once sure it reads as `expected` (the old data plus `what`)."""
    doc, _ = source.parse(text, path)
    if doc is None or doc.data != expected:
        message = f"could not add {what} without disturbing the file: add it by hand"
        raise AccordError(f"{path}: {message}")
    return doc


def get(data: Any, path: JsonPath) -> Any:
    """The value at a JSON path."""
    for step in path:
        data = data[step]
    return data


def items(data: Any, field: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings with a text `id` in the list `data[field]`, with their indexes."""
    found = data.get(field) if isinstance(data, dict) else None
    return [
        (i, item)
        for i, item in enumerate(found if isinstance(found, list) else ())
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def unified_diff(rel: str, old: str | None, new: str) -> str:
    """The change as a unified diff from `a/` to `b/` (from /dev/null for a new file), as
    git shows it."""
    marker = "\n\\ No newline at end of file\n"
    before, after = (old or "").splitlines(keepends=True), new.splitlines(keepends=True)
    origin = "/dev/null" if old is None else f"a/{rel}"
    lines = difflib.unified_diff(before, after, origin, f"b/{rel}")
    return "".join(line if line.endswith("\n") else line + marker for line in lines)


@contextlib.contextmanager
def editing(repo: Path) -> Iterator[None]:
    """Hold the repository's edit lock (on its okrs/ folder) while an edit is planned,
    checked and written, so two at once both land, one after the other."""
    okrs = repo / OKRS
    if not okrs.is_dir():
        load_files(repo)  # says why this is not an OKR repository
    with locked(okrs):
        yield


def write(repo: Path, rel: str, old: str | None, new: str) -> None:
    """Write the planned file, unless it changed since it was read (or, for a new file,
    appeared meanwhile), is read-only or is a symlink leading out of the repository."""
    shown = repo / rel
    target = writable_target(repo, shown)
    if old is None:
        create_file(target, new.encode("utf-8"), shown=shown)
    else:
        replace_file(target, new.encode("utf-8"), shown=shown, expect=old.encode())


class Text:
    """A file's text and where its lines start, as libyaml counts them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in BREAK.finditer(text))]
        first = re.search(r"\r\n|\n|\r", text)
        self.eol = first[0] if first else "\n"

    def offset(self, mark: Mark) -> int:
        """The offset of a 1-based line and column."""
        return self.starts[mark[0] - 1] + mark[1] - 1

    def column(self, offset: int) -> int:
        """The 0-based column of an offset."""
        return offset - self.starts[bisect.bisect_right(self.starts, offset) - 1]

    def next_line(self, offset: int) -> int:
        """Where the line after the one holding `offset` starts (the end of the text if none)."""
        line = bisect.bisect_right(self.starts, offset)
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.starts[number - 1]
        return BREAK.split(self.text[start : self.next_line(start)])[0]

    def start(self, mark: Mark) -> int:
        """The offset of the value at `mark`, past any anchor or tag before it."""
        match = _PROPERTIES.match(self.text, self.offset(mark))
        return match.end() if match else self.offset(mark)

    def indent(self, mark: Mark) -> int:
        """The 0-based column where the value at `mark` starts, past any anchor or tag."""
        return self.column(self.start(mark))

    def opening(self, mark: Mark) -> str:
        """The first character of the value at `mark`: `[`, `{`, `-` or that of a scalar."""
        return self.text[self.start(mark) : self.start(mark) + 1]

    def pad(self, offset: int) -> str:
        """A space if the flow mapping at `offset` is written `{ a: 1 }`, else nothing."""
        return " " if self.text[offset : offset + 2] == "{ " else ""

    def after(self, end: Mark, indent: int) -> int:
        """Past the line where a value ends, and past comment lines indented beyond `indent`."""
        at = self.offset(end)
        while at > 0 and self.text[at - 1].isspace():  # a block scalar ends lines below
            at -= 1
        at = self.next_line(at - 1)
        while at < len(self.text):
            line = self.text[at : self.next_line(at)]
            if not line.lstrip(" ").startswith("#") or len(line) - len(line.lstrip(" ")) <= indent:
                break
            at = self.next_line(at)
        return at

    def splice(self, at: int, new: str, end: int | None = None) -> str:
        """The text with `new` in place of `at:end` (inserted at `at` when no `end`)."""
        return self.text[:at] + new + self.text[at if end is None else end :]

    def insert(self, at: int, lines: list[str]) -> str:
        """The text with whole lines inserted at the line start `at`, or at the very end."""
        block = self.eol.join(lines)
        if at == len(self.text) and at != self.starts[-1]:  # no line break at the end
            return self.text + self.eol + block
        return self.splice(at, block + self.eol)

    def append_to_flow(self, doc: Document, path: JsonPath, item: Callable[[str], str]) -> str:
        """`item(pad)` after the last item of the flow list `[...]` at `path`, on a line of
        its own if that item is; `pad` is " " when that item is written `{ a: 1 }`."""
        count = len(get(doc.data, path))
        if count == 0:
            return self.splice(self.offset(doc.ends[path]) - 1, item(""))
        last = doc.values[(*path, count - 1)]
        above = doc.values[(*path, count - 2)] if count > 1 else doc.values[path]
        start = self.offset(last)
        gap = f",{self.eol}{' ' * self.column(start)}" if last[0] > above[0] else ", "
        return self.splice(self.offset(doc.ends[(*path, count - 1)]), gap + item(self.pad(start)))

    def set_key(self, doc: Document, mapping: JsonPath, key: str, value: str) -> str:
        """The text with `key: value` in the mapping at `mapping`: the old value replaced
        where the key is written (a block scalar's lines too), else the key added as the
        mapping's last, indented as its other keys (or `, key: value` in a `{...}`)."""
        at = (*mapping, key)
        if at in doc.values:
            start, end = self.start(doc.values[at]), self.offset(doc.ends[at])
            while end > start and self.text[end - 1].isspace():  # a block scalar's last break
                end -= 1
            return self.splice(start, value, end)
        last = (*mapping, list(get(doc.data, mapping))[-1])
        if self.opening(doc.values[mapping]) == "{":
            return self.splice(self.offset(doc.ends[last]), f", {key}: {value}")
        indent = doc.keys[last][1] - 1  # the column of the mapping's keys
        return self.insert(self.after(doc.ends[last], indent), [" " * indent + f"{key}: {value}"])
