"""Findings (content problems, as values) and the result of a check."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.model.location import Location, one_line

if TYPE_CHECKING:
    from accord.model.okrs import Model


class Severity(enum.StrEnum):
    """How bad a finding is: errors stop a build, warnings fail only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing `accord check` has to say, at one place."""

    rule: str
    location: Location
    message: str
    accepted: str | None = None  # the reason, when a warning was accepted on purpose

    def __post_init__(self) -> None:
        # A message quotes what the file says, which may hold a newline: keep it one line.
        if (line := one_line(self.message)) != self.message:
            object.__setattr__(self, "message", line)

    @property
    def severity(self) -> Severity:
        """E-codes are errors, W-codes warnings."""
        return Severity.ERROR if self.rule.startswith("E") else Severity.WARNING

    @property
    def sort_key(self) -> tuple[tuple[str, ...], int, int, str, str]:
        """Sort by file, line, column, then rule and message for a stable order."""
        loc = self.location
        return (tuple(loc.file.split("/")), loc.line, loc.column, self.rule, self.message)


@dataclass(frozen=True)
class CheckResult:
    """Everything a check found: the model (None when the org could not be resolved)."""

    model: Model | None
    findings: tuple[Finding, ...]
    files: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings that nobody accepted."""
        return sum(f.severity is Severity.WARNING and not f.accepted for f in self.findings)

    @property
    def accepted(self) -> int:
        """How many warnings were accepted on purpose (shown, but not failing --strict)."""
        return sum(f.accepted is not None for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail a run; warnings fail it only when strict."""
        return self.errors > 0 or (strict and self.warnings > 0)


def sort_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    """All findings of a run, sorted by file and line, duplicates dropped."""
    return tuple(sorted(set(findings), key=lambda f: f.sort_key))
