"""`accord carry`: the unfinished objectives a team keeps, written into its file of the next
cycle, each with `carried_from` and its key results starting where they ended.

Decisions, where the design is silent:

- Unfinished means live (active or draft) with its progress at the cycle's end below 100%
  (check-ins dated after the end do not count, as in `accord close`). Ids named on the
  command line are carried whatever their progress: the team decides.
- A carried objective keeps its id, title, owner, why-now, decision owner, contributors,
  trade-offs, dependencies and key results (ids, titles, owners, indicators, units, targets,
  contributors, weights); each key result starts from its last value by the cycle's end,
  with no check-ins and no score. Refs are written with their cycle (`2026/renewals`) so they
  resolve from the next cycle, and a ref to another objective carried in the same run
  points at its copy in the next cycle.
- The objectives go at the end of the team's file for the next cycle, in the file's own
  style (`skeleton.insert_objective`); a team without one gets a new file. An id the next
  cycle already has is refused: carry each objective once.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from accord.edit import inplace
from accord.edit.checkin import format_number
from accord.edit.inplace import quoted
from accord.edit.newobjective import file_header, team_file
from accord.edit.skeleton import Fields, Skeleton, data_of, insert_objective, new_file, word
from accord.model.errors import AccordError
from accord.model.findings import Finding
from accord.model.okrs import Model, Objective
from accord.model.organisation import Cycle
from accord.model.refs import did_you_mean
from accord.read.load import RepoFiles, TeamFile


@dataclass(frozen=True)
class Carried:
    """One objective carried: from which key to which, into which file, at which line."""

    old: str
    new: str
    rel: str
    line: int
    key_results: int


@dataclass(frozen=True)
class Carrying:
    """The objectives carried and the files as they would be written (None: a new file)."""

    carried: list[Carried]
    edits: dict[str, tuple[str | None, str]]
    errors: tuple[Finding, ...] = ()
    files: int = 0

    def report(self) -> str:
        """One line per objective carried."""
        lines = [
            f"{c.rel}:{c.line}: carried {c.old} into {c.new.split('/', 1)[0]} "
            f"({c.key_results} key results from their last values)"
            for c in self.carried
        ]
        return "\n".join(lines or ["nothing to carry"]) + "\n"

    def diff(self) -> str:
        """Every file's change as a unified diff."""
        return "".join(inplace.unified_diff(r, old, new) for r, (old, new) in self.edits.items())


def plan_carry(
    repo: Path, cycle_id: str, next_id: str, ids: Iterable[str], *, team: str | None, as_of: date
) -> Carrying:
    """The edits that carry the objectives `ids` of `cycle_id` (none given: every unfinished
    one) into `next_id`, checked with the whole repository."""
    files, before, model = inplace.check_valid(
        repo, as_of=as_of, cycles=(cycle_id, next_id), team=team
    )
    cycle, after = model.org.cycles[cycle_id], model.org.cycles[next_id]
    if after.start <= cycle.end:
        raise AccordError(f"{next_id} starts {after.start}, before {cycle_id} ends ({cycle.end})")
    chosen = _chosen(model, cycle, list(ids), team)
    taken = sorted(o.id for o in chosen if f"{next_id}/{o.id}" in model.objectives)
    if taken:
        raise AccordError(f"{next_id} already has {', '.join(taken)}: carry each objective once")
    moved = {o.key: f"{next_id}/{o.id}" for o in chosen}
    return _written(repo, files, before, model, cycle, next_id, chosen, moved, as_of)


def _chosen(model: Model, cycle: Cycle, ids: list[str], team: str | None) -> list[Objective]:
    mine = [o for o in model.objectives.values() if o.cycle == cycle.id and team in (None, o.team)]
    if not ids:
        return [o for o in mine if o.live and o.progress_by(cycle.end) < 1]
    by_id = {o.id: o for o in mine}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        where = f"{cycle.id}" + (f" for team {team}" if team else "")
        hint = did_you_mean(unknown[0], by_id)
        raise AccordError(f"no objective '{unknown[0]}' in {where}{hint}")
    return [by_id[i] for i in dict.fromkeys(ids)]


def _written(
    repo: Path,
    files: RepoFiles,
    before: Any,
    model: Model,
    cycle: Cycle,
    next_id: str,
    chosen: list[Objective],
    moved: dict[str, str],
    as_of: date,
) -> Carrying:
    texts: dict[str, tuple[str | None, str, str, Any, TeamFile | None]] = {}
    carried = []
    for objective in chosen:
        copy_of = _skeleton(model, objective, cycle, moved)
        rel, exists = team_file(repo, files, next_id, objective.team)
        if rel in texts:
            old, bom, text, doc, made = texts[rel]
            expected = copy.deepcopy(doc.data)
            text = insert_objective(text, doc, copy_of)
        elif exists:
            bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
            old, made, expected = bom + text, None, copy.deepcopy(doc.data)
            text = insert_objective(text, doc, copy_of)
        else:
            old, bom, made, expected = None, "", None, {}
            text = new_file(file_header(repo, files), copy_of)
        expected.setdefault("objectives", []).append(data_of(copy_of))
        doc = inplace.read_back(text, rel, expected, "the carried objective")
        made = made or (None if exists else TeamFile(next_id, objective.team, doc))
        texts[rel] = (old, bom, text, doc, made)
        line = doc.values[("objectives", len(expected["objectives"]) - 1)][0]
        carried.append(
            Carried(objective.key, moved[objective.key], rel, line, len(copy_of.key_results))
        )
    for _, _, _, doc, made in texts.values():
        files = inplace.swap(files, doc, replace(made, doc=doc) if made else None)
    errors, count = inplace.check_after_all(files, [], before, as_of=as_of)
    edits = {rel: (old, bom + text) for rel, (old, bom, text, _, _) in texts.items()}
    return Carrying(carried, edits, errors, count)


def _ref(key: str, moved: dict[str, str]) -> str:
    """A resolved key as a ref with its cycle, pointing at the copy of a carried objective."""
    objective, dot, kr = key.partition(".")
    return moved.get(objective, objective) + dot + kr


def _skeleton(model: Model, o: Objective, cycle: Cycle, moved: dict[str, str]) -> Skeleton:
    """The objective as it is carried into the next cycle, as YAML text and as data."""
    data: dict[str, Any] = {"id": o.id, "title": o.title, "owner": o.owner, "why_now": o.why_now}
    fields: Fields = [("id", word(o.id)), ("title", quoted(o.title))]
    fields += [("owner", word(o.owner)), ("why_now", quoted(o.why_now))]
    supports = [_ref(key, moved) for key in o.supports]
    _list(fields, data, "supports", supports, word)
    data["carried_from"] = o.key
    fields.append(("carried_from", word(o.key)))
    if o.decision_owner:
        fields.append(("decision_owner", word(o.decision_owner)))
        data["decision_owner"] = o.decision_owner
    _list(fields, data, "contributors", list(o.contributors), word)
    _list(fields, data, "tradeoffs", list(o.tradeoffs), quoted)
    needs = [
        {"on": d.team if d.target is None and d.team else _ref(d.target or d.on, moved),
         "need": d.need}
        for d in o.depends_on
    ]  # fmt: skip
    if needs:
        items = [f"{{on: {word(n['on'])}, need: {quoted(n['need'])}}}" for n in needs]
        fields.append(("depends_on", "[" + ", ".join(items) + "]"))
        data["depends_on"] = needs
    krs, kr_data = [], []
    for kr in o.key_results:
        within = [c for c in kr.checkins if c.date <= cycle.end]
        start = within[-1].value if within else kr.start
        f: Fields = [("id", word(kr.id)), ("title", quoted(kr.title)), ("owner", word(kr.owner))]
        d: dict[str, Any] = {"id": kr.id, "title": kr.title, "owner": kr.owner}
        for name, value in (("indicator", kr.indicator), ("unit", kr.unit)):
            if value is not None:
                f.append((name, word(value) if name == "indicator" else quoted(value)))
                d[name] = value
        f += [("start", format_number(start)), ("target", format_number(kr.target))]
        d |= {"start": start, "target": kr.target}
        _list(f, d, "contributors", list(kr.contributors), word)
        _list(f, d, "supports", [_ref(key, moved) for key in kr.supports], word)
        if kr.weight != 1:
            f.append(("weight", format_number(kr.weight)))
            d["weight"] = kr.weight
        krs.append(f)
        kr_data.append(d)
    data["key_results"] = kr_data
    return Skeleton(fields, krs, data)


def _list(fields: Fields, data: dict[str, Any], name: str, values: list[str], show: Any) -> None:
    if values:
        fields.append((name, "[" + ", ".join(show(v) for v in values) + "]"))
        data[name] = values


def write_carry(repo: Path, carrying: Carrying) -> None:
    """Write every planned file (refused if it changed, or appeared, since it was read)."""
    for rel, (old, new) in carrying.edits.items():
        inplace.write(repo, rel, old, new)
