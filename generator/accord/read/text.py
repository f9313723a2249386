"""Reading an OKR file's bytes as text: the size guard (E111) and encoding checks (E100).

No YAML here: `source.py` parses what this returns.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from accord.model.findings import Finding
from accord.model.location import Location

MAX_BYTES = 2 * 1024 * 1024

Mark = tuple[int, int]  # 1-based line and column


class Refused(Exception):
    """A file that cannot be used at all; carries the one finding that says why."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def read_text(path: Path, rel: str) -> str:
    """The UTF-8 text of a regular file, reading at most MAX_BYTES + 1 bytes of it.

    The file is opened without blocking and checked before a byte is read, so a FIFO or a
    device that took the place of an OKR file is refused instead of waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise Refused(not_regular(rel, mode))
            raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise Refused(too_large(rel, os.fstat(handle.fileno()).st_size))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise Refused(Finding("E100", Location(rel), f"cannot read the file: {reason}")) from None
    return decode(raw, rel)


def not_regular(rel: str, mode: int) -> Finding:
    """E107 for something named like an OKR file that is not a file (refused unopened)."""
    kind = (
        "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "something other than a file"
    )  # fmt: skip
    message = f"{kind} named like a YAML file: OKR files are regular files, so it is refused unread"
    return Finding("E107", Location(rel), message)


def too_large(rel: str, size: int) -> Finding:
    """E111 for a file over the size limit, refused unread."""
    return Finding(
        "E111",
        Location(rel),
        f"file is {size / 1_048_576:.1f} MB; OKR files are at most "
        f"{MAX_BYTES // 1_048_576} MB, so it is refused unread: split it or move it out of okrs/",
    )


def decode(raw: bytes, rel: str) -> str:
    """UTF-8 text of a file, or a finding that says where it stops being text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = "UTF-16 text: save the file as UTF-8, which YAML tools and git diff expect"
        raise Refused(Finding("E100", Location(rel), message))
    if b"\x00" in raw:
        line, col = mark_at(raw, raw.index(b"\x00"))
        message = "binary file (contains NUL bytes): OKR files are UTF-8 YAML text"
        raise Refused(Finding("E100", Location(rel, line, col), message))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = mark_at(raw, exc.start)
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8"
        raise Refused(Finding("E100", Location(rel, line, col), message)) from None


def mark_at(raw: bytes | str, offset: int) -> Mark:
    """1-based line and column (in characters) of an offset into text or UTF-8 bytes."""
    text = raw[:offset].decode("utf-8", "replace") if isinstance(raw, bytes) else raw[:offset]
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1


def indenting_tab(text: str, index: int) -> int | None:
    """The 1-based column of the first tab in the indentation of line `index` (0-based)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    line = lines[index] if 0 <= index < len(lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return indent.index("\t") + 1 if "\t" in indent else None
