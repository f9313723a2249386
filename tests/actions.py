"""A small stand-in for the GitHub runner: a job's own steps, run here on a recorded event.

`run_job` runs the `run:` steps of one job in order (bash -e -o pipefail, or Python for
`shell: python`), with the job's and the step's `env:` expanded from the event, any `${{ }}`
in a script substituted as text the way GitHub does (so an inline expression holding a
hostile branch name runs it, and the hostile-branch tests catch it), each step's
`if:` evaluated, `$GITHUB_OUTPUT` read back into `steps.<id>.outputs`, the event in the file
`$GITHUB_EVENT_PATH` names, `$RUNNER_TEMP` a folder outside `cwd`, and a fake `gh` on
PATH that answers from recorded API responses and logs every call. `uses:` steps and
the install are skipped: the caller has done the checkout, and `accord` is beside this Python.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"

# The fake gh: `gh api [--method M] [--paginate] [--silent] [--input F] [-f k=v]... [--jq Q] PATH`.
# It answers "METHOD path" from $GH_FAKE/responses.json (query string dropped), applies
# --jq with jq as gh does (strings raw), and logs each call to $GH_FAKE/calls.jsonl.
FAKE_GH = r"""
import json, os, subprocess, sys
from pathlib import Path

args, method, jq, fields, body, path = sys.argv[2:], None, None, {}, None, None
while args:
    arg = args.pop(0)
    if arg in ("--method", "-X"):
        method = args.pop(0)
    elif arg == "--jq":
        jq = args.pop(0)
    elif arg in ("-f", "-F"):
        key, _, value = args.pop(0).partition("=")
        fields[key] = value
    elif arg == "--input":
        body = json.loads(Path(args.pop(0)).read_text(encoding="utf-8"))
    elif arg in ("--paginate", "--silent"):
        pass
    else:
        path = arg
method = method or ("POST" if fields or body else "GET")
fake = Path(os.environ["GH_FAKE"])
with open(fake / "calls.jsonl", "a", encoding="utf-8") as log:
    log.write(json.dumps({"method": method, "path": path, "fields": fields, "body": body}) + "\n")
answer = json.loads((fake / "responses.json").read_text(encoding="utf-8")).get(
    f"{method} {path.split('?')[0]}", {} if method != "GET" else [])
text = json.dumps(answer)
if jq is not None:
    text = subprocess.run(["jq", "-r", "-c", jq], input=text, capture_output=True, text=True,
                          check=True).stdout
elif "--silent" in sys.argv:
    text = ""
sys.stdout.write(text)
"""


@dataclass
class Run:
    """What a job did: each step's outcome and outputs, and every call it made to the API."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)
    cwd: Path = Path()  # where the job ran

    def posted(self, path_part: str) -> list[dict[str, Any]]:
        """The bodies or fields of the POST/PATCH calls whose path contains `path_part`."""
        return [
            c["body"] or c["fields"]
            for c in self.calls
            if c["method"] in ("POST", "PATCH") and path_part in c["path"]
        ]


def load_job(file: str, job: str) -> dict[str, Any]:
    """One job of .github/workflows/FILE, as GitHub reads it (YAML 1.2)."""
    workflow = YAML(typ="safe").load((WORKFLOWS / file).read_text(encoding="utf-8"))
    found: dict[str, Any] = workflow["jobs"][job]
    return found


def expand(value: str, context: dict[str, Any]) -> str:
    """`${{ a.b.c }}` replaced by that path of `context` (a missing one is empty), in one
    pass, as GitHub does: the value's text goes in as it is, so a `run:` script holding an
    expression runs whatever that value says. An expression this runner cannot evaluate is
    an error, never left for the shell to read."""

    def value_of(match: re.Match[str]) -> str:
        paths = [part.strip() for part in match[1].split("||")]  # the first one set
        for path in paths:
            if not re.fullmatch(r"[A-Za-z_][\w-]*(?:\.[\w-]+)*", path):
                raise ValueError(
                    f"the stand-in runner cannot evaluate ${{{{ {match[1].strip()} }}}}"
                )
        return next((str(v) for v in (_lookup(context, p) for p in paths) if v != ""), "")

    return re.sub(r"\$\{\{(.*?)\}\}", value_of, value, flags=re.DOTALL)


def _lookup(context: dict[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return "" if value is None else value


_LITERALS = {"true": "True", "false": "False", "null": "None"}


def _condition(expression: str, context: dict[str, Any], failed: bool) -> bool:
    """The `if:` expressions these workflows use: paths, '...', true, false, null, ==, !=, &&,
    ||, failure()."""
    if not expression:
        return not failed
    python = expression.replace("&&", " and ").replace("||", " or ")
    python = re.sub(r"(?<!['\w.])(true|false|null)(?![\w'])", lambda m: _LITERALS[m[1]], python)
    python = python.replace("failure()", repr(failed)).replace("!cancelled()", "True")
    python = re.sub(
        r"(?<!['\w])([a-z_]+(?:\.[\w-]+)+)", lambda m: repr(_lookup(context, m[1])), python
    )
    result = eval(python, {"__builtins__": {}})  # only the workflow's own expression
    return bool(result) and (not failed or "failure()" in expression)


def run_job(job: dict[str, Any], cwd: Path, event: dict[str, Any], responses: dict[str, Any],
            github: dict[str, Any] | None = None, job_if: bool = False) -> Run:  # fmt: skip
    """Run the job's `run:` steps in `cwd` on `event`, gh answering from `responses`. With
    `job_if`, the job's own `if:` is evaluated first, as GitHub does (tests that run a few
    steps on a partial event leave it off)."""
    fake = cwd.parent / f"{cwd.name}-gh"
    (fake / "bin").mkdir(parents=True, exist_ok=True)
    (fake / "responses.json").write_text(json.dumps(responses), encoding="utf-8")
    gh = fake / "bin" / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    (fake / "event.json").write_text(json.dumps(event), encoding="utf-8")
    (fake / "calls.jsonl").unlink(missing_ok=True)  # each run's own calls
    (fake / "tmp").mkdir(exist_ok=True)
    context: dict[str, Any] = {
        "github": {"event": event, "repository": "acme/okrs", "server_url": "https://github.com",
                   "run_id": "99", "token": "ghs_fake", **(github or {})},
        "secrets": {},
        "steps": {},
    }  # fmt: skip
    run, failed = Run(cwd=cwd), False
    if job_if and not _condition(str(job.get("if", "")), context, False):
        return run  # the job's own `if:` is false: GitHub skips it, nothing runs
    for index, step in enumerate(job["steps"]):
        name = step.get("id") or step.get("name") or f"step{index}"
        if "run" not in step or step.get("name") == "Install Accord":
            continue
        if not _condition(str(step.get("if", "")), context, failed):
            continue
        done = _step(step, cwd, fake, {**job.get("env", {}), **step.get("env", {})}, context)
        run.logs[name] = done.stdout + done.stderr
        run.outcomes[name] = "success" if done.returncode == 0 else "failure"
        failed = failed or done.returncode != 0
        outputs = dict(
            line.split("=", 1) for line in (fake / "output").read_text().splitlines() if "=" in line
        )
        context["steps"][name] = {"outputs": outputs}
        run.outputs[name] = outputs
    calls = fake / "calls.jsonl"
    if calls.exists():
        run.calls = [json.loads(n) for n in calls.read_text(encoding="utf-8").splitlines()]
    return run


def _step(step: dict[str, Any], cwd: Path, fake: Path, env: dict[str, str],
          context: dict[str, Any]) -> subprocess.CompletedProcess[str]:  # fmt: skip
    (fake / "output").write_text("", encoding="utf-8")
    path = os.pathsep.join(
        [str(fake / "bin"), str(Path(sys.executable).parent), os.environ["PATH"]]
    )
    full = {
        "PATH": path, "HOME": os.environ.get("HOME", str(cwd)), "GH_FAKE": str(fake),
        "GITHUB_OUTPUT": str(fake / "output"), "GITHUB_STEP_SUMMARY": str(fake / "summary.md"),
        "GITHUB_SERVER_URL": "https://github.com", "SOURCE_DATE_EPOCH": "1795392000",
        "GITHUB_EVENT_PATH": str(fake / "event.json"), "RUNNER_TEMP": str(fake / "tmp"),
        **{k: expand(str(v), context) for k, v in env.items()},
    }  # fmt: skip
    script = expand(step["run"], context)  # GitHub substitutes the text before the shell runs
    if step.get("shell") == "python":
        command = [sys.executable, "-c", script]
    else:
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    return subprocess.run(command, cwd=cwd, env=full, capture_output=True, text=True)


def github_html(markdown: str) -> str:
    """Markdown rendered as GitHub renders a comment (cmark-gfm with GitHub's extensions)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    html: str = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=Options.CMARK_OPT_UNSAFE
    )
    return html


def mentions(html: str) -> list[str]:
    """The handles GitHub would turn into mentions: `@login` in text, not after a word."""
    import html as html_module

    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    return re.findall(r"(?<![\w`])@([A-Za-z0-9][A-Za-z0-9-]*)", text)
