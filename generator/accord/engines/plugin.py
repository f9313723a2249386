"""The mkdocs plugin `accord`: a thin adapter that hands Accord's generated site to mkdocs.

The site itself (pages, URLs, titles, HTML, tables of contents, navigation, okrs.json and the
schemas) is made by engine-free code (`render/site.py`); this module only places it:
`on_config` checks the OKRs (errors abort the build), makes the site and sets the navigation
and site name; `on_files` adds each page as a virtual file whose page object skips Markdown
(its content is Accord's HTML); `on_page_context` makes each page's HTML just before the
theme renders it, and `on_post_page` lets it go, so a build holds one page at a time;
`on_post_build` writes the files beside the pages (under `serve`, when first asked for);
`on_serve` watches `okrs/` and answers only localhost. Under `serve`, a rebuild renders only
the pages the edit reaches (`render/reach.py`). ProperDocs, a fork of mkdocs 1.x, runs the
same plugin unchanged.
"""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext

from accord.changes.history import History, load_history
from accord.check import check
from accord.engines.loopback import local_only, showing
from accord.engines.mkdocspages import (
    GeneratedFile,
    GeneratedPage,
    escaped_nav,
    front_matter,
    index_without_figures,
    nav_titles,
)
from accord.model.errors import AccordError
from accord.model.findings import CheckResult
from accord.output import report
from accord.read import writes
from accord.read.cachefile import HISTORY_CACHE, cache_dir
from accord.read.git import git_prefix
from accord.read.packaged import schema_dir
from accord.read.source import remember_reads
from accord.render.pages import Page
from accord.render.reach import reached
from accord.render.site import Site, make_site
from accord.render.timeline import SHALLOW

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.accord")
PROGRESS_FROM = 300  # pages; smaller sites build in a few seconds


class AccordConfig(base.Config):
    """Options under `plugins: - accord:` in mkdocs.yml."""

    repo = c.Type(str, default="..")  # the OKR repository, relative to mkdocs.yml
    current_cycle = c.Optional(c.Type(str))  # the cycle the home page shows (default: by date)
    as_of = c.Optional(c.Type(str))  # "today" (default: SOURCE_DATE_EPOCH, else the clock)


class AccordPlugin(BasePlugin[AccordConfig]):
    """Adds the OKR pages, navigation, okrs.json and schemas to an mkdocs site."""

    def __init__(self) -> None:
        self.result: CheckResult | None = None  # `accord build` may hand over its own check
        self.handed: History | None = None  # ... and the history that check read
        self.at: str | None = None  # `accord build --at REV` builds the OKRs as they were then
        self.root = Path(".")
        self.site: Site | None = None
        self.serving = False
        self.problem: str | None = None  # under serve: why the last edit could not be built
        self.reach: frozenset[str] | None = None  # under serve: the pages an edit reaches
        self.config_stat: tuple[int, int] | None = None  # under serve: mkdocs.yml as read
        self.total = self.done = 0
        self.lock = threading.Lock()  # under serve: the server's threads ask for the files
        self.unwritten: tuple[Site, Path] | None = None  # okrs.json and schemas not yet written

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `serve` (defining this hook keeps the plugin across rebuilds)."""
        self.serving, self.site = command == "serve", None
        if self.serving:
            remember_reads()  # a rebuild parses only the files that changed

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the OKRs, refuse errors, make the site, set its navigation and name.

        Under `serve`, an edit that breaks the OKRs does not fail the rebuild (mkdocs' server
        would then hold every request until a build succeeds): the last good site stays,
        nothing is rendered, and every page request is answered with the problems
        (`loopback.showing`) until an edit fixes them."""
        try:
            site = self._site(config)
        except PluginError as exc:
            if not (self.serving and self.site):
                raise
            log.error("accord: %s", exc)
            self.problem = str(exc)
            site = self.site
        else:
            self.reach = self._reach(self.site, site, config) if self.serving else None
            self.site, self.problem = site, None
        # mkdocs and Material print site and navigation titles into HTML as they are.
        config.site_name = html.escape(site.name)
        config.nav = escaped_nav(site.nav)
        index_without_figures(config)
        return config

    def _site(self, config: MkDocsConfig) -> Site:
        root = Path(config.config_file_path).parent / self.config.repo
        _refused(check_site_dir, root, config, given=True)  # mkdocs build -d may be anywhere
        self.root = root.resolve()
        as_of = _as_of(self.config.as_of)
        cache = cache_dir(self.root)
        history = self.handed or _refused(
            load_history,
            self.root,
            rev=self.at,
            cache=cache / HISTORY_CACHE if cache else None,
            progress=_history_progress,
        )  # read once: the check's history rules and the pages' timelines share it
        result = self.result or _checked(self.root, as_of, self.at, history)
        self.result = self.handed = None  # a rebuild under `serve` checks the files afresh
        if result.errors or result.model is None:
            raise PluginError("the OKRs have errors:\n" + report.format_text(result).rstrip())
        for warning in [*([SHALLOW] if history.shallow else []), *history.warnings]:
            log.warning("accord: %s", warning)
        site = make_site(
            result, as_of, current=self.config.current_cycle, history=history,
            prefix=git_prefix(self.root), help_dir=Path(config.docs_dir),
            directory_urls=config.use_directory_urls,
        )  # fmt: skip
        log.info("accord: %d files checked, %d pages to build", result.files, len(site.pages))
        return site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every generated page as a virtual file with its own page object."""
        assert self.site is not None
        titles = dict(nav_titles(config.nav or []))
        for page in self.site.pages:
            file = GeneratedFile.generated(config, page.uri, content=front_matter(page))
            assert isinstance(file, GeneratedFile)
            file.modified = self._modified(page)
            GeneratedPage(page, titles.get(page.uri), file, config)
            files.append(file)
        # okrs.json and the schemas as files of the site, so that a help page's Markdown link
        # to them is resolved for either kind of URL; their content is written after the build.
        files.append(File.generated(config, "okrs.json", content=""))
        for schema in sorted(schema_dir().glob("*.schema.json")):
            files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
        self.total, self.done = len(self.site.pages), 0
        return files

    def _reach(
        self, before: Site | None, after: Site, config: MkDocsConfig
    ) -> frozenset[str] | None:
        """The pages an edit reaches (None: all), under `serve`; an edit of mkdocs.yml
        reaches every page."""
        stat = Path(config.config_file_path).stat()
        config_stat, self.config_stat = self.config_stat, (stat.st_mtime_ns, stat.st_size)
        if before is None or config_stat != self.config_stat:
            return None
        return reached(before, after)

    def _modified(self, page: Page) -> bool:
        """Whether `page` is rendered again: always outside `serve`; under it, when the edit
        reaches it, and never while an edit has broken the OKRs."""
        if not self.serving:
            return True
        return self.problem is None and (self.reach is None or page.uri in self.reach)

    @event_priority(100)  # before search, which indexes the page's HTML in this event
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Make a generated page's HTML and table of contents just before the theme needs
        them; report progress every tenth of the way on builds of more than 300 pages."""
        if isinstance(page, GeneratedPage):
            page.make()
            self.done += 1
            step = max(1, self.total // 10)
            if self.total > PROGRESS_FROM and self.done % step == 0:
                log.info("accord: %d of %d pages rendered", self.done, self.total)
        return context

    def on_post_page(self, output: str, /, *, page: MkPage, **kwargs: Any) -> str:
        """Let the page's HTML go: it is written (a build holds one page at a time)."""
        if isinstance(page, GeneratedPage):
            page.content = ""
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write okrs.json and the JSON Schemas at the site root; under `serve`, when first
        asked for after a rebuild (writing okrs.json was a second of every rebuild)."""
        assert self.site is not None
        with self.lock:
            self.unwritten = (self.site, Path(config.site_dir))
        if not self.serving:
            self._write_files()

    def _write_files(self) -> None:
        with self.lock:
            if self.unwritten:
                site, folder = self.unwritten
                site.write_files(folder)
                self.unwritten = None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when anything under okrs/ changes; answer only requests for localhost, and
        page requests with the problems while an edit has broken the OKRs."""
        server.watch(str(self.root / "okrs"))
        host, port = server.server_address[:2]
        shown = showing(_files_when_asked(server.get_app(), self), lambda: self.problem)
        server.set_app(local_only(shown, str(host), int(port)))
        return server


def _files_when_asked(app: WSGIApplication, plugin: AccordPlugin) -> WSGIApplication:
    """`app`, writing okrs.json and the schemas of the last build before answering a request
    for one of them."""

    def answer(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path.endswith("/okrs.json") or "/schema/" in path:
            plugin._write_files()
        return app(environ, start_response)

    return answer


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
