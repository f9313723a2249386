"""What a change does to okrs/org.yaml and to leaders' statements, said in words.

`diff.compare` follows objectives and team files (what history folds along the log); these
follow the rest of `okrs/`, which decides who must agree: people and their GitHub handles,
teams with their leads and parents, cycles, settings, and each leader's statement.
Keys: `organisation`, `settings`, `people/<id>`, `teams/<id>`, `cycles/<id>` (subject "org")
and `<cycle>/statements/<person>` (subject "statement"). Every field is compared, those
not named here too (`diff.described`): accepted warnings, and any field added later.
Positions are not. Pure: no IO.

Reviewers read these without org.yaml open, so people are named (`team sales: lead Cy
Twombly -> Ben Okri`, members likewise, each side naming its own), and an entry added or
removed says what it holds: a person's name and handle, a team's name, lead and parent, a
cycle's dates. Settings say old and new value (`setting stale_checkin_days 14 -> 60`); the
organisation's own fields (name, repository, a default branch) likewise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields

from accord.changes.diff import Change, described
from accord.changes.fieldwise import plain, show
from accord.model.okrs import Model, Statement
from accord.model.organisation import Cycle, Org, Person, Team

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
        changes.extend(_entries(kind, old, new, names))
    return changes


def _entries(kind: str, old: Org, new: Org, names: tuple[str, ...]) -> Iterator[Change]:
    """Entries of one mapping of org.yaml added, removed, or changed field by field."""
    what = _SINGULAR[kind]
    before: Mapping[str, object] = getattr(old, kind)
    after: Mapping[str, object] = getattr(new, kind)
    for entry in sorted(set(before) | set(after)):
        key = f"{kind}/{entry}"
        a, b = before.get(entry), after.get(entry)
        if a is None:
            yield Change(key, "org", "added", f"{what} added: {_entry(new, b)}")
        elif b is None:
            yield Change(key, "org", "removed", f"{what} removed: {_entry(old, a)}")
        else:
            words = _words(what, entry, (old, new), a, b, names)
            said = frozenset({"id", *names})
            for change in described(key, "org", a, b, words, said):
                text = change.text if change.kind in names else f"{what} {entry}: {change.text}"
                yield Change(key, "org", change.kind, text)


def _entry(org: Org, value: object) -> str:
    """What an entry added or removed holds: `sales (Sales), led by Cy Twombly, under company`."""
    if isinstance(value, Person):
        handle = f", @{value.github}" if value.github else ""
        return f"{value.id} ({value.name}{handle})"
    if isinstance(value, Team):
        under = f", under {value.parent}" if value.parent else ", at the top of the team tree"
        return f"{value.id} ({value.name}), led by {_who(org, value.lead)}{under}"
    if isinstance(value, Cycle):
        within = f", within {value.within}" if value.within else ""
        return f"{value.id} ({value.start} to {value.end}{within})"
    return str(getattr(value, "id", value))


def _words(
    what: str, entry: str, sides: tuple[Org, Org], a: object, b: object, names: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            label = name.replace("declared_", "")
            if name in _PEOPLE:
                x, y = _named(sides[0], x), _named(sides[1], y)
            yield name, f"{what} {entry}: {label} {_list(x)} -> {_list(y)}"


_PEOPLE = frozenset({"lead", "members"})  # team fields that name people


def _named(org: Org, value: object) -> object:
    """A person id, or a tuple of them, as `org` names them."""
    if isinstance(value, tuple):
        return tuple(_who(org, v) for v in value)
    return _who(org, str(value)) if value is not None else None


def _who(org: Org, person: str) -> str:
    known = org.people.get(person)
    return known.name if known is not None else person


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
