"""`accord checkin`: one check-in from options, or many with `--from FILE`, all or nothing."""

from __future__ import annotations

import dataclasses
import math
import sys
from datetime import date, datetime
from pathlib import Path

import click

from accord.cli.common import (
    as_of_option,
    day_in_range,
    edit,
    refuse_errors,
    repo_option,
    today,
)
from accord.edit import checkin as checking_in
from accord.edit import checkinfile as batch_checkins
from accord.edit import inplace
from accord.model.findings import CheckResult


def _finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse `nan` and `inf`, which click's FLOAT accepts but a check-in cannot hold."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a finite number")
    return value


@click.command()
@click.argument("ref", required=False)
@click.option("--value", type=float, default=None, callback=_finite, help="The value now.")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Many check-ins from a CSV or JSON file (ref, date, value, confidence, "
    "still_agreed, note): all or nothing.",
)
@click.option(
    "--confidence",
    type=click.Choice(["high", "medium", "low"]),
    default=None,
    help="Will the key result reach its target?",
)
@click.option(
    "--still-agreed",
    type=click.Choice(["yes", "no"]),
    default=None,
    help="Do the people involved still agree why it matters and what they would trade for it?",
)
@click.option("--note", default=None, help="One line of context, written double-quoted.")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    callback=day_in_range,
    help="The check-in's date (YYYY-MM-DD). Default: today (--as-of, $SOURCE_DATE_EPOCH, clock).",
)
@click.option("--dry-run", is_flag=True, help="Print the change as a diff and write nothing.")
@repo_option
@as_of_option
def checkin(
    ref: str | None,
    value: float | None,
    source: Path | None,
    confidence: str | None,
    still_agreed: str | None,
    note: str | None,
    day: datetime | None,
    dry_run: bool,
    repo: Path,
    as_of: datetime | None,
) -> None:
    """Append a check-in to key result REF (objective.kr), keeping the rest of its file;
    or, with --from FILE, every check-in of a CSV or JSON file, all or nothing."""
    now = today(as_of)
    if source is not None:
        if ref or value is not None or confidence or still_agreed or note or day:
            raise click.UsageError("--from FILE takes the check-ins from the file alone")
        _checkin_from(repo, source, dry_run, now)
        return
    if ref is None or value is None or confidence is None:
        raise click.UsageError("give REF, --value and --confidence (or --from FILE)")
    agreed = None if still_agreed is None else still_agreed == "yes"
    entry = checking_in.Entry(day.date() if day else now, value, confidence, agreed, note)
    with inplace.editing(repo):
        plan = checking_in.plan_checkin(repo, ref, entry, as_of=now)
        if plan.leaves_disagreement_open and not plan.errors:
            plan = _ask_still_agreed(repo, ref, plan, now)
        if plan.errors:
            refuse_errors(CheckResult(None, plan.errors, plan.files))
        if dry_run:
            click.echo(plan.diff(), nl=False)
            return
        checking_in.write_checkin(repo, plan)
    click.echo(plan.summary)


def _checkin_from(repo: Path, source: Path, dry_run: bool, now: date) -> None:
    """`accord checkin --from FILE`: every row planned and checked, then all written."""
    plan = lambda: batch_checkins.plan_batch(repo, source, as_of=now)  # noqa: E731
    batch = edit(repo, plan, batch_checkins.write_batch, dry_run)
    if batch:
        click.echo(batch.summary)


def _ask_still_agreed(repo: Path, ref: str, plan: checking_in.Plan, now: date) -> checking_in.Plan:
    """After a `still_agreed: false`, ask again at a terminal (y/n/skip), else say it stays
    open: a check-in that does not answer leaves the disagreement open."""
    if not _interactive():
        click.echo(plan.open_notice, err=True)
        return plan
    answer = click.prompt(
        f"The check-in of {plan.disagreed_on} on {plan.ref} said the people involved no "
        "longer agree why it matters. Do you still agree why it matters and what you would "
        "trade for it? [y/n/skip]",
        type=click.Choice(["y", "n", "skip"]),
        show_choices=False,
        default="skip",
        show_default=False,
    )
    if answer == "skip":
        click.echo(plan.open_notice, err=True)
        return plan
    entry = dataclasses.replace(plan.entry, still_agreed=answer == "y")
    return checking_in.plan_checkin(repo, ref, entry, as_of=now)


def _interactive() -> bool:
    """Whether a person is at the terminal to answer a question."""
    return sys.stdin.isatty() and sys.stdout.isatty()
