"""The example's site built by MkDocs and by ProperDocs, the drop-in fork of MkDocs 1.x,
through the same plugin and the same mkdocs.yml: the same files, and the same pages but for
the line that names the engine. Accord must not be trapped in one engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(engine: str, out: Path) -> dict[str, bytes]:
    """`<engine> build` of the example as a user runs it, its files by path."""
    command = [str(BIN / engine), "build", "--strict", "-f", "site/mkdocs.yml", "-d", str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}  # 2026-11-23 for both
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return {
        path.relative_to(out).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    if not (BIN / "properdocs").exists():
        pytest.fail("ProperDocs is a test dependency: pip install -e '.[test]'")
    mkdocs = _build("mkdocs", tmp_path / "mkdocs")
    properdocs = _build("properdocs", tmp_path / "properdocs")
    assert sorted(properdocs) == sorted(mkdocs), "the same pages and files"
    assert len([p for p in mkdocs if p.endswith("/index.html")]) > 100
    differ = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert not differ, f"built differently by the two engines: {differ[:10]}"
