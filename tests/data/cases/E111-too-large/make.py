"""Grow okrs/2026-q4/ops.yaml past the 2 MB limit with a long comment block.

A 2 MB file does not belong in git, so test_cases.py runs this on a temporary copy.
Run by hand: `python make.py DIR` (DIR: a copy of this case folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

LINE = "# pasted meeting notes that do not belong in an OKR file, over and over again\n"


def make(root: Path) -> None:
    """Append about 2.2 MB of comment lines to the team file."""
    path = root / "okrs/2026-q4/ops.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(LINE * (2_200_000 // len(LINE)))


if __name__ == "__main__":
    make(Path(sys.argv[1]))
