"""`build(repo, out)` and `serve(repo, port)`: run mkdocs on the repository's site/mkdocs.yml.

Like mkdocs' own `build_command`, plugins get `on_startup` and `on_shutdown` around the
build, so `accord build` and `mkdocs build -f site/mkdocs.yml` give the same site.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from accord import writes
from accord.errors import AccordError
from accord.findings import CheckResult
from accord.plugin import AccordPlugin, check_site_dir

SITE_CONFIG = "site/mkdocs.yml"


def config_file(repo: Path) -> Path:
    """The repository's site configuration, or an error saying how to get one."""
    path = repo / SITE_CONFIG
    if not path.is_file():
        raise AccordError(f"{repo.resolve()}: no {SITE_CONFIG}; run 'accord init' to create one")
    return path


def build(
    repo: Path, out: Path | None, *, as_of: date, checked: CheckResult, at: str | None = None
) -> Path:
    """Build the site into `out` (default: the config's site_dir) and return where it is.

    `out` may be anywhere the user likes outside the repository; the default must stay
    inside it (`writes.check_site_dir` says what else is refused)."""
    options = {"site_dir": os.path.abspath(out)} if out else {}  # abspath: links stay visible
    if out:  # before mkdocs' own checks, which log a paragraph about docs_dir
        writes.check_site_dir(repo, out, sources=[config_file(repo)], given=True)
    try:
        config = load_config(str(config_file(repo)), **options)
        if not out:  # the folder site/mkdocs.yml names, which must stay inside the repository
            check_site_dir(repo, config, given=False)
        plugin = config.plugins.get("accord")
        if isinstance(plugin, AccordPlugin):
            plugin.result = checked
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


def serve(repo: Path, port: int) -> None:
    """Build and serve on 127.0.0.1:`port`, rebuilding when okrs/ or site/ change: only the
    pages whose content changed (a dirty build), so the navigation of the others and the
    search entries of pages other than the first changed one may lag until a restart."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
    try:
        mkdocs_serve.serve(
            str(config_file(repo)),
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
