"""The row of repository actions on objective, key-result and team pages: "Propose a
change", "View in the repository", "Check in" and "Propose an objective".

Plain links to the hosting site (`forge.py` knows its URL shapes): no script, and nothing
the page loads. Without a usable `repository:` every row is empty, so the pages show no
links rather than broken ones. Each row is one paragraph with the class `accord-actions`,
which accord.css draws as a quiet line of small links under the heading.

Decisions:
- "Check in" is offered on every key result except those of a dropped objective (nobody
  reports progress on work the team stopped); a done objective or a closed cycle keeps it,
  since final readings often come in after the cycle ends. The issue's title is prefilled
  ("Check-in: <key result>") so the list of issues reads without opening them.
- "Propose an objective" prefills team and cycle only; the issue title is left to the form,
  whose own `title` field (the objective's title) GitHub would otherwise fill with it too.
- A team file is viewed as a whole (no line); an objective or key result at its first line.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.model.forge import Forge
from accord.model.okrs import KeyResult, Objective, Plan
from accord.render.markup import Markup, link

CHECKIN_FORM = "checkin.yml"
OBJECTIVE_FORM = "objective.yml"
_SEPARATOR = " · "


@dataclass(frozen=True)
class Actions:
    """The action rows of one site, for the repository `forge` names (None: no rows)."""

    forge: Forge | None

    def objective(self, o: Objective) -> Markup:
        """Under an objective's title: edit its file, view it at its line."""
        if self.forge is None:
            return Markup("")
        return _row(
            ("Propose a change", self.forge.edit(o.where.file)),
            ("View in the repository", self.forge.blob(o.where.file, o.where.line)),
        )

    def key_result(self, kr: KeyResult, o: Objective) -> Markup:
        """Under a key result's heading: check in, view it at its line, edit its file."""
        if self.forge is None:
            return Markup("")
        checkin = None
        if o.status != "dropped":
            fields = {"ref": kr.key, "title": f"Check-in: {kr.title}"}
            checkin = self.forge.issue_form(CHECKIN_FORM, fields)
        return _row(
            ("Check in", checkin),
            ("View in the repository", self.forge.blob(kr.where.file, kr.where.line)),
            ("Propose a change", self.forge.edit(kr.where.file)),
        )

    def plan(self, plan: Plan) -> Markup:
        """On a team's page for a cycle: propose an objective, edit or view the team file."""
        if self.forge is None:
            return Markup("")
        return _row(
            ("Propose an objective", self.proposal_url(plan.team, plan.cycle)),
            ("Propose a change", self.forge.edit(plan.file)),
            ("View in the repository", self.forge.blob(plan.file)),
        )

    def proposals(self, team: str, cycles: list[str]) -> Markup:
        """'Propose an objective for <cycle>', for each of `cycles` (the ones a team has no
        file in yet: the proposal's pull request creates it)."""
        links = ((f"Propose an objective for {c}", self.proposal_url(team, c)) for c in cycles)
        return _row(*links)

    def proposal_url(self, team: str, cycle: str) -> str | None:
        """The objective proposal form prefilled with team and cycle, or None."""
        if self.forge is None:
            return None
        return self.forge.issue_form(OBJECTIVE_FORM, {"team": team, "cycle": cycle})


def _row(*actions: tuple[str, str | None]) -> Markup:
    """The actions that have a URL, as one paragraph of class `accord-actions`."""
    links = [link(text, url) for text, url in actions if url]
    if not links:
        return Markup("")
    return Markup('<p class="accord-actions">{}</p>').format(Markup(_SEPARATOR).join(links))
