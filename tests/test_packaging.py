"""The built wheel carries the schemas, the console script and the mkdocs entry point; it is
the distribution accord-okrs, and everything it ships or generates installs that, pinned."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import accord
from accord.edit import scaffold

from conftest import Runner

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
    (built,) = out.glob("accord_okrs-*.whl")
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
    assert "accord = accord.cli.main:main" in text
    assert "[mkdocs.plugins]" in text


def test_installed_wheel_finds_its_schemas(wheel: Path, tmp_path: Path) -> None:
    """Unpacked alone (no source tree), the package loads its schemas from inside itself."""
    target = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "import json, accord, accord.read.schema as s, accord.read.packaged as p; "
        "print(json.dumps([accord.__file__, str(p.schema_dir()), s.load_schema('team')['$id']]))"
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


def test_installed_wheel_builds_a_repository_with_only_okrs(wheel: Path, tmp_path: Path) -> None:
    """Unpacked alone, the package builds a repository that has no site/ with the site it
    ships, into that repository's site/public/."""
    target = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(target)
    repo = tmp_path / "org"
    shutil.copytree(ROOT / "okrs", repo / "okrs")
    env = {**os.environ, "PYTHONPATH": str(target)}
    command = [
        sys.executable,
        "-m",
        "accord",
        "build",
        "--repo",
        str(repo),
        "--as-of",
        "2026-11-23",
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "using the site Accord ships" in done.stderr
    assert (repo / "site" / "public" / "index.html").is_file()
    assert not (target / "accord" / "template" / "site" / "public").exists()


def test_wheel_contains_the_init_templates(wheel: Path) -> None:
    """Everything `accord init` copies (this repository's site and workflows, scaffold/) ships."""
    names = set(zipfile.ZipFile(wheel).namelist())
    shared = [p for pattern in scaffold.SHARED for p in ROOT.glob(pattern) if p.is_file()]
    data = [p for p in scaffold.DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    expected = [f"accord/template/{p.relative_to(ROOT).as_posix()}" for p in shared]
    expected += [f"accord/{p.relative_to(scaffold.DATA.parents[1]).as_posix()}" for p in data]
    assert len(shared) >= len(scaffold.SHARED) and data
    assert sorted(set(expected) - names) == []


# What follows `pip install` on a line, up to the end of that command.
INSTALL = re.compile(r"pip install\b([^\n]*?)(?=&&|;|\||#|$)", re.MULTILINE)
# `accord` as a requirement, but for the distribution accord-okrs (accord==1.0, accord[x]...).
BARE = re.compile(r"(?<![\w-])accord(?!-okrs\b)(?![\w-])")
PIN = re.compile(r"accord-okrs==(\{accord_version\}|<[^>\n]*>|[^\s\"'`\]]+)")


def _bare_installs(text: str) -> list[str]:
    """The `pip install` commands and pre-commit dependencies in `text` naming bare `accord`."""
    found = [m[0] for m in INSTALL.finditer(text) if BARE.search(m[1])]
    found += re.findall(r"additional_dependencies:[^\n]*\baccord\b(?!-okrs)[^\n]*", text)
    return found


def _hooks(text: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(repository, hook) for each hook of a pre-commit config; a hooks file is one repository."""
    data = YAML(typ="safe").load(text)
    if isinstance(data, list):
        return [({"repo": "this"}, hook) for hook in data]
    return [(repo, hook) for repo in data.get("repos", []) for hook in repo.get("hooks", [])]


def _check_pins(files: dict[str, str], allowed: set[str]) -> int:
    """Fail on a bare `accord` install or a pin not in `allowed`; the number of pins."""
    pins = 0
    for name, text in files.items():
        assert not _bare_installs(text), name
        for pin in PIN.findall(text):
            assert pin in allowed, f"{name}: accord-okrs=={pin}"
            pins += 1
        if name.endswith(("pre-commit-config.yaml", ".pre-commit-hooks.yaml")):
            for repo, hook in _hooks(text.replace("{accord_version}", "0")):
                deps = [str(d) for d in hook.get("additional_dependencies", [])]
                assert not [d for d in deps if BARE.search(d)], f"{name}: {hook['id']}"
                if hook["id"] != "accord-check" or repo["repo"] != "local":
                    continue  # a hook of Accord's repository installs it from `rev`
                assert hook["language"] == "system" or [
                    d for d in deps if d.startswith("accord-okrs==")
                ], f"{name}: accord-check installs no pinned accord-okrs"
    return pins


def _text_files(folder: Path) -> dict[str, str]:
    """The text files under `folder` (not caches, not the README's screenshots)."""
    found = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".png"
    )
    return {p.as_posix(): p.read_text(encoding="utf-8") for p in found}


def test_the_distribution_is_accord_okrs(wheel: Path) -> None:
    """The wheel is named accord-okrs; the package imported and the command are accord."""
    archive = zipfile.ZipFile(wheel)
    metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    assert "\nName: accord-okrs\n" in archive.read(metadata).decode()
    assert accord.DISTRIBUTION == "accord-okrs"
    assert scaffold.pin() == f"accord-okrs=={accord.__version__}"


def test_shipped_files_install_accord_okrs(wheel: Path) -> None:
    """Nothing in the wheel's templates, .github/ or scaffold/ installs bare `accord`; a pin
    names the version to come (the placeholder init fills in) or the version running."""
    archive = zipfile.ZipFile(wheel)
    shipped = {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.startswith(("accord/template/", "accord/edit/scaffold/"))
    }
    shipped |= _text_files(ROOT / ".github") | _text_files(scaffold.DATA)
    for name in [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"]:
        shipped[name] = (ROOT / name).read_text(encoding="utf-8")
    allowed = {scaffold.VERSION_FIELD, accord.__version__, "<that version>"}
    assert _check_pins(shipped, allowed) >= 2 * 6  # the wheel's and the source's


def test_a_new_repository_pins_the_version_that_made_it(tmp_path: Path, run: Runner) -> None:
    """`accord init`'s workflows, pre-commit hook and README install accord-okrs==__version__."""
    root = tmp_path / "new"
    assert run("init", root).exit_code == 0
    made = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    files = {rel: p.read_text(encoding="utf-8") for rel, p in made.items() if "okrs/" not in rel}
    assert _check_pins(files, {accord.__version__}) >= 6
    workflows = [rel for rel in files if rel.startswith(".github/workflows/")]
    installs = [rel for rel in workflows if "pip install" in files[rel]]
    assert len(installs) >= 4
    for rel in installs:
        step = f'run: python -m pip install "accord-okrs=={accord.__version__}"'
        assert step in files[rel], rel
    assert f'["accord-okrs=={accord.__version__}"]' in files[".pre-commit-config.yaml"]
    assert "{accord_version}" not in "".join(files.values())


@pytest.mark.parametrize(
    "text",
    [
        "run: python -m pip install accord\n",
        "run: pip install -U 'accord==0.1.0'\n",
        "  # instead: pip install accord[extra] && accord check\n",
        "        additional_dependencies: [accord]\n",
        "repos:\n  - repo: local\n    hooks:\n      - id: accord-check\n"
        "        language: python\n        additional_dependencies: [click]\n",
    ],
)
def test_a_bare_accord_install_is_caught(text: str) -> None:
    """The checks above catch each way of installing the wrong package (self-test)."""
    with pytest.raises(AssertionError):
        _check_pins({"x/.pre-commit-config.yaml": text}, {accord.__version__})


def test_an_accord_okrs_install_and_the_accord_command_pass() -> None:
    """`accord` the command, after the install of accord-okrs, is no install of `accord`."""
    text = 'run: python -m pip install "accord-okrs==1.2.3" && accord check\n'
    assert _check_pins({"w.yml": text}, {"1.2.3"}) == 1
