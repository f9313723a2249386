"""`accord issue-form`: what the OKR issue workflow does with one issue-forms event.

The event (GitHub's JSON, from the file the runner writes) is read for the issue's number,
author, labels and body; the body through `issueform`. The answer is a folder the workflow's
later steps read, so nothing of the issue reaches a shell:

- `argv.json`: the `accord` command to run, as a JSON list (when the request is ready);
- `commit.txt`, `author.txt`, `pr.json`, `done.md`: the commit message, the commit's author,
  the pull request's title and body, and the comment to post once done (`{link}` in it is
  replaced by the pull request's or commit's address);
- `comment.md`: what to fix, when the request has problems (nothing is changed then).

Decisions. Only an open issue, on `opened` or on an `edited` that changed the body, is
read: editing a refused request tries it again. A check-in is dated the day the issue was
opened (UTC), so a retry records the day the person checked in, and it is tried here first
(`checkin.plan_checkin`, nothing written) so a bad ref gets the nearest key results in the
comment. The commit's author is the issue's author, by their name in org.yaml when a person
there has their GitHub handle, and by GitHub's no-reply address for their account, so the
history shows who checked in; the message names the issue. A check-in is committed straight
to the default branch only when org.yaml says `settings: issue_checkins: commit` and the
author can write to the repository (owner, member or collaborator); otherwise, and always
for proposals, it goes to a pull request from the branch `accord/issue-<number>`.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accord.check import check
from accord.edit import checkin, issueform
from accord.model.errors import AccordError
from accord.model.okrs import Model
from accord.model.refs import parse_ref
from accord.output.report import gfm_text

FORMS = {"checkin": "checkin.yml", "proposal": "objective.yml"}  # kind -> form file
TRUSTED = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})  # who may commit straight in
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")
NEAREST = 3


@dataclass(frozen=True)
class Issue:
    """The parts of an issue event Accord reads."""

    number: int
    author: str
    author_id: int
    association: str
    labels: tuple[str, ...]
    body: str
    opened: date
    skip: str = ""  # why the event is not a request to act on


@dataclass
class Request:
    """What to run for an issue, or what is wrong with it."""

    kind: str
    issue: Issue
    argv: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    mode: str = "pull-request"
    author: str = ""
    subject: str = ""
    note: str = ""  # said in the comment when done (e.g. why it is a pull request)


def read_event(path: Path) -> Issue:
    """The issue of a recorded `issues` event (an `AccordError` when it is not one)."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
        issue, action = event["issue"], event.get("action")
        number, author = int(issue["number"]), str(issue["user"]["login"])
        opened = date.fromisoformat(str(issue["created_at"])[:10])
    except (OSError, ValueError, KeyError, TypeError):
        raise AccordError(f"{path}: not the event of an issue") from None
    if not LOGIN.fullmatch(author):
        raise AccordError(f"{path}: the issue's author is not a GitHub login")
    labels = tuple(str(label.get("name")) for label in issue.get("labels") or ())
    skip = ""
    if issue.get("state") != "open":
        skip = "the issue is closed"
    elif action == "edited" and "body" not in (event.get("changes") or {}):
        skip = "the edit did not change the issue's text"
    elif action not in ("opened", "edited"):
        skip = f"nothing to do on '{action}'"
    user_id = issue["user"].get("id")
    return Issue(
        number,
        author,
        user_id if isinstance(user_id, int) else 0,
        str(issue.get("author_association") or "NONE"),
        labels,
        str(issue.get("body") or ""),
        opened,
        skip,
    )


def plan_request(issue: Issue, repo: Path, forms: Path, *, as_of: date) -> Request | None:
    """The request an issue makes, or None when it is no form's issue or nothing to act on."""
    if issue.skip:
        return None
    found = [(k, issueform.read_form(forms / n)) for k, n in FORMS.items() if (forms / n).exists()]
    asked = [(kind, form) for kind, form in found if form.label in issue.labels]
    if not asked:
        return None
    kind, form = asked[0]
    values, problems = issueform.parse_body(issue.body, form)
    convert = issueform.checkin_argv if kind == "checkin" else issueform.proposal_argv
    argv, more = convert(values, form)
    end = argv.index("--") if "--" in argv else len(argv)
    request = Request(kind, issue, [*argv[:end], f"--repo={repo}", *argv[end:]], problems + more)
    result = check(repo, as_of=as_of)
    model = result.model
    request.author = _author(issue, model)
    if kind == "checkin":
        _plan_checkin(request, values, repo, model, as_of)
    else:
        title = " ".join((values.get("title") or "").split())
        request.subject = f"Propose objective: {title}"[:200]
    return request


def _plan_checkin(
    request: Request, values: dict[str, str | None], repo: Path, model: Model | None, day: date
) -> None:
    """Try the check-in (writing nothing); say what is wrong with it, and where it goes."""
    ref = request.argv[-1] if "--" in request.argv else ""
    number = next((a.split("=", 1)[1] for a in request.argv if a.startswith("--value=")), "")
    request.argv.insert(1, f"--date={request.issue.opened}")
    request.subject = f"Check in on {ref}: {number} ({values.get('confidence')})"
    if not ref or model is None:
        return
    # With other problems the ref is still looked up (with stand-in values), so one comment
    # names everything to fix; checking the edit itself waits for the real values.
    other = bool(request.problems)
    agreed = None if values.get("still_agreed") is None else values["still_agreed"] == "yes"
    value, confidence = (0.0, "medium") if other else (float(number), str(values["confidence"]))
    entry = checkin.Entry(request.issue.opened, value, confidence, agreed, values.get("note"))
    try:
        plan = checkin.plan_checkin(repo, ref, entry, as_of=day)
    except AccordError as exc:
        request.problems.append(gfm_text(str(exc)) + "." + _nearest(ref, model))
        return
    if other:
        return
    for finding in plan.errors:
        where = f"{finding.location.file}:{finding.location.line}"
        request.problems.append(f"{gfm_text(where)}: {gfm_text(finding.message)}")
    wanted = model.org.settings.issue_checkins
    if wanted == "commit" and request.issue.association in TRUSTED:
        request.mode = "commit"
    elif wanted == "commit":
        request.note = (
            "This organisation commits check-ins straight in, but only for people "
            "who can write to the repository, so this one is a pull request."
        )
    if plan.leaves_disagreement_open:
        request.note = " ".join(filter(None, (request.note, _still_open(plan))))


def _still_open(plan: checkin.Plan) -> str:
    """The comment's reminder that a check-in without "Still agreed?" settles nothing."""
    return (
        f"The check-in of {plan.disagreed_on} said the people involved no longer agree why "
        "this matters, and this one leaves *Still agreed?* empty, so that disagreement stays "
        "open: answer it in the next check-in once you have talked it over."
    )


def _nearest(text: str, model: Model) -> str:
    """` The nearest key results: ...` as Markdown list lines, or a pointer to the site."""
    parsed = parse_ref(text)
    local = parsed.local if parsed else text

    def score(key: str) -> float:
        whole = difflib.SequenceMatcher(None, text, key).ratio()
        return max(whole, difflib.SequenceMatcher(None, local, key.split("/", 1)[1]).ratio())

    ranked = sorted(model.key_results, key=lambda key: (-score(key), key))
    close = [key for key in ranked if score(key) >= 0.5][:NEAREST]
    if not close:
        return " Copy the key result's ref from its page on the OKR site."
    lines = [f"- `{key}`: {gfm_text(model.key_results[key].title)}" for key in close]
    return " The nearest key results:\n\n" + "\n".join(lines) + "\n"


def _author(issue: Issue, model: Model | None) -> str:
    """`Name <id+login@users.noreply.github.com>`: the issue's author, named as in org.yaml."""
    people = model.org.people.values() if model else ()
    named = [p.name for p in people if p.github and p.github.lower() == issue.author.lower()]
    name = " ".join(named[0].split()) if named else issue.author
    name = re.sub(r"[<>\x00-\x1f\x7f]", "", name) or issue.author
    handle = f"{issue.author_id}+{issue.author}" if issue.author_id else issue.author
    return f"{name} <{handle}@users.noreply.github.com>"


def write_request(request: Request | None, out: Path) -> dict[str, str]:
    """Write the request's files into `out`; the step outputs (`status`, `kind`, ...)."""
    out.mkdir(parents=True, exist_ok=True)
    if request is None:
        return {"status": "skip"}
    issue, kind = request.issue, request.kind
    outputs = {
        "status": "ready",
        "kind": kind,
        "mode": request.mode,
        "branch": f"accord/issue-{issue.number}",
    }
    if request.problems:
        (out / "comment.md").write_text(problems_comment(request), encoding="utf-8")
        return {**outputs, "status": "problems"}
    (out / "argv.json").write_text(json.dumps(request.argv), encoding="utf-8")
    by = f"From #{issue.number}, opened by @{issue.author} with the {FORMS[kind]} issue form."
    (out / "commit.txt").write_text(f"{request.subject}\n\n{by}\n", encoding="utf-8")
    (out / "author.txt").write_text(request.author, encoding="utf-8")
    what = "Check-in" if kind == "checkin" else "Proposal"
    body = f"{what} from #{issue.number} by @{issue.author}, made with the issue form."
    pr = {"title": f"{request.subject} (#{issue.number})", "body": body}
    (out / "pr.json").write_text(json.dumps(pr), encoding="utf-8")
    (out / "done.md").write_text(done_comment(request), encoding="utf-8")
    return outputs


def problems_comment(request: Request) -> str:
    """The comment on a request Accord refused: every problem, and how to try again."""
    what = "check-in" if request.kind == "checkin" else "proposal"
    items = "\n".join(f"- {p}" for p in request.problems)
    return (
        f"<!-- accord-issue -->\nThanks @{request.issue.author}. Accord could not add this "
        f"{what} yet, and changed nothing:\n\n{items}\n\nEdit this issue to fix it and "
        "Accord will try again.\n"
    )


def done_comment(request: Request) -> str:
    """The comment once done, `{link}` standing for the pull request or commit."""
    if request.kind == "proposal":
        text = (
            "Accord added the proposed objective and opened {link} for the people who "
            "must agree: add its key results there. Closing this issue."
        )
    elif request.mode == "commit":
        text = "Accord added your check-in in {link}. Closing this issue."
    else:
        text = "Accord added your check-in in {link}; it counts once merged. Closing this issue."
    note = f" {request.note}" if request.note else ""
    return f"<!-- accord-issue -->\nThanks @{request.issue.author}. {text}{note}\n"


def failed_comment(output: str) -> str:
    """The comment when `accord` refused the request: its own words, as a code block."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", output)), default=0))
    return (
        "<!-- accord-issue -->\nAccord could not make this change, and changed nothing. "
        f"What it said:\n\n{fence}text\n{output.strip()}\n{fence}\n\nEdit this issue to "
        "fix it and Accord will try again.\n"
    )
