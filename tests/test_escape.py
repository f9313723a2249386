"""The one escaping path for user text in generated pages (render/markup.py, autoescape)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from accord.render.markup import external, ident, link

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("text", HOSTILE)
def test_a_link_shows_hostile_text_as_text(text: str) -> None:
    """Link text and URL are escaped: one <a> with one href, nothing else."""
    tags = _tags(link(text, f"../{text}/"))
    assert [tag for tag, _ in tags] == ["a"] and list(tags[0][1]) == ["href"]


@pytest.mark.parametrize("text", HOSTILE)
def test_only_http_addresses_become_links(text: str) -> None:
    """A repository value that is not http(s) is shown as text, never as a link."""
    assert _tags(external(text, text)) == []
    assert [t for t, _ in _tags(external("x", "https://example.org/a"))] == ["a"]


def test_an_anchor_id_is_checked() -> None:
    assert ident("kr-1") == "kr-1"
    with pytest.raises(ValueError):
        ident('x" onclick="y')
