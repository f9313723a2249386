"""The generated organisation's values (teams, plans, objectives, key results) and their
YAML text, written the way a person would write a team file."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date


@dataclass
class KeyResult:
    id: str
    title: str
    owner: str
    indicator: str
    start: float
    target: float
    unit: str | None
    supports: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)  # every planned check-in, oldest first
    shown: int = 0  # how many of them the repository holds now


@dataclass
class Objective:
    id: str
    title: str
    owner: str
    why_now: str
    supports: list[str] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    depends_on: list[tuple[str, str]] = field(default_factory=list)
    tradeoffs: list[str] = field(default_factory=list)
    decision_owner: str | None = None
    status: str | None = None


@dataclass
class Plan:
    cycle: str
    team: str
    stop_doing: list[str]
    objectives: list[Objective] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"okrs/{self.cycle}/{self.team}.yaml"


@dataclass
class Team:
    id: str
    name: str
    lead: str
    parent: str | None
    members: list[str]
    depth: int  # 0 company, 1 function, 2 team, 3 sub-team


def scalar(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, (int, date)):
        return str(value)
    text = str(value)
    plain = (
        text[:1].isalpha()
        and not any(c in text for c in ":#{}[]&*!|>'\"%@`")
        and text.lower() not in {"yes", "no", "true", "false", "null", "on", "off"}
    )
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def folded(key: str, text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text, 92 - len(indent) - 2)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def team_text(plan: Plan) -> str:
    out = ["# yaml-language-server: $schema=../../schema/team.schema.json"]
    if plan.stop_doing:
        out += ["stop_doing:", *(f"  - {scalar(s)}" for s in plan.stop_doing)]
    out += ["", "objectives:"] if plan.objectives else ["", "objectives: []"]
    for n, o in enumerate(plan.objectives):
        if n:
            out.append("")
        out += [f"  - id: {o.id}", f"    title: {scalar(o.title)}", f"    owner: {o.owner}"]
        if o.status:
            out.append(f"    status: {o.status}")
        if o.decision_owner:
            out.append(f"    decision_owner: {o.decision_owner}")
        if o.supports:
            out.append(f"    supports: {flow(o.supports)}")
        out += folded("why_now", o.why_now, "    ")
        if o.tradeoffs:
            out += ["    tradeoffs:", *(f"      - {scalar(t)}" for t in o.tradeoffs)]
        if o.depends_on:
            out.append("    depends_on:")
            for on, need in o.depends_on:
                out += [f"      - on: {on}", f"        need: {scalar(need)}"]
        out.append("    key_results:")
        for kr in o.key_results:
            out += [
                f"      - id: {kr.id}",
                f"        title: {scalar(kr.title)}",
                f"        owner: {kr.owner}",
                f"        indicator: {kr.indicator}",
                f"        start: {scalar(kr.start)}",
                f"        target: {scalar(kr.target)}",
            ]
            if kr.unit:
                out.append(f"        unit: {scalar(kr.unit)}")
            if kr.supports:
                out.append(f"        supports: {flow(kr.supports)}")
            if kr.contributors:
                out.append(f"        contributors: {flow(kr.contributors)}")
            if kr.shown:
                out.append("        checkins:")
                for c in kr.checkins[: kr.shown]:
                    out += [
                        f"          - date: {c['date']}",
                        f"            value: {scalar(c['value'])}",
                        f"            confidence: {c['confidence']}",
                        f"            still_agreed: {'true' if c['still_agreed'] else 'false'}",
                    ]
                    if c.get("note"):
                        out.append(f"            note: {scalar(c['note'])}")
    return "\n".join(out) + "\n"
