"""Fuzz test (issue 12): generated OKR repositories, refs, numbers, dates, file names and
commits thrown at `accord check`, `export`, `diff` and `checkin` through the real CLI.

Every case starts from the valid organisation `accord init` writes (made once per module
and committed to git as `main`), mutates it, and runs commands on it in-process. Whatever
the input, the command keeps the contract of design cli.md: exit 0, 1 or 2; no traceback
and no "internal error" (an exception `cli.main` would turn into one is a failure here);
a 2 comes with one line on stderr; nothing outside the repository is touched; and
`checkin` either adds exactly one check-in to the key result it names, inserting text and
removing none, or exits non-zero and leaves every byte as it was.

Profiles: `ci` (when CI is set: a fixed number of derandomized cases, no example
database) and `dev` (random, with Hypothesis' database in .hypothesis/). ACCORD_FUZZ_EXAMPLES
overrides the number of cases per test. The terminal summary says how many ran.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import shutil
import subprocess
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click.testing
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from accord.cli.main import cli

from conftest import FUZZ_CASES
from mutations import value_paths

AS_OF = "2026-11-23"  # the day `accord init` makes its example for, and "today" in every case
EPOCH = "1795392000"  # SOURCE_DATE_EPOCH of AS_OF, so no case depends on the clock
CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "0"))

_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
}
settings.register_profile("ci", max_examples=EXAMPLES or 500, derandomize=True, database=None,
                          print_blob=True, **_COMMON)  # fmt: skip
settings.register_profile("dev", max_examples=EXAMPLES or 150, print_blob=True, **_COMMON)
FUZZ = settings.get_profile("ci" if CI else "dev")

# Strings that have broken parsers, renderers, shells and git parsing elsewhere.
# fmt: off
HOSTILE = [
    "", " ", "<script>alert(1)</script>", "`rm -rf ~`", "```\ncode\n```", "$(touch pwned)",
    "\x1e", "\x1f", "a\x1eb\x1fc", "line\nbreak", "cr\rlf\r\n", "tab\there", "\x0b\x0c\x1b[31m",
    "\x01\x02\x07\x08", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e\u200f",
    "ops²", "²", "³¹", "٣", "𝟙", "Ⅻ", "1" * 400, "-" + "9" * 400, "1e400", "-1e400", ".inf",
    ".nan", "0x1F", "0o17", "1_000", "08", "+5", "0000-01-01", "9999-12-31", "2026-02-30",
    "2026-13-01", "10000-01-01", "null", "~", "yes", "no", "on", "true", "{{ config }}",
    "{% raw %}", "]]>", "&amp;", "*alias", "&anchor x", "!!python/object:os.system", "---",
    "...", "# not a comment", "'", '"', "\\", "\\u0000", "%TAG ! x", "@at", "|", ">", "?",
    ": colon", "- dash", "[a, b", "{a: b", "🙂", "e\u0301", "Ω" * 300, "x" * 5000,
    "../../outside/keep.txt", "/etc/passwd", "C:\\con", "-h", "--help", "--output=../outside/x",
]
HOSTILE_IDS = [
    "a", "x" * 63, "x" * 64, "Ops", "ops²", "ops\n", "a\nb", "-x", "x-", "2026", "2026_q4",
    "a.b", "a/b", "a b", "über", "ops\u200f", "\x1e", "", "keep-customers", "retention",
    "fewer-repeat-problems", "company", "product", "support",
]
# fmt: on


@dataclass(frozen=True)
class Raw:
    """YAML text written as it is (a date like 0000-01-01, a number Python cannot hold)."""

    text: str


@dataclass
class Tree:
    """The files under okrs/: parsed data, and text for those written as text (wins)."""

    data: dict[str, Any]
    text: dict[str, str | bytes] = field(default_factory=dict)

    def files(self) -> dict[str, str | bytes]:
        """Every file's content: its text if set, else its data written as block YAML."""
        out: dict[str, str | bytes] = {rel: emit_file(d) for rel, d in self.data.items()}
        return out | self.text

    def edit(self, rel: str) -> Any:
        """The data of `rel`, which from now on is written from data (its text dropped)."""
        self.text.pop(rel, None)
        return self.data[rel]

    def team_files(self) -> list[str]:
        """Team files (okrs/<cycle>/<team>.yaml) whose data is a mapping."""
        return [rel for rel, d in self.data.items() if rel.count("/") == 2 and _is_map(d)]


# ---------------------------------------------------------------- writing YAML


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NOT_PRINTABLE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def scalar(value: Any) -> str:
    """A value as one YAML flow token."""
    if isinstance(value, Raw):
        return value.text
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        return {float("inf"): ".inf", float("-inf"): "-.inf"}.get(value, repr(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)) and not value:
        return "[]" if isinstance(value, list) else "{}"
    quoted = json.dumps(str(value), ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def _key(key: Any) -> str:
    text = str(key)
    plain = _PLAIN_KEY.fullmatch(text) and text.lower() not in ("null", "true", "false", "y", "n")
    return text if plain else scalar(text)


def _is_map(value: Any) -> bool:
    return isinstance(value, dict) and bool(value)


def _is_block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and bool(value)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML lines for `value`, indented by `indent` spaces."""
    pad = " " * indent
    if _is_map(value):
        lines = []
        for key, item in value.items():
            head = f"{pad}{_key(key)}:"
            lines += (
                [head, *emit(item, indent + 2)] if _is_block(item) else [f"{head} {scalar(item)}"]
            )
        return lines
    if _is_block(value):
        lines = []
        for item in value:
            if _is_block(item):
                first, *rest = emit(item, indent + 2)
                lines += [f"{pad}- {first[indent + 2 :]}", *rest]
            else:
                lines.append(f"{pad}- {scalar(item)}")
        return lines
    return [pad + scalar(value)]


def emit_file(data: Any) -> str:
    """A whole YAML file for `data`."""
    return "\n".join(emit(data)) + "\n"


# ---------------------------------------------------------------- strategies


def hostile() -> st.SearchStrategy[str]:
    """Known-hostile strings, or arbitrary text without NUL and lone surrogates."""
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    return st.sampled_from(HOSTILE) | st.sampled_from(HOSTILE) | st.text(chars, max_size=30)


def numbers() -> st.SearchStrategy[Any]:
    """Numbers small, huge (400 digits), non-finite, subnormal, or written YAML-only."""
    special = [10**400, -(10**400), 1e308, -1e308, 5e-324, 2**53 + 1, 0, -0.0]
    raw = [Raw(t) for t in ("1e400", "-.inf", ".nan", "0x10", "0o17", "1_000", "+.5", "1e-400")]
    edges = st.sampled_from(special + raw)
    return st.one_of(st.integers(-1000, 1000), st.integers(), st.floats(), edges, edges)


def dates() -> st.SearchStrategy[Any]:
    """Dates anywhere in 1..9999, and date-like YAML Python cannot hold (year 0, 30 Feb)."""
    raw = ["0000-01-01", "9999-12-31", "2026-02-29", "2026-02-30", "2026-00-10", "2026-1-5",
           "2026-11-23T25:00:00", "2026-11-23 10:00:00+14:00"]  # fmt: skip
    near = st.dates(date(2025, 12, 1), date(2027, 2, 1))
    edges = st.sampled_from([Raw(t) for t in raw] + [date(1, 1, 1), date(9999, 12, 31)])
    return st.one_of(near, edges, edges, st.dates())


def leaves() -> st.SearchStrategy[Any]:
    """A single YAML value of any kind."""
    return st.one_of(hostile(), numbers(), dates(), st.none(), st.booleans(), ids())


def values() -> st.SearchStrategy[Any]:
    """A value to put where a field was: a leaf, or a small list or mapping of them."""
    return leaves() | st.lists(leaves(), max_size=3) | st.dictionaries(ids(), leaves(), max_size=2)


def ids() -> st.SearchStrategy[str]:
    """Identifiers: mostly valid-looking, sometimes too long, upper-case, unicode, multi-line."""
    valid = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
    return st.one_of(valid, st.sampled_from(HOSTILE_IDS), valid.map(lambda s: s + "²"), hostile())


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`good` four times in five, else `bad`: most cases get past argument parsing."""
    return st.sampled_from([True, True, True, True, False]).flatmap(lambda ok: good if ok else bad)


def refs(tree: Tree) -> st.SearchStrategy[str]:
    """Refs: to what the tree holds (with or without a cycle), near misses, or hostile text."""
    known = _known_refs(tree)
    exact = st.sampled_from(known) if known else ids()
    krs = [ref for ref in known if "." in ref.rsplit("/", 1)[-1]]
    kr = st.sampled_from(krs) if krs else exact
    odd = st.one_of(
        exact,
        exact.map(lambda r: r + "x"),
        st.tuples(ids(), ids()).map(".".join),
        st.tuples(ids(), ids(), ids()).map(lambda t: f"{t[0]}/{t[1]}.{t[2]}"),
        hostile(),
    )
    return mostly(kr | kr.map(lambda r: r.rsplit("/", 1)[-1]), odd)


def _known_refs(tree: Tree) -> list[str]:
    """`cycle/objective` and `cycle/objective.kr` of everything the tree's team files hold."""
    found = []
    for rel in tree.team_files():
        cycle = rel.split("/")[1]
        for objective in _maps(tree.data[rel].get("objectives")):
            found.append(f"{cycle}/{objective.get('id')}")
            found += [f"{found[-1]}.{kr.get('id')}" for kr in _maps(objective.get("key_results"))]
    return found


def _maps(items: Any) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def file_names() -> st.SearchStrategy[str]:
    """New file paths under okrs/: quotes, spaces, unicode, .yml twins, odd places."""
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/")
    stems = st.sampled_from(
        ['it"s', "with space", "tab\there", "new\nline", "ünï", "-rf", "support", "product",
         "company", "\\back", "*", "$(x)", "\x1e", "a\x1fb", "ops²", "Support", " "]
    ) | st.text(chars, min_size=1, max_size=20)  # fmt: skip
    suffixes = st.sampled_from([".yaml", ".yml", ".YAML", ".md", "", ".yaml.bak"])
    folders = st.sampled_from(
        ["okrs", "okrs/2026-q4", "okrs/2026", "okrs/2026-q4/statements", "okrs/2027",
         'okrs/q"4', "okrs/2026-q4/deep/er"]
    )  # fmt: skip
    names = st.tuples(folders, stems, suffixes).map(lambda t: f"{t[0]}/{t[1]}{t[2]}")
    return names.filter(lambda p: p.rsplit("/", 1)[1] not in (".", "..") and len(p) < 200)


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def _set_field(draw: st.DrawFn, tree: Tree) -> None:
    """Replace one field's value, anywhere in any file, with a generated value."""
    rel = draw(st.sampled_from(sorted(tree.data)))
    paths = list(value_paths(tree.data[rel]))
    if paths:
        path = draw(st.sampled_from(paths))
        parent = _parent(tree.edit(rel), path)
        old = parent[path[-1]]
        alike = draw(st.integers(0, 3)) > 0  # mostly of the old value's type: past the schema
        parent[path[-1]] = draw(like(old, path) if alike else values())


_ID_FIELDS = {"id", "owner", "lead", "parent", "within", "supports", "on", "members",
              "contributors", "decision_owner", "matches", "people", "teams", "cycles"}  # fmt: skip


def like(old: Any, path: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """A value of the same type as `old`: ids where ids go, text, numbers, dates, booleans."""
    if isinstance(old, bool):
        return st.booleans()
    if isinstance(old, (int, float)):
        return numbers()
    if isinstance(old, date):
        return dates()
    if isinstance(old, str):
        named = {str(step) for step in path} & _ID_FIELDS
        return ids() if named else hostile()
    if isinstance(old, list):
        return st.lists(like(old[0], path) if old else ids(), max_size=3)
    return values()


def _remove_field(draw: st.DrawFn, tree: Tree) -> None:
    """Delete one key or list item."""
    rel = draw(st.sampled_from(sorted(tree.data)))
    paths = list(value_paths(tree.data[rel]))
    if paths:
        path = draw(st.sampled_from(paths))
        del _parent(tree.edit(rel), path)[path[-1]]


def _rename(draw: st.DrawFn, tree: Tree) -> None:
    """Give a person, team or cycle (a key of org.yaml) or an objective or KR a new id."""
    rel = draw(st.sampled_from(sorted(tree.data)))
    data = tree.edit(rel)
    holders = [p for p in value_paths(data) if p[-1] == "id"]
    if rel == "okrs/org.yaml" and _is_map(data):
        holders += [
            (section,) for section in ("people", "teams", "cycles") if _is_map(data.get(section))
        ]
    if not holders:
        return
    path = draw(st.sampled_from(holders))
    if path[-1] == "id":
        _parent(data, path)["id"] = draw(ids())
    else:
        section = data[path[0]]
        old = draw(st.sampled_from(sorted(section)))
        section[draw(ids())] = section.pop(old)


def _objective(draw: st.DrawFn, oid: str, supports: list[str]) -> dict[str, Any]:
    """A valid-looking objective with one key result."""
    kr = {"id": "kr", "title": "Something measurable", "owner": "kai", "start": 0, "target": 10}
    if draw(st.booleans()):
        kr["checkins"] = [{"date": date(2026, 11, 1), "value": 3, "confidence": "low"}]
    objective = {"id": oid, "title": "Something worth doing", "owner": "jordan",
                 "why_now": "Because the fuzz test says so.", "key_results": [kr]}  # fmt: skip
    return objective | ({"supports": supports} if supports else {})


def _add_chain(draw: st.DrawFn, tree: Tree) -> None:
    """Append a chain of objectives, each supporting the one before (deep `supports`)."""
    files = tree.team_files()
    if not files:
        return
    rel = draw(st.sampled_from(files))
    data = tree.edit(rel)
    if not isinstance(data.get("objectives"), list):
        data["objectives"] = []
    length = draw(st.sampled_from([1, 2, 3, 8, 40, 300, 1100]))
    prefix = draw(st.sampled_from(["c", "chain", "keep-customers"]))
    above = draw(st.sampled_from(["keep-customers", "fast-answers.same-day-answers", "", "c-0"]))
    for n in range(length):
        supports = [above] if above else []
        if n and draw(st.integers(0, 20)) == 0:
            supports.append(f"{prefix}-{draw(st.integers(0, n))}")  # sometimes a loop
        data["objectives"].append(_objective(draw, f"{prefix}-{n}", supports))
        above = f"{prefix}-{n}.kr" if draw(st.integers(0, 3)) == 0 else f"{prefix}-{n}"


def _add_file(draw: st.DrawFn, tree: Tree) -> None:
    """A new file with a generated name: a copy of a team file, generated YAML, or text."""
    rel = draw(file_names())
    if rel in tree.data or rel == "okrs/org.yaml":
        return
    copies = [tree.files()[r] for r in tree.team_files()]
    content = draw(
        st.sampled_from(copies or [""])
        | values().map(emit_file)
        | hostile()
        | st.binary(max_size=40)
    )
    tree.text[rel] = content


def _splice_text(draw: st.DrawFn, tree: Tree) -> None:
    """Insert hostile text at some offset of one file's text (reaches the parser's corners)."""
    rel = draw(st.sampled_from(sorted(tree.data)))
    text = tree.files()[rel]
    text = text if isinstance(text, str) else text.decode("utf-8", "replace")
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, 3))
    tree.text[rel] = text[:at] + draw(hostile()) + text[at + cut :]


MUTATIONS: list[Callable[[st.DrawFn, Tree], None]] = [
    _set_field, _set_field, _set_field, _remove_field, _rename, _rename, _add_chain, _add_file,
    _splice_text,
]  # fmt: skip


@st.composite
def trees(draw: st.DrawFn, base: Tree, most: int = 3) -> Tree:
    """The template organisation with up to `most` mutations."""
    tree = Tree(copy.deepcopy(base.data), dict(base.text))
    for _ in range(draw(st.integers(0, most))):
        draw(st.sampled_from(MUTATIONS))(draw, tree)
    return tree


def commit_texts() -> st.SearchStrategy[str]:
    """Commit messages: pull-request subjects with many digits, control characters, bodies."""
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    return st.one_of(
        st.sampled_from(["Merge pull request #12 from a/b", "Fix (#" + "9" * 60 + ")",
                         "#1 #2 #3", "subject\n\nbody\x1e\x1f", "\x1e", "a\x1fb", "🙂 ²"]),
        st.text(chars, min_size=1, max_size=40),
    )  # fmt: skip


def authors() -> st.SearchStrategy[str]:
    """Author names git accepts (no <, >, newline): control characters, #, digits, unicode."""
    chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00<>\n")
    return st.sampled_from(["A \x1e B", "#42", "9" * 50, "Ünï Cödé", "a\x1fb"]) | st.text(
        chars, min_size=1, max_size=20
    ).filter(lambda s: any(c > " " and c not in ".,:;<>\"\\'" for c in s))


def revisions() -> st.SearchStrategy[str]:
    """What `--at` and `diff` may be given: names git knows, dates, and nonsense."""
    known = ["main", "HEAD", "HEAD~1", "HEAD^", "base", "head", "@{-1}", ":/Fix", "main^{tree}",
             "HEAD:okrs", "2026-10-01", "2026-10-02", "2026-09-30",
             "2026-10-01T12:00:00"]  # fmt: skip
    odd = st.dates().map(date.isoformat) | st.sampled_from(
        ["0000-01-01", "9999-12-31", "1970-01-01", "2026-02-30", "--all", "-h", "a" * 300, ""]
    )
    return st.sampled_from(known) | odd | hostile()


# ---------------------------------------------------------------- running and asserting


@dataclass(frozen=True)
class Ran:
    """What one command did: its arguments, exit code, output and any exception."""

    args: list[str]
    code: int
    stdout: str
    stderr: str
    crash: str | None


def accord(*args: str | Path, cwd: Path) -> Ran:
    """Run `accord ARGS` in-process in `cwd`, as the console script would (see cli.main)."""
    runner = click.testing.CliRunner()
    env = {"SOURCE_DATE_EPOCH": EPOCH, "ACCORD_DEBUG": None, "NO_COLOR": "1"}
    with contextlib.chdir(cwd):
        result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=True, env=env)
    crash = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crash = "".join(traceback.format_exception(result.exception))
    return Ran([str(a) for a in args], result.exit_code, result.stdout, result.stderr, crash)


def assert_contract(ran: Ran) -> None:
    """Exit 0, 1 or 2, no traceback or internal error, and a 2 says why in one line."""
    note(f"accord {ran.args!r} -> {ran.code}")
    note(f"stdout: {ran.stdout[:2000]!r}\nstderr: {ran.stderr[:2000]!r}")
    if ran.crash is not None:
        pytest.fail(f"internal error (cli.main would exit 2): {ran.args[0]}\n{ran.crash}")
    assert ran.code in (0, 1, 2)
    for stream in (ran.stdout, ran.stderr):
        assert "Traceback (most recent call last)" not in stream
        assert "internal error" not in stream
    if ran.code == 2:
        lines = re.split(r"\r\n|\r|\n", ran.stderr.removesuffix("\n"))
        if lines and lines[0].startswith("Usage: "):  # click's usage errors end in one Error: line
            assert [line for line in lines if line.startswith("Error: ")] == [lines[-1]]
        else:
            assert len(lines) == 1 and ran.stderr.endswith("\n"), ran.stderr


Snapshot = dict[str, tuple[bytes | None, int, int]]  # path -> (content, mode, mtime_ns)


def snapshot(root: Path) -> Snapshot:
    """Content (None for folders), mode and mtime of everything under `root`."""
    found: Snapshot = {}
    for path in [root, *sorted(root.rglob("*"))]:
        rel = path.relative_to(root).as_posix()
        if rel == ".git/index":  # git refreshes its index's stat data on status and diff
            continue
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        found[rel] = (content, info.st_mode, info.st_mtime_ns)
    return found


@dataclass
class Case:
    """A repository made for one generated case, its sentinel sibling, and their snapshots."""

    top: Path
    repo: Path = field(init=False)
    outside: Path = field(init=False)

    def __post_init__(self) -> None:
        self.repo, self.outside = self.top / "repo", self.top / "outside"

    def run(self, *args: str | Path) -> Ran:
        """Run accord on the repository from the sentinel folder; check the contract and
        that nothing beside the repository changed."""
        before = snapshot(self.top / "outside"), sorted(os.listdir(self.top))
        command, *rest = args  # --repo before the rest, which may end in `-- ARGS`
        ran = accord(command, "--repo", self.repo, *rest, cwd=self.outside)
        assert_contract(ran)
        assert (snapshot(self.outside), sorted(os.listdir(self.top))) == before, "touched outside"
        return ran


@contextlib.contextmanager
def case_for(template: Path, tree: Tree, counts: Counter[str], kind: str) -> Iterator[Case]:
    """A fresh copy of the template repository with `tree` written into its okrs/."""
    top = Path(tempfile.mkdtemp(prefix="case-", dir=template.parent))
    case = Case(top)
    try:
        shutil.copytree(template, case.repo, symlinks=True)
        case.outside.mkdir()
        (case.outside / "keep.txt").write_text("do not touch\n", encoding="utf-8")
        write_tree(case.repo, tree)
        describe(tree, base=template)
        counts[kind] += 1
        yield case
    finally:
        shutil.rmtree(top, ignore_errors=True)


def describe(tree: Tree, base: Path) -> None:
    """Note the files that differ from the template's (what a failing case is made of)."""
    for rel, content in sorted(tree.files().items()):
        old = base / rel
        text = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        if not old.is_file() or old.read_bytes() != text:
            note(f"{rel!r}:\n{text[:3000].decode('utf-8', 'replace')}")
    note(f"removed: {sorted(set(_template_files(base)) - set(tree.files()))}")


def _template_files(base: Path) -> list[str]:
    return [p.relative_to(base).as_posix() for p in (base / "okrs").rglob("*") if p.is_file()]


def write_tree(root: Path, tree: Tree) -> None:
    """Replace root/okrs/ with the tree's files (names the OS refuses are left out)."""
    shutil.rmtree(root / "okrs")
    for rel, content in tree.files().items():
        path = root / rel
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8", "surrogatepass"))


def git(root: Path, *args: str, author: str = "T", when: str = "2026-10-01T10:00:00") -> str:
    """Run git in `root` as `author` at `when`, isolated from the user's configuration."""
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode("utf-8", "replace")


def commit(root: Path, message: str, author: str, when: str) -> str:
    """Commit everything in the work tree; the new commit's id."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "--allow-empty-message", "-m", message,
        author=author, when=when)  # fmt: skip
    return git(root, "rev-parse", "HEAD").strip()


# ---------------------------------------------------------------- the template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tree]:
    """The repository `accord init` writes, committed as main, and its okrs/ as a Tree."""
    return make_template(tmp_path_factory.mktemp("fuzz") / "template")


def make_template(root: Path) -> tuple[Path, Tree]:
    """Write the `accord init` repository at `root`, commit it as main, and read its okrs/."""
    made = accord("init", root, "--as-of", AS_OF, cwd=root.parent)
    assert made.code == 0, made.stderr
    git(root, "init", "-q", "-b", "main")
    commit(root, "Start our OKRs", "T", "2026-10-01T10:00:00")
    yaml = YAML(typ="safe", pure=True)
    files = [p for p in (root / "okrs").rglob("*") if p.is_file()]
    texts = {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in files}
    data = {rel: yaml.load(text) for rel, text in texts.items() if rel.endswith(".yaml")}
    return root, Tree(data, texts)


@pytest.fixture(scope="module")
def counts(pytestconfig: pytest.Config) -> Counter[str]:
    """Cases run per kind, shown in the terminal summary (conftest.pytest_terminal_summary)."""
    return pytestconfig.stash.setdefault(FUZZ_CASES, Counter())


# ---------------------------------------------------------------- check and export


@st.composite
def check_cases(draw: st.DrawFn, base: Tree) -> tuple[Tree, list[str], list[str]]:
    """A mutated tree and the options for `check` and for `export`."""
    tree = draw(trees(base, most=4))
    as_of = draw(st.none() | dates().map(lambda d: d.text if isinstance(d, Raw) else d.isoformat()))
    common = ["--as-of", as_of] if as_of else []
    check = ["check", "--format", draw(st.sampled_from(["text", "json", "github"]))]
    check += ["--strict"] if draw(st.booleans()) else []
    export = ["export", "--format", draw(st.sampled_from(["json", "csv"]))]
    return tree, check + common, export + common


@FUZZ
@given(data=st.data())
def test_check_and_export_keep_the_contract(
    template: tuple[Path, Tree], counts: Counter[str], data: st.DataObject
) -> None:
    """check and export of a mutated organisation: exit 0/1/2, one line for 2, no crash,
    nothing written anywhere; json output parses; export succeeds exactly when check does."""
    root, base = template
    tree, check_args, export_args = data.draw(check_cases(base))
    with case_for(root, tree, counts, "check+export") as case:
        before = snapshot(case.repo)
        checked = case.run(*check_args)
        exported = case.run(*export_args)
        assert snapshot(case.repo) == before, "check or export changed the repository"
        if checked.code != 2 and "--format" in check_args and "json" in check_args:
            json.loads(checked.stdout)
        if exported.code == 0 and "json" in export_args:
            json.loads(exported.stdout)
        if "--strict" not in check_args and checked.code in (0, 1) and exported.code in (0, 1):
            assert checked.code == exported.code, "check and export disagree on errors"


# ---------------------------------------------------------------- diff and --at


@st.composite
def diff_cases(draw: st.DrawFn, base: Tree) -> dict[str, Any]:
    """Two commits on a branch (with generated messages and authors) and a working tree."""
    older = draw(trees(base, most=2))
    newer = draw(trees(older, most=3))
    work = draw(st.none() | trees(newer, most=2))
    return {
        "older": older, "newer": newer, "work": work,
        "messages": draw(st.lists(commit_texts(), min_size=2, max_size=2)),
        "authors": draw(st.lists(authors(), min_size=2, max_size=2)),
        "when": draw(st.sampled_from(["2026-10-02T09:00:00", "1970-01-01T00:00:01",
                                      "2099-12-31T23:59:59+14:00", "2026-10-01T10:00:00"])),
        "revs": draw(st.lists(revisions(), min_size=1, max_size=2)),
        "format": draw(st.sampled_from(["markdown", "text", "json"])),
    }  # fmt: skip


@settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 2))  # each case makes two commits
@given(data=st.data())
def test_diff_and_at_keep_the_contract(
    template: tuple[Path, Tree], counts: Counter[str], data: st.DataObject
) -> None:
    """diff between generated commits (and the working tree), and check/export --at REV:
    the CLI contract holds and nothing is written, in the repository or outside it."""
    root, base = template
    spec = data.draw(diff_cases(base))
    with case_for(root, spec["older"], counts, "diff") as case:
        git(case.repo, "checkout", "-q", "-b", "base")
        base_sha = commit(case.repo, spec["messages"][0], spec["authors"][0], spec["when"])
        write_tree(case.repo, spec["newer"])
        git(case.repo, "checkout", "-q", "-b", "head")
        head_sha = commit(case.repo, spec["messages"][1], spec["authors"][1], spec["when"])
        now, then = (case.run("check", "--as-of", AS_OF, *at) for at in ([], ["--at", head_sha]))
        assert (then.code, then.stdout) == (now.code, now.stdout), "--at HEAD reads other files"
        if spec["work"] is not None:
            write_tree(case.repo, spec["work"])
        before = snapshot(case.repo)
        fmt = ["--format", spec["format"], "--as-of", AS_OF]
        case.run("diff", *fmt, "--", base_sha, head_sha)
        case.run("diff", *fmt)
        case.run("diff", *fmt, "--", *spec["revs"])
        for rev in [*spec["revs"], base_sha]:
            case.run("check", "--at", rev, "--as-of", AS_OF)
            case.run("export", "--at", rev, "--as-of", AS_OF)
        assert snapshot(case.repo) == before, "diff or --at changed the repository"


# ---------------------------------------------------------------- checkin


@st.composite
def checkin_cases(draw: st.DrawFn, base: Tree) -> tuple[Tree, list[str], dict[str, Any]]:
    """A lightly mutated tree, a ref, and check-in options (value, date, note, ...)."""
    tree = draw(trees(base, most=2))
    ref = draw(refs(tree))
    value = draw(mostly(st.floats(-1e6, 1e6).map(repr), numbers().map(scalar) | hostile()))
    confidence = draw(mostly(st.sampled_from(["high", "medium", "low"]), hostile()))
    options = {"--value": value, "--confidence": confidence}
    if draw(st.booleans()):
        options["--note"] = draw(hostile())
    if draw(st.booleans()):
        options["--still-agreed"] = draw(mostly(st.sampled_from(["yes", "no"]), hostile()))
    for name in ("--date", "--as-of"):
        if draw(st.booleans()):
            day = draw(mostly(st.dates(date(2026, 10, 1), date(2026, 11, 23)), dates()))
            options[name] = day.text if isinstance(day, Raw) else day.isoformat()
    args = ["checkin"]
    for key, text in options.items():
        args += [key, text]
    if draw(st.integers(0, 9)) == 0:
        args.append("--dry-run")
    return tree, [*args, "--", ref], options


@FUZZ
@given(data=st.data())
def test_checkin_adds_exactly_one_checkin_or_nothing(
    template: tuple[Path, Tree], counts: Counter[str], data: st.DataObject
) -> None:
    """checkin writes one check-in to the key result its ref names, only inserting text into
    one file, or exits non-zero with every byte in place (and --dry-run writes nothing)."""
    root, base = template
    tree, args, options = data.draw(checkin_cases(base))
    with case_for(root, tree, counts, "checkin") as case:
        before = snapshot(case.repo)
        ran = case.run(*args)
        after = snapshot(case.repo)
        changed = [rel for rel in sorted({*before, *after}) if before.get(rel) != after.get(rel)]
        if ran.code != 0 or "--dry-run" in args:
            assert changed == [], f"exit {ran.code} but changed {changed}"
            return
        # The edited file is replaced by a rename, so its folder's mtime moves; nothing else.
        changed = [rel for rel in changed if not _only_mtime_of_folder(before, after, rel)]
        assert len(changed) == 1 and changed[0].startswith("okrs/"), changed
        rel = changed[0]
        old, new = before[rel][0], after[rel][0]
        assert old is not None and new is not None and before[rel][1] == after[rel][1]
        assert_only_inserted(old, new)
        assert_one_checkin(rel, old, new, args[-1], options)


def _only_mtime_of_folder(before: Snapshot, after: Snapshot, rel: str) -> bool:
    """True when `rel` is a folder in both snapshots and only its mtime differs."""
    old, new = before.get(rel), after.get(rel)
    return old is not None and new is not None and old[0] is None and old[:2] == new[:2]


def _common(one: bytes, other: bytes) -> int:
    """How many bytes the two start with in common."""
    same = 0
    while same < min(len(one), len(other)) and one[same] == other[same]:
        same += 1
    return same


def assert_only_inserted(old: bytes, new: bytes) -> None:
    """`new` is `old` with text inserted in one place, nothing removed."""
    head = _common(old, new)
    tail = _common(old[head:][::-1], new[::-1])
    assert head + tail >= len(old) and len(new) > len(old), "check-in removed or changed text"


def assert_one_checkin(rel: str, old: bytes, new: bytes, ref: str, options: dict[str, Any]) -> None:
    """The file reads as before plus one check-in, appended to the key result `ref` names."""
    yaml = YAML(typ="safe", pure=True)
    try:
        before = yaml.load(old.decode("utf-8-sig"))
    except Exception:  # our reader is stricter than Accord's; the insertion check stands
        return
    after = yaml.load(new.decode("utf-8-sig"))
    hits = [(i, k) for i, objective in enumerate(before["objectives"])
            for k, _ in enumerate(objective["key_results"])
            if after["objectives"][i]["key_results"][k].get("checkins")
            != objective["key_results"][k].get("checkins")]  # fmt: skip
    assert len(hits) == 1, f"check-ins changed on {hits}"
    i, k = hits[0]
    kr_after = after["objectives"][i]["key_results"][k]
    added = kr_after["checkins"][-1]
    expected = copy.deepcopy(before)
    expected["objectives"][i]["key_results"][k].setdefault("checkins", []).append(added)
    assert after == expected, "more than one check-in appended"
    local = ref.rsplit("/", 1)[-1] if "/" in ref else ref
    assert local == f"{before['objectives'][i]['id']}.{kr_after['id']}"
    if "/" in ref:
        assert ref.split("/", 1)[0] == rel.split("/")[1], "written into another cycle"
    day = options.get("--date") or options.get("--as-of") or AS_OF
    assert added["date"] == date.fromisoformat(day)
    assert added["value"] == float(options["--value"])
    assert added["confidence"] == options["--confidence"]
    assert added.get("note") == options.get("--note")
    agreed = options.get("--still-agreed")
    assert added.get("still_agreed") == (None if agreed is None else agreed == "yes")
