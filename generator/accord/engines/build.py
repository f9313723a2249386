"""`build(repo, out)` and `serve(repo, port)`: run mkdocs on the repository's site/mkdocs.yml;
`render(repo, out)`: write the generated site into a folder, without an engine.

Like mkdocs' own `build_command`, plugins get `on_startup` and `on_shutdown` around the
build, so `accord build` and `mkdocs build -f site/mkdocs.yml` give the same site.

A repository that has only `okrs/` (an organisation moving its OKRs in by hand) builds and
serves with the site Accord ships, the one `accord init` would write (`site_config`): its
pages into the repository's site/public/, its plugin pointed at the repository.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from ruamel.yaml import YAML

from accord.changes.history import History, load_history
from accord.engines.folder import render_folder
from accord.engines.plugin import AccordPlugin, check_site_dir
from accord.model.errors import AccordError
from accord.model.findings import CheckResult
from accord.read import writes
from accord.read.cachefile import HISTORY_CACHE, cache_dir
from accord.read.git import git_prefix
from accord.read.load import ORG_FILE
from accord.read.packaged import template_root
from accord.render.site import make_site

SITE_CONFIG = "site/mkdocs.yml"
PACKAGED = "no site/mkdocs.yml here: using the site Accord ships (accord init writes it)"


@dataclass(frozen=True)
class SiteConfig:
    """The mkdocs.yml a build or serve runs on, the settings given over it, and a line to
    print when it is not the repository's own."""

    path: Path
    options: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


def site_config(repo: Path) -> SiteConfig:
    """The repository's site/mkdocs.yml; for a repository with only okrs/, the packaged one
    building into the repository's site/public/; else an error saying how to get one."""
    path = repo / SITE_CONFIG
    if path.is_file():
        return SiteConfig(path)
    if not (repo / ORG_FILE).is_file():
        raise AccordError(f"{repo.resolve()}: no {SITE_CONFIG}; run 'accord init' to create one")
    packaged = template_root() / SITE_CONFIG
    # As a mapping: mkdocs empties the entries of a plugin list as it reads them, and serve
    # reads the same settings again on every rebuild.
    plugins: dict[str, Any] = {}
    for entry in YAML(typ="safe").load(packaged.read_text(encoding="utf-8"))["plugins"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        plugins[name] = settings
    plugins["accord"] = {**plugins.get("accord", {}), "repo": str(repo.resolve())}
    options = {"site_dir": str(repo.resolve() / "site" / "public"), "plugins": plugins}
    return SiteConfig(packaged, options, PACKAGED)


def build(
    repo: Path,
    out: Path | None,
    *,
    as_of: date,
    checked: CheckResult,
    at: str | None = None,
    site: SiteConfig | None = None,
    history: History | None = None,
    offline: bool = False,
) -> Path:
    """Build the site into `out` (default: the config's site_dir) and return where it is.

    `out` may be anywhere the user likes outside the repository; the default must stay
    inside it (`writes.check_site_dir` says what else is refused). `offline` builds a copy
    that works opened from disk (`file://`, a downloaded pull-request preview): every link
    names its `index.html`, and there is no search, whose index a browser will not load from
    disk (Material's offline plugin would fetch a script from another host to do it)."""
    site = site or site_config(repo)
    options = dict(site.options)
    if offline:
        options["use_directory_urls"] = False
    if out:  # before mkdocs' own checks, which log a paragraph about docs_dir
        writes.check_site_dir(repo, out, sources=[site.path], given=True)
        options["site_dir"] = os.path.abspath(out)  # abspath: links stay visible
    try:
        config = load_config(str(site.path), **options)
        if not out:  # the folder site/mkdocs.yml names, which must stay inside the repository
            check_site_dir(repo, config, given=False)
        if offline:
            for name in ("material/search", "search"):
                config.plugins.pop(name, None)
        plugin = config.plugins.get("accord")
        if isinstance(plugin, AccordPlugin):
            plugin.result = checked
            plugin.handed = history  # read once for the check; the pages reuse it
            plugin.at = at
            plugin.config.as_of = as_of.isoformat()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise AccordError(f"the site could not be built: {exc}") from None
    return Path(config.site_dir)


def render(
    repo: Path,
    out: Path,
    *,
    as_of: date,
    checked: CheckResult,
    at: str | None = None,
    history: History | None = None,
) -> int:
    """Write the site of `checked` into `out` (`folder.py`) and return the pages written.
    The help pages are the repository's site/docs/, else the ones Accord ships."""
    docs = repo / "site" / "docs"
    if not docs.is_dir():
        docs = template_root() / "site" / "docs"
    if history is None:
        cache = cache_dir(repo)
        history = load_history(repo, rev=at, cache=cache / HISTORY_CACHE if cache else None)
    site = make_site(checked, as_of, history=history, prefix=git_prefix(repo), help_dir=docs)
    return render_folder(site, out, docs)


def serve(repo: Path, port: int, site: SiteConfig | None = None) -> None:
    """Build and serve on 127.0.0.1:`port`, rebuilding when okrs/ or site/ change: only the
    pages whose content changed (a dirty build), so the navigation of the others and the
    search entries of pages other than the first changed one may lag until a restart."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    site = site or site_config(repo)
    options = {k: v for k, v in site.options.items() if k != "site_dir"}  # serve's own folder
    try:
        mkdocs_serve.serve(
            str(site.path),
            **options,
            dev_addr=f"127.0.0.1:{port}",
            livereload=True,
            build_type="dirty",  # the plugin marks the pages whose content changed
        )
    except MkDocsException as exc:
        raise AccordError(f"the site could not be served: {exc}") from None
    except OSError as exc:
        raise AccordError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """mkdocs warns on every dirty build that links may be stale: true of any preview."""
    return "'dirty' build" not in record.getMessage()
