"""Documents to a `Model`: ids, refs, loops and dates (E103 to E110).

Only documents that passed the schema reach here, so field types can be trusted. Keys
from team files that failed the schema are passed in as `unverified`, so a ref to an
objective in a broken file is not reported a second time as unknown; `cycle/*` stands for
a file that could not be parsed at all, so refs into that cycle cannot be judged.

Why one module of over 300 lines: building the objectives and judging them (dates, links,
loops) is one pass over the team files that shares what it collects on the way (`Sites`);
split, that state would travel between modules for no reader's benefit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from accord.model.findings import Finding
from accord.model.graph import find_loops
from accord.model.okrs import Checkin, Dependency, KeyResult, Model, Objective, Plan
from accord.model.organisation import Cycle, Org, accepted
from accord.model.refs import did_you_mean
from accord.read.load import RepoFiles, StatementFile, TeamFile
from accord.read.source import Document, JsonPath
from accord.resolve import ids
from accord.resolve.links import Links, Site, lenient_keys, show
from accord.resolve.org import resolve_org
from accord.resolve.statements import resolve_statement

Sites = dict[tuple[str, str], list[Site]]


def resolve(
    files: RepoFiles, as_of: date, unverified: Iterable[str] = ()
) -> tuple[Model | None, list[Finding]]:
    """The model of a repository whose org.yaml is valid, and the findings on the way."""
    if files.org is None:
        return None, []
    org, findings = resolve_org(files.org)
    plans: list[Plan] = []
    objectives: dict[str, Objective] = {}
    sites: Sites = defaultdict(list)
    seen: dict[tuple[str, str], str] = {}
    unverified = set(unverified)
    for team_file in files.teams:
        if _placed(org, team_file, seen, findings):
            plans.append(_plan(org, team_file, as_of, objectives, sites, findings))
        elif team_file.doc is not None:  # refused by E107: refs to it are not also E104
            unverified |= lenient_keys(team_file.doc.data, team_file.cycle)
    known = {o.key: o.team for o in objectives.values()}
    known.update((kr.key, o.team) for o in objectives.values() for kr in o.key_results)
    links = Links(org, known, unverified)
    linked = {key: _link(objective, sites, links) for key, objective in objectives.items()}
    statements = tuple(
        resolve_statement(file, links)
        for file in files.statements
        if _placed(org, file, seen, findings)
    )
    model = Model(org, tuple(plans), linked, statements)
    return model, [*findings, *links.findings, *_supports_loops(model, links)]


def _placed(
    org: Org, file: TeamFile | StatementFile, seen: dict[tuple[str, str], str], out: list[Finding]
) -> bool:
    """E107 for an undeclared cycle folder or file name, or a second file for the same one."""
    doc = file.doc
    if doc is None:
        return False
    name, kind = (file.team, "team") if isinstance(file, TeamFile) else (file.person, "person")
    declared: Mapping[str, object] = org.teams if kind == "team" else org.people
    problem = None
    if file.cycle not in org.cycles:
        problem = f"folder '{file.cycle}' is not a cycle declared in okrs/org.yaml"
        problem += did_you_mean(file.cycle, org.cycles) or ": rename it or declare the cycle"
    elif name not in declared:
        problem = f"file name '{name}' is not a {kind} declared in okrs/org.yaml"
        problem += did_you_mean(name, declared) or f": rename the file or declare the {kind}"
    elif (file.cycle, name) in seen:
        first = seen[file.cycle, name]
        problem = f"a second file for {kind} '{name}' in {file.cycle} (first: {first}): keep one"
    if problem:
        out.append(Finding("E107", doc.at(()), problem))
        return False
    seen[file.cycle, name] = doc.path
    return True


def _plan(
    org: Org,
    file: TeamFile,
    as_of: date,
    objectives: dict[str, Objective],
    sites: Sites,
    out: list[Finding],
) -> Plan:
    """One team file: its objectives (refs gathered into `sites`) and stop-doing list."""
    doc, cycle = file.doc, org.cycles[file.cycle]
    assert doc is not None
    keys = []
    for index, raw in enumerate(doc.data["objectives"]):
        path: JsonPath = ("objectives", index)
        objective = _objective(doc, path, raw, cycle.id, file.team)
        if objective.key in objectives:
            first = objectives[objective.key].where
            message = (
                f"objective id '{objective.id}' is used twice in {cycle.id} "
                f"(first at {first}): give one of them another id"
            )
            out.append(Finding("E105", doc.at((*path, "id")), message))
            continue
        objectives[objective.key] = objective
        keys.append(objective.key)
        _collect_sites(doc, path, raw, objective, sites)
        out.extend(ids.check_objective(org, doc, path, raw))
        out.extend(_objective_findings(doc, path, raw, objective, cycle, as_of))
    return written_plan(doc, cycle.id, file.team, tuple(keys))


def written_plan(doc: Document, cycle: str, team: str, objectives: tuple[str, ...]) -> Plan:
    """What a schema-valid team file says besides its objectives (`objectives`: their keys)."""
    return Plan(
        team=team,
        cycle=cycle,
        file=doc.path,
        where=doc.key_at(("objectives",)),
        objectives=objectives,
        stop_doing=tuple(doc.data.get("stop_doing", ())),
        retrospective=doc.data.get("retrospective"),
        accept=accepted(doc.data.get("accept")),
    )


def written_objectives(doc: Document, cycle: str, team: str) -> list[Objective]:
    """The objectives of a schema-valid team file as written: refs as text, not resolved.

    History and comparisons of single files use this; it needs no org and no other file.
    """
    found: dict[str, Objective] = {}
    for index, raw in enumerate(doc.data["objectives"]):
        objective = _objective(doc, ("objectives", index), raw, cycle, team)
        found.setdefault(objective.key, objective)
    return list(found.values())


def _objective(
    doc: Document, path: JsonPath, raw: dict[str, Any], cycle: str, team: str
) -> Objective:
    """An objective as written (refs not yet resolved), with its key results."""
    key = f"{cycle}/{raw['id']}"
    results = tuple(
        _key_result(doc, (*path, "key_results", i), kr, key)
        for i, kr in enumerate(raw["key_results"])
    )
    return Objective(
        key=key,
        id=raw["id"],
        cycle=cycle,
        team=team,
        title=raw["title"],
        owner=raw["owner"],
        why_now=raw["why_now"],
        where=doc.at(path),
        status=raw.get("status", "active"),
        decision_owner=raw.get("decision_owner"),
        contributors=tuple(raw.get("contributors", ())),
        tradeoffs=tuple(raw.get("tradeoffs", ())),
        dropped_reason=raw.get("dropped_reason"),
        key_results=results,
        supports=tuple(raw.get("supports", ())),  # as written; `_link` resolves them
        carried_from=raw.get("carried_from"),  # as written; `_link` resolves it
        retrospective=raw.get("retrospective"),
        accept=accepted(raw.get("accept")),
        at={name: doc.at((*path, name)) for name in raw},
        depends_on=tuple(
            Dependency(d["on"], d["need"], doc.at((*path, "depends_on", i, "on")))
            for i, d in enumerate(raw.get("depends_on", ()))
        ),
    )


def _key_result(doc: Document, path: JsonPath, raw: dict[str, Any], objective: str) -> KeyResult:
    checkins = tuple(
        Checkin(
            date.fromisoformat(c["date"]),
            c["value"],
            c["confidence"],
            doc.at((*path, "checkins", i, "date")),
            c.get("still_agreed"),
            c.get("note"),
        )
        for i, c in enumerate(raw.get("checkins", ()))
    )
    return KeyResult(
        key=f"{objective}.{raw['id']}",
        id=raw["id"],
        title=raw["title"],
        owner=raw["owner"],
        start=raw["start"],
        target=raw["target"],
        where=doc.at(path),
        unit=raw.get("unit"),
        indicator=raw.get("indicator"),
        contributors=tuple(raw.get("contributors", ())),
        supports=tuple(raw.get("supports", ())),  # as written; `_link` resolves them
        checkins=checkins,
        weight=raw.get("weight", 1.0),
        score=raw.get("score"),
        accept=accepted(raw.get("accept")),
        at={name: doc.at((*path, name)) for name in raw},
    )


def _collect_sites(
    doc: Document, path: JsonPath, raw: dict[str, Any], objective: Objective, sites: Sites
) -> None:
    """Every ref the objective and its key results write, with its place."""
    entries: list[tuple[str, str, JsonPath, str]] = []
    for i, ref in enumerate(raw.get("supports", ())):
        entries.append((objective.key, "supports", (*path, "supports", i), ref))
    for i, dep in enumerate(raw.get("depends_on", ())):
        entries.append((objective.key, "depends_on", (*path, "depends_on", i, "on"), dep["on"]))
    if "carried_from" in raw:
        entries.append(
            (objective.key, "carried_from", (*path, "carried_from"), raw["carried_from"])
        )
    for k, kr in enumerate(raw["key_results"]):
        for i, ref in enumerate(kr.get("supports", ())):
            place = (*path, "key_results", k, "supports", i)
            entries.append((f"{objective.key}.{kr['id']}", "supports", place, ref))
    for owner, field, place, text in entries:
        sites[owner, field].append(Site(owner, field, text, objective.cycle, doc.at(place)))


def _objective_findings(
    doc: Document,
    path: JsonPath,
    raw: dict[str, Any],
    objective: Objective,
    cycle: Cycle,
    as_of: date,
) -> list[Finding]:
    """E105 (key result ids), E108 (check-in dates) and E110 (dropped without a reason)."""
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for index, kr in enumerate(raw["key_results"]):
        line = doc.at((*path, "key_results", index)).line
        if kr["id"] in first:
            message = (
                f"key result id '{kr['id']}' is used twice in objective '{objective.id}' "
                f"(first at line {first[kr['id']]}): give one of them another id"
            )
            findings.append(Finding("E105", doc.at((*path, "key_results", index, "id")), message))
        first.setdefault(kr["id"], line)
    for kr in objective.key_results:
        findings.extend(_checkin_dates(kr.checkins, cycle, as_of))
    if objective.status == "dropped" and not objective.dropped_reason:
        message = f"objective '{objective.id}' is dropped without a dropped_reason: say why"
        findings.append(Finding("E110", doc.at((*path, "status")), message))
    return findings


def _checkin_dates(checkins: tuple[Checkin, ...], cycle: Cycle, as_of: date) -> list[Finding]:
    """E108: a check-in outside its cycle, after today, or before the one above it."""
    findings = []
    for previous, checkin in zip((None, *checkins), checkins, strict=False):
        day, problem = checkin.date, None
        if not cycle.start <= day <= cycle.end:
            problem = f"is outside {cycle.id} ({cycle.start} to {cycle.end})"
        elif day > as_of:
            problem = f"is in the future (today is {as_of})"
        elif previous is not None and day < previous.date:
            problem = f"comes after one dated {previous.date}: list check-ins oldest first"
        if problem:
            findings.append(Finding("E108", checkin.where, f"check-in dated {day} {problem}"))
    return findings


def _link(objective: Objective, sites: Sites, links: Links) -> Objective:
    """The objective with its supports and dependencies resolved to keys."""
    dependencies = tuple(
        replace(dep, team=team, target=target)
        for dep, site in zip(objective.depends_on, sites[objective.key, "depends_on"], strict=True)
        for team, target in [links.team_or_ref(site)]
    )
    results = tuple(
        replace(kr, supports=links.keys(sites[kr.key, "supports"])) for kr in objective.key_results
    )
    supports = links.keys(sites[objective.key, "supports"])
    carried = links.keys(sites[objective.key, "carried_from"])
    return replace(
        objective, supports=supports, depends_on=dependencies, key_results=results,
        carried_from=carried[0] if carried else None,
    )  # fmt: skip


def _supports_loops(model: Model, links: Links) -> list[Finding]:
    """E106 for each loop in `supports` (a key result also leads up to its objective)."""
    nodes = [*model.objectives, *model.key_results]
    findings = []
    for loop in find_loops(nodes, model.parents):
        steps = list(zip(loop, [*loop[1:], loop[0]], strict=True))
        where = next(filter(None, (links.where(a, b) for a, b in steps)))
        cycle = loop[0].split("/", 1)[0]
        shown = " -> ".join(show(key, cycle) for key in [*loop, loop[0]])
        message = f"a loop in supports: {shown}; remove one of these links"
        findings.append(Finding("E106", where, message))
    return findings
