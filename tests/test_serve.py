"""`accord serve`: the site on 127.0.0.1, rebuilt when a team file changes."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import MINIMAL_ORG, RepoWriter

ROOT = Path(__file__).resolve().parents[1]
TEAM = """\
stop_doing: [Weekly status decks]
objectives:
  - id: steady-ops
    title: Operations run without surprises
    owner: ben
    why_now: Two outages in Q3 cost us a renewal, and the next renewals are in March.
    key_results:
      - {id: incidents, title: Severity-1 incidents per month, owner: ben, start: 4, target: 1}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serving(root: Path) -> Iterator[int]:
    """`accord serve` of `root` on a free port, stopped afterwards; yields the port."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "accord", "serve", "--repo", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str, text: str, seconds: float = 40) -> str:
    """The page at `url` once it contains `text` (fails after `seconds`)."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.parametrize("own_site", [True, False], ids=["own-site", "only-okrs"])
def test_serve_rebuilds_when_a_team_file_changes(write_repo: RepoWriter, own_site: bool) -> None:
    """Saving a team file changes the served objective page without restarting, with the
    repository's own site/ or, for a repository with only okrs/, the packaged one."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM})
    if own_site:
        shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    with _serving(root) as port:
        url = f"http://127.0.0.1:{port}/2026-q4/ops/steady-ops/"
        _wait_for(url, "Operations run without surprises")
        team = root / "okrs" / "2026-q4" / "ops.yaml"
        team.write_text(TEAM.replace("run without surprises", "run calmly"), encoding="utf-8")
        _wait_for(url, "Operations run calmly")
        # okrs.json is written when asked for, from the last build
        _wait_for(f"http://127.0.0.1:{port}/okrs.json", "Operations run calmly", seconds=5)
        _wait_for(f"http://127.0.0.1:{port}/schema/team.schema.json", '"objectives"', seconds=5)


def test_a_rebuild_under_serve_renders_only_the_pages_that_changed(
    write_repo: RepoWriter, tmp_path: Path
) -> None:
    """`serve` builds dirty: after an edit, the pages whose content changed are written
    again and the others are left as they were (a deleted one stays deleted)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM})
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    out = tmp_path / "served"

    def rebuild() -> None:
        config = load_config(str(root / "site" / "mkdocs.yml"), site_dir=str(out))
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    plugins = load_config(str(root / "site" / "mkdocs.yml")).plugins  # kept across loads
    plugins.on_startup(command="serve", dirty=True)
    objective = out / "2026-q4" / "ops" / "steady-ops" / "index.html"
    untouched = out / "teams" / "index.html"
    try:
        rebuild()
        assert "Operations run without surprises" in objective.read_text("utf-8")
        untouched.unlink()
        team = root / "okrs" / "2026-q4" / "ops.yaml"
        team.write_text(TEAM.replace("run without surprises", "run calmly"), encoding="utf-8")
        rebuild()
    finally:
        plugins.on_startup(command="build", dirty=False)  # the next test's builds are whole
        for plugin in plugins.values():  # and Material's search forgets the served index
            if hasattr(plugin, "search_index_prev"):
                plugin.search_index_prev = None
    assert "Operations run calmly" in objective.read_text("utf-8")
    assert not untouched.exists()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """`accord serve` running on a free port: the port and the file its log goes to."""
    base = tmp_path_factory.mktemp("served")
    root = base / "repo"
    (root / "okrs" / "2026-q4").mkdir(parents=True)
    (root / "okrs" / "org.yaml").write_text(MINIMAL_ORG, encoding="utf-8")
    (root / "okrs" / "2026-q4" / "ops.yaml").write_text(TEAM, encoding="utf-8")
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    port, log = _free_port(), base / "serve.log"
    env = {**os.environ, "ACCORD_CACHE_DIR": str(base / "cache")}
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "accord", "serve", "--repo", str(root), "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/2026-q4/ops/steady-ops/", "Operations")
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(port: int, path: str, host: str) -> tuple[int, str]:
    """The status and body of `GET path` sent to the server with the given Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_serve_answers_only_requests_for_localhost(served: tuple[int, Path]) -> None:
    """A request naming another host (a page elsewhere rebinding its name to 127.0.0.1) is
    refused with 403 and a short body; localhost and 127.0.0.1, with the port, are served."""
    port, _ = served
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
        status, body = _get(port, "/okrs.json", host)
        assert status == 403 and len(body) < 100 and "ada" not in body, host
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "LOCALHOST"):
        status, body = _get(port, "/okrs.json", host)
        assert status == 200 and '"ada"' in body, host


def test_a_path_with_a_nul_byte_is_a_bad_request(served: tuple[int, Path]) -> None:
    """`GET /index.html%00` is answered 400, and the server logs no traceback."""
    port, log = served
    status, body = _get(port, "/index.html%00", f"127.0.0.1:{port}")
    assert status == 400 and "Traceback" not in body
    assert _get(port, "/", f"127.0.0.1:{port}")[0] == 200  # still serving
    assert "Traceback" not in log.read_text("utf-8", "replace")


def test_an_edit_that_breaks_the_okrs_shows_what_and_where_until_it_is_fixed(
    write_repo: RepoWriter,
) -> None:
    """A broken save answers every page with the errors (file:line:col), never a request
    that hangs; the page reloads itself and the site is back once the file is fixed."""
    root = write_repo({"okrs/org.yaml": MINIMAL_ORG, "okrs/2026-q4/ops.yaml": TEAM})
    shutil.copytree(ROOT / "site", root / "site", ignore=shutil.ignore_patterns("public"))
    with _serving(root) as port:
        url = f"http://127.0.0.1:{port}/2026-q4/ops/steady-ops/"
        _wait_for(url, "Operations run without surprises")
        team = root / "okrs" / "2026-q4" / "ops.yaml"
        team.write_text(TEAM.replace("owner: ben\n", "owner: nobody\n", 1), encoding="utf-8")
        page = _wait_for(url, "The OKRs have errors", seconds=20)
        assert "okrs/2026-q4/ops.yaml:5:12" in page and "E103" in page
        assert '<meta http-equiv="refresh"' in page
        other = _wait_for(f"http://127.0.0.1:{port}/teams/", "The OKRs have errors", seconds=5)
        assert "nobody" in other
        team.write_text(TEAM.replace("run without surprises", "run calmly"), encoding="utf-8")
        _wait_for(url, "Operations run calmly")
