"""The files Accord ships beside its code, found in the installed wheel or, run from a source
tree, in the tree itself: the JSON Schemas, and this repository's site and workflows that
`accord init` copies and `accord build` falls back on (`accord/template/`, pyproject.toml's
force-include).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def schema_dir() -> Path:
    """Where the JSON Schemas are: accord/schema/ of the installed wheel, else schema/ of the
    source tree."""
    packaged = resources.files("accord") / "schema"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "schema"


def template_root() -> Path:
    """Where the site and workflows `accord init` copies are (`edit/scaffold.py`, `SHARED`):
    accord/template/ of the installed wheel, else the source tree."""
    packaged = resources.files("accord") / "template"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3]
