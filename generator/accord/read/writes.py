"""Where Accord may write: never into okrs/ by a build, never through a symlink out of the repo.

Every command that writes goes through here: `build` checks its output folder before mkdocs
empties it, `codeowners`, `checkin` and `new objective` replace or create one file
atomically, and editing commands hold a lock on `okrs/` while they read, check and write.
A refusal is an `AccordError`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from accord.model.errors import AccordError

SITE_MARKS = ("okrs.json", "sitemap.xml")  # what a site a build made (even halfway) holds
_APPEARED = "the file appeared while Accord was writing it: try again"
LOCK_WAIT = 30.0  # seconds an editing command waits for another one to finish


def check_site_dir(root: Path, site_dir: Path, *, sources: Iterable[Path], given: bool) -> None:
    """Refuse a build's output folder that emptying and writing could harm.

    mkdocs empties the folder (every entry but hidden ones) before it writes. So the folder
    must not be, hold or lie inside okrs/, .git or a source of the site (`sources`: its
    mkdocs.yml, docs folder, theme overrides), nor be or hold the repository. Inside the
    repository no part of its path may be a symlink, and a folder the repository names
    (mkdocs.yml's `site_dir`, not `given` by the user) must be inside it: a committed
    symlink or setting cannot send the build elsewhere. A folder the user gives, such as
    `--out /tmp/site`, may be anywhere else. A folder that is not empty must hold a site
    a build made (okrs.json or sitemap.xml), and no entry of it may be a symlink.
    """
    repo, path = Path(os.path.abspath(root)), Path(os.path.abspath(site_dir))
    real, real_repo = path.resolve(), repo.resolve()
    if path.is_relative_to(repo):
        _refuse_links(repo, path)
    elif not given:
        raise AccordError(f"{site_dir}: the site folder is outside the repository {real_repo}")
    if real == real_repo or real_repo.is_relative_to(real):
        raise AccordError(f"{site_dir}: refusing to build into a folder holding the repository")
    for keep in (real_repo / "okrs", real_repo / ".git", *sources):
        kept = keep.resolve()
        if real.is_relative_to(kept) or kept.is_relative_to(real):
            raise AccordError(f"{site_dir}: refusing to build over {kept}: choose another --out")
    _refuse_foreign(site_dir, real)


def _refuse_links(repo: Path, path: Path) -> None:
    """Refuse when a folder on the way from `repo` to `path` (or `path`) is a symlink."""
    at = repo
    for part in path.relative_to(repo).parts:
        at = at / part
        if at.is_symlink():
            raise AccordError(f"{at}: is a symbolic link; Accord never writes through one")


def _refuse_foreign(shown: Path, real: Path) -> None:
    """Refuse a folder holding anything but a built site, or a symlink among its entries."""
    try:
        entries = list(real.iterdir()) if real.is_dir() else []
    except OSError as exc:
        raise AccordError(f"{shown}: cannot read the folder: {exc.strerror}") from None
    for entry in entries:
        if entry.is_symlink():
            raise AccordError(f"{entry}: is a symbolic link; Accord never writes through one")
    visible = [e for e in entries if not e.name.startswith(".")]
    if visible and not any((real / mark).is_file() for mark in SITE_MARKS):
        message = "is not empty and holds no site (no okrs.json): choose an empty or new folder"
        raise AccordError(f"{shown}: {message}")


def writable_target(root: Path, path: Path, *, link: bool = True) -> Path:
    """The file to replace for `path`: inside the repository, writable, reached through no
    symlink that leaves it (with `link=False`, the file itself may not be a symlink)."""
    real_repo, target = root.resolve(), path.resolve()
    if not link and path.is_symlink():
        raise AccordError(f"{path}: is a symbolic link; Accord never writes through one")
    if not target.is_relative_to(real_repo):
        message = "leads outside the repository through a symbolic link; Accord never writes there"
        raise AccordError(f"{path}: {message}")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise AccordError(f"{path}: cannot read the file: {exc.strerror}") from None
    if not os.access(target, os.W_OK) or not mode & stat.S_IWUSR:
        raise AccordError(f"{path}: the file is read-only; make it writable first")
    return target


def replace_file(target: Path, data: bytes, *, shown: Path, expect: bytes | None = None) -> None:
    """Replace `target` with `data`: readers see the old file or the new, never a mix; with
    `expect`, refuse when the file no longer holds it (something else wrote it meanwhile)."""
    # The temporary file is hidden, so `accord check` skips it if a crash leaves it behind.
    temp = ""
    try:
        if expect is not None and target.read_bytes() != expect:
            raise AccordError(f"{shown}: the file changed while Accord was editing it: try again")
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644
        temp = _written_beside(target, data, mode)
        os.replace(temp, target)
    except OSError as exc:
        raise AccordError(f"{shown}: cannot write the file: {exc.strerror}") from None
    finally:
        if temp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def create_file(target: Path, data: bytes, *, shown: Path) -> None:
    """Create `target` holding `data`, refusing when it exists (something else wrote it
    meanwhile): written to a hidden temporary file, then hard-linked into place, so readers
    see no file or the whole file and an existing one is never replaced. The folder is made
    when missing (a declared cycle's first team file)."""
    temp = ""
    try:
        target.parent.mkdir(exist_ok=True)
        temp = _written_beside(target, data, 0o644)
        try:
            os.link(temp, target)
        except FileExistsError:
            raise AccordError(f"{shown}: {_APPEARED}") from None
        except OSError:  # a file system without hard links: the edit lock keeps others out
            if os.path.lexists(target):
                raise AccordError(f"{shown}: {_APPEARED}") from None
            os.replace(temp, target)
    except OSError as exc:
        raise AccordError(f"{shown}: cannot write the file: {exc.strerror}") from None
    finally:
        if temp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


@contextlib.contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock on `folder` (an flock on the folder itself, so no lock file is left
    behind and `os.replace` of a file inside cannot swap the locked inode away)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise AccordError(f"{folder}: cannot open the folder: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                message = "another accord command is still editing it: try again later"
                raise AccordError(f"{folder}: {message}")
            time.sleep(0.02)
        yield
    finally:
        os.close(handle)  # closing the folder releases the lock


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        raise AccordError(f"cannot lock the folder: {exc.strerror}") from None
    return True


def _written_beside(target: Path, data: bytes, mode: int) -> str:
    """A hidden temporary file beside `target` holding `data` on disk, with `mode`."""
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp
