"""Re-encode okrs/2026-q4/ops.yaml as Windows-1252, as an old editor would save it.

The committed copy is UTF-8 (so it stays readable and editable); test_cases.py runs this
on a temporary copy. Run by hand: `python make.py DIR` (DIR: a copy of this case folder).
"""

from __future__ import annotations

import sys
from pathlib import Path


def make(root: Path) -> None:
    """Rewrite the team file's text in cp1252, so its accented letters are not UTF-8."""
    path = root / "okrs/2026-q4/ops.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


if __name__ == "__main__":
    make(Path(sys.argv[1]))
