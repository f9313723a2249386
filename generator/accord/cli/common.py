"""What every command shares: the group that turns `AccordError` into exit 2, the options,
"today", refusing errors with exit 1, and the plan-check-write step of the editing commands.

Exit codes: 0 success, 1 the OKRs have errors (or warnings under --strict), 2 the command
could not run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from accord.edit import inplace
from accord.model.errors import AccordError
from accord.model.findings import CheckResult, Finding
from accord.model.location import one_line
from accord.output import report

F = TypeVar("F", bound=Callable[..., Any])
FIRST_YEAR, LAST_YEAR = 1900, 2999  # the years the schemas allow in dates


class CommandFailed(click.ClickException):
    """Accord could not run: one line on stderr, exit 2."""

    exit_code = 2


class AccordGroup(click.Group):
    """Turns `AccordError` from any command into `CommandFailed`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as exc:
            raise CommandFailed(one_line(str(exc))) from None  # user text may hold a newline


def repo_option(func: F) -> F:
    """`--repo DIR`: the OKR repository (default: the current directory)."""
    return click.option(
        "--repo",
        type=click.Path(path_type=Path),
        default=Path("."),
        show_default=True,
        help="The OKR repository: the folder that holds okrs/.",
    )(func)


def day_in_range(
    ctx: click.Context, param: click.Parameter, value: datetime | None
) -> datetime | None:
    """Refuse a date outside the years OKR files may hold (1900 to 2999), as the schema does."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise click.BadParameter(f"must be a date from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31")
    return value


def as_of_option(func: F) -> F:
    """`--as-of DATE`: "today" for date rules (default: SOURCE_DATE_EPOCH, else today)."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        callback=day_in_range,
        help="Check as if today were DATE (YYYY-MM-DD). Default: $SOURCE_DATE_EPOCH, else today.",
    )(func)


def at_option(func: F) -> F:
    """`--at REV`: the OKRs as they were at a commit, tag, branch or date."""
    return click.option(
        "--at",
        "at",
        default=None,
        metavar="REV",
        help="Use the OKRs as they were at a commit, tag, branch or date (e.g. 2026-10-15).",
    )(func)


def today(as_of: datetime | None) -> date:
    """The date the run treats as today: --as-of, then SOURCE_DATE_EPOCH, then the clock."""
    if as_of is not None:
        return as_of.date()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            day = datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise CommandFailed(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise CommandFailed(f"SOURCE_DATE_EPOCH={epoch!r} is {day}, past {LAST_YEAR}-12-31")
        return day
    return date.today()


class _Edit(Protocol):
    """What the in-place editing commands plan: findings that refuse it, and a diff."""

    @property
    def errors(self) -> tuple[Finding, ...]: ...

    @property
    def files(self) -> int: ...

    def diff(self) -> str: ...


E = TypeVar("E", bound=_Edit)


def edit(
    repo: Path, plan: Callable[[], E], write: Callable[[Path, E], None], dry_run: bool
) -> E | None:
    """Plan an edit under the repository's edit lock, refuse it on errors (exit 1), print
    its diff for --dry-run, else write it; the plan, or None after a dry run."""
    with inplace.editing(repo):
        planned = plan()
        if planned.errors:
            refuse_errors(CheckResult(None, planned.errors, planned.files))
        if dry_run:
            click.echo(planned.diff(), nl=False)
            return None
        write(repo, planned)
    return planned


def refuse_errors(result: CheckResult) -> None:
    """Commands that need a valid model print the errors on stderr and exit 1."""
    if result.errors or result.model is None:
        click.echo(report.format_text(result), nl=False, err=True)
        sys.exit(1)
