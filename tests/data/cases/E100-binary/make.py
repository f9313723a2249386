"""Put a NUL byte into line 12 of okrs/2026-q4/ops.yaml, as a corrupted save would.

Git and editors treat a file with NUL bytes as binary, so the committed copy keeps the
text `<NUL>` where the byte goes and test_cases.py runs this on a temporary copy.
Run by hand: `python make.py DIR` (DIR: a copy of this case folder).
"""

from __future__ import annotations

import sys
from pathlib import Path


def make(root: Path) -> None:
    """Replace the `<NUL>` marker in the team file with a real NUL byte."""
    path = root / "okrs/2026-q4/ops.yaml"
    path.write_bytes(path.read_bytes().replace(b"<NUL>", b"\x00"))


if __name__ == "__main__":
    make(Path(sys.argv[1]))
