"""SVG building blocks: the one escaping function, elements, numbers, dates and theme colours.

Pictures are inline SVG inside generated Markdown, so everything user-supplied passes through
`xml_text`, in text nodes and attributes alike. Colours are mkdocs-material's CSS variables
with a plain fallback, set through `style` (where `var()` always works) so dark mode follows.
"""

from __future__ import annotations

import html
import math
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

NS = "http://www.w3.org/2000/svg"
PRIMARY = "var(--md-typeset-a-color,#4051b5)"  # the link colour: lighter in dark mode
MUTED = "var(--md-default-fg-color--light,#757575)"
FAINT = "var(--md-default-fg-color--lightest,#eeeeee)"
BG = "var(--md-default-bg-color,#ffffff)"
ALERT = "#e53935"  # "no longer agreed"; its shape (an X) carries the meaning, not the red
HALO = f"paint-order:stroke;stroke:{BG};stroke-width:3px;stroke-linejoin:round"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# Beyond html.escape: white space collapses to one space (no line can start a Markdown block),
# XML-illegal control characters go, and Markdown's inline syntax characters become character
# references, so Python-Markdown sees no emphasis, code, link, table cell or attribute list.
_EXTRA: dict[int, str | None] = {c: None for c in range(32) if chr(c) not in "\t\n\r"}
_EXTRA.update({0xFFFE: None, 0xFFFF: None})
_EXTRA.update({ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]|"})


@lru_cache(maxsize=1 << 16)  # most values are the few styles and labels every picture repeats
def xml_text(s: str) -> str:
    """User text made safe for an SVG text node or attribute value (and inert as Markdown)."""
    return " ".join(html.escape(str(s), quote=True).translate(_EXTRA).split())


def el(tag: str, *children: str, **attrs: object) -> str:
    """An element around already-built children; attribute values pass through `xml_text`."""
    head = " ".join(
        [tag, *(f'{_name(k)}="{_value(v)}"' for k, v in attrs.items() if v is not None)]
    )
    return f"<{head}>{''.join(children)}</{tag}>" if children else f"<{head}/>"


def picture(parts: list[str], width: float, height: float, **attrs: object) -> str:
    """The `<svg>` root: one element per line, sized in px unless `width` says otherwise."""
    return el(
        "svg",
        "\n".join(["", *parts, ""]),
        xmlns=NS,
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=width,
        height=height,
        font_family="inherit",
        **attrs,
    )


def text(s: str, **attrs: object) -> str:
    """A `<text>` element holding user text, escaped."""
    return el("text", xml_text(s), **attrs)


def num(v: float) -> str:
    """A number as short text: 86, 4.2, 99.5 (at most two decimals, no "-0")."""
    if not math.isfinite(v):
        return "0"
    out = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def day(d: date, year: bool = False) -> str:
    """A date as "9 Oct" (or "9 Oct 2026"), the same in every locale."""
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def checked_href(url: str) -> str:
    """A relative URL from the page writer's `href`; anything with a scheme or host is refused."""
    parts = urlsplit(url)
    unsafe = any(ord(c) < 33 or c == "\\" for c in url)
    if parts.scheme or parts.netloc or url.startswith("//") or unsafe:
        raise ValueError(f"not a relative URL: {url!r}")
    return url


def _name(key: str) -> str:
    """`aria_label` -> `aria-label`, `class_` -> `class` (names are ours, never user text)."""
    return key.rstrip("_").replace("_", "-")


def _value(v: object) -> str:
    """An attribute value: numbers short, everything else escaped."""
    return (
        num(v)
        if isinstance(v, float | int) and not isinstance(v, bool)
        else xml_text(v if isinstance(v, str) else str(v))
    )


def wrap(words: str, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most `lines` lines; an ellipsis marks what did not fit."""
    out: list[str] = []
    rest = words.split()[::-1]
    while rest and len(out) < lines:
        line = rest.pop()
        while rest and len(line) + 1 + len(rest[-1]) <= width:
            line += " " + rest.pop()
        out.append(line)
    if rest:
        out[-1] = fit(out[-1] + "…", width)
    return [fit(line, width) for line in out]


def fit(s: str, width: int) -> str:
    """At most `width` characters, ending in an ellipsis when cut."""
    return s if len(s) <= width else s[: width - 1].rstrip() + "…"


def percent(v: float) -> str:
    """A share as a whole percentage, halves rounded up; only a full share reads 100%. The
    one rounding rule of the site: a bar and the text beside it always say the same."""
    whole = math.floor(v * 100 + 0.5)
    return f"{min(whole, 99) if v < 1 else 100}%"


def pace(value: float, expected: float) -> str:
    """'on track', 'a little behind' or 'behind': progress against the cycle's elapsed share
    (within 5 points, within 15, beyond). The site's one reading of a bar."""
    gap = value - expected
    return "on track" if gap >= -0.05 else "a little behind" if gap >= -0.15 else "behind"
