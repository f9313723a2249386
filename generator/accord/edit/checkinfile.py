"""`accord checkin --from FILE`: many check-ins at once, from CSV or JSON, all or nothing.

A metrics export becomes one commit of check-ins. The file is read whole and every row
checked before anything is planned: one bad row refuses the file, naming its row (the CSV
line, header as line 1; the JSON entry, from 1) and why. Then each check-in is appended in
place, as `accord checkin` does (`checkin.insert_checkin`), file by file, read back after
each, and the whole repository checked with every edit before any file is written.

Columns (CSV header, or JSON keys): `ref`, `value`, `confidence` (required); `date`
(YYYY-MM-DD, default today), `still_agreed` (yes/no, true/false, or empty) and `note`
(optional). Other columns are refused, so a misspelt one is not silently dropped. A CSV is
UTF-8 (a byte order mark is fine); a JSON file is a list of objects. The format is told by
the file's suffix (`.csv`, `.json`), else by its first character.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from accord.edit import inplace
from accord.edit.checkin import Entry, index_files, insert_checkin, key_results_of, locate
from accord.edit.inplace import get
from accord.model.errors import AccordError
from accord.model.findings import Finding

COLUMNS = ("ref", "date", "value", "confidence", "still_agreed", "note")
REQUIRED = ("ref", "value", "confidence")
CONFIDENCE = ("high", "medium", "low")
MAX_BYTES = 10_000_000  # a metrics export of check-ins, not a data dump
_YES = {"yes": True, "true": True, "no": False, "false": False, "": None}


@dataclass(frozen=True)
class Row:
    """One check-in of the file: where it is (`FILE:LINE` or `FILE: entry N`), its ref and
    its entry."""

    where: str
    ref: str
    entry: Entry


@dataclass(frozen=True)
class Batch:
    """The check-ins ready to write (refused when they have `errors`), file by file."""

    rows: list[Row]
    edits: dict[str, tuple[str, str]]
    errors: tuple[Finding, ...] = ()
    files: int = 0

    @property
    def summary(self) -> str:
        """`N check-ins written into M files`."""
        return f"{len(self.rows)} check-ins written into {len(self.edits)} files"

    def diff(self) -> str:
        """Every file's change as a unified diff."""
        return "".join(inplace.unified_diff(r, old, new) for r, (old, new) in self.edits.items())


def read_rows(path: Path, *, today: date) -> list[Row]:
    """Every row of the file as a check-in, or the first bad row's number and reason."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AccordError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise AccordError(f"{path}: {len(raw):,} bytes is too large for a file of check-ins")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AccordError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from None
    as_json = path.suffix.lower() == ".json" or (
        path.suffix.lower() != ".csv" and text.lstrip()[:1] in ("[", "{")
    )
    records = _json_records(path, text) if as_json else _csv_records(path, text)
    if not records:
        raise AccordError(f"{path}: no check-ins in it")
    kind = "entry" if as_json else "row"
    return [_row(path, kind, number, record, today) for number, record in records]


def _json_records(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AccordError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    if not isinstance(data, list):
        raise AccordError(f"{path}: a JSON file of check-ins is a list of objects")
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise AccordError(f"{path}: entry {number}: not an object with ref, value, ...")
    return list(enumerate(data, 1))


def _csv_records(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise AccordError(f"{path}:{reader.line_num}: not CSV: {exc}") from None
    if not rows:
        return []
    header = [name.strip().lower() for name in rows[0]]
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise AccordError(
            f"{path}:1: unknown column '{unknown[0]}'; the columns are {', '.join(COLUMNS)}"
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise AccordError(f"{path}:1: no '{missing[0]}' column (needed: ref, value, confidence)")
    records = []
    for number, cells in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        if len(cells) != len(header):
            raise AccordError(f"{path}:{number}: {len(cells)} cells for {len(header)} columns")
        records.append((number, dict(zip(header, cells, strict=True))))
    return records


def _row(path: Path, kind: str, number: int, record: dict[str, Any], today: date) -> Row:
    where = f"{path}:{number}" if kind == "row" else f"{path}: entry {number}"

    def bad(reason: str) -> AccordError:
        return AccordError(f"{where}: {reason}")

    unknown = sorted(set(record) - set(COLUMNS))
    if unknown:
        raise bad(f"unknown field '{unknown[0]}'; the fields are {', '.join(COLUMNS)}")
    for name in REQUIRED:
        if record.get(name) in (None, ""):
            raise bad(f"no {name}")
    value = _number(record["value"])
    if value is None:
        raise bad(f"value {record['value']!r} is not a number")
    confidence = str(record["confidence"]).strip().lower()
    if confidence not in CONFIDENCE:
        raise bad(f"confidence {record['confidence']!r} is not one of high, medium, low")
    day = _day(record.get("date"), today)
    if day is None:
        raise bad(f"date {record.get('date')!r} is not a day (YYYY-MM-DD)")
    agreed = record.get("still_agreed")
    said = agreed if isinstance(agreed, bool) or agreed is None else str(agreed).strip().lower()
    if not isinstance(said, bool) and said is not None and said not in _YES:
        raise bad(f"still_agreed {agreed!r} is not yes or no")
    answer = said if isinstance(said, bool) or said is None else _YES[said]
    note = None if record.get("note") in (None, "") else str(record["note"])
    if note is not None:
        inplace.refuse_surrogates(note, f"{where}: note")
    return Row(where, str(record["ref"]).strip(), Entry(day, value, confidence, answer, note))


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) <= 1e15 else None


def _day(value: Any, today: date) -> date | None:
    if value in (None, ""):
        return today
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def plan_batch(repo: Path, source: Path, *, as_of: date) -> Batch:
    """The edits that append every check-in of `source`, checked with the whole repository."""
    rows = read_rows(source, today=as_of)
    files, before, org = inplace.check_before(repo, as_of=as_of)
    index = index_files(files)
    placed: dict[str, list[tuple[Row, tuple[str | int, ...]]]] = {}
    for row in rows:
        try:
            key = locate(index, org, row.ref, row.entry.day, objectives=False)
        except AccordError as exc:
            raise AccordError(f"{row.where}: {exc}") from None
        if "." not in key.split("/", 1)[1]:
            raise AccordError(
                f"{row.where}: '{row.ref}' is an objective; {key_results_of(index, key)}"
            )
        rel, path = index[key]
        inplace.refuse_broken(before, rel)
        placed.setdefault(rel, []).append((row, path))
    edits, docs = {}, []
    for rel, entries in placed.items():
        bom, text, doc = inplace.read_again(repo.resolve() / rel, rel)
        old = text
        for row, path in entries:
            text = insert_checkin(text, doc, path, row.entry)
            expected = copy.deepcopy(doc.data)
            get(expected, path).setdefault("checkins", []).append(row.entry.data())
            doc = inplace.read_back(text, rel, expected, f"the check-in of {row.where}")
        edits[rel] = (bom + old, bom + text)
        docs.append(doc)
    errors, count = inplace.check_after_all(files, docs, before, as_of=as_of)
    return Batch(rows, edits, errors, count)


def write_batch(repo: Path, batch: Batch) -> None:
    """Write every planned file (each refused if it changed since it was read)."""
    for rel, (old, new) in batch.edits.items():
        inplace.write(repo, rel, old, new)
