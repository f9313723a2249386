"""The one escaping path for user text placed in generated Markdown.

Every `{{ value }}` in the page templates passes through `md()` unless it is `Safe` (built by
Accord itself from escaped parts). `md()` turns HTML special characters into entities and
backslash-escapes every character Python-Markdown would read as syntax, and collapses
white space, so a title such as `<img src=x onerror=alert(1)>` or `[x](javascript:alert(1))`
shows as text and can neither open a tag, start a link nor break a table.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

# Every character Python-Markdown accepts a backslash escape for (core, plus '|' of the
# tables extension) is backslashed, then HTML's special characters become entities: in that
# order (and '\\' and '&' first), no escape is itself escaped again. The site enables no
# extension with syntax of its own (no emoji, tilde, mark).
_ESCAPES = [(c, "\\" + c) for c in "\\`*_{}[]()#+-.!|"]
_ESCAPES += [(c, html.escape(c, quote=True)) for c in "&<>\"'"]


class Safe(str):
    """Markdown that Accord built from escaped parts: the templates emit it unchanged."""

    __slots__ = ()


def md(value: Any) -> str:
    """User text as inert Markdown: one line, HTML-escaped, Markdown syntax backslashed."""
    if isinstance(value, Safe):
        return value
    text = " ".join(str(value).split())
    for char, escaped in _ESCAPES:  # str.replace per character beats str.translate here
        if char in text:
            text = text.replace(char, escaped)
    return text


def ident(value: str) -> Safe:
    """An id (already restricted to [a-z0-9_-] by the schema) for anchors and code spans."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(f"not an id: {value!r}")
    return Safe(value)


def link(text: Any, url: str) -> Safe:
    """A Markdown link whose text is escaped and whose URL is percent-encoded."""
    return Safe(f"[{md(text)}]({url_escape(url)})")


def url_escape(url: str) -> str:
    """A URL made safe inside Markdown's `(...)`: spaces, quotes and brackets encoded."""
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def external(text: Any, url: str | None) -> Safe:
    """A link to an http(s) address (the repository); anything else is shown as plain text."""
    if url is None or not re.match(r"https?://", url):
        return Safe(md(text))
    return link(text, url)


def finalize(value: Any) -> Any:
    """Jinja's finalize hook: escape every expression that is not already `Safe`."""
    if value is None:
        return ""
    if isinstance(value, Safe | int | float):
        return value
    return md(value)
