"""The scale benchmark (issue 8; targets of issue 15): every figure side by side, one run.

    python benchmarks/run.py [--teams 100 300 1000] [--commits 2000] [--json results.json]
                             [--keep DIR]

For each N it generates the organisation (benchmarks/generate.py) into a temporary folder and
measures, in the same run:

- check: `accord check` as a subprocess (the whole process, start-up included), against a
  subprocess that parses the same files with ruamel.yaml's C-accelerated safe loader
  (`YAML(typ="safe", pure=False)`) and one that parses them round-trip (`YAML(typ="rt")`);
  best of 3 each.
- build: `accord build --as-of 2026-11-23` from cold (the repository's site/ copied in, the
  cache folder ($ACCORD_CACHE_DIR) emptied, history included), with its peak memory, against a
  bare mkdocs-material build of the same number of plain pages with `navigation.prune` and with
  Material's automatic navigation (skipped when the automatic build would take more than
  about 10 minutes, extrapolated from its square-law growth).
- rebuild: `accord build` again after one new commit, cache kept.
- history: `accord.changes.history.load_history` cold, against one `git log --follow -p` per OKR file
  over the same files, and against parsing the distinct file versions alone (every blob of
  an OKR file the history holds, read in one `git cat-file --batch` beforehand, parsed with
  Accord's own reader and with ruamel's C safe loader).
- serve: `python -m accord serve`, from saving a team file (one objective title changed) to the
  team page served with the new title, polled over HTTP every 50 ms.

It prints a table and, with --json, writes every figure, the machine and the ratios the
issue's targets name.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

AS_OF = "2026-11-23"
EPOCH = str(int(datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp()))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
AUTO_NAV_LIMIT = 600.0  # seconds: skip the automatic-navigation build beyond this estimate
PY = sys.executable

PARSE = """
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML(typ=sys.argv[1], pure=False)
for name in Path(sys.argv[2]).read_text().split("\\n"):
    yaml.load(Path(name).read_text(encoding="utf-8"))
"""


def _bare_site_module():
    """benchmarks/site.py (named like the standard library's `site`, so loaded by path)."""
    spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def best(func: Callable[[], object], times: int = 3) -> float:
    return min(timed(func) for _ in range(times))


def run(
    command: list[str], cwd: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=check, env=ENV)


def git(repo: Path, *args: str) -> str:
    return run(["git", *args], cwd=repo).stdout


def okr_files(repo: Path) -> list[Path]:
    return sorted((repo / "okrs").rglob("*.yaml"))


# ----------------------------------------------------------------------------- measurements


def measure_check(repo: Path, tmp: Path) -> dict[str, float | int]:
    files = okr_files(repo)
    listing = tmp / "files.txt"
    listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    script = tmp / "parse.py"
    script.write_text(PARSE, encoding="utf-8")
    command = [
        PY,
        "-m",
        "accord",
        "check",
        "--repo",
        str(repo),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]
    out = run(command, check=False)
    findings = json.loads(out.stdout)["findings"]
    check = best(lambda: run(command, check=False))
    safe = best(lambda: run([PY, str(script), "safe", str(listing)]))
    rt = best(lambda: run([PY, str(script), "rt", str(listing)]))
    return {
        "files": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "errors": sum(1 for f in findings if str(f["rule"]).startswith("E")),
        "warnings": sum(1 for f in findings if str(f["rule"]).startswith("W")),
        "check_s": check,
        "safe_c_parse_s": safe,
        "roundtrip_parse_s": rt,
    }


def accord_build(repo: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of one `accord build`."""
    command = [PY, "-m", "accord", "build", "--repo", str(repo), "--as-of", AS_OF]
    if Path("/usr/bin/time").exists():
        start = time.perf_counter()
        done = run(["/usr/bin/time", "-v", *command])
        took = time.perf_counter() - start
        peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))  # type: ignore[union-attr]
        return took, peak
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    took = timed(lambda: run(command))
    return took, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def one_commit(repo: Path, n: int) -> str:
    """Change one objective title in a team file and commit it; the new title."""
    path = sorted((repo / "okrs" / "2026-q4").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^    title: (.*)$", text, re.M)
    assert match
    new = f"Benchmark edit {n} of {match.group(1).strip(chr(34))}"
    path.write_text(text[: match.start(1)] + f'"{new}"' + text[match.end(1) :], encoding="utf-8")
    git(
        repo,
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=bench@example.com",
        "commit",
        "-qam",
        f"Retitle an objective (#{9000 + n})",
    )
    return new


def measure_build(repo: Path, tmp: Path, skip_auto: bool) -> dict[str, float | int | str | None]:
    shutil.rmtree(repo / "site", ignore_errors=True)
    shutil.copytree(ROOT / "site", repo / "site", ignore=shutil.ignore_patterns("public"))
    cache = tmp / "accord-cache"  # the builds' cache folder, emptied for the cold build
    ENV["ACCORD_CACHE_DIR"] = str(cache)
    shutil.rmtree(cache, ignore_errors=True)
    cold, peak = accord_build(repo)
    pages = sum(1 for _ in (repo / "site" / "public").rglob("index.html"))
    one_commit(repo, 1)
    rebuild, _ = accord_build(repo)
    bare = _bare_site_module()
    pruned = bare.build_bare(tmp / "bare-pruned", pages, prune=True)
    # Material's automatic navigation grows with the square of the page count (issue 8:
    # 31 s for 1,000 pages); estimate before paying for it.
    estimate = 31.0 * (pages / 1000) ** 2
    auto: float | None = None
    note = ""
    if skip_auto or estimate > AUTO_NAV_LIMIT:
        note = f"skipped (estimated {estimate:.0f} s from 31 s at 1,000 pages, square law)"
    else:
        auto = bare.build_bare(tmp / "bare-auto", pages, prune=False)
    return {
        "pages": pages,
        "build_cold_s": cold,
        "build_peak_kb": peak,
        "rebuild_one_commit_s": rebuild,
        "mkdocs_prune_s": pruned,
        "mkdocs_auto_s": auto,
        "mkdocs_auto_note": note,
    }


def measure_history(repo: Path, tmp: Path) -> dict[str, float | int]:
    from ruamel.yaml import YAML

    from accord.changes.history import load_history
    from accord.read import source
    from accord.read.text import decode

    cache = tmp / "history-cache.json"
    cache.unlink(missing_ok=True)
    entries = 0

    def cold() -> None:
        nonlocal entries
        entries = len(load_history(repo, cache=cache).entries)

    history = timed(cold)
    cache.unlink(missing_ok=True)
    files = [str(f.relative_to(repo)) for f in okr_files(repo)]
    follow = timed(
        lambda: [
            run(["git", "log", "--follow", "-p", "--format=%H", "--", f], cwd=repo) for f in files
        ]
    )
    # the distinct versions of OKR files anywhere in the history, read once beforehand
    raw = git(
        repo, "log", "--raw", "--no-abbrev", "--no-renames", "--format=", "--all", "--", "okrs"
    )
    blobs: dict[str, str] = {}
    for line in raw.splitlines():
        parts = line.split("\t")
        meta = parts[0].split()
        if len(meta) >= 4 and parts[-1].endswith(".yaml") and set(meta[3]) != {"0"}:
            blobs[meta[3]] = parts[-1]
    batch = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        input="\n".join(blobs).encode() + b"\n",
        capture_output=True,
        check=True,
    ).stdout
    versions: list[tuple[str, bytes]] = []
    at = 0
    for blob in blobs:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        versions.append((blobs[blob], batch[header_end + 1 : header_end + 1 + size]))
        at = header_end + 1 + size + 1
    accord_parse = timed(
        lambda: [source.parse(decode(data, path), path) for path, data in versions]
    )
    safe = YAML(typ="safe", pure=False)
    safe_parse = timed(lambda: [safe.load(data) for _, data in versions])
    return {
        "history_entries": entries,
        "distinct_versions": len(versions),
        "history_cold_s": history,
        "git_log_follow_s": follow,
        "follow_files": len(files),
        "parse_versions_accord_s": accord_parse,
        "parse_versions_safe_c_s": safe_parse,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def measure_serve(repo: Path, limit: float = 900.0) -> dict[str, float | str | None]:
    port = free_port()
    path = sorted((repo / "okrs" / "2026-q4").glob("*.yaml"))[0]
    url = f"http://127.0.0.1:{port}/teams/{path.stem}/"
    log = open(repo.parent / "serve.log", "w")  # noqa: SIM115 (closed in finally)
    process = subprocess.Popen(
        [PY, "-m", "accord", "serve", "--port", str(port), "--repo", str(repo)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )
    try:
        start = time.perf_counter()
        page = None
        while page is None and time.perf_counter() - start < limit and process.poll() is None:
            time.sleep(0.2)
            page = fetch(url)
        first = time.perf_counter() - start
        if page is None:
            return {
                "serve_first_page_s": None,
                "serve_edit_to_page_s": None,
                "serve_note": "page never served",
            }
        time.sleep(1.0)  # let the watcher settle
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^    title: (.*)$", text, re.M)
        assert match
        new = "Served edit of this objective at scale"
        saved = time.perf_counter()
        path.write_text(text[: match.start(1)] + new + text[match.end(1) :], encoding="utf-8")
        seen = None
        while time.perf_counter() - saved < limit and process.poll() is None:
            page = fetch(url)
            if page and new in page:
                seen = time.perf_counter() - saved
                break
            time.sleep(0.05)
        return {
            "serve_first_page_s": first,
            "serve_edit_to_page_s": seen,
            "serve_note": "" if seen else "edit never seen",
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        git(repo, "checkout", "--", str(path.relative_to(repo)))


# ----------------------------------------------------------------------------- the run


def machine() -> dict[str, object]:
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "nproc": os.cpu_count(),
        "memory_gb": memory,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": run(["git", "--version"]).stdout.strip(),
        "versions": {
            p: version(p) for p in ("accord-okrs", "mkdocs", "mkdocs-material", "ruamel.yaml")
        },
    }


def one(
    teams: int, commits: int, skip_auto: bool, serve: bool, keep: Path | None = None
) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"accord-bench-{teams}-") as name:
        tmp = Path(name)
        repo = tmp / "repo" if keep is None else keep / f"teams-{teams}"
        shutil.rmtree(repo, ignore_errors=True)
        row: dict[str, object] = {"teams": teams, "commits": commits}
        row["generate_s"] = timed(lambda: generate(repo, teams, commits))
        print(f"[{teams}] generated in {row['generate_s']:.1f} s", file=sys.stderr, flush=True)
        row.update(measure_check(repo, tmp))
        print(f"[{teams}] check {row['check_s']:.2f} s", file=sys.stderr, flush=True)
        row.update(measure_history(repo, tmp))
        print(f"[{teams}] history {row['history_cold_s']:.2f} s", file=sys.stderr, flush=True)
        row.update(measure_build(repo, tmp, skip_auto))
        print(f"[{teams}] build {row['build_cold_s']:.1f} s", file=sys.stderr, flush=True)
        if serve:
            row.update(measure_serve(repo))
            print(f"[{teams}] serve {row['serve_edit_to_page_s']}", file=sys.stderr, flush=True)
    return row


def ratios(rows: list[dict[str, object]]) -> dict[str, object]:
    def r(a: object, b: object) -> float | None:
        return round(float(a) / float(b), 2) if a is not None and b else None  # type: ignore[arg-type]

    out: dict[str, object] = {}
    for row in rows:
        n = row["teams"]
        out[str(n)] = {
            "check_over_safe_c_parse (target <= 2)": r(row["check_s"], row["safe_c_parse_s"]),
            "roundtrip_over_safe_c_parse": r(row["roundtrip_parse_s"], row["safe_c_parse_s"]),
            "build_over_mkdocs_prune (target <= 1.0)": r(
                row["build_cold_s"], row["mkdocs_prune_s"]
            ),
            "mkdocs_prune_over_auto": r(row["mkdocs_prune_s"], row.get("mkdocs_auto_s")),
            "rebuild_over_cold (target <= 0.25)": r(
                row["rebuild_one_commit_s"], row["build_cold_s"]
            ),
            "history_over_parse_versions (target <= 1.5)": r(
                row["history_cold_s"], row["parse_versions_accord_s"]
            ),
            "history_over_git_log_follow": r(row["history_cold_s"], row["git_log_follow_s"]),
            "peak_memory_mb (target <= 700)": round(int(row["build_peak_kb"]) / 1024),  # type: ignore[call-overload]
            "serve_edit_to_page_s (target <= 2)": row.get("serve_edit_to_page_s"),
        }
    by = {row["teams"]: row for row in rows}
    if 300 in by and 1000 in by:
        out["build_1000_over_300 (target <= 3.6)"] = r(
            by[1000]["build_cold_s"], by[300]["build_cold_s"]
        )
    return out


COLUMNS = [
    ("files", "OKR files", "{}"),
    ("pages", "site pages", "{}"),
    ("errors", "check errors", "{}"),
    ("warnings", "check warnings", "{}"),
    ("check_s", "accord check (process)", "{:.2f} s"),
    ("safe_c_parse_s", "ruamel safe C parse (process)", "{:.2f} s"),
    ("roundtrip_parse_s", "ruamel round-trip parse (process)", "{:.2f} s"),
    ("build_cold_s", "accord build, cold", "{:.1f} s"),
    ("build_peak_kb", "  peak memory", "{}"),
    ("rebuild_one_commit_s", "accord build after one commit", "{:.1f} s"),
    ("mkdocs_prune_s", "bare mkdocs-material, prune", "{:.1f} s"),
    ("mkdocs_auto_s", "bare mkdocs-material, auto nav", "{:.1f} s"),
    ("history_cold_s", "accord history, cold", "{:.2f} s"),
    ("history_entries", "  history entries", "{}"),
    ("distinct_versions", "distinct file versions", "{}"),
    ("parse_versions_accord_s", "  parse them (accord reader)", "{:.2f} s"),
    ("parse_versions_safe_c_s", "  parse them (ruamel safe C)", "{:.2f} s"),
    ("git_log_follow_s", "git log --follow -p per file", "{:.1f} s"),
    ("serve_first_page_s", "accord serve, first page", "{:.1f} s"),
    ("serve_edit_to_page_s", "accord serve, save to page", "{:.2f} s"),
    ("generate_s", "generate (fast-import)", "{:.1f} s"),
]


def table(rows: list[dict[str, object]]) -> str:
    head = f"{'teams':<36}" + "".join(f"{row['teams']:>14}" for row in rows)
    lines = [head, "-" * len(head)]
    for key, label, fmt in COLUMNS:
        cells = []
        for row in rows:
            value = row.get(key)
            if key == "build_peak_kb" and value is not None:
                cells.append(f"{int(value) / 1024:.0f} MB")  # type: ignore[call-overload]
            else:
                cells.append("-" if value is None else fmt.format(value))
        lines.append(f"{label:<36}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument(
        "--no-auto-nav", action="store_true", help="skip the automatic-navigation mkdocs build"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the accord serve measurement")
    parser.add_argument(
        "--keep", type=Path, help="generate into KEEP/teams-N and keep it, with its built site"
    )
    args = parser.parse_args()
    rows = []
    for n in args.teams:
        rows.append(one(n, args.commits, args.no_auto_nav, not args.no_serve, args.keep))
        if args.json:  # after each N, so a long run keeps what it has
            result = {
                "machine": machine(),
                "commits": args.commits,
                "results": rows,
                "ratios": ratios(rows),
            }
            args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print()
    print(json.dumps(ratios(rows), indent=2))


if __name__ == "__main__":
    main()
