"""`accord score`: record a key result's end-of-cycle grade (`score`), or an objective's
`retrospective`, by editing its file's text in place.

Like `checkin`, the file is never dumped again: the value replaces the one written, or
goes in as the mapping's last key, and the steps around that (the edit lock, reading back,
checking the whole repository with the edit, the atomic write) are `inplace.py`'s. An
objective's own score is not written: it is its key results' grades, weighted as its
progress is, so `--score` on an objective is refused with the refs to score instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from accord.edit import inplace
from accord.edit.checkin import format_number, index_files, key_results_of, locate
from accord.edit.inplace import Text, get
from accord.model.errors import AccordError
from accord.model.findings import Finding


@dataclass(frozen=True)
class Plan:
    """A score or retrospective ready to write (refused when it has `errors`)."""

    path: Path
    rel: str
    ref: str
    said: str  # what is recorded, in words
    old: str
    new: str
    line: int
    errors: tuple[Finding, ...] = ()
    files: int = 0

    @property
    def summary(self) -> str:
        """`okrs/...yaml:LINE: score 0.7 on REF`."""
        return f"{self.rel}:{self.line}: {self.said} on {self.ref}"

    def diff(self) -> str:
        """The change as a unified diff from `a/` to `b/`, as git shows it."""
        return inplace.unified_diff(self.rel, self.old, self.new)


def plan_score(
    repo: Path, ref: str, *, score: float | None, retrospective: str | None, as_of: date
) -> Plan:
    """The edit that records `score` on the key result `ref`, or `retrospective` on the
    objective `ref`, checked with the whole repository."""
    if score is not None and not 0 <= score <= 1:
        raise AccordError(f"--score must be from 0 to 1 (1 is the target met), got {score:g}")
    if retrospective is not None:
        inplace.refuse_surrogates(retrospective, "--retrospective")
        if not retrospective.strip():
            raise AccordError("--retrospective is empty: say what was learned")
    files, before, org = inplace.check_before(repo, as_of=as_of)
    index = index_files(files)
    key = locate(index, org, ref, as_of)
    is_kr = "." in key.split("/", 1)[1]
    if score is None and retrospective is None:
        wanted = "--score" if is_kr else "--retrospective"
        raise AccordError(f"say what to record: {wanted}")
    if is_kr and retrospective is not None:
        objective = key.split("/", 1)[1].split(".", 1)[0]
        raise AccordError(f"a retrospective is the objective's: accord score {objective} ...")
    if not is_kr and score is not None:
        each = key_results_of(index, key)
        raise AccordError(f"an objective's score is its key results' grades: score each; {each}")
    rel, path = index[key]
    inplace.refuse_broken(before, rel)
    bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
    field, value, shown = (
        ("score", format_number(score), f"score {format_number(score)}")
        if score is not None
        else ("retrospective", inplace.quoted(retrospective or ""), "retrospective")
    )
    new_text = Text(text).set_key(doc, path, field, value)
    expected = copy.deepcopy(doc.data)
    get(expected, path)[field] = score if score is not None else retrospective
    new_doc = inplace.read_back(new_text, rel, expected, f"the {field}")
    errors, count = inplace.check_after(files, new_doc, before, as_of=as_of)
    line = new_doc.values[(*path, field)][0]
    return Plan(
        repo.resolve() / rel, rel, key.split("/", 1)[1], shown, bom + text, bom + new_text,
        line, errors, count,
    )  # fmt: skip


def write_score(repo: Path, plan: Plan) -> None:
    """Write the planned file, unless it changed since it was read."""
    inplace.write(repo, plan.rel, plan.old, plan.new)
