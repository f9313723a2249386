"""A team's page for a cycle lists each key result with what a reader scans for (issue 17):
its progress bar with the number, the value now, start and target, the last check-in's date,
confidence and whether the people involved still agree."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from accord.check import check
from accord.render.pages import render_pages

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)


def test_the_key_result_table_has_the_last_check_in_confidence_and_agreement() -> None:
    result = check(ROOT, as_of=AS_OF)
    page = next(p for p in render_pages(result, AS_OF) if p.uri == "2026-q4/sales/index.md")
    html = page.render().html
    head = re.findall(r"<th>([^<]*)</th>", html.split("<tbody>", 1)[0])
    assert head == [
        "Key result", "Progress", "Now", "Start → target", "Last check-in", "Confidence",
        "Still agreed", "Owner",
    ]  # fmt: skip
    signed = html.split('href="muscat-first-customers/#kr-muscat-sites-signed"')
    row = signed[1].split("</tr>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[3:6] == ["2026-11-20", "low", "no"], cells  # the check-in that disagreed
    assert re.search(r'aria-label="[^"]*: \d+% done', row)
