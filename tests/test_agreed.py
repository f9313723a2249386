"""`accord diff` shows what is being agreed (issue 13): each objective touched in full, org.yaml
changes in words, and everyone whose commitments the change touches asked, with the reason,
in text, Markdown and JSON, on a real git repository of the example organisation."""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from accord.cli.main import cli

from actions import github_html, mentions
from conftest import git, write_files

ROOT = Path(__file__).resolve().parents[1]
NEW_OBJECTIVE = """
  - id: renewal-playbook
    title: Every account manager runs renewals from one playbook
    owner: jon
    supports: [renewals]
    why_now: >-
      Three account managers ran renewals three different ways last quarter, and the two we
      lost were both handled without a pre-renewal service review.
    key_results:
      - id: playbook-used
        title: December-March renewals run from the playbook
        owner: jon
        indicator: leading
        start: 0
        target: 100
        unit: "%"
"""
OLD_TITLE = "Customers can count on us to arrive when we said we would"
NEW_TITLE = "Customers can count on us to arrive within the hour we promised"
CS_TEAM = "  customer-success:\n    name: Customer Success\n    parent: commercial\n"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation on main; branch `proposal` (one commit) adds a Customer
    Success objective, retitles Dispatch's objective, moves Data and Telemetry's chiller
    alerts into Field Operations' file, makes Farah lead Customer Success and raises
    stale_checkin_days from 14 to 60."""
    root = tmp_path_factory.mktemp("agreed") / "repo"
    shutil.copytree(ROOT / "okrs", root / "okrs")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The agreed OKRs")
    git(root, "checkout", "-qb", "proposal")
    cs = root / "okrs/2026-q4/customer-success.yaml"
    cs.write_text(cs.read_text(encoding="utf-8") + NEW_OBJECTIVE, encoding="utf-8")
    _edit(root, "okrs/2026-q4/dispatch.yaml", f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")
    telemetry = root / "okrs/2026-q4/telemetry.yaml"
    text = telemetry.read_text(encoding="utf-8")
    cut = text.index("  - id: predictive-chiller-alerts")
    telemetry.write_text(text[:cut].rstrip("\n") + "\n", encoding="utf-8")
    field_ops = root / "okrs/2026-q4/field-ops.yaml"
    field_ops.write_text(field_ops.read_text(encoding="utf-8") + "\n" + text[cut:], "utf-8")
    _edit(root, "okrs/org.yaml", CS_TEAM + "    lead: hannah\n", CS_TEAM + "    lead: farah\n")
    _edit(root, "okrs/org.yaml", "stale_checkin_days: 14", "stale_checkin_days: 60")
    git(root, "commit", "-qam", "Customer Success plans renewals; Farah leads the team")
    return root


def diff(root: Path, fmt: str, *revs: str) -> str:
    args = ["diff", *(revs or ("main", "proposal")), "--repo", str(root), "--format", fmt]
    done = CliRunner().invoke(cli, [*args, "--as-of", "2026-11-23"])
    assert done.exit_code == 0, done.stderr
    return done.stdout


def rendered(markdown: str) -> str:
    """The comment's text as GitHub shows it (tags out, entities and zero-width spaces gone)."""
    text = html_module.unescape(re.sub(r"<[^>]+>", "", github_html(markdown)))
    return text.replace("\u200b", "")


FIVE_CHANGES = [
    "objective added: Every account manager runs renewals from one playbook",
    f"title {OLD_TITLE} -> {NEW_TITLE}",
    "moved from telemetry to field-ops",
    "team customer-success: lead Hannah Schultz -> Farah Siddiqui",
    "setting stale_checkin_days 14 -> 60",
]
# Who is asked, and a reason each must be given (old and new model alike).
ASKED = {
    "jon": "they own the new objective 'Every account manager runs renewals from one playbook' "
    "(as proposed)",
    "hannah": "'Every account manager runs renewals from one playbook' supports 'Customers renew "
    "because the service earned it', which they own",
    "lina": f"they own '{OLD_TITLE}', which changes",
    "priya": f"'{NEW_TITLE}' supports '{OLD_TITLE}', which they own",
    "omar": "'Chiller failures are flagged a week before they happen' moves into their team: "
    "they lead Field Operations",
    "aisha": "they own 'Chiller failures are flagged a week before they happen', which changes",
    "viktor": "'Chiller failures are flagged a week before they happen' leaves their team: "
    "they lead Data and Telemetry",
    "farah": "org.yaml team customer-success: lead Hannah Schultz -> Farah Siddiqui: they lead "
    "Customer Success (as proposed)",
    "sofia": "org.yaml team customer-success: lead Hannah Schultz -> Farah Siddiqui: they lead "
    "Commercial",
    "maddy": "org.yaml setting stale_checkin_days 14 -> 60: they lead Northwind Energy, the root "
    "team",
}


def test_the_five_changes_and_everyone_they_ask_in_json(northwind: Path) -> None:
    """The acceptance case of issue 13: all five changes, each affected person asked with
    the reason (the old lead and the new one, the team an objective leaves and the one it
    arrives in, the owner of the priority the new objective supports)."""
    data = json.loads(diff(northwind, "json"))
    texts = [c["text"] for c in data["changes"]]
    assert all(text in texts for text in FIVE_CHANGES), texts
    people = {r["person"]: r for r in data["reviewers"]}
    for person, why in ASKED.items():
        assert why in people[person]["why"], (person, people[person]["why"])
    assert people["hannah"]["why"][1].endswith("they lead Customer Success")  # the old lead
    assert people["farah"]["github"] == "farah-s" and people["farah"]["at_base"] is True
    assert data["summary"] == "5 changes to 3 objectives · 1 fixed · 11 people asked to agree"


def test_the_five_changes_and_everyone_they_ask_in_text_and_markdown(northwind: Path) -> None:
    """Text and the pull-request comment say the same changes and reasons as the JSON."""
    text = diff(northwind, "text")
    comment = diff(northwind, "markdown")
    shown = rendered(comment)
    for change in FIVE_CHANGES:
        assert change in text and change in shown, change
    for why in ASKED.values():
        assert why in text and why in shown, why
    assert "ask Farah Siddiqui @farah-s: org.yaml team customer-success" in text
    assert sorted(set(mentions(github_html(comment)))) == sorted(
        r["github"] for r in json.loads(diff(northwind, "json"))["reviewers"]
    )


def _brief(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(b for b in data["objectives"] if b["key"] == key)


def test_a_new_objective_is_shown_whole_as_data(northwind: Path) -> None:
    """Its owner by name and handle, why now, what it supports (title, owner, the address of
    its line in the base commit) and its key results with start, target, unit and owner."""
    data = json.loads(diff(northwind, "json"))
    base = git(northwind, "rev-parse", "main").strip()
    brief = _brief(data, "2026-q4/renewal-playbook")
    assert brief["state"] == "added" and brief["team_name"] == "Customer Success"
    assert brief["owner"] == {"id": "jon", "name": "Jonathan Reyes", "github": "jreyes"}
    assert brief["why_now"].startswith("Three account managers ran renewals three different")
    [supported] = brief["supports"]
    assert supported["key"] == "2026/renewals"
    assert supported["title"] == "Customers renew because the service earned it"
    assert supported["owner"]["name"] == "Hannah Schultz"
    assert supported["url"] == (
        f"https://github.com/northwind/okrs/blob/{base}/okrs/2026/commercial.yaml#L10"
    )
    [kr] = brief["key_results"]
    assert (kr["start"], kr["target"], kr["unit"], kr["indicator"]) == (0, 100, "%", "leading")
    assert kr["owner"]["name"] == "Jonathan Reyes"
    assert [c["text"] for c in brief["changes"]] == [FIVE_CHANGES[0]]
    moved = _brief(data, "2026-q4/predictive-chiller-alerts")
    assert (moved["state"], moved["moved_from"]) == ("moved", "telemetry")
    assert moved["team"] == "field-ops"
    assert _brief(data, "2026-q4/dispatch-on-time-service")["title"] == NEW_TITLE


def test_the_comment_shows_each_objective_so_nobody_opens_a_file(northwind: Path) -> None:
    """In the comment: a heading with the title once, owner and why now, the supported
    priority linked to its line, and a key-result table with start, target, unit, owner."""
    comment = diff(northwind, "markdown")
    html = github_html(comment)
    base = git(northwind, "rev-parse", "main").strip()
    assert "<h4>New objective: Every account manager runs renewals from one playbook</h4>" in html
    assert (
        f'<a href="https://github.com/northwind/okrs/blob/{base}/okrs/2026/commercial.yaml#L10">'
        "Customers renew because the service earned it</a> (2026/renewals, owned by Hannah "
        "Schultz)"
    ) in html
    shown = rendered(comment)
    assert "Owner: Jonathan Reyes (@jreyes)" in shown
    assert "Why now: Three account managers ran renewals three different ways" in shown
    row = "<td>December-March renewals run from the playbook (leading)</td>\n<td>0</td>\n"
    assert row + "<td>100</td>\n<td>%</td>\n<td>Jonathan Reyes (@\u200bjreyes)</td>" in html
    lines = [line for line in shown.splitlines() if line.strip()]
    assert all(line.count(NEW_TITLE) <= 1 for line in lines)
    assert "key result chiller-alert-lead" not in shown  # a move is one line, not per result


def test_the_text_report_shows_the_same_objective(northwind: Path) -> None:
    """The terminal report names the same facts: team, owner, why now, supports, numbers."""
    text = diff(northwind, "text")
    assert "  new objective 2026-q4/renewal-playbook: Every account manager runs renewals" in text
    assert "    owner: Jonathan Reyes (@jreyes)\n" in text
    assert (
        "    supports: Customers renew because the service earned it (2026/renewals, owned by "
        "Hannah Schultz)\n" in text
    )
    assert "      from 0 to 100 % (leading); owner Jonathan Reyes (@jreyes)\n" in text
    assert "Field Operations (field-ops), 2026-q4, draft, moved from telemetry" in text


ORG = """\
name: Test Co
repository: https://github.com/test/okrs
people:
  ada: {name: Ada Lovelace, github: ada-l}
  ben: {name: Ben Okri, github: ben-o}
  cy: {name: Cy Twombly}
teams:
  company: {name: Test Co, lead: ada}
  ops: {name: Operations, lead: ben, parent: company}
  sales: {name: Sales, lead: cy, parent: company}
cycles:
  "2026": {start: 2026-01-01, end: 2026-12-31}
  2026-q4: {start: 2026-10-01, end: 2026-12-31, within: "2026"}
"""
OPS = """\
objectives:
  - id: crews
    title: Crews arrive ready
    owner: ben
    why_now: Half our late starts trace back to parts missing from the van this year.
    key_results:
      - {id: fix, title: Fixed on the first visit, owner: ben, start: 0, target: 10}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A small organisation kept in the subfolder `plans/` of its git repository."""
    root = tmp_path / "git" / "plans"
    root.mkdir(parents=True)
    git(root.parent, "init", "-q", "-b", "main")
    write_files(root, {"okrs/org.yaml": ORG, "okrs/2026-q4/ops.yaml": OPS})
    git(root.parent, "add", "-A")
    git(root.parent, "commit", "-qm", "First OKRs")
    return root


def test_org_yaml_changes_say_what_each_entry_holds(small: Path) -> None:
    """People, teams and cycles added, removed, renamed, re-handled, re-led and re-parented,
    settings and the repository address: each a change in words in all three formats."""
    org = (
        ORG.replace("Cy Twombly", "Cy Twombly-Ray")
        .replace("github: ben-o", "github: ben-okri")
        .replace("  sales: {name: Sales, lead: cy, parent: company}\n",
                 "  growth: {name: Growth, lead: dee, parent: ops}\n")
        .replace("  cy: {name", "  dee: {name: Dee Dee, github: dee-d}\n  cy: {name")
        .replace("ops: {name: Operations, lead: ben, parent: company}",
                 "ops: {name: Operations, lead: ada, parent: company}")
        .replace("repository: https://github.com/test/okrs", "repository: https://github.com/t/o")
        + "  2027-q1: {start: 2027-01-01, end: 2027-03-31}\n"
        + "settings: {stale_checkin_days: 60}\n"
    )  # fmt: skip
    write_files(small, {"okrs/org.yaml": org})
    expected = [
        "organisation repository https://github.com/test/okrs -> https://github.com/t/o",
        "setting stale_checkin_days 14 -> 60",
        "person ben: github ben-o -> ben-okri",
        "person cy: name Cy Twombly -> Cy Twombly-Ray",
        "person added: dee (Dee Dee, @dee-d)",
        "team added: growth (Growth), led by Dee Dee, under ops",
        "team ops: lead Ben Okri -> Ada Lovelace",
        "team removed: sales (Sales), led by Cy Twombly, under company",
        "cycle added: 2027-q1 (2027-01-01 to 2027-03-31)",
    ]
    data = json.loads(diff(small, "json", "main"))
    assert [c["text"] for c in data["changes"]] == expected
    text, shown = diff(small, "text", "main"), rendered(diff(small, "markdown", "main"))
    assert all(f"  org.yaml: {line}\n" in text and f"\n{line}\n" in shown for line in expected)
    people = {r["person"]: r for r in data["reviewers"]}
    assert people["dee"]["at_base"] is False  # only the proposal knows Dee: asked, marked
    assert (
        "org.yaml person added: dee (Dee Dee, @dee-d): it is their own entry (as proposed)"
        in (people["dee"]["why"])
    )


def test_someone_only_the_proposal_names_is_asked_but_never_alone_or_mentioned(
    small: Path,
) -> None:
    """A branch that adds a person and hands them an objective asks them too, but the base
    owner is still asked with the base handle, and the comment does not @mention the newcomer."""
    org = ORG.replace("  cy: {name", "  mal: {name: Mal Lory, github: mal-l}\n  cy: {name")
    ops = OPS.replace("    owner: ben\n", "    owner: mal\n")
    # The branch also gives Ben Mal's handle: Ben is still asked with the base's.
    write_files(small, {"okrs/org.yaml": org.replace("github: ben-o", "github: mal-l"),
                        "okrs/2026-q4/ops.yaml": ops})  # fmt: skip
    data = json.loads(diff(small, "json", "main"))
    people = {r["person"]: r for r in data["reviewers"]}
    assert people["ben"]["github"] == "ben-o" and people["ben"]["at_base"] is True
    assert "they own 'Crews arrive ready', which changes" in people["ben"]["why"]
    assert "they own 'Crews arrive ready', which changes (as proposed)" in people["mal"]["why"]
    assert people["mal"]["at_base"] is False
    comment = diff(small, "markdown", "main")
    assert "mal-l" not in mentions(github_html(comment)) and "ben-o" in mentions(
        github_html(comment)
    )
    assert "| Mal Lory | mal-l (new in this proposal) |" in comment
    assert "owner Ben Okri -> Mal Lory" in rendered(comment)


def test_the_link_to_what_is_supported_follows_the_subfolder(small: Path) -> None:
    """The OKR repository in a subfolder of the git repository: the link's path starts there."""
    sales = OPS.replace("id: crews", "id: sell").replace("owner: ben", "owner: cy")
    sales = sales.replace("    key_results:", "    supports: [crews.fix]\n    key_results:")
    write_files(small, {"okrs/2026-q4/sales.yaml": sales.replace("id: fix", "id: sold")})
    base = git(small, "rev-parse", "main").strip()
    data = json.loads(diff(small, "json", "main"))
    [supported] = _brief(data, "2026-q4/sell")["supports"]
    assert (
        supported["url"]
        == f"https://github.com/test/okrs/blob/{base}/plans/okrs/2026-q4/ops.yaml#L7"
    )
