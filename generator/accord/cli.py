"""The `accord` command: parse options, call one core function, print, pick the exit code.

This is the only module that prints or exits. Exit codes: 0 success, 1 the OKRs have
errors (or warnings under --strict), 2 the command could not run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from accord import __version__, report
from accord import check as checking
from accord import export as exporting
from accord.errors import AccordError
from accord.findings import CheckResult

F = TypeVar("F", bound=Callable[..., Any])


class CommandFailed(click.ClickException):
    """Accord could not run: one line on stderr, exit 2."""

    exit_code = 2


class AccordGroup(click.Group):
    """Turns `AccordError` from any command into `CommandFailed`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as exc:
            raise CommandFailed(str(exc)) from None


def repo_option(func: F) -> F:
    """`--repo DIR`: the OKR repository (default: the current directory)."""
    return click.option(
        "--repo",
        type=click.Path(path_type=Path),
        default=Path("."),
        show_default=True,
        help="The OKR repository: the folder that holds okrs/.",
    )(func)


def as_of_option(func: F) -> F:
    """`--as-of DATE`: "today" for date rules (default: SOURCE_DATE_EPOCH, else today)."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Check as if today were DATE (YYYY-MM-DD). Default: $SOURCE_DATE_EPOCH, else today.",
    )(func)


def today(as_of: datetime | None) -> date:
    """The date the run treats as today: --as-of, then SOURCE_DATE_EPOCH, then the clock."""
    if as_of is not None:
        return as_of.date()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise CommandFailed(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from None
    return date.today()


@click.group(cls=AccordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accord")
def cli() -> None:
    """Accord: OKRs as agreements, kept in git and reviewed in pull requests."""


@cli.command()
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(report.FORMATS)),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations.",
)
@repo_option
@as_of_option
def check(strict: bool, fmt: str, repo: Path, as_of: datetime | None) -> None:
    """Check the OKRs: YAML, schema, ids, refs, loops and dates."""
    result = checking.check(repo, as_of=today(as_of))
    click.echo(report.FORMATS[fmt](result), nl=False)
    sys.exit(1 if result.failed(strict) else 0)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: the whole resolved model; csv: one row per key result.",
)
@repo_option
@as_of_option
def export(fmt: str, repo: Path, as_of: datetime | None) -> None:
    """Print the resolved model for spreadsheets and other tools."""
    day = today(as_of)
    result = checking.check(repo, as_of=day)
    _refuse_errors(result)
    formatter = exporting.format_json if fmt == "json" else exporting.format_csv
    click.echo(formatter(result, day), nl=False)


def _refuse_errors(result: CheckResult) -> None:
    """Commands that need a valid model print the errors on stderr and exit 1."""
    if result.errors or result.model is None:
        click.echo(report.format_text(result), nl=False, err=True)
        sys.exit(1)


def main() -> None:
    """The console script: `accord`. A bug still ends in one line (ACCORD_DEBUG=1 shows more)."""
    try:
        cli(prog_name="accord")
    except Exception as exc:
        if os.environ.get("ACCORD_DEBUG"):
            raise
        click.echo(
            f"accord: internal error ({type(exc).__name__}: {exc}). This is a bug in Accord; "
            "please report it with ACCORD_DEBUG=1 set to include the traceback.",
            err=True,
        )
        sys.exit(2)
