"""`serve` renders only the pages an edit reaches (`render/reach.py`): for edits of every
kind on the example organisation, each page whose HTML differs afterwards is among them,
and an edit of one team's objective leaves most of the site alone."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from accord.changes.history import load_history
from accord.check import check
from accord.render.reach import reached
from accord.render.site import Site, make_site

from conftest import git

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
DISPATCH = "okrs/2026-q4/dispatch.yaml"

# (file, text, replacement): one edit each, as a person would save it.
EDITS = {
    "objective title": (
        DISPATCH,
        "title: Customers can count on us to arrive when we said we would",
        "title: Customers can count on us to arrive on time",
    ),
    "check-in value": (
        DISPATCH,
        "            value: 9\n",
        "            value: 5\n",
    ),
    "key-result owner": (DISPATCH, "        owner: ana\n", "        owner: lina\n"),
    "supports": (DISPATCH, "supports: [on-time-service]", "supports: []"),
    "a comment line moves the lines below": (
        DISPATCH,
        "objectives:\n",
        "objectives:\n# agreed in the October review\n",
    ),
    "stop doing": (DISPATCH, "  - Booking Abu Dhabi", "  - Booking Dubai"),
    "objective removed": (
        DISPATCH,
        "  - id: dispatch-on-time-service",
        "  - id: dispatch-on-time-service\n    status: dropped\n    dropped_reason: Merged",
    ),
    "what an objective needs from another team's key result": (
        DISPATCH,
        "need: New certifications show in the skills matrix within two working days",
        "need: New certifications show in the skills matrix the next working day",
    ),
    "what an objective needs from a team": (
        "okrs/2026-q4/operations.yaml",
        "      - on: procurement",
        "      - on: procurement\n        need: Spare batteries in each depot\n      - on: finance",
    ),
    "carried_from removed": (
        "okrs/2026-q4/telemetry.yaml",
        "    carried_from: 2026-q3/abu-dhabi-online\n",
        "",
    ),
    "a closed cycle's score": (
        "okrs/2026-q3/customer-success.yaml",
        "        score: 0.75\n",
        "        score: 0.5\n",
    ),
    "statement": (
        "okrs/2026-q4/statements/daniel.yaml",
        "trade_offs:\n",
        "trade_offs:\n  - Dubai expansion waits\n",
    ),
}


def _site(root: Path) -> Site:
    result = check(root, as_of=AS_OF)
    assert not result.errors, result.errors
    return make_site(result, AS_OF)


def _html(site: Site) -> dict[str, str]:
    return {page.uri: page.render().html + page.title for page in site.pages}


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Site, dict[str, str]]:
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "okrs", root / "okrs")
    site = _site(root)
    return root, site, _html(site)


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_every_page_an_edit_changes_is_reached(
    edit: str, before: tuple[Path, Site, dict[str, str]], tmp_path: Path
) -> None:
    original, site, pages = before
    root = tmp_path / "repo"
    shutil.copytree(original / "okrs", root / "okrs")
    file, old, new = EDITS[edit]
    text = (root / file).read_text("utf-8")
    assert old in text, f"the example no longer has {old!r}"
    (root / file).write_text(text.replace(old, new, 1), "utf-8")

    after = _site(root)
    reach = reached(site, after)
    assert reach is not None, "an edit of one file reaches a part of the site, not all of it"
    changed = {uri for uri, html in _html(after).items() if pages.get(uri) != html}
    assert changed, "the edit changes something"
    assert changed <= reach, f"pages changed but not rendered again: {sorted(changed - reach)}"
    assert len(reach) < len(after.pages) / 2, "one team's edit leaves most of the site alone"


def test_an_edit_of_org_yaml_reaches_every_page(
    before: tuple[Path, Site, dict[str, str]], tmp_path: Path
) -> None:
    original, site, _ = before
    root = tmp_path / "repo"
    shutil.copytree(original / "okrs", root / "okrs")
    org = root / "okrs" / "org.yaml"
    text = org.read_text("utf-8")
    org.write_text(text.replace("name: ", "name: The ", 1), "utf-8")
    assert reached(site, _site(root)) is None


def test_nothing_changed_reaches_only_the_pages_every_edit_does(
    before: tuple[Path, Site, dict[str, str]],
) -> None:
    root, site, _ = before
    assert reached(site, _site(root)) == {"index.md", "health/index.md", "history/index.md"}


def test_a_retitled_objective_reaches_the_weeks_of_history_that_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a page per week of history, a new title reaches the weeks that link the
    objective by it, and no other week."""
    monkeypatch.setattr("accord.render.pages.HISTORY_UP_TO", 0)  # a page per week
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "okrs", root / "okrs")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "The OKRs", when="2026-10-01T10:00:00")
    for file, old, new, when in [
        (DISPATCH, "            value: 9\n", "            value: 8\n", "2026-10-14T10:00:00"),
        ("okrs/2026-q4/finance.yaml", "value:", "value:", "2026-10-28T10:00:00"),
    ]:
        path = root / file
        text = path.read_text("utf-8")
        if old == new:  # another team's check-in, nothing of dispatch's
            at = text.index("            value: ")
            end = text.index("\n", at)
            number = text[at + len("            value: ") : end]
            text = text[:at] + f"            value: {number}1" + text[end:]
        path.write_text(text.replace(old, new, 1), "utf-8")
        git(root, "commit", "-qam", f"Check-in ({when[:10]})", when=when)

    def site() -> Site:
        result = check(root, as_of=AS_OF)
        assert not result.errors, result.errors
        return make_site(result, AS_OF, history=load_history(root))

    before = site()
    pages = _html(before)
    file, old, new = EDITS["objective title"]
    text = (root / file).read_text("utf-8")
    (root / file).write_text(text.replace(old, new, 1), "utf-8")
    after = site()
    reach = reached(before, after)
    assert reach is not None
    changed = {uri for uri, html in _html(after).items() if pages.get(uri) != html}
    weeks = {uri for uri in pages if uri.startswith("history/2026-w")}
    assert len(weeks) == 3
    assert changed <= reach, sorted(changed - reach)
    # The first week added the objective (named by its title); the second checked in on one
    # of its key results (named by the key result's title); the third was another team's.
    assert weeks & changed == weeks & reach == {"history/2026-w40/index.md"}
