"""Commands that read the OKRs and say what they find: check, export, diff, codeowners."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from accord import check as checker
from accord.agreement import review as reviewing
from accord.cli.common import (
    as_of_option,
    at_option,
    refuse_errors,
    repo_option,
    today,
)
from accord.output import codeowners as owning
from accord.output import export as exporting
from accord.output import report


@click.command()
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
@at_option
def check(strict: bool, fmt: str, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Check the OKRs: YAML, schema, ids, refs, loops, dates, then alignment health."""
    result = checker.check(repo, as_of=today(as_of), at=at, read_history=True)
    click.echo(report.FORMATS[fmt](result), nl=False)
    sys.exit(1 if result.failed(strict) else 0)


@click.command()
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
@at_option
def export(fmt: str, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Print the resolved model for spreadsheets and other tools."""
    day = today(as_of)
    result = checker.check(repo, as_of=day, at=at)
    refuse_errors(result)
    formatter = exporting.format_json if fmt == "json" else exporting.format_csv
    click.echo(formatter(result, day), nl=False)


@click.command()
@click.option(
    "--check",
    "verify",
    is_flag=True,
    help="Write nothing; exit 1 when .github/CODEOWNERS is not what the OKRs say.",
)
@repo_option
def codeowners(verify: bool, repo: Path) -> None:
    """Write .github/CODEOWNERS: each team file owned by its lead and the leads it supports."""
    result = checker.check(repo, as_of=today(None))
    refuse_errors(result)
    assert result.model is not None
    text = owning.format_codeowners(result.model)
    if verify:
        if not owning.is_current(repo, text):
            click.echo(f"{repo / owning.PATH} is out of date: run `accord codeowners`", err=True)
            sys.exit(1)
        return
    path = owning.write_codeowners(repo, text)
    click.echo(f"Wrote {path}: {owning.summary(result.model)}")


@click.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(report.REVIEW_FORMATS)),
    default="text",
    show_default=True,
    help="markdown is the pull-request comment; json lists who must approve.",
)
@repo_option
@as_of_option
def diff(base: str | None, head: str | None, fmt: str, repo: Path, as_of: datetime | None) -> None:
    """What a change does to alignment between BASE and HEAD (default: the working tree)."""
    found = reviewing.review(repo, base, head, as_of=today(as_of))
    click.echo(report.REVIEW_FORMATS[fmt](found), nl=False)
