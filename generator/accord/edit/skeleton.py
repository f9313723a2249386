"""The objective skeleton `accord new objective` writes, as YAML text, and where it goes.

`insert_objective` appends it to a team file's `objectives:` list in the style the file
already uses: a block list indented as its items are (its key results indented as the
file's other key results), a blank line before it when the file separates objectives so,
or one more `{...}` item in a flow list; `objectives: []` becomes a block list indented as
the file's other lists. Strings are double-quoted with escapes (`inplace.quoted`), ids and
refs plain only when they read back as the same text.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from accord.edit.inplace import Text, quoted
from accord.model.errors import AccordError
from accord.model.refs import REF
from accord.read.scalars import plain
from accord.read.source import Document

PLACEHOLDER_KR = "to-be-agreed"
PLACEHOLDER_KR_TITLE = "To be agreed in review: the measurable outcome that shows this is achieved"
PLACEHOLDER_WHY = "To be written in review: why this matters now, and what it serves."
Fields = list[tuple[str, str]]  # (key, its value as YAML text), in the order written


def word(text: str) -> str:
    """An id or ref as YAML: plain when it reads back as the same text, else double-quoted."""
    return text if REF.fullmatch(text) and plain(text) == text else quoted(text)


@dataclass(frozen=True)
class Skeleton:
    """The objective's fields and its key results' fields, as YAML text."""

    fields: Fields
    key_results: list[Fields]
    data: dict[str, Any]


def skeleton(
    ident: str, title: str, owner: str, why_now: str | None, supports: tuple[str, ...]
) -> Skeleton:
    """A draft objective with one placeholder key result owned by its owner (0 to 1), and
    a placeholder why-now when none is given."""
    why = why_now or PLACEHOLDER_WHY
    fields = [("id", word(ident)), ("title", quoted(title))]
    fields += [("owner", word(owner)), ("why_now", quoted(why))]
    data: dict[str, Any] = {"id": ident, "title": title, "owner": owner, "why_now": why}
    if supports:
        fields.append(("supports", "[" + ", ".join(map(word, supports)) + "]"))
        data["supports"] = list(supports)
    fields.append(("status", "draft"))
    kr = [("id", PLACEHOLDER_KR), ("title", quoted(PLACEHOLDER_KR_TITLE))]
    kr += [("owner", word(owner)), ("start", "0"), ("target", "1")]
    kr_data = {"id": PLACEHOLDER_KR, "title": PLACEHOLDER_KR_TITLE, "owner": owner}
    data |= {"status": "draft", "key_results": [kr_data | {"start": 0, "target": 1}]}
    return Skeleton(fields, [kr], data)


def data_of(objective: Skeleton) -> dict[str, Any]:
    """The objective as `source.py` should read it back (a copy)."""
    return copy.deepcopy(objective.data)


def _flow(objective: Skeleton, pad: str) -> str:
    """The objective as one flow mapping, `{id: ..., key_results: [{...}]}`."""
    krs = ", ".join(_flow_fields(kr) for kr in objective.key_results)
    body = ", ".join([*(f"{k}: {v}" for k, v in objective.fields), f"key_results: [{krs}]"])
    return "{" + pad + body + pad + "}"


def _flow_fields(fields: Fields) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields) + "}"


@dataclass(frozen=True)
class _Style:
    """How a file indents its objectives list: the dash's column, the spaces after it, and
    for key results the dash's column relative to the objective's keys and the spaces after."""

    dash: int = 2
    gap: int = 1
    kr_dash: int = 2
    kr_gap: int = 1


def _item(fields: Fields, dash: int, gap: int) -> list[str]:
    """A block sequence item: `-` at column `dash`, its keys `gap` spaces after it."""
    (key, value), *rest = fields
    pad = " " * (dash + 1 + gap)
    return [" " * dash + "-" + " " * gap + f"{key}: {value}", *(f"{pad}{k}: {v}" for k, v in rest)]


def _block(objective: Skeleton, style: _Style) -> list[str]:
    """The objective as block lines in `style`."""
    lines = _item([*objective.fields, ("key_results", "")], style.dash, style.gap)
    lines[-1] = lines[-1].rstrip()
    column = style.dash + 1 + style.gap + style.kr_dash
    for kr in objective.key_results:
        lines += _item(kr, column, style.kr_gap)
    return lines


def new_file(header: str, objective: Skeleton) -> str:
    """A team file holding only the objective, below the schema comment."""
    return "\n".join([header, "objectives:", *_block(objective, _Style()), ""])


def insert_objective(text: str, doc: Document, objective: Skeleton) -> str:
    """`text` with `objective` after the last item of its `objectives:` list."""
    edit, path = Text(text), ("objectives",)
    count = len(doc.data["objectives"])
    if edit.opening(doc.values[path]) == "[":
        if count:
            return edit.append_to_flow(doc, path, lambda pad: _flow(objective, pad))
        return _into_empty(edit, doc, objective)
    style = _block_style(edit, doc, count)
    last = doc.values[(*path, count - 1)]
    above = edit.line(last[0] - 1) if last[0] > 1 else ""
    blank = [""] if count == 1 or not above.strip() else []
    at = edit.after(doc.ends[(*path, count - 1)], style.dash)
    return edit.insert(at, [*blank, *_block(objective, style)])


def _block_style(edit: Text, doc: Document, count: int) -> _Style:
    """The style of a block `objectives:` list, read from its items."""
    dash = edit.indent(doc.values[("objectives",)])
    last = doc.values[("objectives", count - 1)]
    gap = edit.indent(last) - dash - 1 if edit.opening(last) != "{" else 1
    parent = doc.keys[("objectives",)][1] - 1
    for i in reversed(range(count)):
        krs = ("objectives", i, "key_results")
        if edit.opening(doc.values[krs]) == "-" and edit.opening(doc.values[(*krs, 0)]) != "{":
            kr_dash = edit.indent(doc.values[krs]) - edit.indent(doc.values[("objectives", i)])
            kr_gap = edit.indent(doc.values[(*krs, 0)]) - edit.indent(doc.values[krs]) - 1
            return _Style(dash, max(1, gap), kr_dash, max(1, kr_gap))
    return _Style(dash, max(1, gap), dash - parent, max(1, gap))


def _into_empty(edit: Text, doc: Document, objective: Skeleton) -> str:
    """`objectives: []` made a block list holding the objective, indented as the file's
    other lists are (`stop_doing:`, `accept:`), else by two spaces."""
    path = ("objectives",)
    key, start = doc.keys[path], edit.start(doc.values[path])
    end = edit.offset(doc.ends[path])
    rest = edit.text[end : edit.next_line(end)]
    if doc.values[path][0] != key[0] or (rest.strip() and not rest.lstrip().startswith("#")):
        message = "objectives: [] is not on one line with nothing after it"
        raise AccordError(f"{doc.path}: {message}: add the objective by hand")
    while start > 0 and edit.text[start - 1] == " ":
        start -= 1
    parent, indent = key[1] - 1, 2
    for other in ("stop_doing", "accept"):
        if (other,) in doc.values and edit.opening(doc.values[(other,)]) == "-":
            indent = edit.indent(doc.values[(other,)]) - (doc.keys[(other,)][1] - 1)
            break
    style = _Style(parent + indent, 1, indent, 1)
    emptied = Text(edit.splice(start, "", end))
    return emptied.insert(emptied.next_line(start), _block(objective, style))
