"""Accord's pages as mkdocs' own objects: a virtual file per page, a page whose content is
Accord's finished HTML (never Markdown converted), its table of contents, the navigation's
titles escaped, and Material's search index fed each page without its pictures.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

from accord.render.pages import Page
from accord.render.site import Nav
from accord.render.toc import Heading

FIGURE = re.compile(r"<svg\b.*?</svg>", re.S)  # Accord's pictures never nest an <svg>


class GeneratedFile(File):
    """A generated page's file. `serve` builds dirty (`mkdocs serve --dirty`): only the pages
    an edit reaches are rendered again, so an edit shows in about a second."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class GeneratedPage(MkPage):
    """A generated page: its content is Accord's HTML, never Markdown converted."""

    def __init__(self, made: Page, title: str | None, file: File, config: MkDocsConfig):
        super().__init__(title or html.escape(made.title, quote=False), file, config)
        self.made = made

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: the HTML is made in `make`, when the theme needs it."""
        self.content = ""

    def make(self) -> None:
        body = self.made.render()
        self.content = body.html
        self.toc = TableOfContents([_anchor(h) for h in body.toc])
        if self.toc.items:
            self.toc.items[0].active = True  # type: ignore[attr-defined]  # as mkdocs does
        self.present_anchor_ids = set(_ids(body.toc))


def index_without_figures(config: MkDocsConfig) -> None:
    """Let Material's search index read a generated page without its pictures.

    Pictures are most of an objective page's bytes and nothing search keeps (they are marked
    `data-search-exclude`), yet its HTML parser would walk through every element of them:
    on the 300-team benchmark that was a third of the build. The index is handed the page
    with its `<svg>` elements taken out, and the page gets its full HTML back at once."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if add is None or getattr(add, "accord", False):
            continue

        def add_entry(page: MkPage, add: Callable[[MkPage], None] = add) -> None:
            if not isinstance(page, GeneratedPage) or not page.content:
                return add(page)
            content = page.content
            page.content = FIGURE.sub("", content)
            try:
                add(page)
            finally:
                page.content = content

        add_entry.accord = True  # type: ignore[attr-defined]
        index.add_entry_from_context = add_entry  # type: ignore[union-attr]


def _anchor(heading: Heading) -> AnchorLink:
    link = AnchorLink(heading.title, heading.id, heading.level)
    link.children = [_anchor(child) for child in heading.children]
    return link


def _ids(headings: list[Heading]) -> list[str]:
    return [i for h in headings for i in (h.id, *_ids(h.children))]


def front_matter(page: Page) -> str:
    """The virtual file's source: only the metadata the theme reads (`hide:`)."""
    if not page.hide:
        return ""
    return "---\nhide:\n" + "".join(f"  - {item}\n" for item in page.hide) + "---\n"


def escaped_nav(nav: Any) -> Any:
    """The navigation with its titles escaped (mkdocs prints them as they are)."""
    if isinstance(nav, str):
        return nav
    out: Nav = []
    for item in nav:
        if isinstance(item, dict):
            out.append({html.escape(k): escaped_nav(v) for k, v in item.items()})
        else:
            out.append(item)
    return out


def nav_titles(nav: Nav) -> list[tuple[str, str]]:
    """(uri, title) of every page the navigation names with a title."""
    found: list[tuple[str, str]] = []
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                found += [(value, title)] if isinstance(value, str) else nav_titles(value)
    return found
