"""okrs/org.yaml to an `Org`: people, the team tree and cycles (E103, E106, E109)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from accord.model.findings import Finding
from accord.model.graph import find_loops
from accord.model.organisation import Cycle, Org, Person, Settings, Team, accepted
from accord.model.refs import did_you_mean
from accord.read.source import Document


def resolve_org(doc: Document) -> tuple[Org, list[Finding]]:
    """The organisation of a schema-valid org.yaml, and what is wrong between its parts."""
    data = doc.data
    people = {pid: _person(doc, pid, raw) for pid, raw in data["people"].items()}
    teams = {tid: _team(doc, tid, raw) for tid, raw in data["teams"].items()}
    cycles = {cid: _cycle(doc, cid, raw) for cid, raw in data["cycles"].items()}
    settings = Settings(**data.get("settings", {}))
    branch = data.get("default_branch", "main")
    org = Org(data["name"], people, teams, cycles, settings, data.get("repository"), branch)
    findings = [*_unknown_ids(doc, org), *_loops(doc, org), *_dates(doc, org)]
    return org, findings


def _person(doc: Document, pid: str, raw: dict[str, Any]) -> Person:
    where = doc.key_at(("people", pid))
    return Person(
        pid,
        raw["name"],
        where,
        raw.get("github"),
        raw.get("email"),
        raw.get("title"),
        accepted(raw.get("accept")),
    )


def _team(doc: Document, tid: str, raw: dict[str, Any]) -> Team:
    where = doc.key_at(("teams", tid))
    members = tuple(raw.get("members", ()))
    return Team(tid, raw["name"], raw["lead"], where, raw.get("parent"), members)


def _cycle(doc: Document, cid: str, raw: dict[str, Any]) -> Cycle:
    start, end = date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"])
    where = doc.key_at(("cycles", cid))
    return Cycle(cid, start, end, where, raw.get("within"), raw.get("status"))


def _unknown_ids(doc: Document, org: Org) -> list[Finding]:
    """E103 for team leads, members, parents and enclosing cycles that are not declared."""
    # The declared ids are shared by every check (a copy each was 450 MB at 1,000 teams).
    checks: list[tuple[tuple[str | int, ...], str, Mapping[str, object], str]] = []
    for tid, team in org.teams.items():
        checks.append((("teams", tid, "lead"), team.lead, org.people, "person"))
        for i, member in enumerate(team.members):
            checks.append((("teams", tid, "members", i), member, org.people, "person"))
        if team.parent is not None:
            checks.append((("teams", tid, "parent"), team.parent, org.teams, "team"))
    for cid, cycle in org.cycles.items():
        if cycle.within is not None:
            checks.append((("cycles", cid, "within"), cycle.within, org.cycles, "cycle"))
    findings = []
    for path, value, known, kind in checks:
        if value not in known:
            field = str(path[2])
            hint = did_you_mean(value, known)
            message = f"{field} '{value}' is not a {kind} declared in okrs/org.yaml{hint}"
            findings.append(Finding("E103", doc.at(path), message))
    return findings


def _loops(doc: Document, org: Org) -> list[Finding]:
    """E106 for a loop in the team tree (`parent`) or among cycles (`within`)."""
    findings = []
    graphs = (
        ("teams", "parent", {t.id: t.parent for t in org.teams.values()}, "the team tree"),
        ("cycles", "within", {c.id: c.within for c in org.cycles.values()}, "'within'"),
    )
    for section, field, parent, what in graphs:
        for loop in find_loops(parent, _up(parent)):
            shown = " -> ".join([*loop, loop[0]])
            message = f"a loop in {what}: {shown}; change the {field} of one of them"
            findings.append(Finding("E106", doc.at((section, loop[0], field)), message))
    return findings


def _up(parent: dict[str, str | None]) -> Callable[[str], list[str]]:
    return lambda node: [up] if (up := parent.get(node)) else []


def _dates(doc: Document, org: Org) -> list[Finding]:
    """E109 for a cycle that ends before it starts or spills out of its enclosing cycle."""
    findings = []
    for cid, cycle in org.cycles.items():
        if cycle.start > cycle.end:
            message = (
                f"cycle '{cid}' starts on {cycle.start}, after it ends on {cycle.end}: "
                "correct one of the dates"
            )
            findings.append(Finding("E109", doc.at(("cycles", cid, "start")), message))
            continue
        outer = org.cycles.get(cycle.within or "")
        if outer is not None and not outer.start <= cycle.start <= cycle.end <= outer.end:
            message = (
                f"cycle '{cid}' ({cycle.start} to {cycle.end}) is within '{outer.id}' but "
                f"'{outer.id}' runs {outer.start} to {outer.end}: move its dates inside"
            )
            findings.append(Finding("E109", doc.at(("cycles", cid, "within")), message))
    return findings
