"""Reading YAML with positions: data, line and column of every key and value, and guards."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from accord.read import source
from accord.read.source import MAX_BYTES, MAX_DEPTH, parse, read


def _ok(text: str) -> source.Document:
    doc, findings = parse(text, "okrs/x.yaml")
    assert findings == []
    assert doc is not None
    return doc


def _rules(text: str) -> list[tuple[str, int, int]]:
    _, findings = parse(text, "okrs/x.yaml")
    return [(f.rule, f.location.line, f.location.column) for f in findings]


def alias_bomb(levels: int = 9, width: int = 9, pad_to: int = 0) -> str:
    """The 'billion laughs' document: each anchor repeats the previous one `width` times."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    return text + "#" * max(0, pad_to - len(text) - 1) + "\n"


def test_values_and_keys_have_one_based_positions() -> None:
    """Every value and key is indexed by its JSON path with a 1-based line and column."""
    doc = _ok("objectives:\n  - id: a\n    supports: [x, y]\n")
    assert doc.at(("objectives", 0, "id")).line == 2
    assert doc.at(("objectives", 0, "id")).column == 9
    assert (
        doc.at(("objectives", 0, "supports", 1)).line,
        doc.at(("objectives", 0, "supports", 1)).column,
    ) == (3, 19)
    assert doc.key_at(("objectives", 0, "supports")).column == 5


def test_a_missing_path_falls_back_to_its_nearest_ancestor() -> None:
    """A field that is absent is located at the object that should hold it."""
    doc = _ok("objectives:\n  - id: a\n")
    assert doc.at(("objectives", 0, "why_now")).line == 2


def test_dates_stay_iso_strings_and_numbers_are_numbers() -> None:
    """Bare dates load as text (so the schema's format: date applies); numbers as numbers."""
    doc = _ok("d: 2026-10-14\nn: 85\nf: 2.5\nb: true\nq: '12'\nz: ~\n")
    assert doc.data == {"d": "2026-10-14", "n": 85, "f": 2.5, "b": True, "q": "12", "z": None}


def test_yaml_1_2_reads_yes_as_text_and_inf_stays_text() -> None:
    """`yes` is text in YAML 1.2 and .inf is not a usable number, so the schema can say so."""
    assert _ok("a: yes\nb: .inf\n").data == {"a": "yes", "b": ".inf"}


def test_keys_are_always_text() -> None:
    """An unquoted cycle key such as 2026 is kept as the text '2026'."""
    assert _ok("cycles:\n  2026: {start: 2026-01-01}\n").data == {
        "cycles": {"2026": {"start": "2026-01-01"}}
    }


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    """E101 points at the repeated key and names the line of the first."""
    doc, findings = parse("title: a\nowner: b\ntitle: c\n", "okrs/x.yaml")
    assert doc is not None
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("E101", 3, 1)]
    assert "first at line 1" in findings[0].message


def test_syntax_error_names_the_line_and_what_was_expected() -> None:
    """E100 carries the parser's position and expectation."""
    _, findings = parse("a: [1, 2\nb: 3\n", "okrs/x.yaml")
    assert findings[0].rule == "E100"
    assert "expected ',' or ']'" in findings[0].message


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        (b"a: 1\nb: \x00\x01", (2, 4), "binary"),
        (b"a: 1\nb: caf\xe9\n", (2, 7), "not UTF-8"),
        (b"a: \x07\n", (1, 4), "control character"),
    ],
)
def test_files_that_are_not_text_give_one_finding(
    tmp_path: Path, raw: bytes, where: tuple[int, int], words: str
) -> None:
    """Binary, non-UTF-8 and control characters give E100 at the offending byte."""
    (tmp_path / "x.yaml").write_bytes(raw)
    doc, findings = read(tmp_path, "x.yaml")
    assert doc is None
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("E100", *where)]
    assert words in findings[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Editors on Windows write a BOM; it is not an error."""
    (tmp_path / "x.yaml").write_bytes(b"\xef\xbb\xbfa: 1\n")
    doc, findings = read(tmp_path, "x.yaml")
    assert findings == [] and doc is not None and doc.data == {"a": 1}


def test_an_oversized_file_is_refused_unread(tmp_path: Path) -> None:
    """E111 for a file over the size limit, without parsing it."""
    (tmp_path / "x.yaml").write_bytes(b"a: '" + b"x" * MAX_BYTES + b"'\n")
    doc, findings = read(tmp_path, "x.yaml")
    assert doc is None
    assert [f.rule for f in findings] == ["E111"]


@pytest.mark.parametrize("opener", ["[", "- ", "{a: "])
def test_deep_nesting_is_refused(opener: str) -> None:
    """E111 for 10,000 levels of flow or block nesting, stopped at the limit."""
    text = opener * 10_000 + "x"
    assert _rules(text)[0][0] == "E111"
    assert "E111" not in [rule for rule, *_ in _rules(opener * (MAX_DEPTH - 2) + "x")]


def test_a_one_megabyte_alias_bomb_is_refused() -> None:
    """E111 for a document whose aliases would expand to billions of values."""
    bomb = alias_bomb(pad_to=1_000_000)
    assert len(bomb) >= 1_000_000
    doc, findings = parse(bomb, "okrs/x.yaml")
    assert doc is None
    assert [f.rule for f in findings] == ["E111"]
    assert findings[0].location.line > 1


def test_modest_aliases_are_fine() -> None:
    """Anchors and aliases used sensibly load, with the alias placed where it is used."""
    doc = _ok("base: &b [x, y]\ncopy: *b\n")
    assert doc.data["copy"] == ["x", "y"]
    assert doc.at(("copy",)).line == 2


@pytest.mark.parametrize(
    "text",
    ["a: !!python/object:os.system x\n", "---\na: 1\n---\nb: 2\n", "? [a]\n: b\n", "a: *nowhere\n"],
    ids=["tag", "two-documents", "complex-key", "unknown-alias"],
)
def test_unusual_yaml_gives_a_finding_not_a_traceback(text: str) -> None:
    """Tags, several documents, complex keys and unknown aliases are E100."""
    assert [rule for rule, *_ in _rules(text)] == ["E100"]


def test_empty_file_and_other_top_levels_load_as_data() -> None:
    """An empty file is None; a list or a string loads, and the schema reports it."""
    assert _ok("").data is None
    assert _ok("- a\n").data == ["a"]
    assert _ok("just text\n").data == "just text"


def test_numbers_too_large_to_hold_load_as_infinity_for_the_schema() -> None:
    """Thousands of digits (past int()'s limit) or past the float range load as ±infinity."""
    huge, hexa = "9" * 5000, "0x" + "f" * 5000
    text = f"a: {huge}\nb: -{'4' * 400}\nc: 1e400\nd: {hexa}\ne: 0000000000000000000000007\n"
    assert _ok(text).data == {"a": math.inf, "b": -math.inf, "c": math.inf, "d": math.inf, "e": 7}


def test_a_big_file_without_aliases_is_not_an_alias_bomb() -> None:
    """10,000 objectives with key results and check-ins (over 250,000 values, no alias) load."""
    item = (
        "- {{id: o{0}, title: T, owner: ben, why_now: W, key_results: [{{id: k, title: T, "
        "owner: ben, start: 0, target: 1, checkins: [{{date: 2026-10-02, value: 0, "
        "confidence: low}}]}}]}}\n"
    )
    text = "objectives:\n" + "".join(item.format(i) for i in range(10_000))
    assert len(text.encode()) < MAX_BYTES
    doc = _ok(text)
    assert len(doc.data["objectives"]) == 10_000


@pytest.mark.parametrize(
    ("text", "where"),
    [("a:\n\tb: 1\n", (2, 1)), ("a:\n  - x\n \t- y\n", (3, 2)), ("- a\n\t- b\n", (2, 1))],
)
def test_a_tab_in_the_indentation_says_indent_with_spaces(
    text: str, where: tuple[int, int]
) -> None:
    """E100 for a tab that indents a line says so, at the tab's line and column."""
    assert _rules(text) == [("E100", *where)]
    assert parse(text, "okrs/x.yaml")[1][0].message == "a tab indents this line: indent with spaces"
