"""Cache files that carry their own check: JSON beside the digest of itself and of its key.

A cache only saves time. An entry that does not read back, was cut short, was edited, or
was made for another key (a file copied or renamed) reads as missing, so it is made again.
The digest finds damage, not intent: caches live in the user's own cache folder, outside
any repository, so nothing committed is ever read as a cache (see `cache_dir`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

HISTORY_CACHE = "history.json"  # in the cache folder (`cache_dir`): history by commit id


def read_entry(path: Path, key: str) -> Any | None:
    """The data kept in `path` for `key`, or None when it is missing or fails its check."""
    try:
        kept = json.loads(path.read_text("utf-8"))
        body = kept["data"]
        if kept["digest"] != _digest(key, body):
            return None
        return json.loads(body)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_entry(path: Path, key: str, data: Any) -> None:
    """Keep `data` for `key` in `path`, atomically (a reader sees the whole entry or none)."""
    body = json.dumps(data, ensure_ascii=False)
    text = json.dumps({"digest": _digest(key, body), "data": body}, ensure_ascii=False)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(text, "utf-8")
    part.replace(path)


def make_folder(path: Path) -> None:
    """Create a cache folder; each folder it creates only its owner may read (mode 0700)."""
    for folder in reversed([p for p in (path, *path.parents) if not p.exists()]):
        folder.mkdir(mode=0o700, exist_ok=True)


def _digest(key: str, body: str) -> str:
    return hashlib.sha256(f"{key}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()


def cache_dir(root: Path) -> Path | None:
    """The repository's cache folder, outside it: in $ACCORD_CACHE_DIR, else
    $XDG_CACHE_HOME/accord, else ~/.cache/accord, one folder per repository named by a hash
    of its path (None when there is no home folder). A cache in the repository is never read."""
    base, xdg = os.environ.get("ACCORD_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME", "")
    try:
        if base:
            folder = Path(base).expanduser()
        else:
            folder = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "accord"
    except (RuntimeError, KeyError):  # no HOME and no password entry to find it in
        return None
    return folder.absolute() / hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:24]
