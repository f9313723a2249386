"""What a proposed change does to alignment: changes in words, findings it introduces or
fixes, and who has to agree.

Who must agree is worked out from the BASE model first: people, GitHub handles, owners,
teams and leads as the base branch has them. Nothing a pull request writes can remove or
replace anyone the base asks; a change to who-must-agree is itself a change that asks the
people who held it before. The same rule is then read in the HEAD model and its people are
added (issue 13): the new owner, the new lead, the lead of the team an objective arrives in,
the owner of a priority newly supported, as the proposal has them. Who is asked is the
union, which is safe because agreement needs everyone asked: an ask added by the head can
make a pull request wait, never pass. Someone only the head knows is marked (`at_base`
False), shown with the head's name and handle, and not @mentioned by the comment (a pull
request cannot make the bot notify people the organisation does not know). The rule, per
change (`routing.py` applies it; each side's lookups in that side's model):

- An objective or key result that exists at base: its base owner agrees (for a key result,
  also its objective's base owner); a new decision owner needs the old one too. A new key
  result needs the base owner of the objective it joins; an objective moved to another
  team's file needs the lead of the team it arrives in and of the team it leaves.
- An objective that supports nothing (a root priority, or a company priority of the root
  team) has nobody above it, so the base lead of its team agrees to its changes; the same
  holds for a new objective that supports nothing.
- Links, before and after the change: the base owner of every priority the item supports,
  of every objective or key result it depends on, the base lead of every team it depends on,
  and the contributors to a changed shared key result. A link to something new in the
  pull request asks no one; that new thing's own addition asks, by these same rules.
- A team's stop-doing list: the base lead of the team.
- org.yaml. The organisation's name, repository, settings and cycles: the base lead of the
  root team. A team (added, removed, renamed, its lead, parent or members): the base leads of
  the team, of its parent before and of its parent after. A person (added, removed, their
  GitHub handle, name, email or title): the person as the base knows them, and the base leads
  of the teams they lead or belong to and of the parents of the teams they lead. Whatever
  reaches no team the base knows asks the root team's lead.
- A leader's statement: that leader (the root team's lead for someone the base does not know).
- A check-in appended after the key result's existing ones, nothing else in them changed, is
  the only change that asks no one (`routing.UNROUTED`). Changing, removing or inserting a
  check-in rewrites a reading already made: the key result's base owner agrees
  (`diff.CHECKIN_EDITS`). Every other kind of change, `unit` and `indicator` included, asks.
- Nothing that differs passes unasked. Whatever an objective, key result, team file, org.yaml
  entry or statement says differently at head (positions aside) that no comparison has
  words for is still a change (`diff.described`): accepted warnings (`accept:`) in words,
  any other field by name, a field added to the schema later included. It asks as any other
  change to that item does.
- With no model at base (its org.yaml does not check), nobody can be worked out:
  `base_errors` says so, and the agreement status fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accord.agreement.briefs import Brief, briefs
from accord.agreement.routing import Reviewer, reviewers
from accord.changes.diff import Change, compare, moved_keys, snapshot
from accord.changes.orgdiff import compare_org, compare_statements
from accord.check import check
from accord.model.errors import AccordError
from accord.model.findings import CheckResult, Finding
from accord.model.location import Location
from accord.model.okrs import Model
from accord.read.git import GitRepo

__all__ = ["Review", "Reviewer", "asked", "review"]


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
    base_errors: tuple[Finding, ...] = ()  # why nobody can be asked: the base has no model
    briefs: tuple[Brief, ...] = ()  # each objective touched, in full (what is agreed)
    # To link what is supported at base: org.yaml's `repository` at base, the base commit
    # and the OKR repository's folder inside the git work tree.
    repository: str | None = None
    commit: str = ""
    prefix: str = ""


def review(repo: Path, base: str | None, head: str | None, *, as_of: date) -> Review:
    """Compare the OKRs at `base` (default: where the branch started) with `head` (default:
    the working tree)."""
    git = GitRepo.open(repo)
    if git is None or not git.has_commits():
        raise AccordError(f"{repo.resolve()}: accord diff needs a git repository with commits")
    base_rev = git.commit_of(base) if base else git.default_base()
    # Each side with its own history (W217, W218): a change can re-set a target once too often.
    before = check(repo, as_of=as_of, at=base_rev, read_history=True)
    after = check(repo, as_of=as_of, at=head, read_history=True)
    head_label = git.commit_of(head)[:12] if head else "working tree"
    errors = tuple(f for f in after.findings if f.rule.startswith("E"))
    if after.model is None or errors:
        return Review(base_rev[:12], head_label, (), (), (), (), errors or after.findings)
    changes, people = asked(before.model, after.model)
    introduced, fixed = _findings_delta(before, after)
    titles = _titles(before.model, after.model)
    unknown = () if before.model else _base_errors(before)
    moved = moved_keys(snapshot(before.model), snapshot(after.model))
    shown = briefs(before.model, after.model, changes, moved)
    repository = before.model.org.repository if before.model else None
    return Review(
        base_rev[:12], head_label, changes, introduced, fixed, people, (), titles, unknown,
        shown, repository, base_rev, git.prefix,
    )  # fmt: skip


def asked(before: Model | None, after: Model) -> tuple[tuple[Change, ...], tuple[Reviewer, ...]]:
    """The changes from `before` (the base) to `after`, and everyone they ask."""
    changes = _changes(before, after)
    moved = moved_keys(snapshot(before), snapshot(after))
    return changes, tuple(reviewers(before, after, changes, moved))


def _changes(before: Model | None, after: Model) -> tuple[Change, ...]:
    """Objectives and team files, then org.yaml, then leaders' statements."""
    changes = compare(snapshot(before), snapshot(after))
    if before is not None:
        changes += compare_org(before.org, after.org)
    return (*changes, *compare_statements(before, after))


def _base_errors(before: CheckResult) -> tuple[Finding, ...]:
    """The errors that leave the base without a model (or a note when there are none)."""
    errors = tuple(f for f in before.findings if f.rule.startswith("E"))
    if errors:
        return errors
    return (Finding("E107", Location("okrs/org.yaml"), "the base has no organisation to ask"),)


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
