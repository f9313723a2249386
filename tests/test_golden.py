"""The generated HTML of the example organisation, compared with tests/data/golden/.

`pytest --update-golden` rewrites the golden pages; review the diff in the pull request.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from accord.check import check
from accord.output.export import to_data
from accord.render.pages import render_pages

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "data" / "golden" / "northwind"
AS_OF = date(2026, 11, 23)
SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _rendered() -> dict[str, str]:
    """Every page's HTML body, pictures folded to one line (tests/test_charts.py covers them)."""
    result = check(ROOT, as_of=AS_OF)
    pages = {p.uri: SVG.sub(_fold, p.render().html) for p in render_pages(result, AS_OF)}
    pages["okrs.json"] = json.dumps(to_data(result, AS_OF), indent=1, ensure_ascii=False) + "\n"
    return pages


def _fold(match: re.Match[str]) -> str:
    label = re.search(r'aria-label="([^"]*)"', match.group(0))
    return f"<svg: {label.group(1) if label else 'picture'}>"


def test_generated_pages_match_the_golden_copy(update_golden: bool) -> None:
    """Every page of the example site is exactly as reviewed (run --update-golden to accept)."""
    pages = _rendered()
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for uri, text in pages.items():
            (GOLDEN / uri).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / uri).write_text(text, encoding="utf-8")
        pytest.skip("golden pages rewritten")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8")
        for p in GOLDEN.rglob("*")
        if p.is_file()
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run pytest --update-golden"
    diffs = [
        "".join(
            difflib.unified_diff(expected[uri].splitlines(True), text.splitlines(True), uri, uri)
        )
        for uri, text in sorted(pages.items())
        if expected[uri] != text
    ]
    assert not diffs, "\n".join(diffs)[:20_000]


def test_nothing_is_escaped_twice() -> None:
    """No page shows escape marks: a backslash escaped again, or an entity escaped again."""
    for uri, text in _rendered().items():
        assert "&amp;lt;" not in text and "&amp;#39;" not in text and "&amp;amp;" not in text, uri
