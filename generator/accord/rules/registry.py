"""The rule registry: each W rule is a small function registered under its code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from accord.changes.history import History
from accord.model.findings import Finding
from accord.model.location import Location
from accord.model.okrs import Model


class Subject(Protocol):
    """Anything a warning can be about: it has a place and may accept warnings."""

    @property
    def where(self) -> Location: ...

    @property
    def accept(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class Hit:
    """What a rule found: about which object, what to say, and (optionally) a closer place."""

    subject: Subject
    message: str
    where: Location | None = None


RuleFunc = Callable[[Model, date], Iterable[Hit]]
HistoryRuleFunc = Callable[[Model, History, date], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its code, the function that finds its pattern, and how to call it
    (a rule only git can see also reads the history, and finds nothing without one)."""

    code: str
    func: RuleFunc | HistoryRuleFunc
    judge: Callable[[Model, date, History | None], Iterable[Hit]]
    needs_history: bool = False

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring: the pattern it names."""
        return (self.func.__doc__ or "").strip().splitlines()[0]


RULES: list[Rule] = []


def rule(code: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under `code` (W201 ...)."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(code, func, lambda model, as_of, history: func(model, as_of)))
        return func

    return register


def history_rule(code: str) -> Callable[[HistoryRuleFunc], HistoryRuleFunc]:
    """Register a rule that reads the git history (W217 ...): it runs only with one."""

    def register(func: HistoryRuleFunc) -> HistoryRuleFunc:
        def judge(model: Model, as_of: date, history: History | None) -> Iterable[Hit]:
            return () if history is None else func(model, history, as_of)

        RULES.append(Rule(code, func, judge, needs_history=True))
        return func

    return register


def run_rules(model: Model, as_of: date, history: History | None = None) -> list[Finding]:
    """Every warning of every registered rule, marked accepted where the object accepts it.
    The rules that read git history run only when `history` is given."""
    findings = []
    for registered in sorted(RULES, key=lambda r: r.code):
        for hit in registered.judge(model, as_of, history):
            reason = hit.subject.accept.get(registered.code)
            where = hit.where or hit.subject.where
            findings.append(Finding(registered.code, where, hit.message, accepted=reason))
    return findings
