"""User text, people and links as inert GitHub Markdown: what the pull-request comment and the
workflows' summaries are written with. Formatting only."""

from __future__ import annotations

import re
from urllib.parse import quote

# GitHub's Markdown, inline (user text never starts a line there): these are backslashed,
# HTML's specials become entities, and what GitHub links by itself (mentions, issue
# references, bare addresses) gets a zero-width space where the link would start.
_GFM_BACKSLASHED = "\\`*_[]~|$"
_GFM_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ZWSP = "\u200b"
_GFM_LINKED = re.compile(r"(?<=[@#])|(?<=:)(?=//)|(?i:(?<=\bwww)(?=\.))|(?i:(?<=\bgh)(?=-\d))")
_INVISIBLE = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?")


def gfm_text(text: str) -> str:
    """User text as inert GitHub Markdown: one line, no tag, link, mention, reference,
    emphasis, code span, math or table cell break; it shows as the characters typed."""
    line = _INVISIBLE.sub("\ufffd", " ".join(str(text).split()))
    out = "".join("\\" + c if c in _GFM_BACKSLASHED else _GFM_ENTITIES.get(c, c) for c in line)
    return _GFM_LINKED.sub(_ZWSP, out)


def mention(handle: str | None) -> str:
    """`@handle` for a GitHub login the schema allows; anything else as inert text."""
    if handle is None:
        return "no handle: ask outside GitHub"
    return f"@{handle}" if _LOGIN.fullmatch(handle) else gfm_text(handle)


def link(text: str, url: str | None) -> str:
    """`[text](url)` with the text inert and the address percent-encoded so it cannot leave
    the parentheses; just the text when there is no address."""
    if url is None:
        return gfm_text(text)
    return f"[{gfm_text(text)}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})"
