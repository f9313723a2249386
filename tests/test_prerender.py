"""Pages converted ahead of mkdocs (on every core, cached) come out as mkdocs would make them."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from accord.prerender import _load, _save, prerender

from conftest import build_site

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(document.cookie)</script>"


def _site(tmp_path: Path, pages: dict[str, str]) -> tuple[MkDocsConfig, Files, list[Page]]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions: [tables, attr_list, {toc: {permalink: false}}]\n"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)  # as a build does, before pages
    files = Files([File.generated(config, uri, content=text) for uri, text in pages.items()])
    return config, files, [Page(None, f, config) for f in files.documentation_pages()]


def _pages(count: int) -> dict[str, str]:
    return {
        f"p{i}/index.md": f"# Page {i}\n\n## Part {{ #part-{i} }}\n\n"
        f"[next](../p{(i + 1) % count}/index.md) | a | b |\n\n| x | y |\n| - | - |\n| 1 | 2 |\n"
        for i in range(count)
    }


def test_workers_convert_exactly_what_one_process_does(tmp_path: Path) -> None:
    """The same HTML, table of contents and anchors from two forked workers as from one."""
    config, files, pages = _site(tmp_path, _pages(240))
    serial = prerender(pages, config, files, None, workers=1)
    config, files, pages = _site(tmp_path, _pages(240))
    parallel = prerender(pages, config, files, None, workers=2)
    assert parallel == serial
    first = serial["p0/index.md"]
    assert '<a href="../p1/">next</a>' in first.content
    assert first.toc[0]["name"] == "Page 0" and first.toc[0]["children"][0]["id"] == "part-0"
    assert "part-0" in first.anchors


def test_a_page_with_a_broken_link_warns_on_every_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A warning (counted by --strict) is never hidden by the cache: such pages are not kept."""
    cache = tmp_path / "pages"
    content = {"a.md": "# A\n\n[gone](missing.md)\n", "b.md": "# B\n"}
    for _ in range(2):
        caplog.clear()
        config, files, pages = _site(tmp_path, content)
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            done = prerender(pages, config, files, cache, workers=1)
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "missing.md" in warnings[0]
        assert done["b.md"].content == '<h1 id="b">B</h1>'
    assert "converting 1 of 2 pages (1 cached)" in caplog.text


def test_a_damaged_cache_entry_is_converted_again(tmp_path: Path) -> None:
    """Each page has its own cache file; one that does not read back is replaced."""
    cache = tmp_path / "pages"
    config, files, pages = _site(tmp_path, {"a.md": "# A\n", "b.md": "# B\n"})
    prerender(pages, config, files, cache, workers=1)
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 2
    entries[0].write_text('{"not": "a rendering"')
    config, files, pages = _site(tmp_path, {"a.md": "# A\n", "b.md": "# B\n"})
    done = prerender(pages, config, files, cache, workers=1)
    assert done["a.md"].content == '<h1 id="a">A</h1>' and done["b.md"].content.startswith("<h1")
    config, files, pages = _site(tmp_path, {"a.md": "# A changed\n"})
    prerender(pages, config, files, cache, workers=1)
    assert len(list(cache.glob("*.json"))) == 1  # entries no page uses are removed


def test_an_edited_cache_entry_is_not_trusted(tmp_path: Path) -> None:
    """An entry that still reads as JSON but whose HTML was changed is converted again, and
    the next build trusts the entry written in its place."""
    cache = tmp_path / "pages"
    config, files, pages = _site(tmp_path, {"a.md": "# A\n"})
    prerender(pages, config, files, cache, workers=1)
    (entry,) = cache.glob("*.json")
    entry.write_text(entry.read_text().replace("A</h1>", "A</h1><script>alert(1)</script>"))
    for _ in range(2):
        config, files, pages = _site(tmp_path, {"a.md": "# A\n"})
        assert prerender(pages, config, files, cache, workers=1)["a.md"].content == (
            '<h1 id="a">A</h1>'
        )
    assert "script" not in entry.read_text()


def test_a_cache_committed_in_the_repository_is_never_read(tmp_path: Path, cache_dir: Path) -> None:
    """A clean clone holding a poisoned `.accord-cache/` (well-formed entries for exactly
    its pages, with a script added) builds pages without the script."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    build_site(repo, tmp_path / "first")
    entries = [*cache_dir.rglob("pages/*.json"), *repo.rglob("pages/*.json")]
    assert len(entries) > 100
    poisoned = {}
    for entry in entries:
        rendered = _load(entry.parent, entry.stem)
        assert rendered is not None
        poisoned[entry.stem] = replace(rendered, content=rendered.content + SCRIPT)
    shutil.rmtree(cache_dir)
    shutil.rmtree(repo / ".accord-cache", ignore_errors=True)
    _save(repo / ".accord-cache" / "pages", set(), poisoned)
    site = build_site(repo, tmp_path / "clone")
    assert not [p for p in site.rglob("*.html") if SCRIPT in p.read_text("utf-8")]


def test_a_rebuild_from_the_cache_writes_the_same_site(tmp_path: Path, cache_dir: Path) -> None:
    """The example site built cold and again from the cache (in $ACCORD_CACHE_DIR, nothing
    in the repository): every file byte for byte the same, every picture back in place."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    cold = build_site(repo, tmp_path / "cold")
    assert len(list(cache_dir.glob("*/pages/*.json"))) > 100
    assert sorted(p.name for p in repo.iterdir()) == ["okrs", "site"]
    warm = build_site(repo, tmp_path / "warm")
    names = sorted(p.relative_to(cold).as_posix() for p in cold.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(warm).as_posix() for p in warm.rglob("*") if p.is_file())
    different = [n for n in names if (cold / n).read_bytes() != (warm / n).read_bytes()]
    assert different == []
    page = (warm / "2026-q4/field-ops/index.html").read_text("utf-8")
    assert "data-accord-figure" not in page and page.count("<svg") >= 3


def test_search_entries_made_by_the_workers_are_materials_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    """The search index built from the entries the workers made is byte for byte the one
    Material's search plugin makes when it indexes every page itself."""
    import accord.plugin

    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    reused = build_site(repo, tmp_path / "reused") / "search" / "search_index.json"
    monkeypatch.setattr(accord.plugin, "reuse_search_entries", lambda index, rendered: None)
    shutil.rmtree(cache_dir)
    itself = build_site(repo, tmp_path / "itself") / "search" / "search_index.json"
    assert reused.read_bytes() == itself.read_bytes()
    assert reused.stat().st_size > 100_000


def test_a_new_page_elsewhere_leaves_the_cache_alone_but_a_lost_link_target_does_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the pages a page links to matter to its key: adding an unrelated page converts
    nothing else again; removing the page a link points at converts the page with the link,
    which then warns about it."""
    cache = tmp_path / "pages"
    site = {"a.md": "# A\n\n[b](b.md)\n", "b.md": "# B\n", "c.md": "# C\n"}
    config, files, pages = _site(tmp_path, site)
    assert '<a href="../b/">b</a>' in prerender(pages, config, files, cache, 1)["a.md"].content
    for change, converted in (("add e.md", "1 of 4"), ("remove b.md", "1 of 3")):
        if change == "add e.md":
            site["e.md"] = "# E\n"
        else:
            del site["b.md"]
        caplog.clear()
        config, files, pages = _site(tmp_path, site)
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            prerender(pages, config, files, cache, workers=1)
        assert f"converting {converted} pages" in caplog.text, change
    assert "contains a link 'b.md', but the target is not found" in caplog.text


def test_work_forks_only_when_no_other_thread_runs() -> None:
    """Beside another thread (a server's) forking could deadlock: the work stays here."""
    import os
    import threading

    from accord.forked import fork_map

    items = list(range(300))
    assert set(fork_map(lambda _: os.getpid(), items, workers=2)) - {os.getpid()}
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert set(fork_map(lambda _: os.getpid(), items, workers=2)) == {os.getpid()}
    finally:
        stop.set()
        server.join()
