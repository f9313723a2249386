"""The alignment-health rules (W201 to W222): `RULES` and `run_rules(model, as_of)`.

Each rule is a small function over the model and the date, registered with `@rule(code)`
in one of the modules below, grouped by theme. The rules only git can see (`gitlog`) also
read the history, register with `@history_rule(code)`, and run only when a history is given.
Rules import only changes (for the history) and model.
"""

from __future__ import annotations

from accord.rules import (
    agreement,
    copies,
    cycles,
    decisions,
    gitlog,
    progress,
    size,
    tradeoffs,
    wording,
)
from accord.rules.gitlog import history_since
from accord.rules.registry import RULES, Hit, Rule, run_rules

__all__ = [
    "RULES",
    "Hit",
    "Rule",
    "agreement",
    "copies",
    "cycles",
    "decisions",
    "gitlog",
    "history_since",
    "progress",
    "run_rules",
    "size",
    "tradeoffs",
    "wording",
]
