"""Open a large organisation's site in Chromium: does it stay usable?

    python benchmarks/browser.py SITE_DIR [--shots DIR] [--query WORD]

SITE_DIR is a built site (for example `benchmarks/run.py --keep DIR` leaves one in
DIR/teams-1000/site/public). It is served on 127.0.0.1 from a thread and opened in Debian's
Chromium through Playwright (no browser download), the way tests/test_browser.py does. For
each of the home page, the current cycle's page (the alignment map), the Teams and People
indexes, a team page, an objective page, the history page and its busiest week it records:
the time to the `load` event, the HTML size, the number of DOM nodes, and the longest task
that blocked the main thread (PerformanceObserver `longtask`). On the cycle page it chooses
the first box of the alignment map and checks that only that box's chain keeps its lines
(every other line hidden). Then it types a word into the search box and times the first
result. Every request to another host, console error or page error fails the run, as does a
page slower than 10 s to load, a main-thread block over 1 s, a map whose choice does not
hide the other lines, or a search with no result within 20 s. Prints a table; exits 1 when a
check fails.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOAD_LIMIT_S = 10.0
BLOCK_LIMIT_MS = 1000.0
SEARCH_LIMIT_S = 20.0
LONGEST_TASK = """() => new Promise(done => {
  let longest = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  }).observe({type: "longtask", buffered: true});
  setTimeout(() => done(longest), 500);
})"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def pages(site: Path) -> list[tuple[str, str]]:
    """(what, path) of the pages to open, found in the built site."""
    cycle = next(
        p.parent.name
        for p in sorted(site.glob("20*/index.html"), key=lambda p: p.parent.name, reverse=True)
        if "-" in p.parent.name
    )
    team = sorted((site / cycle).glob("*/index.html"))[len(list((site / cycle).glob("*"))) // 2]
    objective = sorted(team.parent.glob("*/index.html"))[0]
    weeks = sorted(site.glob("history/*/index.html"), key=lambda p: p.stat().st_size)
    busiest = [("history, busiest week", f"history/{weeks[-1].parent.name}/")] if weeks else []
    return [
        ("home", ""),
        (f"cycle {cycle} (alignment map)", f"{cycle}/"),
        ("teams index", "teams/"),
        ("people index", "people/"),
        ("team plan", f"{team.parent.relative_to(site).as_posix()}/"),
        ("objective", f"{objective.parent.relative_to(site).as_posix()}/"),
        ("history", "history/"),
        *busiest,
    ]


LINES = """() => {
  const all = Array.from(document.querySelectorAll('svg.accord-map path.supports'));
  const drawn = all.filter((p) => getComputedStyle(p).display !== 'none');
  return [drawn.length, all.length, drawn.filter((p) => !p.classList.contains('accord-on')).length];
}"""


def trace(page: Any, url: str, shots: Path, problems: list[str]) -> str:
    """Choose the first company bet of the cycle's map: its chain must be drawn and every
    other line hidden. Returns what was seen, with the time the choice took."""
    page.goto(url, wait_until="load")
    box = page.locator("svg.accord-map a.objective[data-box]").first
    if box.count() == 0:
        problems.append("map: no box to choose")
        return ""
    start = time.perf_counter()
    box.click()
    page.wait_for_function("() => !document.querySelector('.accord-trace').hidden")
    took = time.perf_counter() - start
    longest = float(page.evaluate(LONGEST_TASK))
    drawn, total, stray = page.evaluate(LINES)
    page.screenshot(path=str(shots / "map-traced.png"))
    if not 0 < drawn < total or stray:
        problems.append(f"map: {drawn} of {total} lines drawn, {stray} off the chain")
    return (f"chose a box: {drawn} of {total} lines drawn, {stray} off its chain, in "
            f"{took:.2f} s (longest block {longest:.0f} ms)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--shots", type=Path, default=Path("browser-shots"))
    parser.add_argument("--query", default="shelf")
    args = parser.parse_args()
    site = args.site.resolve()
    args.shots.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems: list[str] = []
    rows = []
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(60_000)

        def gate(route: Any) -> None:
            if urlsplit(route.request.url).hostname not in ("127.0.0.1", None):
                problems.append(f"request to another host: {route.request.url}")
                route.abort("blockedbyclient")
            else:
                route.continue_()

        context.route("**/*", gate)
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on(
            "console",
            lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        for what, path in pages(site):
            start = time.perf_counter()
            page.goto(urljoin(base, path), wait_until="load")
            took = time.perf_counter() - start
            longest = float(page.evaluate(LONGEST_TASK))
            nodes = int(page.evaluate("document.getElementsByTagName('*').length"))
            size = (site / path / "index.html").stat().st_size
            page.screenshot(path=str(args.shots / f"{what.split()[0]}.png"))
            rows.append((what, path, took, size, nodes, longest))
            if took > LOAD_LIMIT_S:
                problems.append(f"{what}: load took {took:.1f} s")
            if longest > BLOCK_LIMIT_MS:
                problems.append(f"{what}: the main thread was blocked for {longest:.0f} ms")
        traced = trace(page, urljoin(base, pages(site)[1][1]), args.shots, problems)
        page.goto(base, wait_until="load")
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        start = time.perf_counter()
        try:
            # The search worker loads and indexes the whole site before it answers.
            page.wait_for_function(
                "() => !document.querySelector('.md-search-result__meta')"
                "?.textContent.includes('Initializing')",
                timeout=SEARCH_LIMIT_S * 1000,
            )
            ready = time.perf_counter() - start
            box.press_sequentially(args.query)
            page.locator("a.md-search-result__link").first.wait_for(
                state="visible", timeout=SEARCH_LIMIT_S * 1000
            )
            found: float | None = time.perf_counter() - start
            results = page.locator(".md-search-result__meta").inner_text().strip()
        except Exception:
            ready, found, results = time.perf_counter() - start, None, "no result"
            problems.append(f"search for {args.query!r}: no result within {SEARCH_LIMIT_S} s")
        page.screenshot(path=str(args.shots / "search.png"))
        browser.close()
    server.shutdown()
    index = site / "search" / "search_index.json"
    print(f"{'page':32} {'load':>8} {'HTML':>10} {'DOM nodes':>10} {'longest block':>14}")
    for what, _, took, size, nodes, longest in rows:
        print(f"{what:32} {took:7.2f}s {size / 1024:8.0f}KB {nodes:10} {longest:12.0f}ms")
    if traced:
        print(f"map: {traced}")
    shown = f"{found:.2f} s" if found is not None else "never"
    print(f"search {args.query!r}: index ready after {ready:.2f} s, first result after "
          f"{shown} ({results}); index {index.stat().st_size / 1e6:.1f} MB")  # fmt: skip
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
