"""What a proposed change does to alignment: changes in words, findings it introduces or
fixes, and who has to agree (the owners of the priorities it touches)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accord.check import check
from accord.diff import Change, compare, snapshot
from accord.errors import AccordError
from accord.findings import CheckResult, Finding
from accord.git import GitRepo
from accord.model import KeyResult, Model, Objective

# Changes that alter what is agreed; check-ins and wording alone ask no one.
ROUTED = {"added", "removed", "moved", "owner", "status", "supports", "depends_on", "target",
          "start", "title", "why_now", "decision_owner", "contributors", "tradeoffs"}  # fmt: skip


@dataclass(frozen=True)
class Reviewer:
    """Someone whose agreement the change needs, and why."""

    person: str
    name: str
    github: str | None
    why: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """Everything `accord diff` says about one proposed change."""

    base: str
    head: str
    changes: tuple[Change, ...]
    introduced: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    reviewers: tuple[Reviewer, ...]
    head_errors: tuple[Finding, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)  # key -> title, for the report


def review(repo: Path, base: str | None, head: str | None, *, as_of: date) -> Review:
    """Compare the OKRs at `base` (default: where the branch started) with `head` (default:
    the working tree)."""
    git = GitRepo.open(repo)
    if git is None or not git.has_commits():
        raise AccordError(f"{repo.resolve()}: accord diff needs a git repository with commits")
    base_rev = git.commit_of(base) if base else git.default_base()
    before = check(repo, as_of=as_of, at=base_rev)
    after = check(repo, as_of=as_of, at=head) if head else check(repo, as_of=as_of)
    head_label = git.commit_of(head)[:12] if head else "working tree"
    errors = tuple(f for f in after.findings if f.rule.startswith("E"))
    if after.model is None or errors:
        return Review(base_rev[:12], head_label, (), (), (), (), errors or after.findings)
    changes = tuple(compare(snapshot(before.model), snapshot(after.model)))
    introduced, fixed = _findings_delta(before, after)
    people = tuple(reviewers(before.model, after.model, changes))
    titles = _titles(before.model, after.model)
    return Review(base_rev[:12], head_label, changes, introduced, fixed, people, (), titles)


def reviewers(old: Model | None, new: Model, changes: Iterable[Change]) -> Iterator[Reviewer]:
    """The owners of what the changed objectives support and depend on, with the reasons."""
    reasons: dict[str, list[str]] = {}
    for change in changes:
        if change.kind not in ROUTED or change.subject == "team":
            continue
        for model in (new, old):  # both: a change of owner asks the old and the new owner
            node = model.node(change.key) if model else None
            if node is not None and model is not None:
                for who, why in _asks(model, node):
                    if why not in reasons.setdefault(who, []):
                        reasons[who].append(why)
    for person_id, all_why in sorted(reasons.items()):
        known = new.org.people.get(person_id)
        if known is not None:
            yield Reviewer(person_id, known.name, known.github, tuple(all_why))


def _asks(model: Model, node: Objective | KeyResult) -> Iterator[tuple[str, str]]:
    """(person, reason) for one changed objective or key result."""
    objective = node if isinstance(node, Objective) else model.objectives[node.objective_key]
    nodes: list[Objective | KeyResult] = (
        [node] if isinstance(node, KeyResult) else [node, *node.key_results]
    )
    for item in nodes:
        for key in item.supports:
            target = model.node(key)
            if target is not None and target.owner != item.owner:
                yield target.owner, f"'{item.title}' supports '{target.title}', which they own"
    for dep in objective.depends_on:
        target = model.node(dep.target) if dep.target else None
        if target is not None:
            yield target.owner, f"'{objective.title}' depends on '{target.title}', which they own"
        elif dep.team is not None and dep.team in model.org.teams:
            team = model.org.teams[dep.team]
            yield (
                team.lead,
                f"'{objective.title}' depends on {team.name}, which they lead: {dep.need}",
            )
    if isinstance(node, KeyResult):
        for name in node.contributors:
            lead = model.org.teams[name].lead if name in model.org.teams else name
            yield lead, f"they contribute to the shared key result '{node.title}'"


def _findings_delta(
    before: CheckResult, after: CheckResult
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """Warnings the change introduces and those it fixes (matched by rule, file and object)."""
    old = {_identity(f): f for f in before.findings}
    new = {_identity(f): f for f in after.findings}
    return (
        tuple(f for k, f in new.items() if k not in old),
        tuple(f for k, f in old.items() if k not in new),
    )


def _identity(finding: Finding) -> tuple[str, str]:
    """A finding's rule and the first object it names: its line and even its file may move."""
    named = re.search(r"'([^']+)'", finding.message)
    return finding.rule, named.group(1) if named else f"{finding.location.file} {finding.message}"


def _titles(*models: Model | None) -> dict[str, str]:
    titles: dict[str, str] = {}
    for model in models:
        for objective in model.objectives.values() if model else ():
            titles.setdefault(objective.key, objective.title)
            titles.update(
                (kr.key, kr.title) for kr in objective.key_results if kr.key not in titles
            )
    return titles
