"""The one escaping path for user text in generated pages: Jinja's autoescape (MarkupSafe).

The page templates are HTML rendered with autoescape on, so every `{{ value }}` is escaped
unless it is `Markup` (built here or by the picture code from escaped parts). The helpers
below build the few pieces of markup the templates share from `escape`d parts, so a title
such as `<img src=x onerror=alert(1)>` shows as text. URLs are percent-encoded as well, and
only http(s) addresses become links to other hosts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["Markup", "escape", "external", "ident", "join", "link", "url_escape"]


def ident(value: str) -> str:
    """An id (already restricted to [a-z0-9_-] by the schema), checked again before it is
    used in an anchor."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        raise ValueError(f"not an id: {value!r}")
    return value


def link(text: Any, url: str) -> Markup:
    """A link whose text is escaped and whose URL is percent-encoded."""
    return Markup(f'<a href="{escape(url_escape(url))}">{escape(text)}</a>')


@lru_cache(maxsize=1 << 16)  # a site links the same few thousand pages over and over
def url_escape(url: str) -> str:
    """A URL with spaces, quotes, brackets and anything outside ASCII percent-encoded."""
    return quote(url, safe=":/?#@!$&*+,;=%~-._")


def external(text: Any, url: str | None) -> Markup:
    """A link to an http(s) address (the repository); anything else is shown as plain text."""
    if url is None or not re.match(r"https?://", url):
        return escape(text)
    return link(text, url)


def join(parts: Any, separator: str = ", ") -> Markup:
    """Escaped parts joined by `separator` (what the templates' `join` filter does, for code)."""
    return Markup(escape(separator)).join(escape(part) for part in parts)
