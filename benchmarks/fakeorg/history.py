"""The git history: one `git fast-import` stream of the import commit, then check-ins,
retargets, moves and new stop_doing items, as direct commits, squash merges and merged pull
requests."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from fakeorg.organisation import Org
from fakeorg.texts import AS_OF, COMPANY, IMPORT, STOPS
from fakeorg.values import scalar, team_text


class Importer:
    """Builds the `git fast-import` stream."""

    def __init__(self) -> None:
        self.out: list[bytes] = []
        self.mark = 0
        self.commits = 0

    def commit(
        self,
        ref: str,
        when: datetime,
        author: tuple[str, str],
        message: str,
        files: dict[str, str],
        parent: int | None = None,
        merge: int | None = None,
        committer: tuple[str, str] | None = None,
    ) -> int:
        self.mark += 1
        self.commits += 1
        stamp = int(when.timestamp())
        name, email = author
        cname, cemail = committer or author
        msg = message.encode()
        parts = [
            b"commit %s\nmark :%d\n" % (ref.encode(), self.mark),
            f"author {name} <{email}> {stamp} +0100\n".encode(),
            f"committer {cname} <{cemail}> {stamp} +0100\n".encode(),
            b"data %d\n" % len(msg),
            msg,
            b"\n",
        ]
        if parent:
            parts.append(b"from :%d\n" % parent)
        if merge:
            parts.append(b"merge :%d\n" % merge)
        for path, text in sorted(files.items()):
            data = text.encode()
            parts.append(
                b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)) + data + b"\n"
            )
        self.out.append(b"".join(parts))
        return self.mark


def history(org: Org, commits: int) -> Importer:
    rnd = org.rnd
    plans = org.plans
    q4 = sorted(k for k in plans if k[0] == "2026-q4")
    # what the repository held on 1 October: check-ins dated before the import
    home = {key: list(plan.objectives) for key, plan in plans.items()}
    org.home = home  # type: ignore[attr-defined]
    for key, plan in plans.items():
        for o in plan.objectives:
            org.where[o.id] = key
            for kr in o.key_results:
                kr.shown = sum(1 for c in kr.checkins if c["date"] < IMPORT.date())
    files = {"okrs/org.yaml": org.org_text(), **{p.path: team_text(p) for p in plans.values()}}
    files[".gitignore"] = "/site/public/\n/.accord-cache/\n"
    files["okrs/README.md"] = (
        "# Meridian Freight OKRs\n\nOne folder per cycle, one file per team.\n"
    )
    files.update(org.statements)
    imp = Importer()
    ceo = org.teams[COMPANY[0]].lead
    main = imp.commit(
        "refs/heads/main",
        IMPORT,
        _who(org, ceo),
        "Import the 2026 OKRs from the planning sheets",
        files,
    )

    # the check-in events: (date, plan key)
    events: set[tuple[date, tuple[str, str]]] = set()
    for key, plan in plans.items():
        for o in plan.objectives:
            for kr in o.key_results:
                events.update((c["date"], key) for c in kr.checkins if c["date"] >= IMPORT.date())
    ordered = sorted(events)
    changes_wanted = max(1, round((commits - 1) / 1.3))
    slots = max(1, min(len(ordered), round(changes_wanted * 0.7)))
    groups = [
        ordered[i * len(ordered) // slots : (i + 1) * len(ordered) // slots] for i in range(slots)
    ]
    changes: list[tuple[datetime, str, object]] = []
    for group in groups:
        if group:
            day = group[-1][0]
            changes.append((_at(rnd, day), "checkin", group))
    for _ in range(max(0, changes_wanted - len(changes))):
        day = IMPORT.date() + timedelta(days=rnd.randint(1, (AS_OF - IMPORT.date()).days - 1))
        changes.append((_at(rnd, day), rnd.choice(["retarget", "retarget", "move", "stop"]), None))
    changes.sort(key=lambda c: (c[0], c[1]))

    pr = 100
    left = commits - 1
    i = 0
    while left > 0:
        if i < len(changes):
            when, kind, arg = changes[i]
        else:  # more commits than changes: small late edits
            when, kind, arg = (
                _at(rnd, AS_OF - timedelta(days=1)) + timedelta(minutes=i - len(changes)),
                "retarget",
                None,
            )
        i += 1
        edit = _apply(org, kind, arg, q4)
        for _ in range(30):  # a change that does not fit this team: another kind, another team
            if edit is not None:
                break
            edit = _apply(org, rnd.choice(["retarget", "retarget", "move", "stop"]), None, q4)
        if edit is None:
            continue
        title, touched, author = edit
        files = {p: team_text(plans[k]) for k in touched for p in [plans[k].path]}
        remaining = len(changes) - i
        style = rnd.random()
        who = _who(org, author)
        if style < 0.3 and left - 2 >= max(remaining, 0):
            pr += rnd.randint(1, 3)
            branch = f"{author.split('-')[0]}/{kind}-{pr}"
            tip = imp.commit(
                "refs/heads/pr-branch", when - timedelta(minutes=40), who, title, files, parent=main
            )
            main = imp.commit(
                "refs/heads/main",
                when,
                who,
                f"Merge pull request #{pr} from meridian-freight/{branch}\n\n{title}",
                files,
                parent=main,
                merge=tip,
                committer=("GitHub", "noreply@github.com"),
            )
            left -= 2
        elif style < 0.75:
            pr += rnd.randint(1, 3)
            main = imp.commit(
                "refs/heads/main",
                when,
                who,
                f"{title} (#{pr})",
                files,
                parent=main,
                committer=("GitHub", "noreply@github.com"),
            )
            left -= 1
        else:
            main = imp.commit("refs/heads/main", when, who, title, files, parent=main)
            left -= 1
    return imp


def _at(rnd: random.Random, day: date) -> datetime:
    return datetime(
        day.year, day.month, day.day, rnd.randint(9, 17), rnd.randint(0, 59), tzinfo=UTC
    )


def _who(org: Org, pid: str) -> tuple[str, str]:
    p = org.people[pid]
    return p["name"], f"{p.get('github', pid)}@users.noreply.github.com"


def _apply(org: Org, kind: str, arg: object, q4: list[tuple[str, str]]):
    """Apply one change to the state; (title, touched plan keys, author) or None."""
    rnd, plans = org.rnd, org.plans
    if kind == "checkin":
        group = arg  # type: ignore[assignment]
        teams = sorted({key for _, key in group})  # type: ignore[union-attr]
        day = max(d for d, _ in group)  # type: ignore[union-attr]
        touched = set()
        for key in teams:  # a team checks in on what it planned, wherever it lives now
            for o in org.home[key]:  # type: ignore[attr-defined]
                touched.add(org.where[o.id])
                for kr in o.key_results:
                    kr.shown = sum(1 for c in kr.checkins if c["date"] <= day)
        touched = sorted(touched)
        names = [org.teams[k[1]].name for k in touched]
        title = (
            f"Check-ins {names[0]}"
            if len(names) == 1
            else f"Check-ins {', '.join(names[:2])}"
            + (f" and {len(names) - 2} more" if len(names) > 2 else "")
        )
        return f"{title} ({day:%d %b})", touched, org.teams[touched[0][1]].lead
    key = rnd.choice(q4)
    plan = plans[key]
    if kind == "retarget" and plan.objectives:
        o = rnd.choice(plan.objectives)
        kr = rnd.choice(o.key_results)
        span = kr.target - kr.start
        new = kr.target + span * rnd.choice([-0.2, 0.15, 0.25])
        new = round(new, 2 if abs(span) < 2 else (1 if abs(span) < 20 else 0))
        if kr.unit == "%":
            new = min(new, 100)
        if (new - kr.start) * span <= 0 or new == kr.target:
            return None
        kr.target = new
        return f"Retarget {o.id}.{kr.id} to {scalar(new)}", [key], kr.owner
    if kind == "move":
        movable = [o for o in plan.objectives if o.id not in org.protected]
        if len(plan.objectives) < 4 or not movable:
            return None
        team = org.teams[key[1]]
        siblings = [
            k
            for k in q4
            if k != key and org.teams[k[1]].parent == team.parent and len(plans[k].objectives) < 5
        ]
        if not siblings:
            return None
        other = rnd.choice(siblings)
        o = rnd.choice(movable)
        plan.objectives.remove(o)
        plans[other].objectives.append(o)
        org.where[o.id] = other
        return f"Move {o.id} to {org.teams[other[1]].name}", [key, other], org.teams[other[1]].lead
    if kind == "stop" and plan.objectives:
        fresh = [s for s in STOPS if s not in plan.stop_doing]
        if not fresh or len(plan.stop_doing) >= 4:
            return None
        plan.stop_doing.append(rnd.choice(fresh))
        return (
            f"{org.teams[key[1]].name} stops: {plan.stop_doing[-1].lower()}",
            [key],
            org.teams[key[1]].lead,
        )
    return None
