"""The whole generated site, engine-free: its name, pages, navigation and the files beside them.

`make_site` is everything Accord adds to a site, and knows nothing of mkdocs: the mkdocs
plugin (`plugin.py`) hands it to mkdocs (or ProperDocs), `folder.py` writes it to a folder
for an engine without a plugin API. Titles are plain text here; an adapter escapes them if
its engine prints them into HTML as they are.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from accord.changes.history import History
from accord.model.findings import CheckResult
from accord.output.export import to_data
from accord.read.packaged import schema_dir
from accord.render.nav import navigation
from accord.render.pages import Page, render_pages
from accord.render.sitedata import SiteData

# Nav: a list of {title: uri} and {title: [uri or {title: ...}, ...]} (mkdocs' `nav` shape).
Nav = list[Any]


@dataclass(frozen=True)
class Site:
    """What Accord generates for one checked model as of one date."""

    name: str
    pages: list[Page]
    nav: Nav
    result: CheckResult
    as_of: date
    history: History

    @cached_property
    def data(self) -> SiteData:
        """What the pages look up (findings by page and file, the timeline), kept for
        `reach`, which compares it with the next site's."""
        return SiteData(self.result, self.as_of, history=self.history)

    def write_files(self, folder: Path) -> None:
        """Write the files beside the pages into `folder`: okrs.json and the JSON Schemas.
        okrs.json is written as it is encoded (at 1,000 teams it is 47 MB: held whole as one
        string as well as data, it was the build's peak memory)."""
        data = to_data(self.result, self.as_of, self.history)
        encoder = json.JSONEncoder(ensure_ascii=False, indent=1)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "okrs.json").open("w", encoding="utf-8") as out:
            out.writelines(encoder.iterencode(data))
        (folder / "schema").mkdir(exist_ok=True)
        for schema in sorted(schema_dir().glob("*.schema.json")):
            shutil.copyfile(schema, folder / "schema" / schema.name)


def make_site(
    result: CheckResult,
    as_of: date,
    *,
    current: str | None = None,
    history: History | None = None,
    prefix: str = "",
    help_dir: Path | None = None,
    directory_urls: bool = True,
) -> Site:
    """The site of a checked model without errors. `help_dir` is where the hand-written
    help pages are (the navigation lists those present); `prefix` is the OKR repository's
    folder in its git work tree."""
    assert result.model is not None, "a site is only made from OKRs without errors"
    history = history or History("no-git")
    pages = render_pages(result, as_of, current, history, prefix, directory_urls)
    nav = navigation(result.model, as_of, current, str(help_dir) if help_dir else "")
    return Site(f"{result.model.org.name} OKRs", pages, nav, result, as_of, history)
