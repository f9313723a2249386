"""Who agreed, on record: the note `okrs-agreed.yml` leaves on a merged pull request's
merge commit, written and read back.

When a pull request that changes okrs/ merges into the default branch, the workflow adds a
git note to its merge commit (GitHub's `merge_commit_sha`: the merge commit, the squashed
commit, or the last rebased commit) in the notes ref `refs/notes/accord/agreed`. Notes
annotate commits without changing them, so history is never rewritten; the ref is Accord's
own, so `git notes` of anyone else never collide with it. The note is a few `Key: value`
lines, as git trailers are, readable with `git log --notes=accord/agreed`:

    Accord-Agreed: 1
    Pull-Request: 42
    Title: Retarget on-time rate
    Approved-By: ada
    Approved-By: grace
    Merged-By: linus

`Accord-Agreed` is the format's version and comes first. Later versions only add keys, and
a reader ignores keys it does not know, so an older Accord reads a newer note. Who approved
is each reviewer's latest decision (an approval, a request for changes, a dismissal; a
comment changes nothing) and counts when it is an approval of the commit that merged, as the
accord/agreement status counts them: an approval of an earlier push agreed to something
else. A note that does not read as this format is left out with a warning, never trusted.

Reading: a note on a non-merge commit (squash, rebase) is that commit's record; a note on a
merge commit is the record of every commit the merge brought in (`lineage`). Notes are read
afresh on every build (one listing and one blob per note), never cached with the history, so
a note added after a commit was first read still shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from accord.changes.lineage import brought_in
from accord.model.errors import GitFailure
from accord.read.git import GitRepo

NOTES_REF = "refs/notes/accord/agreed"
VERSION = 1
MAX_NOTE = 64 * 1024  # bytes; a record is a few lines, anything larger is not one
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")
_DECISIONS = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")


@dataclass(frozen=True)
class Agreed:
    """Who agreed to a merged pull request: its number and title, the GitHub logins whose
    approval counted, and who merged it (None when the note does not say)."""

    pr: int
    title: str
    approved_by: tuple[str, ...]
    merged_by: str | None = None


def approvers(reviews: Iterable[Mapping[str, Any]], head: str) -> list[str]:
    """The logins whose latest decision is an approval of `head`, in the order they decided.

    `reviews` are the API's reviews as `{user, state, commit, at}`; their order is the API's
    (oldest first), and a later decision replaces an earlier one of the same reviewer."""
    latest: dict[str, Mapping[str, Any]] = {}
    for review in sorted(reviews, key=lambda r: str(r.get("at") or "")):
        login = str(review.get("user") or "")
        if review.get("state") in _DECISIONS and _LOGIN.fullmatch(login):
            latest.pop(login.lower(), None)  # re-deciding moves the reviewer to the end
            latest[login.lower()] = review
    return [
        str(r["user"]) for r in latest.values() if r["state"] == "APPROVED" and r["commit"] == head
    ]


def note_text(record: Agreed) -> str:
    """The note for a record; the title on one line, logins that are not logins left out."""
    title = " ".join(record.title.split())
    lines = [f"Accord-Agreed: {VERSION}", f"Pull-Request: {record.pr}", f"Title: {title}"]
    lines += [f"Approved-By: {login}" for login in record.approved_by if _LOGIN.fullmatch(login)]
    if record.merged_by and _LOGIN.fullmatch(record.merged_by):
        lines.append(f"Merged-By: {record.merged_by}")
    return "\n".join(lines) + "\n"


def parse_note(text: str) -> Agreed:
    """A note read back; ValueError saying why when it is not a record of this format."""
    lines = [line for line in text.splitlines() if line.strip()]
    pairs = [line.partition(":") for line in lines]
    if any(not sep for _, sep, _ in pairs):
        raise ValueError("a line is not `Key: value`")
    fields = [(key.strip().lower(), value.strip()) for key, _, value in pairs]
    if not fields or fields[0][0] != "accord-agreed" or not fields[0][1].isdigit():
        raise ValueError("it does not start with `Accord-Agreed: <version>`")
    found: dict[str, list[str]] = {}
    for key, value in fields[1:]:
        found.setdefault(key, []).append(value)
    numbers = found.get("pull-request", [])
    if len(numbers) != 1 or not re.fullmatch(r"[1-9][0-9]{0,9}", numbers[0]):
        raise ValueError("it has no single `Pull-Request: <number>`")
    logins = found.get("approved-by", [])
    merged = found.get("merged-by", [])
    bad = [login for login in [*logins, *merged] if not _LOGIN.fullmatch(login)]
    if bad or len(merged) > 1:
        raise ValueError(f"'{bad[0] if bad else merged[1]}' is not one GitHub login")
    titles = found.get("title", [])
    title = titles[0] if titles else ""
    return Agreed(int(numbers[0]), title, tuple(logins), merged[0] if merged else None)


def read_records(repo: GitRepo, head: str) -> tuple[dict[str, Agreed], list[str]]:
    """Commit id -> its record, for the commits reachable from `head`; and a warning for
    each note that is not a record (it is left out)."""
    try:
        notes = repo.notes(NOTES_REF)
    except GitFailure as failure:
        return {}, [f"the records of who agreed ({NOTES_REF}) cannot be read: {failure}"]
    records, warnings = {}, []
    for sha, data in sorted(notes.items()):
        try:
            if len(data) > MAX_NOTE:
                raise ValueError(f"it is larger than {MAX_NOTE // 1024} KiB")
            records[sha] = parse_note(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            reason = "it is not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
            warnings.append(f"the note on {sha[:12]} in {NOTES_REF} is ignored: {reason}")
    if not records:
        return {}, warnings
    graph = repo.parents(head)
    found = {sha: r for sha, r in records.items() if sha in graph and len(graph[sha]) < 2}
    merges = {sha for sha in records if len(graph.get(sha, ())) > 1}
    for line_commit, new in brought_in(graph, repo.commit_of(head)):
        if line_commit in merges:
            merges.discard(line_commit)
            found.update((sha, records[line_commit]) for sha in new if sha not in records)
        for inner in merges.intersection(new):  # a noted merge another merge brought in
            for sha in repo.brought_in(inner, graph[inner]):  # the innermost merge's record
                if sha not in records:
                    found[sha] = records[inner]
    return found, warnings
