"""`accord init`: the files of a new OKR repository, written into a new or empty folder.

Three sources, none of them a second copy to maintain: this repository's own site and
workflows (`SHARED`, shipped in the wheel as `accord/template/`), the packaged schemas, and
`scaffold/` (the example `okrs/`, the README, the pre-commit config and `.gitignore`).
The example's cycles are the year and the quarter of `as_of`, so it is valid whenever it
is made.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from accord import DISTRIBUTION, __version__
from accord.check import check
from accord.model.errors import AccordError
from accord.output.codeowners import PATH as CODEOWNERS
from accord.output.codeowners import format_codeowners, write_codeowners
from accord.read.packaged import schema_dir, template_root

# This repository's files that every OKR repository gets as they are (globs); in the wheel
# they are under accord/template/ (pyproject.toml, [tool.hatch.build.targets.wheel.force-include]).
SHARED = (
    "site/mkdocs.yml",
    "site/docs/*.md",
    "site/docs/accord.css",
    "site/docs/accord-map.js",
    "site/overrides/**/*.html",
    ".github/workflows/okrs-pr.yml",
    ".github/workflows/okrs-pr-comment.yml",
    ".github/workflows/okrs-review.yml",
    ".github/workflows/site.yml",
    ".github/workflows/checkin-rhythm.yml",
    ".github/workflows/okrs-issue.yml",
    ".github/ISSUE_TEMPLATE/*.yml",
    ".github/workflows/okrs-agreed.yml",
    ".github/PULL_REQUEST_TEMPLATE.md",
)
DATA = Path(__file__).with_name("scaffold")
NEXT_STEPS = """
Next steps:
  cd {dir}
  git init -b main && git add . && git commit -m "Start our OKRs"
  accord check      # the example has no problems
  accord build      # the site, into site/public/ (accord serve shows it as you edit)
Then make okrs/ your organisation's (README.md says how), run `accord codeowners` after
changing people or teams, and push to GitHub.
"""
_DOTTED = {"gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml"}
# Where this repository's workflows install Accord from their own checkout: the step and the
# comment above it, which speaks of this repository. An OKR repository installs the release.
_INSTALL = re.compile(
    r"^(?:[ \t]*#.*\n)*(?P<indent>[ \t]*)- name: Install Accord\n"
    r"(?P<run>[ \t]*run: python -m pip install) \.$",
    re.MULTILINE,
)
_RELEASED = (
    "{indent}# Accord, pinned to the release that wrote this file. To upgrade, change the pin in\n"
    "{indent}# every workflow and in .pre-commit-config.yaml, in one pull request.\n"
    '{indent}- name: Install Accord\n{run} "{pin}"'
)
# scaffold/ files other than okrs/ (the README, the pre-commit config) name the release to
# install as this placeholder; init writes the version that is running.
VERSION_FIELD = "{accord_version}"


def pin() -> str:
    """The requirement every generated file installs: this very release of Accord."""
    return f"{DISTRIBUTION}=={__version__}"


def template_files(as_of: date) -> dict[str, bytes]:
    """{repository-relative path: content} of a new OKR repository, but for CODEOWNERS."""
    files = {**_shared(template_root()), **_schemas(), **_scaffold(_fields(as_of))}
    return dict(sorted(files.items()))


def init(root: Path, *, as_of: date) -> list[str]:
    """Write a new OKR repository into `root` (created, or empty) and list what was written."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        what = "is not empty" if root.is_dir() else "is not a folder"
        raise AccordError(f"{root}: {what}; accord init writes only into a new or empty folder")
    files = template_files(as_of)
    try:
        for rel, content in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(content)
    except OSError as exc:
        raise AccordError(f"{exc.filename}: cannot write: {exc.strerror}") from None
    result = check(root, as_of=as_of)
    if result.model is None or result.errors:
        raise AccordError(f"{root}: the example OKRs have errors; this is a bug in Accord")
    write_codeowners(root, format_codeowners(result.model))
    return sorted([*files, CODEOWNERS])


def for_okr_repository(name: str, workflow: str) -> str:
    """A workflow of this repository, installing this release of Accord instead of `.`."""
    text = _INSTALL.sub(lambda m: _RELEASED.format(**m.groupdict(), pin=pin()), workflow)
    if re.search(r"pip install\b.*\s\.$", text, re.MULTILINE):
        raise AccordError(f"{name}: an install of `.` that accord init cannot rewrite (a bug)")
    return text


def _shared(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for pattern in SHARED:
        found = sorted(p for p in root.glob(pattern) if p.is_file())
        if not found:
            raise AccordError(f"{root / pattern}: missing from the installed Accord")
        for path in found:
            rel = path.relative_to(root).as_posix()
            content = path.read_bytes()
            if rel.startswith(".github/workflows/"):
                content = for_okr_repository(rel, content.decode("utf-8")).encode("utf-8")
            files[rel] = content
    return files


def _schemas() -> dict[str, bytes]:
    return {f"schema/{p.name}": p.read_bytes() for p in sorted(schema_dir().glob("*.json"))}


def _scaffold(fields: dict[str, str]) -> dict[str, bytes]:
    """scaffold/ with its dot-files renamed; paths and text under okrs/ filled in from `fields`,
    the version to pin elsewhere (VERSION_FIELD)."""
    files: dict[str, bytes] = {}
    for path in sorted(p for p in DATA.rglob("*") if p.is_file()):
        rel = path.relative_to(DATA).as_posix()
        content = path.read_bytes()
        if rel.startswith("okrs/"):
            rel = rel.format_map(fields)
            content = content.decode("utf-8").format_map(fields).encode("utf-8")
        else:
            content = content.replace(VERSION_FIELD.encode(), __version__.encode())
        files[_DOTTED.get(rel, rel)] = content
    return files


def _fields(as_of: date) -> dict[str, str]:
    """The example's cycles: the year of `as_of` and its quarter, and `as_of` itself."""
    quarter = (as_of.month - 1) // 3 + 1
    start = date(as_of.year, 3 * quarter - 2, 1)
    end = date(as_of.year + (quarter == 4), 3 * quarter % 12 + 1, 1) - timedelta(days=1)
    return {
        "year": str(as_of.year),
        "year_start": f"{as_of.year}-01-01",
        "year_end": f"{as_of.year}-12-31",
        "quarter": f"{as_of.year}-q{quarter}",
        "quarter_start": start.isoformat(),
        "quarter_end": end.isoformat(),
        "today": as_of.isoformat(),
    }
