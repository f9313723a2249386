"""`accord checkin`: append a check-in to a key result by editing its file's text in place.

The file is never dumped again: the start and end positions `source.py` records say where
the new check-in goes, and only new text is inserted, in the style of what surrounds it.
The steps around that (the edit lock, reading back, checking the whole repository with the
edit, the atomic write) are `inplace.py`'s, shared with `accord new objective`.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from accord.edit import inplace
from accord.edit.inplace import Text, get, items
from accord.model.errors import AccordError
from accord.model.findings import Finding
from accord.model.organisation import Org
from accord.model.refs import Ref, did_you_mean, parse_ref
from accord.read.load import RepoFiles
from accord.read.source import Document, JsonPath

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
            out.append("note: " + inplace.quoted(self.note))
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
    disagreed_on: str | None = None  # the date of an unresolved `still_agreed: false`

    @property
    def leaves_disagreement_open(self) -> bool:
        """True when the key result's last answer was `false` and this check-in gives none."""
        return self.disagreed_on is not None and self.entry.still_agreed is None

    @property
    def open_notice(self) -> str:
        """One line saying the disagreement stays open, and how to answer it."""
        return (
            f"The check-in of {self.disagreed_on} on {self.ref} said the people involved no "
            "longer agree why it matters, and this one does not answer still_agreed, so the "
            "disagreement stays open (W208): answer it with --still-agreed yes|no"
        )

    @property
    def summary(self) -> str:
        """`okrs/...yaml:LINE: check-in DATE on REF: VALUE (CONFIDENCE)`."""
        entry = self.entry
        what = f"{format_number(entry.value)} ({entry.confidence})"
        return f"{self.rel}:{self.line}: check-in {entry.day} on {self.ref}: {what}"

    def diff(self) -> str:
        """The change as a unified diff from `a/` to `b/`, as git shows it."""
        return inplace.unified_diff(self.rel, self.old, self.new)


def format_number(value: float) -> str:
    """A number as YAML: `90` when integral, else the shortest text that reads back exactly."""
    number = float(value)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def plan_checkin(repo: Path, ref: str, entry: Entry, *, as_of: date) -> Plan:
    """The edit that appends `entry` to the key result `ref`, checked with the whole repo."""
    if entry.note is not None:
        inplace.refuse_surrogates(entry.note, "--note")
    files, before, org = inplace.check_before(repo, as_of=as_of)
    rel, kr = _find(index_files(files), org, ref, entry.day)
    inplace.refuse_broken(before, rel)
    bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
    new_text = insert_checkin(text, doc, kr, entry)
    expected = copy.deepcopy(doc.data)
    get(expected, kr).setdefault("checkins", []).append(entry.data())
    new_doc = inplace.read_back(new_text, rel, expected, "the check-in")
    errors, count = inplace.check_after(files, new_doc, before, as_of=as_of)
    earlier = get(doc.data, kr).get("checkins") or []
    line = new_doc.values[(*kr, "checkins", len(earlier))][0]
    shown = ref.rsplit("/", 1)[-1]
    path = repo.resolve() / rel
    plan = Plan(path, rel, shown, entry, bom + text, bom + new_text, line, errors, count)
    return dataclasses.replace(plan, disagreed_on=last_disagreement(earlier))


def last_disagreement(checkins: Any) -> str | None:
    """The date of the latest `still_agreed: false` among check-ins as written, when no
    later one says `still_agreed: true` (one that leaves it out answers nothing)."""
    entries = [c for c in checkins if isinstance(c, dict)] if isinstance(checkins, list) else []
    for checkin in reversed(entries):
        if checkin.get("still_agreed") is True:
            return None
        if checkin.get("still_agreed") is False:
            return str(checkin.get("date"))
    return None


def index_files(files: RepoFiles) -> Index:
    """Every objective and key result key written in a team file, read leniently."""
    found: Index = {}
    for cycle, doc in [(f.cycle, f.doc) for f in files.teams if f.doc is not None]:
        for i, objective in items(doc.data, "objectives"):
            key, path = f"{cycle}/{objective['id']}", ("objectives", i)
            found.setdefault(key, (doc.path, path))
            for k, kr in items(objective, "key_results"):
                found.setdefault(f"{key}.{kr['id']}", (doc.path, (*path, "key_results", k)))
    return found


def _find(index: Index, org: Org, text: str, day: date) -> tuple[str, JsonPath]:
    """The file and path of the key result that the ref `text` names."""
    key = locate(index, org, text, day, objectives=False)
    if "." not in key.split("/", 1)[1]:
        raise AccordError(
            f"'{text}' is an objective, not a key result; {key_results_of(index, key)}"
        )
    return index[key]


def locate(index: Index, org: Org, text: str, day: date, *, objectives: bool = True) -> str:
    """The key of the objective or key result that the ref `text` names (refs without a
    cycle: in the innermost cycle that holds `day`, else the one cycle that has it)."""
    ref = parse_ref(text)
    if ref is None:
        raise AccordError(f"'{text}' is not a ref: write objective.kr or cycle/objective.kr")
    if ref.cycle and ref.cycle not in org.cycles:
        raise AccordError(f"no cycle '{ref.cycle}'{did_you_mean(ref.cycle, org.cycles)}")
    found = _candidates(index, org, ref, day)
    if len(found) > 1:
        raise AccordError(f"'{text}' is in several cycles: name one of {', '.join(found)}")
    if not found:
        kind = "key result" if ref.kr or not objectives else "objective or key result"
        names = [key if ref.cycle else key.split("/", 1)[1] for key in index]
        names = [n for n in names if objectives or "." in n]
        raise AccordError(f"no {kind} '{text}'{did_you_mean(text, names)}")
    return found[0]


def key_results_of(index: Index, key: str) -> str:
    """`its key results: a, b` for the objective `key`, as refs."""
    krs = [k.split("/", 1)[1] for k in index if k.startswith(f"{key}.")]
    return f"its key results: {', '.join(krs) or 'none yet'}"


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


def insert_checkin(text: str, doc: Document, kr: JsonPath, entry: Entry) -> str:
    """`text` with `entry` appended to the check-ins of the key result at `kr`."""
    edit, path = Text(text), (*kr, "checkins")
    if path not in doc.values:
        return _new_key(edit, doc, kr, entry)
    count = len(get(doc.data, path))
    if edit.opening(doc.values[path]) == "[":
        return _into_flow_list(edit, doc, path, entry)
    return _after_block_item(edit, doc, path, count - 1, entry)


def _flow(entry: Entry, pad: str = "") -> str:
    return "{" + pad + ", ".join(entry.fields()) + pad + "}"


def _block(entry: Entry, dash: int, key: int) -> list[str]:
    """A block sequence item: `-` at column `dash`, its keys at column `key` (0-based)."""
    first, *rest = entry.fields()
    gap = max(1, key - dash - 1)
    return [" " * dash + "-" + " " * gap + first, *(" " * (dash + 1 + gap) + f for f in rest)]


def _after_block_item(edit: Text, doc: Document, path: JsonPath, last: int, entry: Entry) -> str:
    """A new item below the last one, indented as it is, block or flow mapping alike."""
    item, dash = doc.values[(*path, last)], edit.indent(doc.values[path])
    at = edit.after(doc.ends[(*path, last)], dash)
    if edit.opening(item) != "{":
        return edit.insert(at, _block(entry, dash, edit.indent(item)))
    gap = " " * max(1, edit.indent(item) - dash - 1)
    return edit.insert(at, [" " * dash + "-" + gap + _flow(entry, edit.pad(edit.start(item)))])


def _into_flow_list(edit: Text, doc: Document, path: JsonPath, entry: Entry) -> str:
    """`, {...}` after the last item of `[...]`, on a line of its own if that item is."""
    return edit.append_to_flow(doc, path, lambda pad: _flow(entry, pad))


def _new_key(edit: Text, doc: Document, kr: JsonPath, entry: Entry) -> str:
    """`checkins:` as the key result's last key, its list indented as `key_results` is."""
    if edit.opening(doc.values[kr]) == "{":
        last = (*kr, list(get(doc.data, kr))[-1])
        return edit.splice(edit.offset(doc.ends[last]), f", checkins: [{_flow(entry)}]")
    key, dash = edit.indent(doc.values[kr]), edit.indent(doc.values[kr[:-1]])
    parent = doc.keys[kr[:-1]][1] - 1  # the column of `key_results:`
    lines = [" " * key + "checkins:", *_block(entry, key + dash - parent, key + key - parent)]
    return edit.insert(edit.after(doc.ends[kr], dash), lines)


def write_checkin(repo: Path, plan: Plan) -> None:
    """Write the planned file, unless it changed since it was read, is read-only or is a
    symlink leading out of the repository."""
    inplace.write(repo, plan.rel, plan.old, plan.new)
