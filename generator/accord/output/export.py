"""The resolved model as JSON-able data (also the site's okrs.json) and as CSV rows."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields, is_dataclass
from datetime import date
from typing import Any

from accord.changes.history import History
from accord.model.findings import CheckResult
from accord.model.okrs import KeyResult, Model, Objective, agreement_chains
from accord.model.organisation import expected_progress
from accord.rules.statements import CycleAgreement, PairAgreement, compare_statements

EXPORT_VERSION = 1


def to_data(result: CheckResult, as_of: date, history: History | None = None) -> dict[str, Any]:
    """The whole model with derived values and findings (and history), in plain JSON types."""
    model = result.model
    assert model is not None, "export needs a resolved model"
    org = model.org
    return {
        "version": EXPORT_VERSION,
        "as_of": as_of.isoformat(),
        "organisation": {
            "name": org.name,
            "repository": org.repository,
            "default_branch": org.default_branch,
        },
        "settings": asdict(org.settings),
        "people": [_plain(asdict(p)) for p in org.people.values()],
        "teams": [_plain(asdict(t)) for t in org.teams.values()],
        "cycles": [
            {
                **_plain(asdict(c)),
                "status": c.status(as_of),
                "expected_progress": round(expected_progress(c, as_of), 4),
            }
            for c in org.cycles.values()
        ],
        "plans": [_plain(asdict(p)) for p in model.plans],
        "objectives": [_objective(model, o) for o in model.objectives.values()],
        "statements": [_plain(asdict(s)) for s in model.statements],
        "agreement": [_agreement(a) for a in compare_statements(model)],
        **({"history": _history(history)} if history is not None else {}),
        "findings": [
            {
                "rule": f.rule,
                "severity": str(f.severity),
                **asdict(f.location),
                "message": f.message,
                "accepted": f.accepted,
            }
            for f in result.findings
        ],
    }


def _history(history: History) -> dict[str, Any]:
    """History entries, newest first, each with its changes in words."""
    return {
        "state": history.state,
        "shallow": history.shallow,
        "entries": [asdict(entry) for entry in history.entries],
    }


def _agreement(agreement: CycleAgreement) -> dict[str, Any]:
    """A cycle's statements compared: what each priority names, and how much each pair shares."""
    return {
        "cycle": agreement.cycle,
        "statements": len(agreement.statements),
        "leading": agreement.leading,
        "agreeing": agreement.agreeing,
        "unnamed": list(agreement.unnamed),
        "overlap": round(agreement.overlap, 4),
        "pairs": [_pair(pair) for pair in agreement.pairs],
        "priorities": [
            {
                "person": matches[0].person if matches else statement.person,
                "file": statement.file,
                "priorities": [
                    {
                        "text": m.text,
                        "objectives": list(m.objectives),
                        "through": m.through,
                        "reach": sorted(m.reach),
                    }
                    for m in matches
                ],
            }
            for statement, matches in zip(agreement.statements, agreement.priorities, strict=True)
        ],
    }


def _pair(pair: PairAgreement) -> dict[str, Any]:
    """Two statements compared: which priorities agree, what they share and contradict."""
    return {
        "first": pair.first,
        "second": pair.second,
        "overlap": round(pair.overlap, 4),
        "first_agreeing": list(pair.first_agreeing),
        "second_agreeing": list(pair.second_agreeing),
        "shared_trade_offs": [list(shared) for shared in pair.shared_trade_offs],
        "contradictions": [asdict(c) for c in pair.contradictions],
    }


def _objective(model: Model, objective: Objective) -> dict[str, Any]:
    data = _shallow(objective)
    data["key_results"] = [_key_result(kr) for kr in objective.key_results]
    data["progress"] = round(objective.progress, 4)
    shown = model.progress_of(objective.key)  # what the site shows: own, or rolled up
    data["progress_shown"] = None if shown.value is None else round(shown.value, 4)
    data["progress_from"] = shown.source
    data["chains"] = [list(chain[1:]) for chain in agreement_chains(model, objective.key)]
    return data


def _key_result(kr: KeyResult) -> dict[str, Any]:
    data = _shallow(kr)
    data.update(current=kr.current, progress=round(kr.progress, 4))
    return data


def _shallow(obj: Objective | KeyResult) -> dict[str, Any]:
    """`_plain(asdict(obj))` without `at` (the place of every field), and key results left
    for the caller (asdict would copy both deeply first)."""
    return {
        f.name: None if f.name == "key_results" else _plain(getattr(obj, f.name))
        for f in fields(obj)
        if f.name != "at"
    }


def _plain(value: Any) -> Any:
    """Dataclass dicts to JSON types: dates to ISO strings, tuples to lists, `where` flattened."""
    if isinstance(value, dict):
        if set(value) == {"file", "line", "column"}:
            return dict(value)
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def format_json(result: CheckResult, as_of: date) -> str:
    """`accord export --format json`: the model as one indented JSON document."""
    return json.dumps(to_data(result, as_of), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "cycle", "team", "objective", "objective_title", "objective_owner", "status",
    "key_result", "key_result_title", "owner", "start", "target", "unit", "current",
    "progress", "last_checkin", "confidence", "still_agreed", "objective_supports",
    "key_result_supports", "weight", "score", "objective_progress", "objective_progress_from",
    "objective_retrospective",
)  # fmt: skip

# Cells a spreadsheet would run as a formula; such text is written with a leading quote.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def format_csv(result: CheckResult, as_of: date) -> str:
    """`accord export --format csv`: one row per key result, for spreadsheets (an objective
    with no key results of its own gets one row, its key-result cells empty). The objective's
    columns repeat on each of its rows: its progress as the site shows it, where that comes
    from (`key results`, `supporting objectives` or `none`) and its retrospective."""
    model = result.model
    assert model is not None, "export needs a resolved model"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for objective in model.objectives.values():
        shown = model.progress_of(objective.key)
        about = [
            "" if shown.value is None else f"{shown.value:.4f}",
            shown.source,
            objective.retrospective or "",
        ]
        rows = [_csv_row(objective, kr) for kr in objective.key_results]
        for row in rows or [_csv_row(objective, None)]:
            writer.writerow(
                ["'" + v if isinstance(v, str) and v.startswith(_FORMULA) else v
                 for v in row + about]
            )  # fmt: skip
    return out.getvalue()


def _csv_row(o: Objective, kr: KeyResult | None) -> list[Any]:
    head = [o.cycle, o.team, o.id, o.title, o.owner, o.status]
    if kr is None:
        return [*head, *[""] * 11, " ".join(o.supports), "", "", ""]
    last = kr.checkins[-1] if kr.checkins else None
    agreed = None if last is None else last.still_agreed
    return [
        *head, kr.id, kr.title, kr.owner, kr.start, kr.target, kr.unit or "", kr.current,
        f"{kr.progress:.4f}", last.date.isoformat() if last else "",
        last.confidence if last else "", "" if agreed is None else str(agreed).lower(),
        " ".join(o.supports), " ".join(kr.supports), f"{kr.weight:g}",
        "" if kr.score is None else f"{kr.score:g}",
    ]  # fmt: skip
