"""What a person reads on a built site: each page's title, article text and navigation, and
the search index entries, with the HTML's white space and markup folded away.

`tests/test_site_text.py` compares the example's site with `tests/data/site-text/` this way,
so the pages can change how they are made (Markdown then, HTML now) but not what they say.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

# Elements that separate words on screen; any other tag boundary joins text as it is shown.
BLOCKS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot "
    "th thead tr ul svg title text desc g rect circle line path polyline".split()
)


class _Reader(HTMLParser):
    """Collects the text inside the first element whose class list holds `marker`."""

    def __init__(self, tag: str, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.marker = tag, marker
        self.depth = 0  # > 0 inside the element
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            if tag == self.tag:
                self.depth += 1
            if tag in BLOCKS:
                self.parts.append(" ")
            if tag == "a":
                self.links.append(dict(attrs).get("href") or "")
        elif tag == self.tag and self.marker in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            if tag in BLOCKS:
                self.parts.append(" ")
            if tag == self.tag:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def _read(html: str, tag: str, marker: str) -> _Reader:
    reader = _Reader(tag, marker)
    reader.feed(html)
    reader.close()
    return reader


def page_text(html: str) -> dict[str, object]:
    """The title, the article's text and links, and the navigation's text and links."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    article = _read(html, "article", "md-content__inner")
    nav = _read(html, "nav", "md-nav--primary")
    toc = _read(html, "nav", "md-nav--secondary")
    return {
        "title": " ".join(unescape(title.group(1)).split()) if title else "",
        "text": article.text(),
        "links": article.links,
        "nav": nav.text(),
        "nav_links": nav.links,
        "toc": toc.text(),
        "toc_links": toc.links,
    }


def search_entries(site: Path) -> list[dict[str, str]]:
    """Material's search index: each entry's location, title and text (tags folded away)."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return [
        {
            "location": entry["location"],
            "title": _fold(entry["title"]),
            "text": _fold(entry["text"]),
        }
        for entry in index["docs"]
    ]


def _fold(html: str) -> str:
    reader = _Reader("div", "all")
    reader.feed(f'<div class="all">{html}</div>')
    reader.close()
    return reader.text()


def site_text(site: Path) -> dict[str, object]:
    """Every page of a built site by its path, and the search index."""
    pages = {
        path.relative_to(site).as_posix(): page_text(path.read_text("utf-8"))
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }
    return {"pages": pages, "search": search_entries(site)}
