"""`accord checkin`: append a check-in to a key result by editing its file's text in place.

The file is never dumped again: the start and end positions `source.py` records say where
the new check-in goes, and only new text is inserted, in the style of what surrounds it.
The edited text is parsed, read back and checked with the rest of the repository before
anything is written, and then written atomically, all under the repository's edit lock.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import copy
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from accord import source
from accord.check import check_files
from accord.errors import AccordError
from accord.findings import Finding, Severity
from accord.load import OKRS, RepoFiles, load_files
from accord.model import Org
from accord.refs import Ref, did_you_mean, parse_ref
from accord.source import Document, JsonPath
from accord.text import Mark, Refused, decode
from accord.writes import locked, replace_file, writable_target

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # what libyaml counts as a line break
_PROPERTIES = re.compile(r"(?:[&!]\S*\s+)*")  # anchors and tags before a value
_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # not printable in YAML
Index = dict[str, tuple[str, JsonPath]]  # objective or key result key -> file, JSON path


@dataclass(frozen=True)
class Entry:
    """The check-in to add, as given on the command line."""

    day: date
    value: float
    confidence: str
    still_agreed: bool | None = None
    note: str | None = None

    def fields(self) -> list[str]:
        """Each field as `key: value` YAML that reads back exactly, in the order written."""
        out = [f"date: {self.day}", f"value: {format_number(self.value)}"]
        out.append(f"confidence: {self.confidence}")
        if self.still_agreed is not None:
            out.append(f"still_agreed: {str(self.still_agreed).lower()}")
        if self.note is not None:
            quoted = json.dumps(self.note, ensure_ascii=False)
            out.append("note: " + _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted))
        return out

    def data(self) -> dict[str, Any]:
        """The check-in as `source.py` should read it back."""
        extra = {"still_agreed": self.still_agreed, "note": self.note}
        written = {"date": self.day.isoformat(), "value": self.value, "confidence": self.confidence}
        return written | {key: value for key, value in extra.items() if value is not None}


@dataclass(frozen=True)
class Plan:
    """A check-in ready to write (refused when it has `errors`): the file before and after."""

    path: Path
    rel: str
    ref: str
    entry: Entry
    old: str
    new: str
    line: int
    errors: tuple[Finding, ...] = ()
    files: int = 0

    @property
    def summary(self) -> str:
        """`okrs/...yaml:LINE: check-in DATE on REF: VALUE (CONFIDENCE)`."""
        entry = self.entry
        what = f"{format_number(entry.value)} ({entry.confidence})"
        return f"{self.rel}:{self.line}: check-in {entry.day} on {self.ref}: {what}"

    def diff(self) -> str:
        """The change as a unified diff from `a/` to `b/`, as git shows it."""
        rel, marker = self.rel, "\n\\ No newline at end of file\n"
        old, new = self.old.splitlines(keepends=True), self.new.splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}")
        return "".join(line if line.endswith("\n") else line + marker for line in lines)


def format_number(value: float) -> str:
    """A number as YAML: `90` when integral, else the shortest text that reads back exactly."""
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def plan_checkin(repo: Path, ref: str, entry: Entry, *, as_of: date) -> Plan:
    """The edit that appends `entry` to the key result `ref`, checked with the whole repo."""
    if entry.note is not None and re.search("[\ud800-\udfff]", entry.note):
        raise AccordError("--note is not valid UTF-8 text")
    files = load_files(repo)
    before = check_files(files, as_of=as_of)
    if before.model is None:
        raise AccordError("okrs/org.yaml has errors: run 'accord check' and fix them first")
    rel, kr = _find(_index(files), before.model.org, ref, entry.day)
    broken = sum(f.location.file == rel and f.severity is Severity.ERROR for f in before.findings)
    if broken:
        raise AccordError(f"{rel} has errors already ({broken}): run 'accord check' and fix them")
    path = repo.resolve() / rel
    bom, text, doc = _read(path, rel)
    new_text = insert_checkin(text, doc, kr, entry)
    new_doc = _read_back(new_text, doc, kr, entry)
    after = check_files(_swap(files, new_doc), as_of=as_of)
    errors = tuple(f for f in after.findings if f.severity is Severity.ERROR)
    errors = tuple(f for f in errors if f not in set(before.findings))
    line = new_doc.values[(*kr, "checkins", len(_get(doc.data, kr).get("checkins", ())))][0]
    shown = ref.rsplit("/", 1)[-1]
    return Plan(path, rel, shown, entry, bom + text, bom + new_text, line, errors, after.files)


def _index(files: RepoFiles) -> Index:
    """Every objective and key result key written in a team file, read leniently."""
    found: Index = {}
    for cycle, doc in [(f.cycle, f.doc) for f in files.teams if f.doc is not None]:
        for i, objective in _items(doc.data, "objectives"):
            key, path = f"{cycle}/{objective['id']}", ("objectives", i)
            found.setdefault(key, (doc.path, path))
            for k, kr in _items(objective, "key_results"):
                found.setdefault(f"{key}.{kr['id']}", (doc.path, (*path, "key_results", k)))
    return found


def _items(data: Any, field: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings with a text `id` in the list `data[field]`, with their indexes."""
    items = data.get(field) if isinstance(data, dict) else None
    return [
        (i, item)
        for i, item in enumerate(items if isinstance(items, list) else ())
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def _find(index: Index, org: Org, text: str, day: date) -> tuple[str, JsonPath]:
    """The file and path of the key result that the ref `text` names."""
    ref = parse_ref(text)
    if ref is None:
        raise AccordError(f"'{text}' is not a ref: write objective.kr or cycle/objective.kr")
    if ref.cycle and ref.cycle not in org.cycles:
        raise AccordError(f"no cycle '{ref.cycle}'{did_you_mean(ref.cycle, org.cycles)}")
    found = _candidates(index, org, ref, day)
    if len(found) > 1:
        raise AccordError(f"'{text}' is in several cycles: name one of {', '.join(found)}")
    if not found:
        krs = [key if ref.cycle else key.split("/", 1)[1] for key in index if "." in key]
        raise AccordError(f"no key result '{text}'{did_you_mean(text, krs)}")
    if ref.kr is None:
        krs = [key.split("/", 1)[1] for key in index if key.startswith(f"{found[0]}.")]
        listed = ", ".join(krs) or "none yet"
        raise AccordError(f"'{text}' is an objective, not a key result; its key results: {listed}")
    return index[found[0]]


def _candidates(index: Index, org: Org, ref: Ref, day: date) -> list[str]:
    """Keys `ref` may name: its own cycle's, else the innermost current cycle's, else all."""
    if ref.cycle:
        keys = [f"{ref.cycle}/{ref.local}"]
    else:
        current = sorted(
            (c for c in org.cycles.values() if c.start <= day <= c.end),
            key=lambda c: (c.end - c.start, c.id),
        )
        keys = [f"{c.id}/{ref.local}" for c in current if f"{c.id}/{ref.local}" in index][:1]
        keys = keys or sorted(key for key in index if key.split("/", 1)[1] == ref.local)
    return [key for key in keys if key in index]


def _read(path: Path, rel: str) -> tuple[str, str, Document]:
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


def _get(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _read_back(text: str, old: Document, kr: JsonPath, entry: Entry) -> Document:
    """The edited document, once sure it reads as the old data plus exactly the check-in."""
    doc, _ = source.parse(text, old.path)
    expected = copy.deepcopy(old.data)
    _get(expected, kr).setdefault("checkins", []).append(entry.data())
    if doc is None or doc.data != expected:
        message = "could not add the check-in without disturbing the file: add it by hand"
        raise AccordError(f"{old.path}: {message}")
    return doc


def _swap(files: RepoFiles, doc: Document) -> RepoFiles:
    """The repository's files with `doc` in place of the document read from its path."""
    teams = tuple(
        replace(file, doc=doc) if file.doc is not None and file.doc.path == doc.path else file
        for file in files.teams
    )
    return replace(files, teams=teams)


def insert_checkin(text: str, doc: Document, kr: JsonPath, entry: Entry) -> str:
    """`text` with `entry` appended to the check-ins of the key result at `kr`."""
    edit, path = _Text(text), (*kr, "checkins")
    if path not in doc.values:
        return _new_key(edit, doc, kr, entry)
    count = len(_get(doc.data, path))
    if edit.opening(doc.values[path]) == "[":
        return _into_flow_list(edit, doc, path, count, entry)
    return _after_block_item(edit, doc, path, count - 1, entry)


def _flow(entry: Entry, pad: str = "") -> str:
    return "{" + pad + ", ".join(entry.fields()) + pad + "}"


def _block(entry: Entry, dash: int, key: int) -> list[str]:
    """A block sequence item: `-` at column `dash`, its keys at column `key` (0-based)."""
    first, *rest = entry.fields()
    gap = max(1, key - dash - 1)
    return [" " * dash + "-" + " " * gap + first, *(" " * (dash + 1 + gap) + f for f in rest)]


def _after_block_item(edit: _Text, doc: Document, path: JsonPath, last: int, entry: Entry) -> str:
    """A new item below the last one, indented as it is, block or flow mapping alike."""
    item, dash = doc.values[(*path, last)], edit.indent(doc.values[path])
    at = edit.after(doc.ends[(*path, last)], dash)
    if edit.opening(item) != "{":
        return edit.insert(at, _block(entry, dash, edit.indent(item)))
    gap = " " * max(1, edit.indent(item) - dash - 1)
    return edit.insert(at, [" " * dash + "-" + gap + _flow(entry, edit.pad(edit.start(item)))])


def _into_flow_list(edit: _Text, doc: Document, path: JsonPath, count: int, entry: Entry) -> str:
    """`, {...}` after the last item of `[...]`, on a line of its own if that item is."""
    if count == 0:
        return edit.splice(edit.offset(doc.ends[path]) - 1, _flow(entry))
    last = doc.values[(*path, count - 1)]
    above = doc.values[(*path, count - 2)] if count > 1 else doc.values[path]
    start = edit.offset(last)
    gap = f",{edit.eol}{' ' * edit.column(start)}" if last[0] > above[0] else ", "
    item = _flow(entry, edit.pad(start))
    return edit.splice(edit.offset(doc.ends[(*path, count - 1)]), gap + item)


def _new_key(edit: _Text, doc: Document, kr: JsonPath, entry: Entry) -> str:
    """`checkins:` as the key result's last key, its list indented as `key_results` is."""
    if edit.opening(doc.values[kr]) == "{":
        last = (*kr, list(_get(doc.data, kr))[-1])
        return edit.splice(edit.offset(doc.ends[last]), f", checkins: [{_flow(entry)}]")
    key, dash = edit.indent(doc.values[kr]), edit.indent(doc.values[kr[:-1]])
    parent = doc.keys[kr[:-1]][1] - 1  # the column of `key_results:`
    lines = [" " * key + "checkins:", *_block(entry, key + dash - parent, key + key - parent)]
    return edit.insert(edit.after(doc.ends[kr], dash), lines)


class _Text:
    """A file's text and where its lines start, as libyaml counts them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
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

    def splice(self, at: int, new: str) -> str:
        """The text with `new` inserted at `at`."""
        return self.text[:at] + new + self.text[at:]

    def insert(self, at: int, lines: list[str]) -> str:
        """The text with whole lines inserted at the line start `at`, or at the very end."""
        block = self.eol.join(lines)
        if at == len(self.text) and at != self.starts[-1]:  # no line break at the end
            return self.text + self.eol + block
        return self.splice(at, block + self.eol)


@contextlib.contextmanager
def editing(repo: Path) -> Iterator[None]:
    """Hold the repository's edit lock (on its okrs/ folder) while a check-in is planned,
    checked and written, so two at once both land, one after the other."""
    okrs = repo / OKRS
    if not okrs.is_dir():
        load_files(repo)  # says why this is not an OKR repository
    with locked(okrs):
        yield


def write_checkin(repo: Path, plan: Plan) -> None:
    """Write the planned file, unless it changed since it was read, is read-only or is a
    symlink leading out of the repository."""
    shown = repo / plan.rel
    target = writable_target(repo, shown)
    replace_file(target, plan.new.encode("utf-8"), shown=shown, expect=plan.old.encode())
