"""`accord close`: what is left to score in a cycle, and, with `--write`, the computed
progress at the cycle's end recorded as `score` on every key result not yet scored.

The computed value is the key result's progress from the check-ins dated up to the cycle's
last day (none: its start, so 0), rounded to two decimals; owners may change it afterwards
with `accord score`. Each file is edited in place, one key at a time (`inplace.Text.set_key`),
read back, and the whole repository checked with every edit before any file is written.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from accord.edit import inplace
from accord.edit.checkin import Index, index_files
from accord.edit.inplace import Text, get
from accord.model.errors import AccordError
from accord.model.findings import Finding
from accord.model.okrs import KeyResult, Model
from accord.model.organisation import Cycle
from accord.read.load import RepoFiles
from accord.read.source import Document


@dataclass(frozen=True)
class Unscored:
    """A key result with no score yet, and the progress its check-ins reached by the end."""

    key: str
    computed: float
    last_checkin: date | None


@dataclass(frozen=True)
class TeamClose:
    """One team's key results in the cycle: how many are scored, and those that are not."""

    team: str
    name: str
    scored: int
    unscored: list[Unscored]


@dataclass(frozen=True)
class Closing:
    """The cycle's teams, and (with `--write`) the files as they would be written."""

    cycle: Cycle
    status: str
    teams: list[TeamClose]
    edits: dict[str, tuple[str, str]] = field(default_factory=dict)  # file -> old, new text
    errors: tuple[Finding, ...] = ()
    files: int = 0

    def report(self) -> str:
        """Per team, what is left to score, with each computed value."""
        left = sum(len(t.unscored) for t in self.teams)
        total = left + sum(t.scored for t in self.teams)
        lines = [
            f"{self.cycle.id} ({self.status}, {self.cycle.start} to {self.cycle.end}): "
            f"{len(self.teams)} teams, {total} key results, {left} to score"
        ]
        for team in self.teams:
            if not team.unscored:
                lines.append(f"{team.team} ({team.name}): all {team.scored} scored")
                continue
            lines.append(f"{team.team} ({team.name}): {len(team.unscored)} to score")
            for kr in team.unscored:
                since = f"last check-in {kr.last_checkin}" if kr.last_checkin else "no check-in"
                lines.append(f"  {kr.key.split('/', 1)[1]}: computed {kr.computed:.2f} ({since})")
        return "\n".join(lines) + "\n"

    def diff(self) -> str:
        """Every file's change as a unified diff."""
        return "".join(
            inplace.unified_diff(rel, old, new) for rel, (old, new) in self.edits.items()
        )


def computed_score(kr: KeyResult, cycle: Cycle) -> tuple[float, date | None]:
    """The key result's progress from the check-ins up to the cycle's end, rounded to two
    decimals, and the date of the last of them."""
    within = [c.date for c in kr.checkins if c.date <= cycle.end]
    return round(kr.progress_by(cycle.end), 2), within[-1] if within else None


def plan_close(repo: Path, cycle_id: str, *, team: str | None, write: bool, as_of: date) -> Closing:
    """What is left to score in `cycle_id` (of `team` only, when given); with `write`, the
    edits that record the computed scores, checked with the whole repository."""
    files, before, model = inplace.check_valid(repo, as_of=as_of, cycles=(cycle_id,), team=team)
    cycle = model.org.cycles[cycle_id]
    status = cycle.status(as_of)
    if write and status != "closed":
        raise AccordError(
            f"{cycle_id} is {status} until {cycle.end}: scores are recorded once it has ended"
        )
    teams = list(_teams(model, cycle, team))
    closing = Closing(cycle, status, teams)
    if not write:
        return closing
    edits = _edits(repo, files, index_files(files), teams)
    docs = {rel: doc for rel, (_, _, doc) in edits.items()}
    errors, count = inplace.check_after_all(files, list(docs.values()), before, as_of=as_of)
    shown = {rel: (old, new) for rel, (old, new, _) in edits.items()}
    return replace(closing, edits=shown, errors=errors, files=count)


def _teams(model: Model, cycle: Cycle, only: str | None) -> Iterator[TeamClose]:
    plans = [p for p in model.plans if p.cycle == cycle.id and only in (None, p.team)]
    for plan in sorted(plans, key=lambda p: p.team):
        krs = [kr for key in plan.objectives for kr in model.objectives[key].key_results]
        unscored = [Unscored(kr.key, *computed_score(kr, cycle)) for kr in krs if kr.score is None]
        name = model.org.teams[plan.team].name
        yield TeamClose(plan.team, name, len(krs) - len(unscored), unscored)


def _edits(
    repo: Path, files: RepoFiles, index: Index, teams: list[TeamClose]
) -> dict[str, tuple[str, str, Document]]:
    """Each file's text before and after recording its computed scores, and the result read."""
    by_file: dict[str, list[Unscored]] = {}
    for team in teams:
        for kr in team.unscored:
            by_file.setdefault(index[kr.key][0], []).append(kr)
    out = {}
    for rel, krs in by_file.items():
        bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
        old = text
        for kr in krs:
            path = index[kr.key][1]
            text = Text(text).set_key(doc, path, "score", f"{kr.computed:g}")
            expected = copy.deepcopy(doc.data)
            get(expected, path)["score"] = kr.computed
            doc = inplace.read_back(text, rel, expected, "the score")
        out[rel] = (bom + old, bom + text, doc)
    return out


def write_close(repo: Path, closing: Closing) -> None:
    """Write every planned file (each refused if it changed since it was read)."""
    for rel, (old, new) in closing.edits.items():
        inplace.write(repo, rel, old, new)
