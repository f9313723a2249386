"""`accord checkin --from FILE`: a metrics export of 200 check-ins lands in one go, or, with
one bad row, not at all, the row named; every other byte of every file kept."""

from __future__ import annotations

import csv
import difflib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from accord.check import check

from conftest import Runner, yaml_texts

AS_OF = ("--as-of", "2026-12-20")
DAYS = ("2026-11-25", "2026-11-30", "2026-12-05", "2026-12-10", "2026-12-15")


def _rows(repo: Path) -> list[dict[str, str]]:
    """200 check-ins: five days on each of 40 key results of 2026-q4, with every column."""
    model = check(repo, as_of=date(2026, 12, 20)).model
    assert model is not None
    krs = [kr for o in model.objectives.values() if o.cycle == "2026-q4" for kr in o.key_results]
    assert len(krs) >= 40
    rows = []
    for day in DAYS:
        for n, kr in enumerate(krs[:40]):
            rows.append({
                "ref": kr.key.split("/", 1)[1], "date": day, "value": f"{kr.current + n % 3:g}",
                "confidence": ("high", "medium", "low")[n % 3],
                "still_agreed": ("yes", "", "no")[n % 3],
                "note": 'from the "metrics" export, 1,2,3' if n % 7 == 0 else "",
            })  # fmt: skip
    return rows


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["ref", "date", "value", "confidence", "still_agreed", "note"])
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    return path


def test_one_bad_row_of_200_changes_nothing_and_is_named(
    example: Path, run: Runner, tmp_path: Path
) -> None:
    rows = _rows(example)
    assert len(rows) == 200
    rows[100]["confidence"] = "meh"
    source = _csv(tmp_path / "metrics.csv", rows)
    before = yaml_texts(example)
    done = run("checkin", "--from", source, "--repo", example, *AS_OF)
    assert done.exit_code == 2
    assert done.stderr == (
        f"Error: {source}:102: confidence 'meh' is not one of high, medium, low\n"
    )  # row 102: the header is row 1
    assert yaml_texts(example) == before


def test_200_rows_land_in_one_go_and_every_other_byte_stays(
    example: Path, run: Runner, tmp_path: Path
) -> None:
    rows = _rows(example)
    source = _csv(tmp_path / "metrics.csv", rows)
    before = yaml_texts(example)
    counts = _checkin_counts(example)
    done = run("checkin", "--from", source, "--repo", example, *AS_OF)
    assert done.exit_code == 0, done.stderr
    after = yaml_texts(example)
    assert (
        done.stdout
        == f"200 check-ins written into {sum(a != before[r] for r, a in after.items())} files\n"
    )
    for rel in after:
        removed = [
            line for line in difflib.ndiff(before[rel].splitlines(), after[rel].splitlines())
            if line.startswith("- ")
        ]  # fmt: skip
        assert removed == [], rel
    grown = _checkin_counts(example)
    assert sum(grown.values()) - sum(counts.values()) == 200
    assert run("check", "--repo", example, *AS_OF).exit_code in (0, 1)
    result = check(example, as_of=date(2026, 12, 20))
    assert not result.errors, result.errors
    model = result.model
    assert model is not None
    first = rows[0]
    kr = model.key_results[f"2026-q4/{first['ref']}"]
    assert [c.date.isoformat() for c in kr.checkins[-5:]] == list(DAYS)
    assert kr.checkins[-5].note == 'from the "metrics" export, 1,2,3'


def _checkin_counts(repo: Path) -> dict[str, int]:
    model = check(repo, as_of=date(2026, 12, 20)).model
    assert model is not None
    return {key: len(kr.checkins) for key, kr in model.key_results.items()}


def test_json_rows_and_what_the_checked_result_refuses(
    example: Path, run: Runner, tmp_path: Path
) -> None:
    good = [{"ref": "dispatch-on-time-service.late-reschedules", "value": 8,
             "confidence": "high", "date": "2026-12-01", "still_agreed": True}]  # fmt: skip
    source = tmp_path / "rows.json"
    source.write_text(json.dumps(good), "utf-8")
    done = run("checkin", "--from", source, "--dry-run", "--repo", example, *AS_OF)
    assert done.exit_code == 0, done.stderr
    assert "+          - date: 2026-12-01\n+            value: 8\n" in done.stdout
    # a check-in dated before the key result's last one: the check refuses the whole file
    source.write_text(json.dumps([*good, {**good[0], "date": "2026-11-01"}]), "utf-8")
    before = yaml_texts(example)
    refused = run("checkin", "--from", source, "--repo", example, *AS_OF)
    assert refused.exit_code == 1
    assert "error E108" in refused.stderr
    assert yaml_texts(example) == before


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("ref,value,confidense\nx,1,high\n", ":1: unknown column 'confidense'"),
        ("ref,value\nx,1\n", ":1: no 'confidence' column"),
        (
            "ref,value,confidence\ndispatch-on-time-servic.late-reschedules,1,high\n",
            ":2: no key result 'dispatch-on-time-servic.late-reschedules' (did you mean",
        ),
        (
            "ref,value,confidence\ndispatch-on-time-service.late-reschedules,lots,high\n",
            ":2: value 'lots' is not a number",
        ),
        (
            "ref,value,confidence,date\ndispatch-on-time-service.late-reschedules,1,high,1/12\n",
            ":2: date '1/12' is not a day (YYYY-MM-DD)",
        ),
        ("ref,value,confidence\n", ": no check-ins in it"),
    ],
    ids=["misspelt-column", "missing-column", "unknown-ref", "not-a-number", "bad-date", "empty"],
)
def test_a_bad_file_is_refused_in_one_line(
    example: Path, run: Runner, tmp_path: Path, text: str, says: str
) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(text, "utf-8")
    before = yaml_texts(example)
    done = run("checkin", "--from", source, "--repo", example, *AS_OF)
    assert done.exit_code == 2
    assert says in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert yaml_texts(example) == before


def test_from_takes_nothing_else(example: Path, run: Runner, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text("ref,value,confidence\n", "utf-8")
    done = run("checkin", "x.y", "--from", source, "--repo", example, *AS_OF)
    assert done.exit_code == 2
    assert "--from FILE takes the check-ins from the file alone" in done.stderr
