"""The `accord` command: parse options, call one core function, print, pick the exit code.

This is the only module that prints or exits. Exit codes: 0 success, 1 the OKRs have
errors (or warnings under --strict), 2 the command could not run.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import shlex
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from accord import __version__
from accord import check as checking
from accord.agreement import review as reviewing
from accord.edit import carry as carrying
from accord.edit import checkin as checking_in
from accord.edit import checkinfile as batch_checkins
from accord.edit import close as closing_cycle
from accord.edit import issuerequest, scaffold
from accord.edit import newobjective as proposing
from accord.edit import score as scoring
from accord.engines import build as building
from accord.model.errors import AccordError
from accord.model.findings import CheckResult, Finding
from accord.model.location import one_line
from accord.output import codeowners as owning
from accord.output import export as exporting
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


def _day_in_range(
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
        callback=_day_in_range,
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
@at_option
def check(strict: bool, fmt: str, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Check the OKRs: YAML, schema, ids, refs, loops, dates, then alignment health."""
    result = checking.check(repo, as_of=today(as_of), at=at, read_history=True)
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
@at_option
def export(fmt: str, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Print the resolved model for spreadsheets and other tools."""
    day = today(as_of)
    result = checking.check(repo, as_of=day, at=at)
    _refuse_errors(result)
    formatter = exporting.format_json if fmt == "json" else exporting.format_csv
    click.echo(formatter(result, day), nl=False)


@cli.command()
@click.option(
    "--check",
    "verify",
    is_flag=True,
    help="Write nothing; exit 1 when .github/CODEOWNERS is not what the OKRs say.",
)
@repo_option
def codeowners(verify: bool, repo: Path) -> None:
    """Write .github/CODEOWNERS: each team file owned by its lead and the leads it supports."""
    result = checking.check(repo, as_of=today(None))
    _refuse_errors(result)
    assert result.model is not None
    text = owning.format_codeowners(result.model)
    if verify:
        if not owning.is_current(repo, text):
            click.echo(f"{repo / owning.PATH} is out of date: run `accord codeowners`", err=True)
            sys.exit(1)
        return
    path = owning.write_codeowners(repo, text)
    click.echo(f"Wrote {path}: {owning.summary(result.model)}")


def _finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse `nan` and `inf`, which click's FLOAT accepts but a check-in cannot hold."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter("must be a finite number")
    return value


@cli.command()
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
    callback=_day_in_range,
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
    with checking_in.editing(repo):
        plan = checking_in.plan_checkin(repo, ref, entry, as_of=now)
        if plan.leaves_disagreement_open and not plan.errors:
            plan = _ask_still_agreed(repo, ref, plan, now)
        if plan.errors:
            _refuse_errors(CheckResult(None, plan.errors, plan.files))
        if dry_run:
            click.echo(plan.diff(), nl=False)
            return
        checking_in.write_checkin(repo, plan)
    click.echo(plan.summary)


@cli.command()
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
    plan = _edit(
        repo,
        lambda: scoring.plan_score(repo, ref, score=grade, retrospective=retrospective, as_of=now),
        scoring.write_score,
        dry_run,
    )
    if plan:
        click.echo(plan.summary)


@cli.command()
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
    closing = _edit(
        repo,
        lambda: closing_cycle.plan_close(repo, cycle, team=team, write=True, as_of=now),
        closing_cycle.write_close,
        dry_run,
    )
    if closing:
        count = sum(len(t.unscored) for t in closing.teams)
        click.echo(closing.report(), nl=False)
        click.echo(f"recorded {count} computed scores in {len(closing.edits)} files")


@cli.command()
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
    plan = _edit(
        repo,
        lambda: carrying.plan_carry(repo, cycle, next_cycle, ids, team=team, as_of=now),
        carrying.write_carry,
        dry_run,
    )
    if plan:
        click.echo(plan.report(), nl=False)


def _checkin_from(repo: Path, source: Path, dry_run: bool, now: date) -> None:
    """`accord checkin --from FILE`: every row planned and checked, then all written."""
    plan = lambda: batch_checkins.plan_batch(repo, source, as_of=now)  # noqa: E731
    batch = _edit(repo, plan, batch_checkins.write_batch, dry_run)
    if batch:
        click.echo(batch.summary)


class _Edit(Protocol):
    """What the in-place editing commands plan: findings that refuse it, and a diff."""

    @property
    def errors(self) -> tuple[Finding, ...]: ...

    @property
    def files(self) -> int: ...

    def diff(self) -> str: ...


E = TypeVar("E", bound=_Edit)


def _edit(
    repo: Path, plan: Callable[[], E], write: Callable[[Path, E], None], dry_run: bool
) -> E | None:
    """Plan an edit under the repository's edit lock, refuse it on errors (exit 1), print
    its diff for --dry-run, else write it; the plan, or None after a dry run."""
    with checking_in.editing(repo):
        planned = plan()
        if planned.errors:
            _refuse_errors(CheckResult(None, planned.errors, planned.files))
        if dry_run:
            click.echo(planned.diff(), nl=False)
            return None
        write(repo, planned)
    return planned


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


@cli.group(cls=AccordGroup)
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
    with proposing.editing(repo):
        plan = proposing.plan_objective(repo, proposal, as_of=today(as_of))
        if plan.errors:
            _refuse_errors(CheckResult(None, plan.errors, plan.files))
        if dry_run:
            click.echo(plan.diff(), nl=False)
            return
        proposing.write_objective(repo, plan)
    click.echo(plan.summary)


@cli.command()
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


@cli.command()
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
    history = checking.git_history(repo, at)
    result = checking.check(repo, as_of=day, at=at, history=history)
    _refuse_errors(result)
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


@cli.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@repo_option
@as_of_option
@at_option
def render(directory: Path, repo: Path, as_of: datetime | None, at: str | None) -> None:
    """Check the OKRs, then write the site's pages (HTML with front matter), navigation,
    okrs.json and schemas into DIR, for an engine without a plugin API."""
    day = today(as_of)
    history = checking.git_history(repo, at)
    result = checking.check(repo, as_of=day, at=at, history=history)
    _refuse_errors(result)
    pages = building.render(repo, directory, as_of=day, checked=result, at=at, history=history)
    click.echo(f"Rendered {pages} pages into {directory} (navigation in {directory / '.nav.yml'})")


@cli.command()
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    callback=_day_in_range,
    help="Date the example's cycles and check-ins from DATE (YYYY-MM-DD). "
    "Default: $SOURCE_DATE_EPOCH, else today.",
)
def init(directory: Path, as_of: datetime | None) -> None:
    """Make a new OKR repository in DIR (new or empty): example OKRs, site, workflows."""
    written = scaffold.init(directory, as_of=today(as_of))
    click.echo(f"Created a new OKR repository in {directory}:")
    click.echo("".join(f"  {path}\n" for path in written), nl=False)
    click.echo(scaffold.NEXT_STEPS.format(dir=shlex.quote(str(directory))), nl=False)


@cli.command()
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


@cli.command("issue-form", hidden=True)
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
