"""A generated page's headings: each given an id (as Python-Markdown's `toc` extension would
give it, so anchors stay what they were), and the nested table of contents an engine shows.

Templates write headings as `<h2>Why now</h2>`, or with an id of their own (`<h3 id="kr-x">`);
no heading holds another element's `<h` tag, so a pattern over Accord's own HTML finds them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

HEADING = re.compile(r'<h([1-6])( id="([^"]*)")?>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]*>")


@dataclass
class Heading:
    """One entry of the table of contents: its level, anchor, title (as HTML, escaped text)
    and the headings under it."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)


def with_headings(body: str) -> tuple[str, list[Heading]]:
    """`body` with an id on every heading that has none, and its table of contents."""
    used = set(re.findall(r' id="([^"]*)"', body))
    flat: list[Heading] = []

    def anchor(match: re.Match[str]) -> str:
        level, given, inner = int(match.group(1)), match.group(3), match.group(4)
        title = " ".join(TAG.sub("", inner).split())
        ident = given if given is not None else unique(slugify(html.unescape(title)), used)
        flat.append(Heading(level, ident, title))
        return f'<h{level} id="{ident}">{inner}</h{level}>'

    return HEADING.sub(anchor, body), nest(flat)


def slugify(text: str) -> str:
    """Python-Markdown's default slug: ASCII, word characters, lower case, dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())


def unique(ident: str, used: set[str]) -> str:
    """`ident`, or `ident_1`, `ident_2`... when it is taken (or empty), as Python-Markdown."""
    if ident in used or not ident:
        base, count = ident, 0
        if found := re.match(r"^(.*)_([0-9]+)$", ident):
            base, count = found.group(1), int(found.group(2))
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        ident = f"{base}_{count}"
    used.add(ident)
    return ident


def nest(flat: list[Heading]) -> list[Heading]:
    """Headings in page order nested by level: each under the last one above its level."""
    top: list[Heading] = []
    open_: list[Heading] = []  # the innermost heading of each level still open
    for heading in flat:
        while open_ and open_[-1].level >= heading.level:
            open_.pop()
        (open_[-1].children if open_ else top).append(heading)
        open_.append(heading)
    return top
