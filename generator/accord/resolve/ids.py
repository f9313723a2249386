"""E103 for person and team ids that team files use but org.yaml does not declare."""

from __future__ import annotations

from typing import Any

from accord.model.findings import Finding
from accord.model.organisation import Org
from accord.model.refs import did_you_mean
from accord.read.source import Document, JsonPath


def check_objective(org: Org, doc: Document, path: JsonPath, raw: dict[str, Any]) -> list[Finding]:
    """Owners and decision owners must be people; contributors people or teams."""
    uses = list(_uses(path, raw))
    for index, kr in enumerate(raw["key_results"]):
        uses.extend(_uses((*path, "key_results", index), kr))
    findings = []
    for where, field, name in uses:
        team_ok = field == "contributor"
        if name in org.people or (team_ok and name in org.teams):
            continue
        choices = [*org.people, *org.teams] if team_ok else list(org.people)
        kind = "a person or team" if team_ok else "a person"
        hint = did_you_mean(name, choices)
        message = f"{field} '{name}' is not {kind} declared in okrs/org.yaml{hint}"
        findings.append(Finding("E103", doc.at(where), message))
    return findings


def _uses(path: JsonPath, raw: dict[str, Any]) -> list[tuple[JsonPath, str, str]]:
    uses = [((*path, "owner"), "owner", raw["owner"])]
    if "decision_owner" in raw:
        uses.append(((*path, "decision_owner"), "decision_owner", raw["decision_owner"]))
    for i, name in enumerate(raw.get("contributors", ())):
        uses.append(((*path, "contributors", i), "contributor", name))
    return uses
