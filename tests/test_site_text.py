"""The example's built site reads as it did when its pages were made from Markdown.

Issue 15 made the generated pages HTML from Jinja templates instead of Markdown converted by
Python-Markdown. `tests/data/site-text/northwind.json` holds what a person read on every page
of the example site (title, article text and links, navigation, table of contents) and
Material's search index entries, recorded from the Markdown-built site; the site built now
must read the same.
The example is built in a new git repository with a fixed history of three commits, so the
history pages are compared too. `pytest --update-golden` records the site as built now.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitetext import site_text

from conftest import build_site, git

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = Path(__file__).parent / "data" / "site-text" / "northwind.json"


def example_with_history(root: Path) -> Path:
    """The example organisation and site in a new repository: the company's files first, then
    the rest, then one check-in."""
    shutil.copytree(ROOT / "okrs", root / "okrs")
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "okrs/org.yaml", "okrs/2026/northwind.yaml", "site")
    git(root, "commit", "-q", "-m", "Northwind's company bets", when="2026-09-20T09:00:00")
    git(root, "add", "okrs")
    git(root, "commit", "-q", "-m", "Team OKRs for 2026-q4", when="2026-10-02T09:00:00")
    ops = root / "okrs" / "2026-q4" / "operations.yaml"
    ops.write_text(ops.read_text("utf-8") + "\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "A blank line at the end", when="2026-11-02T09:00:00")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = example_with_history(tmp_path_factory.mktemp("example-git"))
    return build_site(repo, tmp_path_factory.mktemp("example-site"))


def test_every_page_and_search_entry_reads_as_before(built: Path, update_golden: bool) -> None:
    """Title, text, links and navigation of every page, and every search entry, unchanged."""
    now = site_text(built)
    if update_golden:
        EXPECTED.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", "utf-8")
        pytest.skip("site text rewritten")
    before = json.loads(EXPECTED.read_text("utf-8"))
    assert sorted(now["pages"]) == sorted(before["pages"]), "pages added or removed"
    for page in sorted(before["pages"]):
        for part in ("title", "text", "links", "nav", "nav_links", "toc", "toc_links"):
            assert now["pages"][page][part] == before["pages"][page][part], f"{page}: {part}"

    # The index's order follows the order mkdocs happens to build pages in, which search
    # results do not show: the entries are compared as a set.
    def key(entry: dict[str, str]) -> tuple[str, str, str]:
        return entry["location"], entry["title"], entry["text"]

    assert sorted(now["search"], key=key) == sorted(before["search"], key=key)
