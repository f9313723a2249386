"""The objectives a review touches, in full (`briefs.Brief`), as text, Markdown and JSON data:
the part of `accord diff` that lets a reviewer agree without opening a file. Formatting only.

One objective is one block: a heading line with its title (the only line that names it), its
team, cycle, status and file; its owner, decision owner, why now and what it supports; a
table of its key results (start, target, unit, indicator, owner, what each supports); then
its changes in words, a key result's change prefixed with that key result's id, not its
title. People are named, their handle after the name in parentheses; the Markdown never
@mentions here (only the reviewers' table does, for people the base knows). A supported
item that exists at base links to its line in the base commit when org.yaml has
`repository`. JSON carries the same facts as data (numbers as numbers, people as objects).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from accord.agreement.briefs import Brief, KeyResultBrief, Someone, Supported
from accord.agreement.review import Review
from accord.changes.diff import Change
from accord.changes.fieldwise import show
from accord.model.forge import forge_of
from accord.output.gfm import gfm_text, link

_HEADING = {
    "added": "New objective",
    "changed": "Changed objective",
    "moved": "Moved objective",
    "removed": "Removed objective",
}


def changes_of(review: Review, brief: Brief) -> list[Change]:
    """The changes that belong to the objective of `brief` (its key results' included)."""
    return [
        c
        for c in review.changes
        if c.subject in ("objective", "key result") and c.key.partition(".")[0] == brief.key
    ]


def change_words(brief: Brief, change: Change) -> str:
    """A change as said under its objective: `key result rate: target 10 -> 12`."""
    if change.subject == "key result" and change.kind not in ("added", "removed"):
        return f"key result {change.key.rpartition('.')[2]}: {change.text}"
    return change.text


def brief_data(review: Review, brief: Brief) -> dict[str, Any]:
    """A brief as JSON data, with the address of each supported item and its changes."""
    data = asdict(brief)
    data["supports"] = [_supported_data(review, s) for s in brief.supports]
    for kr, shown in zip(brief.key_results, data["key_results"], strict=True):
        shown["supports"] = [_supported_data(review, s) for s in kr.supports]
    data["changes"] = [asdict(c) for c in changes_of(review, brief)]
    return data


def _supported_data(review: Review, item: Supported) -> dict[str, Any]:
    return {**asdict(item), "url": _url(review, item)}


def brief_text(review: Review, brief: Brief) -> list[str]:
    """A brief for a terminal, indented under the summary line."""
    lines = [f"  {_HEADING[brief.state].lower()} {brief.key}: {brief.title}"]
    lines.append(f"    {_where(brief)}")
    lines.append(f"    owner: {_person(brief.owner)}")
    if brief.decision_owner:
        lines.append(f"    decision owner: {_person(brief.decision_owner)}")
    lines.append(f"    why now: {' '.join(brief.why_now.split())}")
    lines += [f"    supports: {_supported_text(s)}" for s in brief.supports] or [
        "    supports: nothing above it"
    ]
    for kr in brief.key_results:
        lines.append(f"    key result {kr.key.rpartition('.')[2]}: {kr.title}")
        lines.append(f"      {_numbers(kr)}; owner {_person(kr.owner)}{_extras_text(kr)}")
    lines += [f"    - {change_words(brief, c)}" for c in changes_of(review, brief)]
    return lines


def _where(brief: Brief) -> str:
    moved = f", moved from {brief.moved_from}" if brief.moved_from else ""
    place = f"{brief.file}:{brief.line}"
    return f"{brief.team_name} ({brief.team}), {brief.cycle}, {brief.status}{moved}, {place}"


def _numbers(kr: KeyResultBrief) -> str:
    unit = f" {kr.unit}" if kr.unit else ""
    indicator = f" ({kr.indicator})" if kr.indicator else ""
    return f"from {show(kr.start)} to {show(kr.target)}{unit}{indicator}"


def _extras_text(kr: KeyResultBrief) -> str:
    parts = [f"; with {', '.join(kr.contributors)}"] if kr.contributors else []
    parts += [f"; supports {_supported_text(s)}" for s in kr.supports]
    return "".join(parts)


def _person(who: Someone) -> str:
    return f"{who.name} (@{who.github})" if who.github else who.name


def _supported_text(item: Supported) -> str:
    owner = f", owned by {item.owner.name}" if item.owner else ""
    new = "" if item.file else ", new in this proposal"
    return f"{item.title} ({item.key}{owner}{new})"


def brief_markdown(review: Review, brief: Brief) -> list[str]:
    """A brief for the pull-request comment: every user string through `gfm_text`."""
    lines = [
        f"#### {_HEADING[brief.state]}: {gfm_text(brief.title)}",
        "",
        f"<code>{gfm_text(brief.key)}</code> · {gfm_text(_where(brief))}",
        "",
        f"- **Owner:** {_person_md(brief.owner)}",
    ]
    if brief.decision_owner:
        lines.append(f"- **Decision owner:** {_person_md(brief.decision_owner)}")
    lines.append(f"- **Why now:** {gfm_text(brief.why_now)}")
    supports = ", ".join(_supported_md(review, s) for s in brief.supports)
    lines += [f"- **Supports:** {supports or 'nothing above it'}", ""]
    lines += _key_results_md(review, brief.key_results)
    changes = changes_of(review, brief)
    if changes:
        lines += ["**Changes:**", "", *(f"- {gfm_text(change_words(brief, c))}" for c in changes)]
    return [*lines, ""]


def _key_results_md(review: Review, krs: Iterable[KeyResultBrief]) -> list[str]:
    rows = ["| Key result | Start | Target | Unit | Owner | Supports |",
            "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for kr in krs:
        title = gfm_text(kr.title) + (f" ({gfm_text(kr.indicator)})" if kr.indicator else "")
        owner = _person_md(kr.owner)
        if kr.contributors:
            owner += ", with " + gfm_text(", ".join(kr.contributors))
        supports = "<br>".join(_supported_md(review, s) for s in kr.supports) or "-"
        cells = [title, show(kr.start), show(kr.target), gfm_text(kr.unit or "-"), owner, supports]
        rows.append("| " + " | ".join(cells) + " |")
    return [*rows, ""] if len(rows) > 2 else ["No key results.", ""]


def _person_md(who: Someone) -> str:
    return gfm_text(_person(who))


def _supported_md(review: Review, item: Supported) -> str:
    owner = f", owned by {item.owner.name}" if item.owner else ""
    new = "" if item.file else ", new in this proposal"
    return f"{link(item.title, _url(review, item))} {gfm_text(f'({item.key}{owner}{new})')}"


def _url(review: Review, item: Supported) -> str | None:
    """The supported item at its line in the base commit: what the reviewer agrees to is
    what it says there, not on a branch that may move."""
    forge = forge_of(review.repository, review.commit, review.prefix) if review.commit else None
    if forge is None or item.file is None or item.line is None:
        return None
    return forge.blob(item.file, item.line)
