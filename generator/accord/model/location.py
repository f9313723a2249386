"""Where a value sits in the OKR files (`Location`), and text made safe to print on one line."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
