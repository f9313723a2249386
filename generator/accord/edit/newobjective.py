"""`accord new objective`: append a draft objective to a team's file for a cycle, in place.

The objective goes at the end of the file's `objectives:` list, indented as the file
indents its lists, and nothing else in the file changes (`inplace.py` reads the edit back
and checks the whole repository with it before writing). When the team has no file in that
cycle, `okrs/<cycle>/<team>.yaml` is created with the schema comment the other team files
start with. Decisions, where the design is silent:

- The objective is written `status: draft`: a proposal becomes active when the pull request
  that agrees it sets `status: active` (drafts count as live work for every rule).
- An empty `key_results` is only for an objective others support (else W222), and a
  proposal's key results are agreed in review, so a placeholder is written,
  `to-be-agreed`, owned by the objective's owner, going from 0 to 1 and titled to say it
  is one; `accord check` warns about it (W203), which is honest, and the summary line
  says the key results need agreeing in review. Without `--why-now` a placeholder why-now
  is written the same way.
- The title is one line (refused with a line break: it is the outcome in words people
  remember); line breaks in why-now are folded into spaces (it is one paragraph). Both lose
  their outer whitespace and are written double-quoted with escapes, so any text reads back
  as given. Ids and refs are written plain when they read back as the same text, else
  quoted (so a bad one is reported by the schema check, never mistaken for other YAML).
- `--id` defaults to a slug of the title (ASCII letters and digits joined by hyphens,
  without "a", "an" and "the", at most 40 characters at a word boundary), made unique in the
  cycle with `-2`, `-3`, ... A `--supports` value may list several refs split by commas or
  spaces.
- An undeclared team or cycle is an E103 finding on okrs/org.yaml: no path is ever made
  from a name org.yaml does not declare.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from accord.edit import inplace
from accord.edit.inplace import BREAK, items
from accord.edit.skeleton import data_of, insert_objective, new_file, skeleton
from accord.model.errors import AccordError
from accord.model.findings import Finding
from accord.model.organisation import Org
from accord.model.refs import did_you_mean
from accord.read.load import OKRS, ORG_FILE, YAML_SUFFIXES, RepoFiles, TeamFile

HEADER = "# yaml-language-server: $schema=../../schema/team.schema.json"
_HEADER = re.compile(r"# yaml-language-server: \$schema=\S+")
SLUG_LENGTH = 40
_ARTICLES = {"a", "an", "the"}
_SPLIT = re.compile(r"[\s,]+")
_FOLD = re.compile(r"\s*(?:\r\n|[\r\n\x85\u2028\u2029])\s*")


@dataclass(frozen=True)
class Proposal:
    """The objective to add, as given on the command line."""

    team: str
    cycle: str
    title: str
    owner: str
    supports: tuple[str, ...] = ()
    why_now: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Plan:
    """An objective ready to write (refused when it has `errors`): the file before (None when
    the edit creates it) and after."""

    rel: str
    id: str
    old: str | None
    new: str
    line: int
    errors: tuple[Finding, ...] = ()
    files: int = 0

    @property
    def summary(self) -> str:
        """`Added objective ID to FILE at line N: ...`, saying what is left to agree."""
        created = " (a new file)" if self.old is None else ""
        left = "a draft whose key results need agreeing in review (a placeholder stands in)"
        return f"Added objective {self.id} to {self.rel}{created} at line {self.line}: {left}"

    def diff(self) -> str:
        """The change as a unified diff, as git shows it."""
        return inplace.unified_diff(self.rel, self.old, self.new)


def plan_objective(repo: Path, proposal: Proposal, *, as_of: date) -> Plan:
    """The edit that adds `proposal` to its team's file, checked with the whole repository."""
    proposal = _cleaned(proposal)
    files, before, org = inplace.check_before(repo, as_of=as_of)
    unknown = _unknown_places(files, org, proposal)
    if unknown:
        return Plan(ORG_FILE, "", None, "", 0, unknown, before.files)
    rel, exists = team_file(repo, files, proposal.cycle, proposal.team)
    inplace.refuse_broken(before, rel)
    title, owner = proposal.title, proposal.owner
    ident = proposal.id or slug(title, _taken(files, proposal.cycle))
    objective = skeleton(ident, title, owner, proposal.why_now, proposal.supports)
    if exists:
        bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
        new_text = insert_objective(text, doc, objective)
        expected = copy.deepcopy(doc.data)
        expected["objectives"].append(data_of(objective))
        old: str | None = bom + text
    else:
        bom, new_text, old = "", new_file(file_header(repo, files), objective), None
        expected = {"objectives": [data_of(objective)]}
    new_doc = inplace.read_back(new_text, rel, expected, "the objective")
    team = TeamFile(proposal.cycle, proposal.team, new_doc)
    errors, count = inplace.check_after(files, new_doc, before, as_of=as_of, team=team)
    line = new_doc.values[("objectives", len(expected["objectives"]) - 1)][0]
    return Plan(rel, ident, old, bom + new_text, line, errors, count)


def write_objective(repo: Path, plan: Plan) -> None:
    """Write the planned file, unless it changed (or appeared) since it was read, is
    read-only or is reached through a symlink leading out of the repository."""
    inplace.write(repo, plan.rel, plan.old, plan.new)


def _cleaned(proposal: Proposal) -> Proposal:
    """The proposal with its text made ready to write, or refused (one-line titles)."""
    texts = {"--title": proposal.title, "--owner": proposal.owner, "--team": proposal.team}
    texts |= {"--cycle": proposal.cycle, "--why-now": proposal.why_now or ""}
    texts |= {"--id": proposal.id or "", "--supports": " ".join(proposal.supports)}
    for option, text in texts.items():
        inplace.refuse_surrogates(text, option)
    if BREAK.search(proposal.title):
        raise AccordError("--title must be one line: the outcome, in words people remember")
    why = _FOLD.sub(" ", proposal.why_now or "").strip() or None
    refs = [ref for value in proposal.supports for ref in _SPLIT.split(value) if ref]
    supports = tuple(dict.fromkeys(refs))
    title = proposal.title.strip()
    return Proposal(
        proposal.team, proposal.cycle, title, proposal.owner, supports, why, proposal.id
    )


def _unknown_places(files: RepoFiles, org: Org, proposal: Proposal) -> tuple[Finding, ...]:
    """E103 on okrs/org.yaml for a team or cycle it does not declare."""
    assert files.org is not None  # org.yaml is valid: check_before said so
    found = []
    for kind, name, declared in (
        ("team", proposal.team, org.teams),
        ("cycle", proposal.cycle, org.cycles),
    ):
        if name not in declared:
            hint = did_you_mean(name, declared)
            message = f"--{kind} '{name}' is not a {kind} declared in okrs/org.yaml{hint}"
            found.append(Finding("E103", files.org.key_at((f"{kind}s",)), message))
    return tuple(found)


def team_file(repo: Path, files: RepoFiles, cycle: str, team: str) -> tuple[str, bool]:
    """The team's file for the cycle, and whether it exists (`.yaml` when it is made)."""
    for file in files.teams:
        if (file.cycle, file.team) == (cycle, team) and file.doc is not None:
            return file.doc.path, True
    for suffix in YAML_SUFFIXES:
        rel = f"{OKRS}/{cycle}/{team}{suffix}"
        if os.path.lexists(repo / rel):  # there, but unusable: its findings refuse it
            return rel, True
    return f"{OKRS}/{cycle}/{team}{YAML_SUFFIXES[0]}", False


def _taken(files: RepoFiles, cycle: str) -> set[str]:
    """The objective ids written in the cycle's team files."""
    docs = [f.doc for f in files.teams if f.cycle == cycle and f.doc is not None]
    return {objective["id"] for doc in docs for _, objective in items(doc.data, "objectives")}


def slug(title: str, taken: set[str]) -> str:
    """An objective id made from a title, not one of `taken`."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in _ARTICLES]
    base = ""
    for word in words:
        longer = f"{base}-{word}" if base else word
        if len(longer) > SLUG_LENGTH:
            break
        base = longer
    base = base or (words[0][:SLUG_LENGTH] if words else "objective")
    ident, number = base, 2
    while ident in taken:
        ident, number = f"{base}-{number}", number + 1
    return ident


def file_header(repo: Path, files: RepoFiles) -> str:
    """The schema comment the repository's team files start with (HEADER if none does)."""
    for file in files.teams:
        if file.doc is None:
            continue
        try:
            with (repo / file.doc.path).open(encoding="utf-8-sig", errors="replace") as handle:
                first = handle.readline().rstrip("\r\n")
        except OSError:
            continue
        if _HEADER.fullmatch(first):
            return first
    return HEADER
