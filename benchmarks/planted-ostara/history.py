"""The git history of Ostara Cycles' OKRs, for the rules that read it (W217, W218).

`make(root)` is called on a temporary copy of this folder, whose `okrs/` holds the files in
their final state. It reads them, then builds a git repository at `root` that tells how they
came to be, commit by commit, with explicit author and committer dates:

- each file is first committed on the day its team or leader wrote it (FIRST); Sales and
  E-commerce committed its 2026 plan on 5 January, before the leaders' 2026 statements and the
  company's bets of 12 January, and the Webshop its Q4 plan on 16 September, before the first
  Q4 statement (Hannah's, 21 September): the two W218 patterns. The Dealer Network's Q4 plan
  (22 September) comes after the first statement, so it is not one;
- a file's check-ins arrive in a commit on the day they are dated (each version holds only the
  check-ins dated up to its commit);
- a few fields change during Q4 (CHANGES): the target of frame-cost.frame-cost-q4 three times
  and record-merge's supports three times (above max_changes_per_cycle 2: W217), the target of
  frame-cost.scrap twice and the owner of venlo-dispatch.pick-errors twice (at the limit).

The last commit (21 November) holds exactly the final `okrs/` files.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from git import Actor, Repo

ZONE = "+0100"
COMPANY = Actor("Ostara planning office", "planning@ostara.example")

# File -> (date first committed, who committed it).
FIRST: dict[str, tuple[str, str]] = {
    "okrs/org.yaml": ("2025-12-10", "Grete Olsen"),
    "okrs/2026/commercial.yaml": ("2026-01-05", "Tomasz Nowak"),
    "okrs/2026/statements/jonas.yaml": ("2026-01-07", "Jonas Aalberg"),
    "okrs/2026/statements/mira.yaml": ("2026-01-08", "Mira Vandersloot"),
    "okrs/2026/statements/tom.yaml": ("2026-01-09", "Tomasz Nowak"),
    "okrs/2026/ostara.yaml": ("2026-01-12", "Mira Vandersloot"),
    "okrs/2026/manufacturing.yaml": ("2026-01-14", "Jonas Aalberg"),
    "okrs/2026/supply-chain.yaml": ("2026-01-15", "Hannah Okafor"),
    "okrs/2026/platform.yaml": ("2026-01-19", "Ravi Iyer"),
    "okrs/2026-q3/statements/jonas.yaml": ("2026-06-18", "Jonas Aalberg"),
    "okrs/2026-q3/statements/tom.yaml": ("2026-06-19", "Tomasz Nowak"),
    "okrs/2026-q3/distribution.yaml": ("2026-06-24", "Pieter de Wit"),
    "okrs/2026-q4/webshop.yaml": ("2026-09-16", "Chloé Marchand"),
    "okrs/2026-q4/statements/hannah.yaml": ("2026-09-21", "Hannah Okafor"),
    "okrs/2026-q4/statements/jonas.yaml": ("2026-09-22", "Jonas Aalberg"),
    "okrs/2026-q4/statements/mira.yaml": ("2026-09-22", "Mira Vandersloot"),
    "okrs/2026-q4/dealers.yaml": ("2026-09-22", "Marco Bellini"),
    "okrs/2026-q4/statements/ravi.yaml": ("2026-09-23", "Ravi Iyer"),
    "okrs/2026-q4/statements/tom.yaml": ("2026-09-24", "Tomasz Nowak"),
    "okrs/2026-q4/manufacturing.yaml": ("2026-09-25", "Jonas Aalberg"),
    "okrs/2026-q4/frame-plant.yaml": ("2026-09-25", "Sven Kuipers"),
    "okrs/2026-q4/battery-line.yaml": ("2026-09-25", "Aiko Tanaka-Brandt"),
    "okrs/2026-q4/quality.yaml": ("2026-09-28", "Felipe Ortega"),
    "okrs/2026-q4/distribution.yaml": ("2026-09-28", "Pieter de Wit"),
    "okrs/2026-q4/procurement.yaml": ("2026-09-28", "Leila Haddadi"),
    "okrs/2026-q4/commercial.yaml": ("2026-09-29", "Tomasz Nowak"),
    "okrs/2026-q4/aftersales.yaml": ("2026-09-29", "Nadia Petrova"),
    "okrs/2026-q4/rider-app.yaml": ("2026-09-29", "Elif Demir"),
    "okrs/2026-q4/firmware.yaml": ("2026-09-30", "Dmitri Volkov"),
    "okrs/2026-q4/data-platform.yaml": ("2026-09-30", "Kwame Mensah"),
    "okrs/2026-q4/finance.yaml": ("2026-09-30", "Beatrix Lund"),
}

# (file, ids down to the object, field): the value from the first commit, then (date, value)
# for each change; the last value is the one in the final file.
CHANGES: list[tuple[str, tuple[str, ...], str, str, list[tuple[str, str]]]] = [
    ("okrs/2026-q4/frame-plant.yaml", ("frame-cost", "frame-cost-q4"), "target", "200",
     [("2026-10-07", "195"), ("2026-10-28", "185"), ("2026-11-12", "190")]),
    ("okrs/2026-q4/frame-plant.yaml", ("frame-cost", "scrap"), "target", "3.0",
     [("2026-10-21", "2.8"), ("2026-11-04", "2.5")]),
    ("okrs/2026-q4/distribution.yaml", ("venlo-dispatch", "pick-errors"), "owner", "ingrid",
     [("2026-10-14", "pieter"), ("2026-11-03", "ingrid")]),
    ("okrs/2026-q4/data-platform.yaml", ("record-merge",), "supports", "[2026/direct-growth]",
     [("2026-10-09", "[2026/customer-record]"), ("2026-10-30", "[2026/direct-online]"),
      ("2026-11-13", "[2026/customer-record]")]),
]  # fmt: skip

LAST = "2026-11-21"
DATE = re.compile(r"^(\s*)- date: (\d{4}-\d{2}-\d{2})\s*$")


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def field_line(lines: list[str], ids: tuple[str, ...], field: str) -> int:
    """Index of `field:` directly inside the object reached through `- id:` entries `ids`."""
    start, depth = 0, -1
    for ident in ids:
        start = next(
            i for i in range(start, len(lines))
            if lines[i].strip() == f"- id: {ident}" and indent(lines[i]) > depth
        )  # fmt: skip
        depth = indent(lines[start])
    own = depth + 2
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and indent(lines[i]) <= depth:
            break
        if indent(lines[i]) == own and lines[i].strip().startswith(f"{field}:"):
            return i
    raise LookupError(f"{'.'.join(ids)} has no {field}")


def checkins_until(lines: list[str], day: str) -> list[str]:
    """The lines without check-ins dated after `day` (and without emptied `checkins:` keys)."""
    kept: list[str] = []
    skip_deeper = -1
    for line in lines:
        if skip_deeper >= 0:
            if line.strip() and indent(line) > skip_deeper:
                continue
            skip_deeper = -1
        found = DATE.match(line)
        if found and found.group(2) > day:
            skip_deeper = len(found.group(1))
            continue
        kept.append(line)
    out = [
        line for i, line in enumerate(kept)
        if not (line.strip() == "checkins:" and not next_is_item(kept, i))
    ]  # fmt: skip
    return out


def next_is_item(lines: list[str], i: int) -> bool:
    """Whether the line after `checkins:` at i is one of its items."""
    return i + 1 < len(lines) and lines[i + 1].lstrip().startswith("- date:")


def version(path: str, final: str, day: str) -> str:
    """The text of `path` as it stood at the end of `day`."""
    lines = final.split("\n")
    for file, ids, field, first, steps in CHANGES:
        if file != path:
            continue
        value = first
        for when, new in steps:
            if when <= day:
                value = new
        i = field_line(lines, ids, field)
        lines[i] = f"{lines[i][: indent(lines[i])]}{field}: {value}"
    return "\n".join(checkins_until(lines, day))


def checkin_days(finals: dict[str, str]) -> set[str]:
    return {m.group(2) for text in finals.values() for line in text.split("\n")
            if (m := DATE.match(line))}  # fmt: skip


def make(root: Path) -> None:
    """Build the repository at root from the final okrs/ found there."""
    okrs = root / "okrs"
    finals = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(okrs.rglob("*.yaml"))
    }
    missing = set(finals) - set(FIRST)
    if missing:
        raise ValueError(f"no first commit for {sorted(missing)}")
    shutil.rmtree(okrs)
    repo = Repo.init(root)
    days = sorted(
        {d for d, _ in FIRST.values()} | {d for *_, s in CHANGES for d, _ in s}
        | {d for d in checkin_days(finals) if d < LAST}
    )  # fmt: skip
    state: dict[str, str] = {}
    for day in days:
        hour = 9
        for path in [p for p in finals if FIRST[p][0] == day]:
            author = person(FIRST[path][1])
            text = version(path, finals[path], day)
            state[path] = text
            commit(repo, root, {path: text}, added(path), author, f"{day}T{hour:02d}:00:00")
            hour += 1
        changed = {}
        for path, final in finals.items():
            if FIRST[path][0] <= day and state.get(path) != (text := version(path, final, day)):
                state[path] = changed[path] = text
        if changed:
            commit(repo, root, changed, edited(day), COMPANY, f"{day}T16:00:00")
    commit(repo, root, finals, "Check-ins for the week of 16 November", COMPANY,
           f"{LAST}T17:00:00")  # fmt: skip


def person(name: str) -> Actor:
    return Actor(name, f"{name.split()[0].lower()}@ostara.example")


def added(path: str) -> str:
    """The message of the commit that adds `path`."""
    parts = Path(path).parts
    if path == "okrs/org.yaml":
        return "Add org.yaml: people, teams and the 2026 cycles"
    if parts[-2] == "statements":
        return f"{parts[1]} priority statement: {Path(path).stem}"
    return f"{parts[1]} OKRs: {Path(path).stem}"


def edited(day: str) -> str:
    """The message of the commit of `day`'s check-ins and changes."""
    changes = [
        f"{Path(file).stem}: {'.'.join(ids)} {field}"
        for file, ids, field, _, steps in CHANGES if any(d == day for d, _ in steps)
    ]  # fmt: skip
    return "; ".join(changes) if changes else f"Check-ins of {day}"


def commit(repo: Repo, root: Path, texts: dict[str, str], message: str, who: Actor,
           when: str) -> None:  # fmt: skip
    """Write `texts` and commit them, dated `when` (local time, +01:00)."""
    for path, text in texts.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    repo.index.add(list(texts))
    stamp = f"{when}{ZONE}"
    repo.index.commit(message, author=who, committer=who, author_date=stamp, commit_date=stamp)
