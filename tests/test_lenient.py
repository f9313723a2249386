"""A file that breaks its schema is still resolved without its malformed parts."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from typing import Any

from accord.check import check_files
from accord.read.load import load_files

from conftest import MINIMAL_ORG, RepoWriter, Runner
from mutations import replaced, value_paths

TEAM = """\
objectives:
  - id: ready-crews
    title: Crews leave the depot ready
    owner: ben
    why_now: Half of our late starts trace back to parts missing from the van in the morning.
    key_results:
      - id: fix
        title: Visits fixed on the first trip
        owner: ben
        start: 70
        target: 80
        checkins:
          - {date: 2026-10-20, value: 1e999, confidence: medium}
          - {date: 2026-12-20, value: 74, confidence: medium}
          - {date: 2026-11-02, value: 75, confidence: sure}
          - {date: 2026-11-03, value: 76, confidence: low, note: [not, text]}
"""


def test_a_schema_error_and_an_unknown_ref_in_one_file_are_both_reported(
    write_repo: RepoWriter, run: Runner
) -> None:
    """One run shows the E102 of a field and the E104 of a ref in the same objective."""
    team = TEAM.replace(
        "    owner: ben\n    why_now",
        "    owner: ben\n    colour: red\n    supports: [nowhere]\n    why_now",
    )
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": team})
    result = run("check", "--repo", repo, "--as-of", "2026-11-23")
    rules = [line.split(" ")[1:3] for line in result.stdout.splitlines()[:-1]]
    assert ["error", "E102"] in rules and ["error", "E104"] in rules
    assert "okrs/2026-q4/ops.yaml:6:16: error E104 supports 'nowhere'" in result.stdout


def test_findings_after_a_dropped_item_keep_their_lines(
    write_repo: RepoWriter, run: Runner
) -> None:
    """Bad check-ins are left out, and the E108 of a later good one is still at its own line."""
    repo = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM})
    result = run("check", "--repo", repo, "--as-of", "2026-11-23")
    assert result.stdout.splitlines() == [
        "okrs/2026-q4/ops.yaml:13:39: error E102 'value' of check-in 1 of key result "
        "'ready-crews.fix': must be from -1,000,000,000,000,000 to 1,000,000,000,000,000, "
        "got a number too large to hold",
        "okrs/2026-q4/ops.yaml:14:20: error E108 check-in dated 2026-12-20 is in the future "
        "(today is 2026-11-23)",
        "okrs/2026-q4/ops.yaml:15:55: error E102 'confidence' of check-in 3 of key result "
        "'ready-crews.fix': expected one of high, medium, low; got 'sure'",
        "okrs/2026-q4/ops.yaml:16:20: error E108 check-in dated 2026-11-03 comes after one "
        "dated 2026-12-20: list check-ins oldest first",
        "okrs/2026-q4/ops.yaml:16:66: error E102 'note' of check-in 4 of key result "
        "'ready-crews.fix': expected text, got a list",
        "2 files checked: 5 errors, 0 warnings",
    ]


STATEMENT = """\
priorities:
  - text: Stop losing renewals to late service
    matches: [ready-crews]
trade_offs: [Pause the pilot]
stop_doing: [Quarterly campaign]
success_looks_like: Renewals back above 92%
"""
WRONG: list[Any] = [None, True, 7, 1.5, math.inf, "", "2026-02-30", "0000-01-01", "Not An Id!"]
WRONG += [[], {}, {"k": 1}, [{"k": 1}]]


def test_any_wrong_value_anywhere_gives_findings_never_an_exception(
    write_repo: RepoWriter,
) -> None:
    """Each value of a team and a statement file replaced by each wrong value: check runs."""
    repo = write_repo(
        {
            "okrs/org.yaml": MINIMAL_ORG,
            "okrs/2026-q4/ops.yaml": TEAM,
            "okrs/2026-q4/statements/ben.yaml": STATEMENT,
        }
    )
    files = load_files(repo)
    tried = 0
    for which in ("teams", "statements"):
        file = getattr(files, which)[0]
        assert file.doc is not None
        for path in value_paths(file.doc.data):
            for value in WRONG:
                doc = dataclasses.replace(file.doc, data=replaced(file.doc.data, path, value))
                changed = dataclasses.replace(
                    files, **{which: (dataclasses.replace(file, doc=doc),)}
                )
                result = check_files(changed, as_of=date(2026, 11, 23))
                tried += 1
                assert result.model is not None
    assert tried > 500
