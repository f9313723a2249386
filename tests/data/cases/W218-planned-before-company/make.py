"""A history in which Operations wrote its 2026-q4 file before the company said what matters.

Operations commits its file on 8 September; the CEO's statement for the quarter follows on
the 12th and the company's file on the 15th, so W218 names Operations' file with both. Sales
commits its file on the 16th, after both, and stays silent.
"""

from pathlib import Path

import git

STEPS = [
    ("2026-09-08T10:00:00+0000", "Operations plans 2026-q4",
     ["okrs/org.yaml", "okrs/2026-q4/ops.yaml"]),
    ("2026-09-12T10:00:00+0000", "Ada's statement for 2026-q4",
     ["okrs/2026-q4/statements/ada.yaml"]),
    ("2026-09-15T10:00:00+0000", "Company objectives for 2026-q4", ["okrs/2026-q4/company.yaml"]),
    ("2026-09-16T10:00:00+0000", "Sales plans 2026-q4", ["okrs/2026-q4/sales.yaml"]),
]  # fmt: skip


def make(root: Path) -> None:
    repo = git.Repo.init(root)
    who = git.Actor("Ada Lovelace", "ada@example.com")
    for when, message, files in STEPS:
        repo.index.add(files)
        repo.index.commit(message, author=who, committer=who, author_date=when, commit_date=when)
