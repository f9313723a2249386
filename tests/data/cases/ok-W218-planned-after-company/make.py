"""A history in which the company planned first: its 2026 file in January, the CEO's statement
for 2026-q4 on 12 September. Sales set up an empty file for the quarter on 1 September (a
skeleton, `objectives: []`, plans nothing) and wrote its objectives on the 19th; Operations
committed its quarter the same day as the statement. Same-day counts as after, so W218 stays
silent.
"""

from pathlib import Path

import git

SALES = "okrs/2026-q4/sales.yaml"
STEPS = [
    ("2026-01-12T10:00:00+0000", "Company objectives for 2026",
     ["okrs/org.yaml", "okrs/2026/company.yaml"]),
    ("2026-09-01T10:00:00+0000", "Sales: a file for 2026-q4", [SALES]),
    ("2026-09-12T09:00:00+0000", "Ada's statement for 2026-q4",
     ["okrs/2026-q4/statements/ada.yaml"]),
    ("2026-09-12T17:00:00+0000", "Operations plans 2026-q4", ["okrs/2026-q4/ops.yaml"]),
    ("2026-09-19T10:00:00+0000", "Sales plans 2026-q4", [SALES]),
]  # fmt: skip


def make(root: Path) -> None:
    final = (root / SALES).read_text("utf-8")
    repo = git.Repo.init(root)
    who = git.Actor("Ada Lovelace", "ada@example.com")
    for number, (when, message, files) in enumerate(STEPS):
        skeleton = number == 1
        (root / SALES).write_text("objectives: []\n" if skeleton else final, "utf-8")
        repo.index.add(files)
        repo.index.commit(message, author=who, committer=who, author_date=when, commit_date=when)
