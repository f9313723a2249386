"""The built wheel carries the schemas, the console script and the mkdocs entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this source tree (hatchling, no network)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("accord-*.whl")
    return built


def test_wheel_contains_the_schemas(wheel: Path) -> None:
    """Every schema in schema/ ships inside the package as accord/schema/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (ROOT / "schema").glob("*.json"):
        assert f"accord/schema/{schema.name}" in names


def test_wheel_declares_the_script_and_plugin(wheel: Path) -> None:
    """The wheel installs the `accord` command and registers the mkdocs plugin name."""
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
    text = archive.read(entry_points).decode()
    assert "accord = accord.cli:main" in text
    assert "[mkdocs.plugins]" in text


def test_installed_wheel_finds_its_schemas(wheel: Path, tmp_path: Path) -> None:
    """Unpacked alone (no source tree), the package loads its schemas from inside itself."""
    target = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "import json, accord, accord.schema as s; "
        "print(json.dumps([accord.__file__, str(s.schema_dir()), s.load_schema('team')['$id']]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    package, schemas, schema_id = json.loads(done.stdout)
    assert Path(package).is_relative_to(target)
    assert Path(schemas) == target / "accord" / "schema"
    assert schema_id == "urn:accord:schema:team"


def test_wheel_contains_the_init_templates(wheel: Path) -> None:
    """Everything `accord init` copies (this repository's site and workflows, scaffold/) ships."""
    from accord import scaffold

    names = set(zipfile.ZipFile(wheel).namelist())
    shared = [p for pattern in scaffold.SHARED for p in ROOT.glob(pattern) if p.is_file()]
    data = [p for p in scaffold.DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    expected = [f"accord/template/{p.relative_to(ROOT).as_posix()}" for p in shared]
    expected += [f"accord/{p.relative_to(scaffold.DATA.parent).as_posix()}" for p in data]
    assert len(shared) >= len(scaffold.SHARED) and data
    assert sorted(set(expected) - names) == []
