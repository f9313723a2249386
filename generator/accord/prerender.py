"""Convert the generated pages' Markdown ahead of mkdocs: on every core, and once per content.

mkdocs converts pages one after another in one process; at a few thousand pages that is the
largest part of a build. `prerender` runs mkdocs' own `Page.render` (the same Markdown
extensions, link rewriting and anchor collection) for the generated pages in forked worker
processes, one share of the pages each, and keeps each result in the cache folder it is given
(the plugin's is outside the repository), one file per page, named by a hash of everything
the HTML depends on: the page's Markdown and place, the Markdown configuration, which of the
pages it links to exist, and the versions of mkdocs, Python-Markdown and Accord. Each entry
is checked when read (`cachefile`). A rebuild converts only the pages whose key changed.

A page whose conversion logged a warning (a broken link) is never cached, so the warning is
repeated, and counted by `--strict`, on every build.

Material's search plugin reads every page's HTML once more to index it. The workers make
those search entries too, with Material's own `SearchIndex`, and keep them with the page;
`reuse_search_entries` then hands them to the build's index whenever the page it is asked
to index is exactly the one they were made from (same address, title, metadata, HTML and
table of contents), and lets Material index any other page itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from accord import __version__
from accord.cachefile import make_folder, read_entry, write_entry
from accord.forked import fork_map

log = logging.getLogger("mkdocs.plugins.accord")
FORMAT = 2  # bump when the cached shape changes
PARALLEL_FROM = 200  # pages; below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` produced for one page."""

    content: str
    toc: list[dict[str, Any]]  # Python-Markdown's toc tokens: level, id, name, children
    anchors: list[str]
    warnings: list[str]
    search_key: str | None = None  # `search_key` of the page the entries were made from
    search: list[dict[str, Any]] | None = None  # Material's search entries for the page

    def apply(self, page: Page) -> str:
        """Give `page` the table of contents and anchors its own render would have (its title
        comes from rendering its first heading alone: `first_heading`); returns the HTML."""
        page.toc = get_toc(self.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(self.anchors)
        return self.content


def first_heading(markdown: str) -> str:
    """The page's first `# ` heading line: all mkdocs needs to convert of a prerendered page
    (the page title comes from it)."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line + "\n"
    return ""


def search_index(config: MkDocsConfig) -> Any | None:
    """The search index this build's Material search plugin fills, if there is one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if callable(getattr(index, "add_entry_from_context", None)) and isinstance(
            getattr(index, "entries", None), list
        ):
            return index
    return None


def search_key(page: Page) -> str:
    """Everything Material's search entries for `page` are made from."""
    meta = json.dumps(page.meta, sort_keys=True, default=str)
    parts = [page.url, str(page.title), meta, page.content or "", str(page.toc)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def reuse_search_entries(index: Any, rendered: dict[str, Rendered]) -> None:
    """Make `index` take the entries made with a page's rendering instead of indexing it."""
    made = {uri: (r.search_key, r.search) for uri, r in rendered.items() if r.search_key}
    index_itself = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        key, entries = made.pop(page.file.src_uri, (None, None))
        if entries is not None and key == search_key(page):
            index.entries.extend(dict(entry) for entry in entries)
        else:
            index_itself(page)

    index.add_entry_from_context = add_entry_from_context


def prerender(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    cache: Path | None,
    workers: int,
    search: Any | None = None,
) -> dict[str, Rendered]:
    """Each page's rendering by its `src_uri`, from the cache or converted afresh; with
    `search` (a Material search index), with the page's search entries."""
    salt, present = _salt(config, search), {f.src_uri for f in files}
    keys = {page.file.src_uri: _key(salt, page, present) for page in pages}
    done = {uri: r for uri, key in keys.items() if (r := _load(cache, key)) is not None}
    cached = set(done)
    todo = [page for page in pages if page.file.src_uri not in done]
    if todo:
        log.info("accord: converting %d of %d pages (%d cached)", len(todo), len(pages), len(done))
    done.update(_convert(todo, config, files, workers, search))
    for rendered in done.values():
        for warning in rendered.warnings:
            log.warning(warning)
    if cache is not None:
        fresh = {keys[uri]: r for uri, r in done.items() if not r.warnings and uri not in cached}
        _save(cache, {keys[uri] for uri in cached}, fresh)
    return done


def _salt(config: MkDocsConfig, search: Any | None) -> str:
    """What every page's HTML and search entries depend on besides its own Markdown and links."""
    parts = [
        str(FORMAT),
        version("mkdocs"),
        version("markdown"),
        __version__,  # Accord's own (the accord-okrs distribution)
        version("mkdocs-material"),
        repr(config.validation),
        json.dumps(getattr(search, "config", None), sort_keys=True, default=repr),
        repr(config.markdown_extensions),
        json.dumps(config.mdx_configs, sort_keys=True, default=repr),
        str(config.use_directory_urls),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


LINK = re.compile(r"\]\(([^)\s#]+\.md)[)#]")


def _key(salt: str, page: Page, present: set[str]) -> str:
    """The page's cache key: its place and Markdown, and which of the pages it links to
    exist (mkdocs turns a link into an address only when its page exists). Other pages
    coming or going leave the key alone."""
    source = page.file.content_string
    base = posixpath.dirname(page.file.src_uri)
    targets = sorted({posixpath.normpath(posixpath.join(base, t)) for t in LINK.findall(source)})
    exists = "".join("1" if target in present else "0" for target in targets)
    text = f"{salt}\0{page.file.src_uri}\0{exists}\0{source}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _convert(
    pages: Sequence[Page], config: MkDocsConfig, files: Files, workers: int, search: Any | None
) -> dict[str, Rendered]:
    convert = partial(_render, config, files, search)
    rendered = fork_map(convert, pages, workers, at_least=PARALLEL_FROM)
    return {page.file.src_uri: r for page, r in zip(pages, rendered, strict=True)}


class _Collect(logging.Handler):
    """Takes the place of mkdocs' log handlers while pages render, keeping the warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    @contextmanager
    def instead_of(self, logger: logging.Logger) -> Iterator[None]:
        handlers, propagate = list(logger.handlers), logger.propagate
        logger.handlers, logger.propagate = [self], False
        try:
            yield
        finally:
            logger.handlers, logger.propagate = handlers, propagate


def _render(config: MkDocsConfig, files: Files, search: Any | None, page: Page) -> Rendered:
    """mkdocs' own rendering of one page, with the warnings it logged and, given a search
    index, the entries Material's search would make of it."""
    collect = _Collect()
    with collect.instead_of(logging.getLogger("mkdocs")):
        page.read_source(config)
        page.render(config, files)
    anchors = sorted(page.present_anchor_ids or ())
    rendered = Rendered(page.content or "", _tokens(page.toc), anchors, collect.messages)
    if search is None:
        return rendered
    index = type(search)(**search.config)  # a fresh index of the same settings
    index.add_entry_from_context(page)
    return replace(rendered, search_key=search_key(page), search=list(index.entries))


def _tokens(toc: TableOfContents) -> list[dict[str, Any]]:
    def token(link: AnchorLink) -> dict[str, Any]:
        children = [token(child) for child in link.children]
        return {"level": link.level, "id": link.id, "name": link.title, "children": children}

    return [token(link) for link in toc]


def _load(cache: Path | None, key: str) -> Rendered | None:
    """The cached rendering for `key`; a damaged entry is converted again, never trusted."""
    data = read_entry(cache / f"{key}.json", key) if cache is not None else None
    try:
        return Rendered(**data) if isinstance(data, dict) else None
    except TypeError:
        return None


def _save(cache: Path, kept: set[str], new: dict[str, Rendered]) -> None:
    """Write the entries converted afresh; remove those no page of this build uses."""
    try:
        make_folder(cache)
        for stale in cache.glob("*.json"):
            if stale.stem not in kept and stale.stem not in new:
                stale.unlink()
        for key, entry in new.items():
            write_entry(cache / f"{key}.json", key, asdict(entry))
    except OSError as exc:
        log.warning("accord: could not write the page cache %s: %s", cache, exc)
