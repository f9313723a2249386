"""Larkspur Health's git history, so the rules only git can see (W217, W218) have one to read.

    make(root)  # root: a temporary copy of benchmarks/planted, okrs/ in its final state

It builds a git repository at `root` whose commits (explicit author and committer dates,
written by the people who would have written them) tell how the OKRs came to be, and whose
last state is exactly the okrs/ files it found. Earlier versions of a file are its final text
with a few values as they were then (`_version`), so other edits to Larkspur's files carry
over; a file this story does not mention is committed in the first commit of its folder's
planning round (or the very first commit), where it is healthy.

The story, and what it plants:

- January 2026. Finance and Workforce drafts its 2026 file from the budget on 7 January, a
  week before the board agrees the company's bets (okrs/2026/larkspur.yaml, 14 January):
  W218 on okrs/2026/corporate.yaml. Clinical Services commits its file the afternoon the
  bets land (same day: healthy); Digital and Data after its planning day on the 21st.
- June. The 2026-q3 files (a closed quarter: never judged).
- September. Surgical Services rolls its Q3 work into a 2026-q4 file on 8 September and
  retargets session-time-used three times that month (before the quarter starts: planning,
  not churn); Helen's statement for the quarter follows on the 22nd: W218 on
  okrs/2026-q4/surgery.yaml. The other leaders write theirs on the 23rd to 25th. The
  Emergency Department commits its quarter the afternoon Helen's statement lands (same day:
  healthy); every other team on the planning day, 29 September.
- October and November. The Emergency Department and the wards renegotiate
  decision-to-ward's target after each fortnightly bed meeting, three times: W217. Revenue
  Cycle hands coded-within-3-days back and forth between Dana and Sunil three times: W217.
  Healthy look-alikes: sdec-share's target raised once after the October review, and
  list-validated's target changed twice (at the limit of max_changes_per_cycle).

Checked in place, without this history, Larkspur sits inside Accord's own repository: the
history rules then read Accord's commits of benchmarks/planted/okrs/ (the folder is a
subfolder; `GitRepo` strips its prefix), which added every file in one commit on 23 November
2026 and edit it later, after the as-of date. They find nothing there, which is right: that
history is the benchmark's making, not Larkspur's planning. The planted W217 and W218 need
this history, on a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import git

# path -> when it was first committed, by whom, and with what message.
FIRST = {
    "okrs/2026/corporate.yaml": ("2026-01-07T16:20", "gareth", "Finance and Workforce: 2026 draft from the budget"),
    "okrs/2026/larkspur.yaml": ("2026-01-14T10:00", "helen", "Larkspur's bets for 2026, as the board agreed them"),
    "okrs/2026/clinical.yaml": ("2026-01-14T17:30", "ines", "Clinical Services translates the 2026 bets"),
    "okrs/2026/digital.yaml": ("2026-01-21T15:00", "wen", "Digital and Data: the list from the January planning day"),
    "okrs/2026-q4/surgery.yaml": ("2026-09-08T09:40", "tobias", "Surgical Services: Q4 carries on from Q3"),
    "okrs/2026-q4/statements/helen.yaml": ("2026-09-22T08:30", "helen", "Helen's priorities for Q4"),
    "okrs/2026-q4/emergency.yaml": ("2026-09-22T17:10", "raj", "Emergency Department plans Q4"),
    "okrs/2026-q4/statements/ines.yaml": ("2026-09-23T12:00", "ines", "Inés's priorities for Q4"),
    "okrs/2026-q4/statements/wen.yaml": ("2026-09-24T09:00", "wen", "Wen's priorities for Q4"),
    "okrs/2026-q4/statements/gareth.yaml": ("2026-09-24T18:00", "gareth", "Gareth's priorities for Q4"),
    "okrs/2026-q4/statements/olu.yaml": ("2026-09-25T11:00", "olu", "Olufemi's priorities for Q4"),
}  # fmt: skip
# A folder's planning round: where a file this story does not mention is first committed.
ROUNDS = {
    "okrs/2026/statements/": ("2026-01-14T10:00", "helen", "Larkspur's bets for 2026, as the board agreed them"),
    "okrs/2026/": ("2026-01-21T15:00", "wen", "Planning day: the functions' 2026 files"),
    "okrs/2026-q3/": ("2026-06-26T14:00", "ines", "Q3 plans"),
    "okrs/2026-q4/statements/": ("2026-09-25T11:00", "olu", "Leaders' priorities for Q4"),
    "okrs/2026-q4/": ("2026-09-29T16:00", "marcus", "Planning day: the teams' Q4 files"),
}  # fmt: skip
START = ("2026-01-14T10:00", "helen", "Larkspur's bets for 2026, as the board agreed them")

Values = Mapping[tuple[str, str], str]  # (key result id, field) -> the value then
# path -> each later version: when, by whom, why, and the values that still differ from the
# final file ({} is the final file). The first entry is the version first committed.
VERSIONS: dict[str, list[tuple[str, str, str, Values]]] = {
    "okrs/2026-q4/surgery.yaml": [
        ("2026-09-08T09:40", "tobias", "", {("session-time-used", "target"): "75", ("list-validated", "target"): "80"}),
        ("2026-09-15T10:00", "yara", "Session time used to 80%", {("session-time-used", "target"): "80", ("list-validated", "target"): "80"}),
        ("2026-09-21T10:00", "yara", "Session time used to 82%", {("session-time-used", "target"): "82", ("list-validated", "target"): "80"}),
        ("2026-09-29T16:00", "tobias", "Session time used to 85% on the planning day", {("list-validated", "target"): "80"}),
        ("2026-10-08T11:00", "yara", "List validated: 85% (#41)", {("list-validated", "target"): "85"}),
        ("2026-11-05T11:00", "tobias", "List validated: 90% after the validation sprint (#57)", {}),
    ],
    "okrs/2026-q4/emergency.yaml": [
        ("2026-09-22T17:10", "raj", "", {("decision-to-ward", "target"): "6", ("sdec-share", "target"): "30"}),
        ("2026-10-12T09:15", "bronwyn", "Decision to ward: 5 hours, as agreed at the bed meeting (#38)", {("decision-to-ward", "target"): "5", ("sdec-share", "target"): "30"}),
        ("2026-10-14T16:00", "raj", "SDEC share to 35% after the October review (#40)", {("decision-to-ward", "target"): "5"}),
        ("2026-10-27T09:20", "bronwyn", "Decision to ward: 4.5 hours (#47)", {("decision-to-ward", "target"): "4.5"}),
        ("2026-11-10T09:05", "bronwyn", "Decision to ward: 4 hours, the wards agree (#55)", {}),
    ],
    "okrs/2026-q4/revenue-cycle.yaml": [
        ("2026-09-29T16:00", "dana", "", {("coded-within-3-days", "owner"): "sunil", ("coded-within-3-days", "target"): "85"}),
        ("2026-10-06T10:30", "dana", "Coding turnaround back to Dana while Sunil covers billing (#36)", {("coded-within-3-days", "target"): "85"}),
        ("2026-10-20T10:30", "gareth", "Coding turnaround to Sunil again (#45)", {("coded-within-3-days", "owner"): "sunil", ("coded-within-3-days", "target"): "85"}),
        ("2026-11-03T14:00", "dana", "Dana owns coding turnaround; target 90% (#52)", {}),
    ],
}  # fmt: skip


def make(root: Path) -> None:
    """A git repository at `root` whose history ends in the okrs/ files it holds now."""
    final = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in _files(root)}
    people = _people(final["okrs/org.yaml"])
    commits: dict[tuple[str, str, str], dict[str, str]] = {}
    for path, text in final.items():
        for when, who, message, values in _timeline(path):
            commits.setdefault((when, who, message), {})[path] = _version(text, values)
    repo = git.Repo.init(root)
    for (when, who, message), files in sorted(commits.items()):
        for path, text in files.items():
            (root / path).write_text(text, "utf-8")
        author = git.Actor(*people[who])
        stamp = f"{when}:00+0000"
        repo.index.add(sorted(files))
        repo.index.commit(
            message, author=author, committer=author, author_date=stamp, commit_date=stamp
        )
    changed = [p for p, text in final.items() if (root / p).read_text("utf-8") != text]
    assert not changed, f"the last commit must hold the final files: {changed}"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "okrs").rglob("*") if p.is_file())


def _timeline(path: str) -> list[tuple[str, str, str, Values]]:
    """Every version of `path` to commit: its later versions, else its one first commit."""
    when, who, message = FIRST.get(path) or _round(path)
    versions = VERSIONS.get(path)
    if not versions:
        return [(when, who, message, {})]
    first, *later = versions
    assert later[-1][3] == {}, f"{path}: the last version must be the final file"
    return [(when, who, message, first[3]), *later]


def _round(path: str) -> tuple[str, str, str]:
    folders = [folder for folder in ROUNDS if path.startswith(folder)]
    return ROUNDS[max(folders, key=len)] if folders else START


def _version(text: str, values: Values) -> str:
    """`text` with each (key result, field) set back to its value then."""
    for (kr, name), value in values.items():
        anchor = text.index(f"- id: {kr}\n")  # fails loudly when the key result is gone
        start = text.index(f" {name}: ", anchor) + len(f" {name}: ")
        end = text.index("\n", start)
        text = text[:start] + value + text[end:]
    return text


def _people(org: str) -> dict[str, tuple[str, str]]:
    """Person id -> (name, e-mail) for the authors, read from org.yaml's people section."""
    people: dict[str, tuple[str, str]] = {}
    person = ""
    for line in org.split("\nteams:", 1)[0].splitlines():
        if line.startswith("  ") and not line.startswith("   ") and line.endswith(":"):
            person = line.strip().rstrip(":")
        elif line.strip().startswith("name:") and person:
            people[person] = (line.split(":", 1)[1].strip(), f"{person}@larkspur.example")
    return people
