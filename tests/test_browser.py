"""The example organisation's site in a real browser: walked like a person, offline, error-free.

The site is built once (as of 2026-11-23), served on 127.0.0.1 from a thread, and opened in
Debian's Chromium through Playwright (no browser download). Every request to another host
fails the test and is blocked; so does any console error or uncaught page error. Screenshots
go to $ACCORD_SCREENSHOTS, or to a temporary folder; the run prints the path.
Without Playwright or Chromium the tests skip, unless CI is set: then they fail. The
accessibility tests run axe-core (the npm package, which `make test` installs into tests/axe
with `npm ci`; nothing is fetched at test time) and skip or fail the same way without it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from conftest import build_site

try:
    from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Route, sync_playwright
except ImportError as missing:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        raise ImportError(
            "CI is set, so the browser tests must run: install the test extra (pip install "
            "-e '.[test]') to get Playwright"
        ) from missing
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"
TIMEOUT_MS = 15_000
# As root on a closed network: no sandbox, no GPU, and no calls home at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_HOST = "127.0.0.1"
AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# One page of each kind a reader meets: home, a cycle with its alignment map, a team, an
# objective, health, agreement, history and a person.
AXE_PAGES = [
    "", "2026-q4/", "teams/operations/", "2026-q4/operations/on-time-service/", "health/",
    "agreement/2026-q4/", "history/", "people/priya/",
]  # fmt: skip


def unavailable(reason: str) -> None:
    """Skip when run by hand; fail under CI, which must run the browser tests."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run: {reason}")
    pytest.skip(reason)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Browsing:
    """The page being walked, where it is served, and everything it must not do."""

    page: Page
    base: str
    shots: Path
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(urljoin(self.base, path), wait_until="load")

    def shot(self, name: str, *, full_page: bool = True) -> None:
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=full_page)

    def follow(self, link: Locator) -> str:
        """Click `link` and wait until its page has loaded; return the link's text."""
        text = link.inner_text().strip()
        target = urljoin(self.page.url, link.get_attribute("href") or "")
        link.click()
        self.page.wait_for_url(target, wait_until="load")
        return text

    def h1(self) -> str:
        heading = self.page.locator("article h1").first
        heading.wait_for(state="visible")
        return heading.inner_text().strip()

    def assert_clean(self) -> None:
        assert not self.outside, f"requests to other hosts: {self.outside}"
        assert not self.errors, f"console or page errors: {self.errors}"


def section_links(page: Page, heading_id: str) -> Locator:
    """The links in the content between the h2 with `heading_id` and the next h2."""
    return page.locator(
        f"xpath=//article//h2[@id='{heading_id}']/following-sibling::*"
        f"[preceding-sibling::h2[1][@id='{heading_id}']]//a"
    )


def click_and_check_target(browsing: Browsing, link: Locator) -> str:
    """Click `link`; check its page (or the anchor it names) carries the link's text."""
    page = browsing.page
    href = link.get_attribute("href") or ""
    text = browsing.follow(link)
    assert browsing.h1(), page.url
    fragment = urldefrag(href).fragment
    if fragment:  # a key result: the link names its heading on the objective page
        assert page.locator(f"article [id='{fragment}']").inner_text().strip() == text
    else:
        assert browsing.h1() == text, page.url
    return page.url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example organisation's site, built once with 'today' fixed to 2026-11-23."""
    return build_site(ROOT, tmp_path_factory.mktemp("browser-site"), AS_OF)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, on a free port, from a thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """The folder for screenshots: $ACCORD_SCREENSHOTS, or a new temporary folder."""
    wanted = os.environ.get("ACCORD_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if capture is None:
        print(f"browser screenshots: {folder}")
    else:
        with capture.global_and_fixture_disabled():  # shown even when output is captured
            print(f"\nbrowser screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser_page(base_url: str, screenshots: Path) -> Iterator[Browsing]:
    """One headless Chromium page on the served site, watching requests and errors."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).is_file():
        unavailable("Chromium is not installed (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True, timeout=TIMEOUT_MS
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        page = context.new_page()
        state = Browsing(page=page, base=base_url, shots=screenshots)

        def is_outside(url: str) -> bool:
            parts = urlsplit(url)
            return (
                parts.scheme not in ("data", "blob", "about", "file")
                and parts.hostname != LOCAL_HOST
            )

        def on_request(request: Request) -> None:
            if is_outside(request.url):
                state.outside.append(request.url)

        def gate(route: Route) -> None:
            if is_outside(route.request.url):
                route.abort("blockedbyclient")
            else:
                route.continue_()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                state.errors.append(f"console: {message.text} at {message.location}")

        context.on("request", on_request)
        context.route("**/*", gate)
        page.on("console", on_console)
        page.on("pageerror", lambda error: state.errors.append(f"page error: {error}"))
        try:
            yield state
        finally:
            context.close()
            browser.close()


@pytest.fixture
def browsing(browser_page: Browsing) -> Browsing:
    """The shared page, with the requests and errors seen by earlier tests forgotten."""
    browser_page.outside.clear()
    browser_page.errors.clear()
    return browser_page


def test_home_leads_to_a_priority_its_owner_and_what_it_serves(browsing: Browsing) -> None:
    """From the home page a reader reaches a company priority, its owner and a priority served."""
    page = browsing.page
    browsing.open("")
    assert browsing.h1()
    browsing.shot("home")

    title = browsing.follow(section_links(page, "company-priorities").first)
    assert browsing.h1() == title
    browsing.shot("objective")
    objective_url = page.url

    owner = page.locator(
        "xpath=//article//strong[normalize-space()='Owner:']/following-sibling::a[1]"
    ).first
    name = browsing.follow(owner)
    assert urlsplit(page.url).path.startswith("/people/")
    assert browsing.h1() == name
    browsing.shot("person")

    page.go_back(wait_until="load")
    assert page.url == objective_url and browsing.h1() == title
    serves = section_links(page, "the-priorities-it-serves")
    if serves.count() == 0:  # a company bet serves nothing: start from a team's objective
        browsing.follow(page.locator("nav.md-tabs a.md-tabs__link", has_text="2026-q4"))
        assert browsing.h1() == "2026-q4"
        # Material wraps tables in divs: the first row after the heading whose Supports has a link.
        row = page.locator("xpath=//article//h2[@id='teams-in-2026-q4']/following::tr[td[3]//a]")
        team_objective = row.first.locator("td").first.locator("a")
        click_and_check_target(browsing, team_objective)
        serves = section_links(page, "the-priorities-it-serves")
    assert serves.count() > 0, page.url
    reached = click_and_check_target(browsing, serves.first)
    assert re.search(r"/20\d\d[^/]*/[^/]+/[^/]+/$", urlsplit(reached).path), reached
    browsing.assert_clean()


def test_cycle_page_shows_the_alignment_map(browsing: Browsing) -> None:
    """The 2026-q4 cycle page renders its heading and the alignment map picture."""
    browsing.open("2026-q4/")
    assert browsing.h1() == "2026-q4"
    page = browsing.page
    assert page.locator("article .accord-figure svg").first.is_visible()
    browsing.shot("cycle-2026-q4")
    browsing.assert_clean()


def test_search_finds_an_objective_by_a_word_of_its_title(browsing: Browsing) -> None:
    """Typing a word of a company priority's title into the search finds that priority."""
    page = browsing.page
    browsing.open("")
    priority = section_links(page, "company-priorities").filter(has_text="Muscat").first
    title = priority.inner_text().strip()
    path = urlsplit(urljoin(page.url, priority.get_attribute("href") or "")).path
    # The longest word of the title is rare across the site, so the objective ranks near the
    # top (a common word such as "Muscat" matches 30 pages, and the list shows only a few).
    word = max(title.split(), key=len).strip(".,")
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    # The search worker indexes the whole site first; on a cold browser that takes a while.
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta')"
        "?.textContent.includes('Initializing')",
        timeout=60_000,
    )
    box.press_sequentially(word)  # real key presses: the search listens to the keyboard
    result = page.locator(f"a.md-search-result__link[href*='{path}']").first
    result.wait_for(state="visible")
    # The results panel is fixed to the window: a full-page capture would misplace it.
    browsing.shot("search", full_page=False)
    browsing.follow(result)
    assert browsing.h1() == title
    browsing.assert_clean()


@pytest.mark.parametrize(
    ("path", "name"), [("health/", "health"), ("agreement/2026-q4/", "agreement-2026-q4")]
)
def test_health_and_agreement_pages_render(browsing: Browsing, path: str, name: str) -> None:
    """The health page and the 2026-q4 agreement page load with a heading and no errors."""
    browsing.open(path)
    assert browsing.h1()
    assert browsing.page.locator("article table, article ul").first.is_visible()
    browsing.shot(name)
    browsing.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES, ids=lambda p: p.strip("/") or "home")
def test_no_serious_or_critical_accessibility_violation(
    browsing: Browsing, path: str, scheme: str
) -> None:
    """axe-core finds no violation of impact serious or critical, in either colour scheme:
    contrast, links told apart without colour, named controls and dialogs, labelled images."""
    if not AXE.is_file():
        unavailable(
            f"axe-core is not installed at {AXE.relative_to(ROOT)} (npm ci --prefix tests/axe)"
        )
    page = browsing.page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        browsing.open(path)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("async () => (await axe.run(document)).violations")
    finally:
        page.emulate_media(color_scheme="light")
    bad = [
        f"{v['id']} ({v['impact']}, {len(v['nodes'])}x, first at {v['nodes'][0]['target']}): "
        f"{v['nodes'][0]['failureSummary']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], "\n".join(bad)
    browsing.assert_clean()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's site built with `accord build --offline`, to be opened from disk."""
    from click.testing import CliRunner

    from accord.cli.main import cli

    out = tmp_path_factory.mktemp("offline") / "site"
    args = ["build", "--offline", "--repo", str(ROOT), "--out", str(out), "--as-of", AS_OF]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip().endswith("open it from disk")
    return out


def test_the_offline_site_works_opened_from_disk(browsing: Browsing, offline_site: Path) -> None:
    """From file://, home leads to a cycle, a team's page and an objective, each a page with
    its heading (not a folder listing), with no request beyond the files on disk."""
    page = browsing.page
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    assert browsing.h1() == "Northwind Energy"
    browsing.follow(page.locator("nav.md-tabs a.md-tabs__link", has_text="2026-q4"))
    assert browsing.h1() == "2026-q4" and page.url.endswith("/2026-q4/index.html")
    team = page.locator('article a[href="operations/index.html"]').first
    assert browsing.follow(team) in browsing.h1()
    objective = page.locator("article h3 a").first
    assert browsing.follow(objective) == browsing.h1()
    browsing.shot("offline-objective")
    assert page.url.startswith("file://")
    browsing.assert_clean()


def _lines_shown(page: Page) -> tuple[int, int, int]:
    """(lines drawn, lines in the map, drawn lines that are not on the traced chain)."""
    counts: list[int] = page.evaluate(
        """() => {
            const all = Array.from(document.querySelectorAll('svg.accord-map path.supports'));
            const drawn = all.filter((p) => getComputedStyle(p).display !== 'none');
            return [drawn.length, all.length,
                    drawn.filter((p) => !p.classList.contains('accord-on')).length];
        }"""
    )
    return counts[0], counts[1], counts[2]


def test_choosing_a_box_of_the_map_traces_its_chain(browsing: Browsing) -> None:
    """The first click on a box shows only the lines of what it serves and what supports it,
    says which box is traced, and keeps it in the address; Escape shows the whole map again;
    a second click on the chosen box opens its objective."""
    browsing.open("2026-q4/")
    page = browsing.page
    assert _lines_shown(page)[0] == _lines_shown(page)[1] > 20
    box = page.locator("svg.accord-map a.objective").nth(1)  # the revenue bet, rolled up
    href = box.get_attribute("href") or ""
    box.click()
    drawn, total, stray = _lines_shown(page)
    assert 0 < drawn < total and stray == 0, (drawn, total, stray)
    assert re.search(r"#trace-\d+$", page.url)
    status = page.locator(".accord-trace")
    assert "Our UAE service revenue is steady" in status.inner_text()
    browsing.shot("map-traced", full_page=False)
    page.keyboard.press("Escape")
    assert _lines_shown(page)[0] == total and not status.is_visible()
    page.go_back()  # the address held the choice: Back brings it again
    page.wait_for_function("() => !document.querySelector('.accord-trace').hidden")
    assert _lines_shown(page)[0] == drawn
    target = urljoin(page.url, href)
    box.click()
    page.wait_for_url(target, wait_until="load")
    assert browsing.h1().startswith("Our UAE service revenue")
    browsing.assert_clean()
