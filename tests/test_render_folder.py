"""`accord render DIR`: the pages the plugin builds, written to a folder any engine can read.

The folder is built by plain mkdocs-material with no Accord plugin (as an engine without a
plugin API would see it: its `.nav.yml` as the navigation) and must give the same pages,
reading the same, as the plugin's build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from ruamel.yaml import YAML

from sitetext import page_text

from conftest import Runner, build_site

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"


def example(root: Path) -> Path:
    shutil.copytree(ROOT / "okrs", root / "okrs")
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    return root


def plain_build(folder: Path, out: Path) -> Path:
    """mkdocs-material over `folder`, with the example's theme and extensions, no plugin."""
    settings = YAML(typ="safe").load((ROOT / "site" / "mkdocs.yml").read_text("utf-8"))
    nav = YAML(typ="safe").load((folder / ".nav.yml").read_text("utf-8"))["nav"]
    name = json.loads((folder / ".accord-site.json").read_text("utf-8"))["site_name"]
    settings.update(
        docs_dir=str(folder), site_dir=str(out), nav=nav, plugins=["search"], site_name=name
    )
    settings["theme"]["custom_dir"] = str(ROOT / "site" / "overrides")
    config_file = out.parent / "plain-mkdocs.yml"
    config_file.write_text(json.dumps(settings), "utf-8")  # JSON is YAML
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return out


def test_the_folder_builds_into_the_same_pages(tmp_path: Path, run: Runner) -> None:
    """Every page of the plugin's build, and no other, reads the same built from the folder."""
    repo = example(tmp_path / "repo")
    done = run("render", tmp_path / "folder", "--repo", repo, "--as-of", AS_OF)
    assert done.exit_code == 0, done.output
    assert "Rendered 110 pages" in done.output
    folder = tmp_path / "folder"
    assert json.loads((folder / "okrs.json").read_text("utf-8"))["as_of"] == AS_OF
    assert (folder / "schema" / "team.schema.json").is_file()
    plain = plain_build(folder, tmp_path / "plain")
    plugin = build_site(repo, tmp_path / "plugin", AS_OF)
    pages = sorted(p.relative_to(plugin).as_posix() for p in plugin.rglob("*.html"))
    assert sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.html")) == pages
    for page in pages:
        expected = page_text((plugin / page).read_text("utf-8"))
        got = page_text((plain / page).read_text("utf-8"))
        for part in ("title", "text", "links"):
            assert got[part] == expected[part], f"{page}: {part}"
        # An engine makes no table of contents from raw HTML (.accord-site.json has it), so
        # the navigation is compared without the links into the page itself.
        assert _pages(got["nav_links"]) == _pages(expected["nav_links"]), page


def _pages(links: object) -> list[str]:
    assert isinstance(links, list)
    return [link for link in links if not link.startswith("#")]


def test_render_refuses_a_folder_it_did_not_write(tmp_path: Path, run: Runner) -> None:
    """A folder with other files is left as it is; one `render` wrote is replaced."""
    repo = example(tmp_path / "repo")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", "utf-8")
    refused = run("render", tmp_path / "mine", "--repo", repo, "--as-of", AS_OF)
    assert refused.exit_code != 0
    assert "not empty, and not a folder 'accord render' wrote" in refused.stderr
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]
    first = run("render", tmp_path / "out", "--repo", repo, "--as-of", AS_OF)
    (tmp_path / "out" / "stale.md").write_text("gone after the next render", "utf-8")
    second = run("render", tmp_path / "out", "--repo", repo, "--as-of", AS_OF)
    assert first.exit_code == second.exit_code == 0
    assert not (tmp_path / "out" / "stale.md").exists()


@pytest.mark.parametrize("title", ["<b>x</b>", "a: b # c", '"quoted" \\ back'])
def test_front_matter_keeps_any_title(tmp_path: Path, run: Runner, title: str) -> None:
    """A title is written as a YAML string that reads back as exactly the title."""
    repo = example(tmp_path / "repo")
    ops = repo / "okrs" / "2026-q4" / "operations.yaml"
    text = ops.read_text("utf-8")
    old = "title: Customers can count on us to arrive when we said we would"
    assert old in text
    ops.write_text(text.replace(old, f"title: {json.dumps(title)}", 1), "utf-8")
    assert run("render", tmp_path / "out", "--repo", repo, "--as-of", AS_OF).exit_code == 0
    page = (tmp_path / "out" / "2026-q4/operations/on-time-service/index.md").read_text("utf-8")
    front = page.split("---\n")[1]
    assert YAML(typ="safe").load(front)["title"] == title
