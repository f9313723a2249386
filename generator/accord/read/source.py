"""The only ruamel.yaml user: read OKR files into plain data and a position index.

Files are parsed with the C parser (``ruamel.yaml.clib``) and walked once, event by
event, into JSON-like data (dates stay ISO strings) and an index from JSON paths to the
line and column of every key and value, and of where each value ends (what lets
`checkin.py` edit a file's text in place). The walk is iterative, so it enforces its guards
(E111: size, nesting depth, what aliases expand to) before any of them can hang or recurse,
and it finds duplicate keys (E101) on the way.

Why one module of over 300 lines: it is the only ruamel.yaml user (style.md), and the event
walk, its guards and the position index are one loop; split, two modules would parse YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from accord.model.findings import Finding
from accord.model.location import Location
from accord.read.scalars import plain
from accord.read.text import (
    MAX_BYTES,
    Mark,
    Refused,
    decode,
    indenting_tab,
    mark_at,
    read_text,
    too_large,
)

MAX_DEPTH = 64
MAX_NODES = 250_000  # values that aliases may repeat, in all

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: its data and where each key and value sits.

    `ends` holds the line and column just past each value: past its closing bracket or
    quote for flow collections and scalars, past its last descendant for block collections.
    A block scalar (`|`, `>`) ends at column 1 of the line after its last content line, or
    further down when blank lines follow it.
    """

    path: str
    data: Any
    values: dict[JsonPath, Mark] = field(default_factory=dict, repr=False)
    keys: dict[JsonPath, Mark] = field(default_factory=dict, repr=False)
    ends: dict[JsonPath, Mark] = field(default_factory=dict, repr=False)

    def at(self, path: JsonPath) -> Location:
        """The location of the value at `path`, or of its nearest ancestor that has one."""
        return Location(self.path, *_nearest(self.values, path))

    def key_at(self, path: JsonPath) -> Location:
        """The location of the key that holds `path` (the value's own place for list items)."""
        if path in self.keys:
            return Location(self.path, *self.keys[path])
        return self.at(path)


def _nearest(index: dict[JsonPath, Mark], path: JsonPath) -> Mark:
    for end in range(len(path), -1, -1):
        if path[:end] in index:
            return index[path[:end]]
    return (1, 1)


# Under `remember_reads()`, the last text parsed from each file and what it gave: `serve`
# reads every file again on each rebuild but parses only the ones whose text changed
# (documents are never modified). Off by default: a build holds no document it is done with.
_LAST_READ: dict[Path, tuple[str, tuple[Document | None, list[Finding]]]] | None = None


def remember_reads() -> None:
    """From now on, parse a file again only when its text changed (`serve`)."""
    global _LAST_READ
    if _LAST_READ is None:
        _LAST_READ = {}


def read(root: Path, rel: str) -> tuple[Document | None, list[Finding]]:
    """Read and parse `root/rel`; a file that cannot be used gives findings and no document."""
    path = root / rel
    try:
        text = read_text(path, rel)
    except Refused as refused:
        return None, [refused.finding]
    last = _LAST_READ.get(path) if _LAST_READ is not None else None
    if last is not None and last[0] == text:
        return last[1][0], list(last[1][1])
    try:
        parsed = _Walk(rel).run(text)
    except Refused as refused:
        parsed = None, [refused.finding]
    if _LAST_READ is not None:
        _LAST_READ[path] = text, (parsed[0], list(parsed[1]))
    return parsed


def parse(text: str, rel: str) -> tuple[Document | None, list[Finding]]:
    """Parse YAML text that is already in memory (tests, other revisions)."""
    try:
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise Refused(too_large(rel, len(text.encode("utf-8", "surrogatepass"))))
        return _Walk(rel).run(text)
    except Refused as refused:
        return None, [refused.finding]


def parse_bytes(raw: bytes, rel: str) -> tuple[Document | None, list[Finding]]:
    """Parse a file's bytes from elsewhere (a git blob): the same guards as `read`."""
    try:
        if len(raw) > MAX_BYTES:
            raise Refused(too_large(rel, len(raw)))
        return _Walk(rel).run(decode(raw, rel))
    except Refused as refused:
        return None, [refused.finding]


_TAG = "tag:yaml.org,2002:"


def _scalar(event: ev.ScalarEvent, rel: str) -> Any:
    tag = event.tag
    if tag in (None, "!") and event.implicit[0]:
        return plain(event.value)
    if tag in (None, "!", _TAG + "str"):
        return event.value
    if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"):
        return plain(event.value)
    line, col = event.start_mark.line + 1, event.start_mark.column + 1
    shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
    message = f"unsupported tag '{shown}': OKR files hold plain text, numbers, dates and lists"
    raise Refused(Finding("E100", Location(rel, line, col), message))


_NODE_EVENTS = (ev.NodeEvent, ev.CollectionEndEvent)


class _Frame:
    """A mapping or sequence being filled during the walk."""

    __slots__ = ("anchor", "container", "end", "flow", "key", "nodes", "path", "seen")

    def __init__(self, container: Any, path: JsonPath, anchor: str | None, flow: bool) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.flow = flow
        self.key: str | None = None
        self.seen: dict[str, Mark] = {}
        self.nodes = 1
        self.end: Mark = (1, 1)


class _Walk:
    """One pass over a file's parse events, building data, positions and findings."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values: dict[JsonPath, Mark] = {}
        self.keys: dict[JsonPath, Mark] = {}
        self.ends: dict[JsonPath, Mark] = {}
        self.findings: list[Finding] = []
        self.nodes = 0
        self.root: Any = None

    def run(self, text: str) -> tuple[Document | None, list[Finding]]:
        documents = 0
        for event in self._events(text):
            if isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = "more than one YAML document ('---'): an OKR file holds one"
                    raise Refused(self._finding("E100", event.start_mark, message))
            elif isinstance(event, _NODE_EVENTS):
                self._on_node(event)
        document = Document(self.rel, self.root, self.values, self.keys, self.ends)
        return document, self.findings

    def _events(self, text: str) -> Iterator[ev.Event]:
        parser = CParser(text)
        try:
            while parser.check_event():
                yield parser.get_event()
        except ReaderError as exc:
            line, col = mark_at(text, exc.position)
            char = exc.character if isinstance(exc.character, int) else ord(exc.character)
            message = f"control character U+{char:04X} is not allowed in YAML text: remove it"
            raise Refused(Finding("E100", Location(self.rel, line, col), message)) from None
        except MarkedYAMLError as exc:
            raise Refused(self._syntax(exc, text)) from None
        except YAMLError as exc:
            raise Refused(Finding("E100", Location(self.rel), f"YAML error: {exc}")) from None

    def _syntax(self, exc: MarkedYAMLError, text: str) -> Finding:
        mark = exc.problem_mark or exc.context_mark
        tab = indenting_tab(text, mark.line) if mark is not None else None
        if tab is not None:
            message = "a tab indents this line: indent with spaces"
            return Finding("E100", Location(self.rel, mark.line + 1, tab), message)
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        return self._finding("E100", mark, f"YAML syntax: {problem}")

    def _finding(self, rule: str, mark: Any, message: str) -> Finding:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Finding(rule, Location(self.rel, line, col), message)

    def _on_node(self, event: ev.Event) -> None:
        if isinstance(event, ev.CollectionEndEvent):
            done = self.stack.pop()
            if done.anchor:
                self.anchors[done.anchor] = (done.container, done.nodes)
            end = (event.end_mark.line + 1, event.end_mark.column + 1) if done.flow else done.end
            self.ends.setdefault(done.path, end)
            self._place(done.container, done.nodes, event, end)
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self._on_key(parent, event)
            return
        if isinstance(event, ev.ScalarEvent):
            value = _scalar(event, self.rel)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            self._place(value, 1, event)
        elif isinstance(event, ev.CollectionStartEvent):
            self._open(event)
        elif isinstance(event, ev.AliasEvent):
            self._alias(event)

    def _open(self, event: ev.CollectionStartEvent) -> None:
        if len(self.stack) >= MAX_DEPTH:
            message = (
                f"nested more than {MAX_DEPTH} levels deep: OKR files need a handful, "
                "so this is refused before parsing further"
            )
            raise Refused(self._finding("E111", event.start_mark, message))
        path = self._child_path()
        self._mark(path, event)
        container: Any = {} if isinstance(event, ev.MappingStartEvent) else []
        self.stack.append(_Frame(container, path, event.anchor, bool(event.flow_style)))

    def _alias(self, event: ev.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            message = f"alias '*{event.anchor}' names no anchor defined before it"
            raise Refused(self._finding("E100", event.start_mark, message))
        value, nodes = self.anchors[event.anchor]
        self._count(nodes, event)
        self._place(value, nodes, event)

    def _on_key(self, frame: _Frame, event: ev.Event) -> None:
        if not isinstance(event, ev.ScalarEvent):
            message = "a key must be a plain name, not a list, mapping or alias"
            raise Refused(self._finding("E100", event.start_mark, message))
        key, mark = event.value, (event.start_mark.line + 1, event.start_mark.column + 1)
        if key in frame.seen:
            first = frame.seen[key][0]
            message = f"duplicate key '{key}' (first at line {first}): keep one of them"
            self.findings.append(Finding("E101", Location(self.rel, *mark), message))
        else:
            frame.seen[key] = mark
            self.keys[(*frame.path, key)] = mark
        frame.key = key
        frame.nodes += 1

    def _child_path(self) -> JsonPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            return (*frame.path, frame.key or "")
        return (*frame.path, len(frame.container))

    def _mark(self, path: JsonPath, event: ev.Event) -> None:
        if path not in self.values:
            self.values[path] = (event.start_mark.line + 1, event.start_mark.column + 1)

    def _count(self, nodes: int, event: ev.Event) -> None:
        """Add what an alias repeats to the alias budget. A file's own values are not
        counted: MAX_BYTES already bounds them, and a big plain file is not a bomb."""
        self.nodes += nodes
        if self.nodes > MAX_NODES:
            message = (
                f"expands to more than {MAX_NODES:,} values (aliases repeating aliases?): "
                "refused before it can exhaust memory"
            )
            raise Refused(self._finding("E111", event.start_mark, message))

    def _place(self, value: Any, nodes: int, event: ev.Event, end: Mark | None = None) -> None:
        """Put a finished value into its parent (or make it the root); `end` for collections."""
        if end is None:
            path, start, stop = self._child_path(), event.start_mark, event.end_mark
            end = (stop.line + 1, stop.column + 1)
            if path not in self.values:
                self.values[path] = (start.line + 1, start.column + 1)
                self.ends[path] = end
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.end = end
        frame.nodes += nodes
        if isinstance(frame.container, dict):
            frame.container[frame.key] = value
            frame.key = None
        else:
            frame.container.append(value)
