"""The one escaping path: any user text, through Markdown, comes out as the same text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest

from accord.render.escape import Safe, finalize, ident, link, md, url_escape

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "**bold** _it_ `code` ~~strike~~",
    "# not a heading",
    "1. not a list",
    "> not a quote",
    "| not | a | table |",
    "&lt; stays &amp; as typed &#x27;",
    "back\\slash and \\*",
    "O'Brien & Sons <b>",
    "[ref]: https://example.com",
    "<https://example.com> and https://example.com",
    "{: #id .class onclick=x }",
]


class Collect(HTMLParser):
    """The tags and text of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def rendered(source: str) -> Collect:
    parser = Collect()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_text_comes_out_as_typed_with_no_markup(text: str) -> None:
    """In a paragraph, escaped text renders to exactly the same characters and no tags."""
    out = rendered(md(text))
    assert out.tags == ["p"]
    assert out.text == text


@pytest.mark.parametrize("text", HOSTILE)
def test_text_in_a_table_cell_and_a_link_stays_text(text: str) -> None:
    """In a table cell or as link text, it neither breaks the table nor adds a link."""
    table = rendered(f"| a | b |\n| --- | --- |\n| {md(text)} | {link(text, '../x/index.md')} |\n")
    assert table.tags.count("td") == 2
    assert table.tags.count("a") == 1
    assert table.text.count(text) == 2


def test_white_space_collapses_to_one_line() -> None:
    """Line breaks in user text cannot start a new Markdown block."""
    assert md("first\n\n# second\n    code") == "first \\# second code"


def test_safe_markdown_passes_unchanged_and_ids_are_checked() -> None:
    """Only Accord's own Markdown is marked Safe; ids must be ids to be emitted raw."""
    assert finalize(Safe("[a](b)")) == "[a](b)"
    assert finalize("[a](b)") == "\\[a\\]\\(b\\)"
    assert finalize(None) == "" and finalize(3) == 3
    assert ident("on-time-service") == "on-time-service"
    with pytest.raises(ValueError):
        ident("x} onclick={")


def test_urls_cannot_close_the_link() -> None:
    """A URL with spaces, quotes or brackets is percent-encoded inside `(...)`."""
    assert url_escape('https://x/a b)"<') == "https://x/a%20b%29%22%3C"
    assert html.unescape(url_escape("https://x/#L12")) == "https://x/#L12"
