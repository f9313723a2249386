"""What a change does to okrs/org.yaml and to leaders' statements, said in words.

`diff.compare` follows objectives and team files (what history folds along the log); these
follow the rest of `okrs/`, which decides who must agree: people and their GitHub handles,
teams with their leads and parents, cycles, settings, and each leader's statement.
Keys: `organisation`, `settings`, `people/<id>`, `teams/<id>`, `cycles/<id>` (subject "org")
and `<cycle>/statements/<person>` (subject "statement"). Every field is compared, those
not named here too (`diff.described`): accepted warnings, and any field added later.
Positions are not. Pure: no IO.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields

from accord.diff import Change, described
from accord.fieldwise import plain, show
from accord.model import Model, Org, Statement

# The fields said in words per kind of org.yaml entry, in this order (`described` says any
# other field that changes: a person's accepted warnings, a field added later).
_FIELDS = {
    "people": ("name", "github", "email", "title"),
    "teams": ("name", "lead", "parent", "members"),
    "cycles": ("start", "end", "within", "declared_status"),
}
_SINGULAR = {"people": "person", "teams": "team", "cycles": "cycle"}
_ENTRIES = frozenset({*_FIELDS, "settings"})  # the parts of Org compared entry by entry


def compare_org(old: Org, new: Org) -> list[Change]:
    """Every change to org.yaml: the organisation, its settings, people, teams and cycles."""
    changes = [
        Change("organisation", "org", name, f"organisation {name} {show(a)} -> {show(b)}")
        for name in (f.name for f in fields(old) if f.name not in _ENTRIES)
        if plain(a := getattr(old, name)) != plain(b := getattr(new, name))
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
            words = _words(what, entry, a, b, names)
            said = frozenset({"id", *names})
            for change in described(key, "org", a, b, words, said):
                text = change.text if change.kind in names else f"{what} {entry}: {change.text}"
                yield Change(key, "org", change.kind, text)


def _words(
    what: str, entry: str, a: object, b: object, names: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            label = name.replace("declared_", "")
            yield name, f"{what} {entry}: {label} {_list(x)} -> {_list(y)}"


def compare_statements(old: Model | None, new: Model | None) -> list[Change]:
    """Leaders' statements added, removed or rewritten (their accepted warnings in words),
    by `cycle/statements/person`."""
    before = {_key(s): s for s in old.statements} if old else {}
    after = {_key(s): s for s in new.statements} if new else {}
    changes = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None:
            changes.append(Change(key, "statement", "added", "statement added"))
        elif b is None:
            changes.append(Change(key, "statement", "removed", "statement removed"))
        else:
            changes.extend(_statement(key, a, b))
    return changes


def _statement(key: str, a: Statement, b: Statement) -> list[Change]:
    """Everything a statement says but its accepted warnings is one 'statement rewritten'."""
    content = [f.name for f in fields(a) if f.name not in ("person", "cycle", "file", "accept")]
    rewritten = any(plain(getattr(a, n)) != plain(getattr(b, n)) for n in content)
    words = [("statement", "statement rewritten")] if rewritten else []
    return described(key, "statement", a, b, words, frozenset(content))


def _key(statement: Statement) -> str:
    return f"{statement.cycle}/statements/{statement.person}"


def _list(value: object) -> str:
    """A members list as `a, b`; anything else as diff shows it."""
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "none"
    return show(value)
