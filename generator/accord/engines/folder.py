"""`accord render DIR`: the generated site written to a folder, for an engine without a plugin
API (MkDocs 2, Zensical) or for a look at the pages without building anything.

The folder is a complete docs folder: each generated page as `<path>/index.md` holding front
matter (`title`, and `hide` where the page hides the navigation) and its HTML, which every
Markdown engine passes through as it is; the hand-written pages of `site/docs/`; okrs.json
and the schemas; and the navigation as `.nav.yml` (mkdocs' `nav` shape, which
mkdocs-awesome-nav reads from that file; a dot file, so mkdocs does not publish it). The
site's name and each page's table of contents (an engine makes none from raw HTML) are in
`.accord-site.json`.

DIR must be new, empty, or a folder this command wrote before (it holds `.accord-render`),
which is then replaced: nothing else is ever deleted.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

from ruamel.yaml import YAML

from accord.model.errors import AccordError
from accord.render.pages import Page
from accord.render.site import Site

MARK = ".accord-render"


def render_folder(site: Site, out: Path, help_dir: Path | None) -> int:
    """Write `site` into `out` (see the module's docstring); returns the pages written."""
    _make_room(out)
    if help_dir is not None and help_dir.is_dir():
        shutil.copytree(help_dir, out, dirs_exist_ok=True)
    tocs = {}
    for page in site.pages:
        body = page.render()
        _write(out / page.uri, (_front_matter(page) + body.html).encode("utf-8"))
        tocs[page.uri] = [asdict(h) for h in body.toc]
    site.write_files(out)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with (out / ".nav.yml").open("w", encoding="utf-8") as handle:
        yaml.dump({"nav": site.nav}, handle)
    about = {"site_name": site.name, "toc": tocs}
    _write(out / ".accord-site.json", json.dumps(about, ensure_ascii=False, indent=1).encode())
    return len(site.pages)


def _make_room(out: Path) -> None:
    """`out` made ready: created, or emptied if this command wrote it; else refused."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise AccordError(f"{out}: not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARK).is_file():
            raise AccordError(f"{out}: not empty, and not a folder 'accord render' wrote")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARK).write_text("written by accord render; replaced by the next one\n", "utf-8")


def _front_matter(page: Page) -> str:
    lines = ["---", f"title: {json.dumps(page.title, ensure_ascii=False)}"]
    if page.hide:
        lines += ["hide:", *(f"  - {item}" for item in page.hide)]
    return "\n".join([*lines, "---", ""]) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
