"""What a change does to okrs/org.yaml and to leaders' statements, said in words.

`diff.compare` follows objectives and stop-doing lists (what history folds along the log);
these follow the rest of `okrs/`, which decides who must agree: people and their GitHub
handles, teams with their leads and parents, cycles, settings, and each leader's statement.
Keys: `organisation`, `settings`, `people/<id>`, `teams/<id>`, `cycles/<id>` (subject "org")
and `<cycle>/statements/<person>` (subject "statement"). Pure: no IO.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields

from accord.diff import Change, show
from accord.model import Model, Org, Statement

# The fields compared per kind of org.yaml entry (positions and accepted warnings are not).
_FIELDS = {
    "people": ("name", "github", "email", "title"),
    "teams": ("name", "lead", "parent", "members"),
    "cycles": ("start", "end", "within", "declared_status"),
}
_SINGULAR = {"people": "person", "teams": "team", "cycles": "cycle"}


def compare_org(old: Org, new: Org) -> list[Change]:
    """Every change to org.yaml: the organisation, its settings, people, teams and cycles."""
    changes = [
        Change("organisation", "org", name, f"organisation {name} {show(a)} -> {show(b)}")
        for name in ("name", "repository")
        if (a := getattr(old, name)) != (b := getattr(new, name))
    ]
    for setting in fields(old.settings):
        a, b = getattr(old.settings, setting.name), getattr(new.settings, setting.name)
        if a != b:
            text = f"setting {setting.name} {show(a)} -> {show(b)}"
            changes.append(Change("settings", "org", "settings", text))
    for kind, names in _FIELDS.items():
        changes.extend(_entries(kind, getattr(old, kind), getattr(new, kind), names))
    return changes


def _entries(
    kind: str, old: Mapping[str, object], new: Mapping[str, object], names: tuple[str, ...]
) -> Iterator[Change]:
    """Entries of one mapping of org.yaml added, removed, or changed field by field."""
    what = _SINGULAR[kind]
    for entry in sorted(set(old) | set(new)):
        key = f"{kind}/{entry}"
        a, b = old.get(entry), new.get(entry)
        if a is None:
            yield Change(key, "org", "added", f"{what} added: {entry}")
        elif b is None:
            yield Change(key, "org", "removed", f"{what} removed: {entry}")
        else:
            for name in names:
                x, y = getattr(a, name), getattr(b, name)
                if x != y:
                    label = name.replace("declared_", "")
                    text = f"{what} {entry}: {label} {_list(x)} -> {_list(y)}"
                    yield Change(key, "org", name, text)


def compare_statements(old: Model | None, new: Model | None) -> list[Change]:
    """Leaders' statements added, removed or rewritten, by `cycle/statements/person`."""
    before = {_key(s): s for s in old.statements} if old else {}
    after = {_key(s): s for s in new.statements} if new else {}
    changes = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None:
            changes.append(Change(key, "statement", "added", "statement added"))
        elif b is None:
            changes.append(Change(key, "statement", "removed", "statement removed"))
        elif _content(a) != _content(b):
            changes.append(Change(key, "statement", "statement", "statement rewritten"))
    return changes


def _key(statement: Statement) -> str:
    return f"{statement.cycle}/statements/{statement.person}"


def _content(statement: Statement) -> tuple[object, ...]:
    """What a statement says, without where it says it."""
    priorities = tuple((p.text, p.matches) for p in statement.priorities)
    return (priorities, statement.trade_offs, statement.stop_doing, statement.success_looks_like)


def _list(value: object) -> str:
    """A members list as `a, b`; anything else as diff shows it."""
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return show(value)
