"""A real mkdocs build with the accord plugin: pages at stable URLs, safe output, refusals."""

from __future__ import annotations

import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from conftest import MINIMAL_ORG, RepoWriter, build_site

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '" onmouseover="alert(1)',
    "<script>alert(1)</script>",
    "**bold** _it_ `code` # not a heading | not | a table",
]


class Tags(HTMLParser):
    """Collects every tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation's site, built once for these tests."""
    return build_site(ROOT, tmp_path_factory.mktemp("public"))


def test_pages_sit_at_stable_urls(example_site: Path) -> None:
    """Home, cycle, team, objective, person, health and agreement pages are where site.md says."""
    for url in [
        "", "2026-q4/", "2026-q4/operations/", "2026-q4/operations/on-time-service/",
        "teams/operations/", "people/priya/", "health/", "agreement/2026-q4/",
    ]:  # fmt: skip
        assert (example_site / url / "index.html").is_file(), url


def test_okrs_json_and_schemas_are_published(example_site: Path) -> None:
    """okrs.json holds the model, findings and agreement; the schemas sit beside it."""
    data = json.loads((example_site / "okrs.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["as_of"] == "2026-11-23"
    rules = {f["rule"] for f in data["findings"]}
    assert rules == {"W203", "W204", "W207", "W208", "W211", "W219"}
    assert {f["rule"] for f in data["findings"] if f["accepted"]} == {"W207"}
    assert (example_site / "schema" / "team.schema.json").is_file()


def test_objective_page_links_owner_chain_and_supporters(example_site: Path) -> None:
    """The objective page links its owner, the priorities above it and the work below it."""
    page = parse(example_site / "2026-q4/operations/on-time-service/index.html")
    hrefs = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
    assert "../../../people/priya/" in hrefs
    assert "../../../2026/northwind/regional-revenue-stability/" in hrefs
    assert "../../procurement/parts-on-the-shelf/" in hrefs
    assert sum(tag == "svg" for tag, _ in page.tags) >= 5  # progress bars and check-in charts


def test_nothing_is_loaded_from_another_host(example_site: Path) -> None:
    """No script, stylesheet, font or image comes from outside the site."""
    for html_file in example_site.rglob("*.html"):
        for tag, attrs in parse(html_file).tags:
            for name in ("src", "href") if tag in ("script", "img", "link", "iframe") else ():
                value = attrs.get(name) or ""
                assert not value.startswith(("http:", "https:", "//")), (html_file, tag, value)


@pytest.fixture
def hostile_repo(write_repo: RepoWriter) -> Path:
    """A valid repository whose every free-text field holds markup, links and injections."""
    people = MINIMAL_ORG.replace("name: Ada Lovelace", f"name: '{HOSTILE[0]}'")
    teams = people.replace("name: Operations", f"name: '{HOSTILE[3]}'")
    title, why, kr, note = (json.dumps(h) for h in HOSTILE[:4])
    ops = (
        f"stop_doing: [{json.dumps(HOSTILE[4])}]\nobjectives:\n"
        f"  - id: crews\n    title: {title}\n    owner: ada\n    why_now: {why}\n"
        f"    tradeoffs: [{note}]\n    key_results:\n"
        f"      - id: kr\n        title: {kr}\n        owner: ada\n        start: 0\n"
        f"        target: 10\n        unit: {json.dumps(HOSTILE[1])}\n        checkins:\n"
        f"          - {{date: 2026-11-20, value: 6, confidence: high, note: {note}}}\n"
    )
    statement = f"priorities:\n  - text: {title}\n    matches: [crews]\n"
    root = write_repo(
        {"okrs/org.yaml": teams, "okrs/2026-q4/ops.yaml": ops,
         "okrs/2026-q4/statements/ada.yaml": statement}
    )  # fmt: skip
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    return root


def test_hostile_text_shows_as_text_on_every_page(hostile_repo: Path, tmp_path: Path) -> None:
    """Markup, javascript: links and attribute injection in any field never become live HTML."""
    site = build_site(hostile_repo, tmp_path / "out")
    seen = 0
    for html_file in site.rglob("*.html"):
        page = parse(html_file)
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (html_file, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript"), html_file
            assert tag != "img" or "onerror" not in attrs
        inline = [a for t, a in page.tags if t == "script" and not a.get("src")]
        assert all("alert(1)" not in str(a) for a in inline)
        text = "".join(page.text)
        seen += sum(h in text for h in HOSTILE)
    assert seen >= 10, "the hostile strings should appear, as text, on several pages"


def test_a_repository_with_errors_builds_nothing(
    write_repo: RepoWriter, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """mkdocs build aborts with the errors when the OKRs do not check."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": "objectives: [x]\n"})
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    with pytest.raises((PluginError, Abort)) as failure:
        build_site(root, tmp_path / "out")
    assert "E102" in str(failure.value) + caplog.text
    assert not (tmp_path / "out" / "index.html").exists()


def test_today_comes_from_the_plugin_option(example_site: Path) -> None:
    """The site is reproducible: as_of fixes 'today' for expected progress and staleness."""
    data = json.loads((example_site / "okrs.json").read_text(encoding="utf-8"))
    assert date.fromisoformat(data["as_of"]) == date(2026, 11, 23)


def test_alignment_map_links_reach_real_pages(example_site: Path) -> None:
    """Every link in the cycle's alignment map points at a page that was built."""
    page = example_site / "2026-q4" / "index.html"
    hrefs = [a.get("href") for tag, a in parse(page).tags if tag == "a" and a.get("href")]
    in_map = [h for h in hrefs if h and ("/2026" in h or h.startswith("../teams/"))]
    assert len(in_map) > 20
    for href in in_map:
        target = (page.parent / (href or "").split("#")[0]).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$ACCORD_CACHE_DIR, else $XDG_CACHE_HOME/accord, else ~/.cache/accord; one folder per
    repository there, named by its path, outside the repository."""
    from accord.engines.plugin import cache_dir

    one, other = tmp_path / "one", tmp_path / "other"
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir(one).parent == tmp_path / "mine"
    assert cache_dir(one) != cache_dir(other)
    monkeypatch.delenv("ACCORD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir(one).parent == tmp_path / "xdg" / "accord"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir(one).parent == tmp_path / "home" / ".cache" / "accord"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(one))  # a repository in the home folder itself
    assert not cache_dir(one / "okrs-repo").is_relative_to(one / "okrs-repo")
