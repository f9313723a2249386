"""The `accord` group with every command, and `main`, the console script."""

from __future__ import annotations

import os
import sys

import click

from accord import __version__
from accord.cli.checkin import checkin
from accord.cli.checking import check, codeowners, diff, export
from accord.cli.common import AccordGroup
from accord.cli.editing import carry, close, init, issue_form, new, score
from accord.cli.publishing import build, render, serve


@click.group(cls=AccordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accord")
def cli() -> None:
    """Accord: OKRs as agreements, kept in git and reviewed in pull requests."""


for command in (check, export, diff, codeowners, checkin, score, close, carry, new, init):
    cli.add_command(command)
for command in (build, render, serve, issue_form):
    cli.add_command(command)


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
