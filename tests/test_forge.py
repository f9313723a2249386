"""The hosting site's URL shapes: GitHub, GitLab, other hosts, and addresses that give none."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from accord.model.forge import forge_of

REPO = "https://github.com/northwind/okrs"


def test_github_urls_for_a_file_a_line_a_commit_and_a_pull_request() -> None:
    """Editor, file at a line, commit and pull request, on the default branch given."""
    forge = forge_of(REPO, "trunk")
    assert forge is not None
    assert forge.edit("okrs/2026-q4/ops.yaml") == f"{REPO}/edit/trunk/okrs/2026-q4/ops.yaml"
    assert forge.blob("okrs/2026-q4/ops.yaml", 12) == f"{REPO}/blob/trunk/okrs/2026-q4/ops.yaml#L12"
    assert forge.blob("okrs/2026-q4/ops.yaml") == f"{REPO}/blob/trunk/okrs/2026-q4/ops.yaml"
    assert forge.commit("0123abc") == f"{REPO}/commit/0123abc"
    assert forge.pull_request(7) == f"{REPO}/pull/7"


def test_the_issue_form_link_carries_its_fields_url_encoded() -> None:
    """Template and fields become query parameters; user text cannot add a parameter."""
    forge = forge_of(REPO)
    assert forge is not None
    url = forge.issue_form("checkin.yml", {"ref": "2026-q4/a.b", "title": "Check-in: x&y=1 #2"})
    assert url is not None and url.startswith(f"{REPO}/issues/new?template=checkin.yml&")
    query = parse_qs(urlsplit(url).query)
    assert query == {"template": ["checkin.yml"], "ref": ["2026-q4/a.b"],
                     "title": ["Check-in: x&y=1 #2"]}  # fmt: skip
    assert "#" not in url and " " not in url


def test_a_subfolder_and_a_branch_with_a_slash_are_in_the_path() -> None:
    """The OKR repository's folder in the git work tree prefixes every path; odd characters
    are percent-encoded."""
    forge = forge_of(REPO, "release/2026", "org okrs/")
    assert forge is not None
    assert forge.blob("okrs/x.yaml", 3) == f"{REPO}/blob/release/2026/org%20okrs/okrs/x.yaml#L3"
    assert forge.edit("okrs/x.yaml") == f"{REPO}/edit/release/2026/org%20okrs/okrs/x.yaml"


def test_gitlab_gets_its_own_shapes_and_no_issue_form() -> None:
    """GitLab's `/-/` paths and merge requests; it has no issue forms, so no form link."""
    for base in ("https://gitlab.com/northwind/okrs", "https://gitlab.northwind.example/ops/okrs"):
        forge = forge_of(base)
        assert forge is not None and forge.kind == "gitlab"
        assert forge.edit("okrs/a.yaml") == f"{base}/-/edit/main/okrs/a.yaml"
        assert forge.blob("okrs/a.yaml", 4) == f"{base}/-/blob/main/okrs/a.yaml#L4"
        assert forge.commit("abc") == f"{base}/-/commit/abc"
        assert forge.pull_request(9) == f"{base}/-/merge_requests/9"
        assert forge.issue_form("checkin.yml", {"ref": "x"}) is None


def test_other_hosts_are_github_shaped() -> None:
    """GitHub Enterprise Server and any unknown host get GitHub's shapes; a host that only
    contains the word gitlab is not GitLab."""
    for base in ("https://github.northwind.example/ops/okrs", "http://mygitlab.example/okrs"):
        forge = forge_of(base)
        assert forge is not None and forge.kind == "github"
        assert forge.edit("okrs/a.yaml") == f"{base}/edit/main/okrs/a.yaml"


def test_clone_addresses_and_credentials_are_cleaned() -> None:
    """A trailing slash or `.git` is dropped; a user name, token, query or fragment is never
    published."""
    for written in (f"{REPO}/", f"{REPO}.git", "https://bot:ghp_secret@github.com/northwind/okrs",
                    f"{REPO}?tab=readme#top"):  # fmt: skip
        forge = forge_of(written)
        assert forge is not None and forge.base == REPO, written
        assert "secret" not in forge.commit("a")


@pytest.mark.parametrize(
    "repository",
    [
        None, "", "javascript:alert(1)", "JaVaScRiPt://github.com/x", "//github.com/x/y",
        "ftp://github.com/x", "github.com/northwind/okrs", 'https://evil" onmouseover="alert(1)',
        "https://<script>alert(1)</script>/x", "https://", "https://[::1", "data:text/html,x",
        "https://github.com/x/y z", "https://github.com/x/\ny",
    ],
)  # fmt: skip
def test_an_address_that_is_not_a_plain_web_address_gives_no_forge(
    repository: str | None,
) -> None:
    """No forge, so the site shows no repository links, never a broken or unsafe one."""
    assert forge_of(repository) is None


def test_markup_in_the_path_is_percent_encoded() -> None:
    """A path with quotes or angle brackets cannot leave the URL."""
    forge = forge_of('https://github.com/x/"><script>alert(1)</script>')
    assert forge is not None
    for url in (forge.edit("okrs/a.yaml"), forge.issue_form("checkin.yml", {"ref": "a"}) or ""):
        assert not set(url) & set("\"'<> "), url
