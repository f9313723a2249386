"""Nothing a pull request changes passes unasked: every field the schemas allow, changed or
left out, is at least one change in words that asks at least one person (a check-in appended
after the others is the one change that asks no one).

The organisation below writes every property of the three schemas at least once (the first
test keeps it so as the schemas grow); the others change it one value at a time, as
`tests/mutations.py` does, and compare the two models as `accord diff` does.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from accord.agreement.review import asked
from accord.check import check
from accord.model.okrs import Model

from mutations import replaced, value_paths

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
ACCEPT = [{"rule": "W204", "reason": "Shared on purpose until the teams merge."}]
WHY = "Renewals fund next year, and ten of them come due in March, so this matters now."

ORG: dict[str, Any] = {
    "name": "Acme",
    "repository": "https://github.com/acme/okrs",
    "default_branch": "trunk",  # not the default: leaving it out is a change
    "people": {
        "ada": {"name": "Ada Lovelace", "github": "ada-l", "email": "ada@example.com",
                "title": "Chief Executive", "accept": ACCEPT},
        "ben": {"name": "Ben Okri", "github": "ben-o"},
        "cy": {"name": "Cy Twombly", "github": "cy-t"},
    },
    "teams": {
        "company": {"name": "Acme", "lead": "ada"},
        "sales": {"name": "Sales", "lead": "ben", "parent": "company", "members": ["cy"]},
        "ops": {"name": "Operations", "lead": "cy", "parent": "company"},
    },
    "cycles": {
        "fy26": {"start": "2025-07-01", "end": "2026-12-31"},
        "2026": {"start": "2026-01-01", "end": "2026-12-31"},
        "2026-h2": {"start": "2026-07-01", "end": "2026-12-31", "within": "2026"},
        "2026-q4": {"start": "2026-10-01", "end": "2026-12-31", "within": "2026",
                    "status": "active"},
    },
    "settings": {"max_objectives_per_team": 6, "max_key_results_per_objective": 6,
                 "max_key_results_per_owner": 7, "stale_checkin_days": 15,
                 "green_below_margin": 0.3, "copy_similarity": 0.9, "min_why_now_words": 9,
                 "max_objectives_per_company": 5, "activity_threshold": 0.6,
                 "statement_overlap": 0.6, "contradiction_similarity": 0.6,
                 "decision_owner_teams": 4, "unanswered_checkins": 4, "max_changes_per_cycle": 3,
                 "score_within_days": 10, "max_carry_overs": 2, "score_gap": 0.4,
                 "issue_checkins": "commit"},
}  # fmt: skip
COMPANY: dict[str, Any] = {
    "stop_doing": ["Regional decks"],
    "accept": ACCEPT,
    "objectives": [
        {"id": "renewals", "title": "Customers renew", "owner": "ada", "why_now": WHY,
         "status": "draft", "decision_owner": "ada", "contributors": ["sales"],
         "tradeoffs": ["No new regions this year"], "accept": ACCEPT,
         "key_results": [
             {"id": "rate", "title": "Renewal rate", "owner": "ada", "indicator": "lagging",
              "start": 0, "target": 10, "unit": "%", "contributors": ["ops"], "accept": ACCEPT,
              "checkins": [
                  {"date": "2026-10-05", "value": 3, "confidence": "low",
                   "still_agreed": True, "note": "Slow start"},
                  {"date": "2026-10-12", "value": 4, "confidence": "medium"},
              ]},
             {"id": "calls", "title": "Customers called", "owner": "ben", "start": 0,
              "target": 20},
         ]},
        {"id": "tender", "title": "Win the tender", "owner": "ada", "why_now": WHY,
         "status": "dropped", "dropped_reason": "The regulator postponed the tender.",
         "key_results": [{"id": "bid", "title": "Bid sent", "owner": "ada", "start": 0,
                          "target": 1}]},
    ],
}  # fmt: skip
SALES: dict[str, Any] = {
    "retrospective": "Calls first, decks later: it worked.",
    "objectives": [
        {"id": "calls", "title": "Every renewal gets a call", "owner": "ben", "why_now": WHY,
         "supports": ["2026/renewals"], "carried_from": "2026/tender",
         "retrospective": "The call list was ready too late for October.",
         "depends_on": [{"on": "ops", "need": "Visit reports before each call"}],
         "key_results": [
             {"id": "called", "title": "Renewals called first", "owner": "cy", "start": 0,
              "target": 50, "supports": ["2026/renewals.rate"], "weight": 2, "score": 0.5},
         ]},
    ],
}  # fmt: skip
STATEMENT: dict[str, Any] = {
    "priorities": [{"text": "Stop losing renewals", "matches": ["2026/renewals"]},
                   {"text": "Call every customer", "matches": ["calls"]}],
    "trade_offs": ["Pause the pilot"],
    "stop_doing": ["Quarterly brand campaign"],
    "success_looks_like": "Renewals back above 92% by December",
    "accept": ACCEPT,
}  # fmt: skip
FILES: dict[str, tuple[str, dict[str, Any]]] = {
    "okrs/org.yaml": ("org", ORG),
    "okrs/2026/company.yaml": ("team", COMPANY),
    "okrs/2026-q4/sales.yaml": ("team", SALES),
    "okrs/2026-q4/statements/ada.yaml": ("statement", STATEMENT),
}


def _model(root: Path, files: dict[str, Any]) -> Model | None:
    """The model of `files` written as JSON (which is YAML), or None when it has an error."""
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(json.dumps(data), encoding="utf-8")
    result = check(root, as_of=AS_OF)
    errors = [f for f in result.findings if f.rule.startswith("E")]
    return None if errors else result.model


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Model]:
    root = tmp_path_factory.mktemp("every-change")
    model = _model(root, {rel: data for rel, (_, data) in FILES.items()})
    assert model is not None, check(root, as_of=AS_OF).findings
    return root, model


def _schema_paths(schema: dict[str, Any], node: dict[str, Any], at: str) -> Iterator[str]:
    """Every property path a schema allows: `objectives/*/key_results/*/checkins/*/note`."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for name, sub in node.get("properties", {}).items():
        yield f"{at}{name}"
        yield from _schema_paths(schema, sub, f"{at}{name}/")
    if isinstance(node.get("items"), dict):
        yield from _schema_paths(schema, node["items"], f"{at}*/")
    if isinstance(node.get("additionalProperties"), dict):
        yield from _schema_paths(schema, node["additionalProperties"], f"{at}*/")


def _written_paths(data: Any, kind: str) -> set[str]:
    """The same paths for what the organisation above writes (entries by id as `*`)."""
    found = set()
    for path in value_paths(data):
        entries = kind == "org" and path[0] in ("people", "teams", "cycles")
        parts = ["*" if isinstance(p, int) or (entries and i == 1) else p
                 for i, p in enumerate(path)]  # fmt: skip
        found.add("/".join(map(str, parts)))
    return found


@pytest.mark.parametrize("kind", ["org", "team", "statement"])
def test_the_organisation_writes_every_field_of_the_schemas(kind: str) -> None:
    """A property added to a schema has to be added here, so the tests below change it."""
    schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    written = set().union(*(_written_paths(data, k) for k, data in FILES.values() if k == kind))
    assert set(_schema_paths(schema, schema, "")) - written == set()


def _candidates(value: Any) -> Iterator[Any]:
    """Other values for a leaf, likeliest to stay valid first."""
    if isinstance(value, bool):
        yield not value
    elif isinstance(value, int | float):
        yield from (value + 1, value / 2, value - 1)
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            yield from (f"{value}-x", f"{value} again")
            number = re.search(r"[0-9]+$", value)
            if number:  # W204 -> W205
                digits = number.group()
                yield value[: number.start()] + str(int(digits) + 1).zfill(len(digits))
            yield from (s for s in _STRINGS if s != value)
        else:
            yield from (str(day - timedelta(days=1)), str(day + timedelta(days=1)))


def _strings(data: Any) -> Iterator[str]:
    """Every string in `data`, mapping keys included (ids to swap one for another)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


def _enums(node: Any) -> Iterator[str]:
    """Every value an enum of a schema allows."""
    if isinstance(node, dict):
        yield from (v for v in node.get("enum", ()) if isinstance(v, str))
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


_SCHEMAS = [json.loads(p.read_text("utf-8")) for p in sorted((ROOT / "schema").glob("*.json"))]
_STRINGS = sorted({*_strings([d for _, d in FILES.values()]), *_enums(_SCHEMAS)})


def _edits() -> Iterator[tuple[str, tuple[Any, ...]]]:
    for rel, (_, data) in FILES.items():
        for path in value_paths(data):
            yield rel, path


def _label(value: Any) -> str:
    return value if isinstance(value, str) else "/".join(map(str, value))


def _assert_asks(base: Model, model: Model, what: str) -> None:
    changes, reviewers = asked(base, model)
    assert changes, f"{what}: no change"
    assert reviewers, f"{what}: nobody asked ({[c.text for c in changes]})"
    # The head model may add people, never be the only one asking: someone the base knows
    # is asked for every change that asks anyone.
    assert any(r.at_base for r in reviewers), f"{what}: only people the proposal names"


@pytest.mark.parametrize(("rel", "path"), list(_edits()), ids=_label)
def test_every_value_changed_or_left_out_asks_someone(
    base: tuple[Path, Model], rel: str, path: tuple[Any, ...]
) -> None:
    """Each value of each file, changed to another valid value, is a change that asks
    someone; so is leaving it out, when the files still check without it. An id others
    refer to is renamed everywhere at once (alone, it would leave their refs unknown)."""
    root, model = base
    data = FILES[rel][1]
    value: Any = data
    for part in path:
        value = value[part]
    try:
        if not isinstance(value, dict | list):
            tries = (_model(root, {rel: replaced(data, path, v)}) for v in _candidates(value))
            changed = next(filter(None, tries), None)
            if changed is None and isinstance(value, str):
                changed = _model(root, _renamed(value, f"{value}-x"))
            assert changed is not None, f"{rel} {path}: no other value checks; give one"
            _assert_asks(model, changed, f"{rel} {path} = {value!r} changed")
        _restore(root)
        shorter = copy.deepcopy(data)
        parent = shorter
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
        changed = _model(root, {rel: shorter})
        if changed is not None:
            _assert_asks(model, changed, f"{rel} {path} left out")
    finally:
        _restore(root)


def _renamed(old: str, new: str) -> dict[str, Any]:
    """Every file with the id `old` renamed to `new` wherever it is a whole id or ref part."""
    pattern = re.compile(rf"(?<![a-z0-9_-]){re.escape(old)}(?![a-z0-9_-])")
    return {rel: json.loads(pattern.sub(new, json.dumps(data))) for rel, (_, data) in FILES.items()}


def _restore(root: Path) -> None:
    _model(root, {rel: data for rel, (_, data) in FILES.items()})


def test_a_check_in_appended_is_the_one_change_that_asks_no_one(base: tuple[Path, Model]) -> None:
    """A reading after the last one, nothing else changed: a change in words, nobody asked."""
    root, model = base
    path = ("objectives", 0, "key_results", 0, "checkins")
    later = {"date": "2026-10-19", "value": 5, "confidence": "medium", "still_agreed": True}
    readings = [*COMPANY["objectives"][0]["key_results"][0]["checkins"], later]
    try:
        changed = _model(root, {"okrs/2026/company.yaml": replaced(COMPANY, path, readings)})
        assert changed is not None
        changes, reviewers = asked(model, changed)
        assert [(c.kind, c.text) for c in changes] == [
            ("check-in", "check-in 2026-10-19: 5, medium, still agreed")
        ]
        assert reviewers == ()
    finally:
        _model(root, {"okrs/2026/company.yaml": COMPANY})
