"""Commands that write OKR files: score, close, carry, new objective, init and issue-form."""

from __future__ import annotations

import shlex
from datetime import datetime
from pathlib import Path

import click

from accord.cli.common import (
    AccordGroup,
    as_of_option,
    day_in_range,
    edit,
    repo_option,
    today,
)
from accord.edit import carry as carrying
from accord.edit import close as closing_cycle
from accord.edit import issuerequest, scaffold
from accord.edit import newobjective as proposing
from accord.edit import score as scoring


@click.command()
@click.argument("ref")
@click.option(
    "--score",
    "grade",
    type=float,
    default=None,
    help="The key result's end-of-cycle grade, 0.0 to 1.0 (1.0: the target met).",
)
@click.option(
    "--retrospective", default=None, help="What the objective taught, written double-quoted."
)
@click.option("--dry-run", is_flag=True, help="Print the change as a diff and write nothing.")
@repo_option
@as_of_option
def score(
    ref: str,
    grade: float | None,
    retrospective: str | None,
    dry_run: bool,
    repo: Path,
    as_of: datetime | None,
) -> None:
    """Record key result REF's end-of-cycle grade (--score), or objective REF's
    retrospective (--retrospective), keeping the rest of its file."""
    now = today(as_of)
    plan = edit(
        repo,
        lambda: scoring.plan_score(repo, ref, score=grade, retrospective=retrospective, as_of=now),
        scoring.write_score,
        dry_run,
    )
    if plan:
        click.echo(plan.summary)


@click.command()
@click.argument("cycle")
@click.option("--team", default=None, help="Only this team's key results.")
@click.option(
    "--write",
    is_flag=True,
    help="Record the computed progress as `score` on every key result without one.",
)
@click.option("--dry-run", is_flag=True, help="With --write: print the diff, write nothing.")
@repo_option
@as_of_option
def close(
    cycle: str, team: str | None, write: bool, dry_run: bool, repo: Path, as_of: datetime | None
) -> None:
    """What is left to score in CYCLE, per team, with the progress the check-ins reached
    by its end; --write records that progress as the score of each key result without one."""
    now = today(as_of)
    if not write:
        click.echo(
            closing_cycle.plan_close(repo, cycle, team=team, write=False, as_of=now).report(),
            nl=False,
        )
        return
    closing = edit(
        repo,
        lambda: closing_cycle.plan_close(repo, cycle, team=team, write=True, as_of=now),
        closing_cycle.write_close,
        dry_run,
    )
    if closing:
        count = sum(len(t.unscored) for t in closing.teams)
        click.echo(closing.report(), nl=False)
        click.echo(f"recorded {count} computed scores in {len(closing.edits)} files")


@click.command()
@click.argument("cycle")
@click.argument("next_cycle", metavar="NEXT")
@click.argument("ids", nargs=-1)
@click.option(
    "--all-unfinished", is_flag=True, help="Every live objective below 100% at the cycle's end."
)
@click.option("--team", default=None, help="Only this team's objectives.")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff and write nothing.")
@repo_option
@as_of_option
def carry(
    cycle: str,
    next_cycle: str,
    ids: tuple[str, ...],
    all_unfinished: bool,
    team: str | None,
    dry_run: bool,
    repo: Path,
    as_of: datetime | None,
) -> None:
    """Write the objectives IDS of CYCLE (or --all-unfinished) into their teams' files of
    NEXT, each with carried_from and its key results starting from their last values."""
    if bool(ids) == all_unfinished:
        raise click.UsageError("name the objectives to carry, or give --all-unfinished")
    now = today(as_of)
    plan = edit(
        repo,
        lambda: carrying.plan_carry(repo, cycle, next_cycle, ids, team=team, as_of=now),
        carrying.write_carry,
        dry_run,
    )
    if plan:
        click.echo(plan.report(), nl=False)


@click.group(cls=AccordGroup)
def new() -> None:
    """Add to the OKRs without writing YAML by hand, keeping the rest of the file."""


@new.command("objective")
@click.option("--team", required=True, help="The team id (okrs/org.yaml's teams).")
@click.option("--cycle", required=True, help="The cycle id (okrs/org.yaml's cycles).")
@click.option("--title", required=True, help="The objective in one line: the outcome wanted.")
@click.option("--owner", required=True, help="The person id accountable for the objective.")
@click.option(
    "--supports",
    multiple=True,
    metavar="REF",
    help="A priority it serves (objective or objective.kr, optionally cycle/); repeat or "
    "separate refs with commas.",
)
@click.option("--why-now", default=None, help="Why this matters now (line breaks become spaces).")
@click.option("--id", "ident", default=None, help="The objective id. Default: from the title.")
@click.option("--dry-run", is_flag=True, help="Print the change as a diff and write nothing.")
@repo_option
@as_of_option
def new_objective(
    team: str,
    cycle: str,
    title: str,
    owner: str,
    supports: tuple[str, ...],
    why_now: str | None,
    ident: str | None,
    dry_run: bool,
    repo: Path,
    as_of: datetime | None,
) -> None:
    """Append a draft objective to okrs/CYCLE/TEAM.yaml, with a placeholder key result to
    agree in review; the rest of the file is kept byte for byte."""
    proposal = proposing.Proposal(team, cycle, title, owner, supports, why_now, ident)
    plan = edit(
        repo,
        lambda: proposing.plan_objective(repo, proposal, as_of=today(as_of)),
        proposing.write_objective,
        dry_run,
    )
    if plan:
        click.echo(plan.summary)


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    callback=day_in_range,
    help="Date the example's cycles and check-ins from DATE (YYYY-MM-DD). "
    "Default: $SOURCE_DATE_EPOCH, else today.",
)
def init(directory: Path, as_of: datetime | None) -> None:
    """Make a new OKR repository in DIR (new or empty): example OKRs, site, workflows."""
    written = scaffold.init(directory, as_of=today(as_of))
    click.echo(f"Created a new OKR repository in {directory}:")
    click.echo("".join(f"  {path}\n" for path in written), nl=False)
    click.echo(scaffold.NEXT_STEPS.format(dir=shlex.quote(str(directory))), nl=False)


@click.command("issue-form", hidden=True)
@click.argument("event", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write the request into (argv.json, comment.md, ...).",
)
@click.option(
    "--forms",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".github/ISSUE_TEMPLATE"),
    show_default=True,
    help="The folder of the issue forms (checkin.yml, objective.yml).",
)
@repo_option
@as_of_option
def issue_form(event: Path, out: Path, forms: Path, repo: Path, as_of: datetime | None) -> None:
    """For the OKR issue workflow: read an issue-forms EVENT into the accord command to run,
    or into the comment that says what to fix. Prints the step's outputs (key=value)."""
    issue = issuerequest.read_event(event)
    request = issuerequest.plan_request(issue, repo, forms, as_of=today(as_of))
    outputs = issuerequest.write_request(request, out)
    click.echo("".join(f"{key}={value}\n" for key, value in outputs.items()), nl=False)
