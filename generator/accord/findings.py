"""Findings (content problems, as values) and the result of a check."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.model import Model


class Severity(enum.StrEnum):
    """How bad a finding is: errors stop a build, warnings fail only under --strict."""

    ERROR = "error"
    WARNING = "warning"


# Characters that would break a finding's one line: controls, and Unicode's line separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with control characters written as escapes ('\\n'), so it prints on one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Location:
    """Where a value sits: a repository-relative POSIX path, 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One thing `accord check` has to say, at one place."""

    rule: str
    location: Location
    message: str
    accepted: str | None = None  # the reason, when a warning was accepted on purpose

    def __post_init__(self) -> None:
        # A message quotes what the file says, which may hold a newline: keep it one line.
        if _CONTROL.search(self.message):
            object.__setattr__(self, "message", one_line(self.message))

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
