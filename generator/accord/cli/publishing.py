"""Commands that publish the site: build and serve (mkdocs' progress on stderr), render DIR."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

import click

from accord import check as checker
from accord.cli.common import (
    as_of_option,
    at_option,
    refuse_errors,
    repo_option,
    today,
)
from accord.engines import build as building


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site. Default: site/public/ in the repository.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Build a copy that works opened from disk (links to index.html, no search).",
)
@repo_option
@as_of_option
@at_option
def build(
    out: Path | None, offline: bool, repo: Path, as_of: datetime | None, at: str | None
) -> None:
    """Check the OKRs, then build the site (pages, okrs.json, schemas); errors build nothing."""
    day = today(as_of)
    history = checker.git_history(repo, at)
    result = checker.check(repo, as_of=day, at=at, history=history)
    refuse_errors(result)
    config = _site_config(repo)
    _show_mkdocs_progress()
    site = building.build(
        repo, out, as_of=day, checked=result, at=at, site=config, history=history, offline=offline
    )
    warnings = f"{result.warnings} warnings on the health page"
    if offline:
        click.echo(f"Site built: {site / 'index.html'} ({warnings}); open it from disk")
    else:
        click.echo(
            f"Site built: {site / 'index.html'} ({warnings}); to look at it, run "
            f"'accord serve' or 'python3 -m http.server -d {site}' and open "
            "http://127.0.0.1:8000/ (from disk its links open folders: build with --offline)"
        )


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@repo_option
@as_of_option
@at_option
def render(directory: Path, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Check the OKRs, then write the site's pages (HTML with front matter), navigation,
    okrs.json and schemas into DIR, for an engine without a plugin API."""
    day = today(as_of)
    history = checker.git_history(repo, at)
    result = checker.check(repo, as_of=day, at=at, history=history)
    refuse_errors(result)
    pages = building.render(repo, directory, as_of=day, checked=result, at=at, history=history)
    click.echo(f"Rendered {pages} pages into {directory} (navigation in {directory / '.nav.yml'})")


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@repo_option
def serve(port: int, repo: Path) -> None:
    """Build and serve the site on 127.0.0.1, rebuilding when okrs/ or site/ change."""
    config = _site_config(repo)
    _show_mkdocs_progress()
    building.serve(repo, port, config)


def _site_config(repo: Path) -> building.SiteConfig:
    """The site configuration to use, saying so in one line when it is the packaged one."""
    config = building.site_config(repo)
    if config.note:
        click.echo(f"accord: {config.note}", err=True)
    return config


class _Stderr(logging.Handler):
    """Log lines to whatever sys.stderr is at the time (click's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _show_mkdocs_progress() -> None:
    """Print mkdocs' own progress lines (its CLI would), without Material's banner."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_log = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Stderr) for h in mkdocs_log.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
