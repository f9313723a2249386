"""Reading a GitHub issue-forms body into the arguments of an `accord` command.

GitHub writes a submitted form as one `### <label>` section per field, in the form's order,
with `_No response_` for a field left empty. The labels are read from the form file itself
(`.github/ISSUE_TEMPLATE/*.yml`), so an organisation may reword them and the form and this
reader cannot drift apart; the field ids are the fixed interface. Sections are looked for in
the form's order, each after the one before, so a value that happens to hold another
field's heading is only misread when it holds the very next one.

The body is untrusted text. What comes out is an argv for `accord`: every option written as
`--name=value` and the check-in's ref after `--`, so no value can be read as an option; ids
and refs must have the shape the schemas allow before they are used. A problem is one line of
GitHub Markdown for the comment that says what to fix, the typed text shown inert.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from accord.model.errors import AccordError
from accord.model.refs import REF, parse_ref
from accord.output.report import gfm_text

NO_RESPONSE = "_No response_"
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
CYCLE = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


@dataclass(frozen=True)
class Field:
    """One field of an issue form: its id, the label GitHub writes as its heading, its type."""

    id: str
    label: str
    type: str
    required: bool = False
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    """An issue form: its file name, the label it puts on issues, and its fields in order."""

    name: str
    label: str
    fields: tuple[Field, ...]

    def field(self, field_id: str) -> Field:
        """The field with this id (an error when the form has none: a form edited too far)."""
        for found in self.fields:
            if found.id == field_id:
                return found
        raise AccordError(f"{self.name}: the form has no field with id '{field_id}'")


def read_form(path: Path) -> Form:
    """The form at `path` (an `AccordError` when it cannot be read or is not a form)."""
    try:
        data: Any = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise AccordError(f"{path}: cannot read the issue form ({type(exc).__name__})") from None
    body = data.get("body") if isinstance(data, dict) else None
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(body, list) or not isinstance(labels, list) or not labels:
        raise AccordError(f"{path}: not an issue form with labels and a body")
    fields = []
    for item in body:
        if not isinstance(item, dict) or "id" not in item or item.get("type") == "markdown":
            continue
        attributes, checks = item.get("attributes") or {}, item.get("validations") or {}
        options = tuple(str(o) for o in attributes.get("options") or ())
        required = bool(checks.get("required"))
        fields.append(
            Field(str(item["id"]), str(attributes["label"]), item["type"], required, options)
        )
    return Form(path.name, str(labels[0]), tuple(fields))


def parse_body(body: str, form: Form) -> tuple[dict[str, str | None], list[str]]:
    """{field id: the value typed, or None when empty} and the problems with the body."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    heads: list[tuple[Field, re.Match[str]]] = []
    at, problems = 0, []
    for field in form.fields:
        match = re.compile(rf"^###[ \t]+{re.escape(field.label)}[ \t]*$", re.M).search(text, at)
        if match is None:
            problems.append(
                f"There is no “{gfm_text(field.label)}” section: open the issue "
                "with the form, which writes one for every field."
            )
            continue
        heads.append((field, match))
        at = match.end()
    values: dict[str, str | None] = {field.id: None for field in form.fields}
    for index, (field, match) in enumerate(heads):
        end = heads[index + 1][1].start() if index + 1 < len(heads) else len(text)
        value = text[match.end() : end].strip()
        values[field.id] = None if value in ("", NO_RESPONSE) else value
        if field.required and values[field.id] is None:
            problems.append(f"“{gfm_text(field.label)}” is empty: it is required.")
        elif field.options and values[field.id] not in (None, *field.options):
            choices = ", ".join(gfm_text(o) for o in field.options)
            problems.append(f"“{gfm_text(field.label)}” must be one of: {choices}.")
    return values, problems


def checkin_argv(values: dict[str, str | None], form: Form) -> tuple[list[str], list[str]]:
    """`accord checkin` arguments from a check-in form's values, or the problems with them."""
    problems: list[str] = []
    ref = _ref(values.get("ref"), form.field("ref"), problems, key_result=True)
    argv = ["checkin"]
    raw = values.get("value")
    if raw is not None:
        number = raw.strip().strip("`").strip()
        if NUMBER.fullmatch(number) and math.isfinite(float(number)):
            argv.append(f"--value={number}")
        else:
            label = gfm_text(form.field("value").label)
            problems.append(
                f"“{label}” is “{gfm_text(raw)}”, which is not a number: write the "
                "number only, such as 35 or 0.75 (no unit, no thousands commas)."
            )
    for name in ("confidence", "still_agreed"):
        if values.get(name) is not None:
            argv.append(f"--{name.replace('_', '-')}={values[name]}")
    if values.get("note") is not None:
        argv.append(f"--note={values['note']}")
    return ([*argv, "--", ref] if ref else argv), problems


def proposal_argv(values: dict[str, str | None], form: Form) -> tuple[list[str], list[str]]:
    """`accord new objective` arguments from a proposal form's values, or the problems."""
    problems: list[str] = []
    argv = ["new", "objective"]
    for name, shape in (("team", ID), ("cycle", CYCLE), ("title", None), ("owner", ID)):
        value = values.get(name)
        if value is None:
            continue
        text = " ".join(value.split())
        if shape is not None:
            text = text.strip("`").strip().lower()
            if not shape.fullmatch(text):
                problems.append(
                    f"“{gfm_text(form.field(name).label)}” is “{gfm_text(value)}”, "
                    "which is not an id: write it as the OKR site shows it, in "
                    "lower-case letters, digits and hyphens."
                )
                continue
        argv.append(f"--{name}={text}")
    supports = re.split(r"[,\n]", values.get("supports") or "")
    for item in (s.strip().removeprefix("- ").strip().strip("`").strip() for s in supports):
        if item:
            ref = _ref(item, form.field("supports"), problems, key_result=False)
            argv += [f"--supports={ref}"] if ref else []
    if values.get("why_now") is not None:
        argv.append(f"--why-now={values['why_now']}")
    return argv, problems


def _ref(text: str | None, field: Field, problems: list[str], *, key_result: bool) -> str:
    """The ref typed (lower-cased), or "" with a problem when it is not shaped like one."""
    if text is None:
        return ""
    ref = text.strip().strip("`").strip().lower()
    parsed = parse_ref(ref) if REF.fullmatch(ref) else None
    if parsed is not None and (parsed.kr is not None or not key_result):
        return ref
    shape = "cycle/objective.key-result" if key_result else "cycle/objective"
    problems.append(
        f"“{gfm_text(field.label)}” is “{gfm_text(text)}”, which is not a ref: "
        f"write it as the OKR site shows it ({shape})."
    )
    return ""
