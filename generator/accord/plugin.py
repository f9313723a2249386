"""The mkdocs plugin `accord`: the checked model becomes the site's pages.

`mkdocs build -f site/mkdocs.yml`, `accord build` and `accord serve` all run through it:
`on_config` checks the OKRs (errors abort the build) and renders the pages and navigation,
`on_files` adds them as virtual files (nothing is written into docs/), `on_nav` converts
their Markdown on every core with a cache (`prerender`), `on_post_page` puts each page's
pictures back into its HTML, `on_post_build` writes `okrs.json` and the schemas, and
`on_serve` watches `okrs/` for live reload.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from accord import report, writes
from accord.cachefile import HISTORY_CACHE, cache_dir
from accord.check import check
from accord.errors import AccordError
from accord.export import to_data
from accord.findings import CheckResult
from accord.forked import cores
from accord.git import git_prefix
from accord.history import History, load_history
from accord.loopback import local_only
from accord.prerender import (
    Rendered,
    first_heading,
    prerender,
    reuse_search_entries,
    search_index,
)
from accord.render.nav import navigation, title
from accord.render.pages import Page, render_pages, with_figures
from accord.render.timeline import SHALLOW
from accord.schema import schema_dir

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.accord")
PROGRESS_FROM = 300  # pages; smaller sites build in a few seconds
PAGE_CACHE = "pages"  # ... and converted pages by content hash


class AccordConfig(base.Config):
    """Options under `plugins: - accord:` in mkdocs.yml."""

    repo = c.Type(str, default="..")  # the OKR repository, relative to mkdocs.yml
    current_cycle = c.Optional(c.Type(str))  # the cycle the home page shows (default: by date)
    as_of = c.Optional(c.Type(str))  # "today" (default: SOURCE_DATE_EPOCH, else the clock)


class AccordPlugin(BasePlugin[AccordConfig]):
    """Adds the OKR pages, navigation, okrs.json and schemas to an mkdocs site."""

    def __init__(self) -> None:
        self.result: CheckResult | None = None  # `accord build` may hand over its own check
        self.pages: list[Page] = []
        self.root = Path(".")
        self.as_of = date.today()
        self.total = self.done = 0
        self.history = History("no-git")
        self.handed: History | None = None  # ... and the history that check read
        self.at: str | None = None  # `accord build --at REV` builds the OKRs as they were then
        self.serving = False
        self.figures: dict[str, tuple[str, ...]] = {}
        self.rendered: dict[str, Rendered] = {}
        self.cache: Path | None = None  # this repository's cache folder (`cache_dir`)
        self.served: dict[str, int] = {}  # under `serve`: each page's content as last built
        self.building: dict[str, int] = {}  # ... and as this build makes it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `serve` (defining this hook keeps the plugin across rebuilds)."""
        self.serving, self.served = command == "serve", {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the OKRs, refuse errors, render the pages and the navigation."""
        root = Path(config.config_file_path).parent / self.config.repo
        _refused(check_site_dir, root, config, given=True)  # mkdocs build -d may be anywhere
        self.root = root.resolve()
        self.as_of = _as_of(self.config.as_of)
        self.cache = cache_dir(self.root)
        cache = self.cache / HISTORY_CACHE if self.cache else None
        history = self.handed or _refused(
            load_history, self.root, rev=self.at, cache=cache, progress=_history_progress
        )  # read once: the check's history rules and the pages' timelines share it
        result = self.result or _checked(self.root, self.as_of, self.at, history)
        self.result = self.handed = None  # a rebuild under `serve` checks the files afresh
        if result.errors or result.model is None:
            raise PluginError("the OKRs have errors:\n" + report.format_text(result).rstrip())
        self.checked = result
        if history.shallow:
            log.warning("accord: %s", SHALLOW)
        for warning in history.warnings:
            log.warning("accord: %s", warning)
        self.history = history
        self.pages = render_pages(
            result, self.as_of, self.config.current_cycle, history, self._workers(),
            git_prefix(self.root),
        )  # fmt: skip
        # mkdocs and Material print site and navigation titles into HTML unescaped.
        config.site_name = title(f"{result.model.org.name} OKRs")
        config.nav = navigation(
            result.model, self.as_of, self.config.current_cycle, config.docs_dir
        )
        log.info("accord: %d files checked, %d pages to build", result.files, len(self.pages))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every generated page as a virtual file."""
        # Under serve, what every page shows besides its own content: the site's name, the
        # navigation and the site configuration (a change to any renders every page again).
        stat = Path(config.config_file_path).stat()
        site = hash((config.site_name, repr(config.nav), stat.st_mtime_ns, stat.st_size))
        for page in self.pages:
            file = _Generated.generated(config, page.uri, content=page.markdown)
            assert isinstance(file, _Generated)
            if self.serving:
                self.building[page.uri] = hash((site, page.markdown, page.figures))
                file.modified = self.served.get(page.uri) != self.building[page.uri]
            files.append(file)
        self.figures = {page.uri: page.figures for page in self.pages if page.figures}
        self.total, self.done = len(files.documentation_pages()), 0
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Convert the generated pages' Markdown ahead of mkdocs, on every core, with a cache.
        Under `serve` only the pages whose content changed are converted, in this process
        (its server runs threads, which forking does not mix with), and after the first
        build the cache is left alone (it would be rewritten with those few pages)."""
        if self._others_hook_pages(config):
            self.rendered = {}  # their hooks must see the real Markdown and HTML
            return nav
        pages = [
            file.page or MkPage(None, file, config)
            for file in files.documentation_pages()
            if isinstance(file, _Generated) and file.modified
        ]
        first = len(pages) == len(self.pages)
        keep = self.cache is not None and (first or not self.serving)
        cache = self.cache / PAGE_CACHE if self.cache and keep else None
        search = search_index(config)
        self.rendered = prerender(pages, config, files, cache, self._workers(), search)
        if search is not None:
            reuse_search_entries(search, self.rendered)
        return nav

    def _others_hook_pages(self, config: MkDocsConfig) -> bool:
        """True when another plugin handles a page's Markdown or HTML (prerendering would
        pass them by)."""
        events = ("pre_page", "page_markdown", "page_content")
        handlers = [h for e in events for h in config.plugins.events.get(e, [])]
        return any(getattr(handler, "__self__", None) is not self for handler in handlers)

    def _workers(self) -> int:
        """Every core, except under `serve`, whose server threads forking does not mix with."""
        return 1 if self.serving else cores()

    def on_page_markdown(self, markdown: str, /, *, page: MkPage, **kwargs: Any) -> str:
        """Skip the conversion of pages `on_nav` converted; report progress every tenth of
        the way on builds of more than 300 pages."""
        self.done += 1
        step = max(1, self.total // 10)
        if self.total > PROGRESS_FROM and self.done % step == 0:
            log.info("accord: %d of %d pages rendered", self.done, self.total)
        return first_heading(markdown) if page.file.src_uri in self.rendered else markdown

    def on_page_content(self, html: str, /, *, page: MkPage, **kwargs: Any) -> str:
        """The HTML `on_nav` converted, with its table of contents and title."""
        rendered = self.rendered.pop(page.file.src_uri, None)
        return rendered.apply(page) if rendered else html

    def on_post_page(self, output: str, /, *, page: MkPage, **kwargs: Any) -> str:
        """Put the page's pictures back in place of their placeholders."""
        return with_figures(output, self.figures.pop(page.file.src_uri, ()))

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write okrs.json and the JSON Schemas at the site root."""
        if self.serving:  # only a build that got this far has written its pages
            self.served, self.building = self.building, {}
        out = Path(config.site_dir)
        data = to_data(self.checked, self.as_of, self.history)
        (out / "okrs.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        (out / "schema").mkdir(exist_ok=True)
        for schema in sorted(schema_dir().glob("*.schema.json")):
            shutil.copyfile(schema, out / "schema" / schema.name)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when anything under okrs/ changes; answer only requests for localhost."""
        server.watch(str(self.root / "okrs"))
        host, port = server.server_address[:2]
        server.set_app(local_only(server.get_app(), str(host), int(port)))
        return server


class _Generated(File):
    """A generated page. `serve` builds dirty (`mkdocs serve --dirty`): only pages whose
    content changed since its last build are rendered again, so an edit shows in seconds."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def _history_progress(done: int, total: int) -> None:
    """Report reading history every tenth of the way on long histories."""
    if total > PROGRESS_FROM and done % max(1, total // 10) == 0:
        log.info("accord: history %d of %d commits read", done, total)


def check_site_dir(root: Path, config: MkDocsConfig, *, given: bool) -> None:
    """Refuse a site_dir that emptying could harm (`writes.check_site_dir`)."""
    custom = config.theme.custom_dir
    sources = [Path(config.config_file_path), Path(config.docs_dir)]
    writes.check_site_dir(
        root,
        Path(config.site_dir),
        sources=[*sources, *([Path(custom)] if custom else [])],
        given=given,
    )


def _refused(step: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`step(...)`, its `AccordError` turned into mkdocs' `PluginError`."""
    try:
        return step(*args, **kwargs)
    except AccordError as exc:
        raise PluginError(str(exc)) from None


def _checked(root: Path, as_of: date, at: str | None, history: History) -> CheckResult:
    usable = history if history.state == "ok" else None
    return _refused(check, root, as_of=as_of, at=at, history=usable)


def _as_of(option: str | None) -> date:
    """`as_of` from the plugin options, else SOURCE_DATE_EPOCH (as mkdocs uses it), else today."""
    if option:
        return date.fromisoformat(option)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
