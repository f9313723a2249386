"""The repository on the built site: "Propose a change", "View in the repository", "Check in"
and "Propose an objective" links that open the right file, line and form, and none without
a usable `repository:`.

The example organisation is built once from a subfolder of a git work tree, so every path
in a link must carry that folder; each "View" link's line is read back from the file.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from accord.check import check
from accord.model.forge import forge_of
from accord.model.okrs import Model
from accord.render.pages import render_pages

from conftest import MINIMAL_ORG, RepoWriter, build_site, git, invoke

ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/northwind/okrs"
FOLDER = "planning/okrs-repo"  # where the OKR repository sits in the git work tree
AS_OF = date(2026, 11, 23)
# The theme's footer credit: a plain link, the one absolute address that is not the repository.
THEME_CREDIT = "https://squidfunk.github.io/mkdocs-material/"
TAG = "<script>alert(1)</script>"


class Tags(HTMLParser):
    """Every tag with its attributes; the links inside action rows with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.actions: list[dict[str, str]] = []
        self.in_row = self.in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "p":
            self.in_row = found.get("class") == "accord-actions"
        elif tag == "a" and self.in_row:
            self.actions.append({"href": found.get("href") or "", "text": ""})
            self.in_link = True

    def handle_endtag(self, tag: str) -> None:
        self.in_row = self.in_row and tag != "p"
        self.in_link = self.in_link and tag != "a"

    def handle_data(self, data: str) -> None:
        if self.in_link:
            self.actions[-1]["text"] += data


def parse(html_file: Path) -> Tags:
    tags = Tags()
    tags.feed(html_file.read_text(encoding="utf-8"))
    return tags


def actions(html_file: Path) -> list[dict[str, str]]:
    """Every link in the page's action rows, as {"text", "href"}, in order."""
    return parse(html_file).actions


def named(links: list[dict[str, str]], text: str) -> list[str]:
    return [link["href"] for link in links if link["text"] == text]


@pytest.fixture(scope="module")
def work_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git work tree holding the example OKR repository in planning/okrs-repo/."""
    top = tmp_path_factory.mktemp("work-tree")
    repo = top / FOLDER
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "The example OKRs")
    return top


@pytest.fixture(scope="module")
def site(work_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(work_tree / FOLDER, tmp_path_factory.mktemp("linked-site"))


@pytest.fixture(scope="module")
def model(work_tree: Path) -> Model:
    result = check(work_tree / FOLDER, as_of=AS_OF)
    assert result.model is not None
    return result.model


def line_at(top: Path, href: str, prefix: str) -> str:
    """The line of the work tree's file a `.../blob/main/<path>#L<n>` link shows."""
    parts = urlsplit(href)
    assert href.startswith(prefix) and parts.fragment.startswith("L"), href
    path = parts.path.removeprefix(urlsplit(prefix).path)
    lines = (top / path).read_text(encoding="utf-8").splitlines()
    return lines[int(parts.fragment[1:]) - 1]


def test_every_objective_page_links_its_file_and_the_line_of_each_id(
    site: Path, model: Model, work_tree: Path
) -> None:
    """Propose a change opens the editor on the objective's file; View opens the line of its
    `id:`, and each key result's View the line of its own; Check in carries its ref."""
    blob = f"{REPO}/blob/main/"
    for o in model.objectives.values():
        page = site / o.cycle / o.team / o.id / "index.html"
        links = actions(page)
        edit = f"{REPO}/edit/main/{FOLDER}/{o.where.file}"
        assert set(named(links, "Propose a change")) == {edit}, page
        views = named(links, "View in the repository")
        assert len(views) == 1 + len(o.key_results), page
        assert f"id: {o.id}" in line_at(work_tree, views[0], blob).split("#")[0], views[0]
        checkins = named(links, "Check in")
        live = [kr for kr in o.key_results if o.status != "dropped"]
        assert len(checkins) == len(live), page
        for kr, view in zip(o.key_results, views[1:], strict=True):
            assert f"id: {kr.id}" in line_at(work_tree, view, blob).split("#")[0], view
        for kr, checkin in zip(live, checkins, strict=True):
            assert checkin.startswith(f"{REPO}/issues/new?"), checkin
            query = parse_qs(urlsplit(checkin).query)
            assert query["template"] == ["checkin.yml"] and query["ref"] == [kr.key], checkin
            assert query["title"] == [f"Check-in: {kr.title}"]


def test_team_pages_link_the_proposal_form_and_their_file(site: Path, model: Model) -> None:
    """A team's page for a cycle and its page across cycles link the objective form
    prefilled with team and cycle, and the team file of that cycle."""
    for plan in model.plans:
        for page in (site / plan.cycle / plan.team, site / "teams" / plan.team):
            links = actions(page / "index.html")
            proposals = [parse_qs(urlsplit(h).query) for h in named(links, "Propose an objective")]
            wanted = {"template": ["objective.yml"], "team": [plan.team], "cycle": [plan.cycle]}
            assert wanted in proposals, page
            view = f"{REPO}/blob/main/{FOLDER}/{plan.file}"
            assert view in named(links, "View in the repository"), page


def test_a_team_is_offered_a_proposal_for_a_running_cycle_it_has_no_file_in(
    site: Path, model: Model
) -> None:
    """A team without a file in an active or planning cycle can propose its first objective."""
    planned = {(p.team, p.cycle) for p in model.plans}
    running = [c.id for c in model.org.cycles.values() if c.status(AS_OF) != "closed"]
    missing = [(t, c) for t in model.org.teams for c in running if (t, c) not in planned]
    assert missing, "the example should have a team without a file in a running cycle"
    for team, cycle in missing:
        links = actions(site / "teams" / team / "index.html")
        hrefs = named(links, f"Propose an objective for {cycle}")
        assert [parse_qs(urlsplit(h).query)["cycle"] for h in hrefs] == [[cycle]], team


def test_finding_and_history_links_use_the_same_repository_shapes(site: Path) -> None:
    """The health page's `file:line` links and the history's commit links name the default
    branch and the folder in the work tree, like the action rows."""
    health = (site / "health" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/blob/main/{FOLDER}/okrs/' in health
    assert "/blob/HEAD/" not in health
    history = (site / "history" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/commit/' in history


def test_repository_links_are_navigation_and_nothing_loads_from_another_host(
    site: Path,
) -> None:
    """Every absolute address on the site is a plain link (`<a href>`) into the repository:
    no tag loads anything from another host, and no link is prefetched."""
    for html_file in site.rglob("*.html"):
        for tag, attrs in parse(html_file).tags:
            for name, value in attrs.items():
                if not (value or "").startswith(("http:", "https:", "//")):
                    continue
                if tag == "a" and name == "href":
                    assert value.startswith(f"{REPO}/") or value == THEME_CREDIT, value
                else:
                    assert name in ("xmlns", "xmlns:xlink"), (html_file, tag, name, value)
            rel = attrs.get("rel") or ""
            assert not {"prefetch", "preconnect", "dns-prefetch", "preload"} & set(rel.split())


OPS = """\
objectives:
  - id: crews
    title: {title}
    owner: ben
    why_now: Crews are late, and renewals next quarter depend on arriving on time.
    key_results:
      - id: on-time
        title: {title}
        owner: ben
        start: 0
        target: 10
"""


def small_repo(write_repo: RepoWriter, repository: str | None, title: str = "Crews") -> Path:
    """A small valid repository (no git) with the project's site, and `repository:` if given."""
    org = MINIMAL_ORG
    if repository is not None:
        org = org.replace("\npeople:", f"\nrepository: {json.dumps(repository)}\npeople:", 1)
    ops = OPS.format(title=json.dumps(title))
    root = write_repo({"okrs/org.yaml": org, "okrs/2026-q4/ops.yaml": ops})
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    return root


def test_without_a_repository_there_are_no_repository_links(
    write_repo: RepoWriter, tmp_path: Path
) -> None:
    """No action rows, no link to any host: absent, not broken."""
    site = build_site(small_repo(write_repo, None), tmp_path / "out")
    pages = [site / "2026-q4/ops/crews", site / "2026-q4/ops", site / "teams/ops"]
    for page in pages:
        text = (page / "index.html").read_text(encoding="utf-8")
        for words in ("Propose a change", "View in the repository", "Check in", "Propose an"):
            assert words not in text, (page, words)
    for html_file in site.rglob("*.html"):
        page = parse(html_file)
        assert not page.actions and 'class="accord-actions"' not in html_file.read_text("utf-8")
        hrefs = [a.get("href") or "" for t, a in page.tags if t == "a"]
        assert [h for h in hrefs if "://" in h] == [THEME_CREDIT], html_file


def test_without_git_the_paths_are_the_okr_repositorys_own(
    write_repo: RepoWriter,
) -> None:
    """With no git work tree around it, a path is relative to the OKR repository."""
    root = small_repo(write_repo, "https://gitlab.com/acme/okrs")
    result = check(root, as_of=AS_OF)
    pages = {p.uri: p.render().html for p in render_pages(result, AS_OF)}
    objective = pages["2026-q4/ops/crews/index.md"]
    assert '"https://gitlab.com/acme/okrs/-/edit/main/okrs/2026-q4/ops.yaml"' in objective
    assert '"https://gitlab.com/acme/okrs/-/blob/main/okrs/2026-q4/ops.yaml#L2"' in objective
    assert "Check in" not in objective  # GitLab has no issue forms
    assert "Propose an objective" not in pages["2026-q4/ops/index.md"]


@pytest.mark.parametrize(
    "repository",
    [
        'https://github.com/acme/"><script>alert(1)</script>',
        "https://github.com/acme/okrs/\" onmouseover='alert(1)'",
        'https://evil" onmouseover="alert(1)',
    ],
)
def test_a_hostile_repository_value_gives_no_live_markup(
    write_repo: RepoWriter, tmp_path: Path, repository: str
) -> None:
    """A `repository:` (and titles) full of quotes and tags: links stay inside their href,
    percent-encoded, or there are none; no tag or handler appears."""
    site = build_site(small_repo(write_repo, repository, TAG), tmp_path / "out")
    for html_file in site.rglob("*.html"):
        page = parse(html_file)
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (html_file, tag, attrs)
            href = attrs.get("href") or ""
            assert not href.lower().startswith("javascript"), html_file
            assert not set(href) & set("\"'<> "), (html_file, href)
        inline = [a for t, a in page.tags if t == "script" and not a.get("src")]
        assert all("alert(1)" not in str(a) for a in inline)
    objective = (site / "2026-q4/ops/crews/index.html").read_text(encoding="utf-8")
    assert ("View in the repository" in objective) == (forge_of(repository) is not None)
    assert TAG not in objective and "&lt;script&gt;alert(1)&lt;/script&gt;" in objective


def test_a_javascript_repository_is_refused_before_any_link_is_made(
    write_repo: RepoWriter,
) -> None:
    """`repository: javascript:...` is an error at its line (E102): no site, no link."""
    result = invoke("check", "--repo", small_repo(write_repo, "javascript:alert(1)"))
    assert result.exit_code == 1
    assert "okrs/org.yaml:2:" in result.stdout + result.stderr
    assert "E102" in result.stdout + result.stderr
