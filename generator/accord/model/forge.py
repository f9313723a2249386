"""The hosting site of the OKR repository (`repository:` in org.yaml): the one place that
knows its URL shapes, for the site's "Propose a change", "View in the repository" and
"Check in" links and the commit and pull-request links of the history.

Decisions:
- Only an http(s) address with a plain host name (letters, digits, '.', '-', an optional
  port) makes a forge; anything else (`javascript:`, `//host`, a host with quotes or spaces)
  makes none, and the site shows no repository links rather than broken or unsafe ones.
  User name and password in the address, a query and a fragment are dropped: a token pasted
  into `repository:` is never published. A trailing `/` or `.git` (a clone address) is
  dropped too.
- GitLab is recognised by a host with a `gitlab` label (gitlab.com, gitlab.example.org) and
  gets GitLab's shapes (`/-/edit/`, `/-/blob/`, `/-/commit/`, `/-/merge_requests/N`). GitLab
  has no issue forms, so it gets no "Check in" or "Propose an objective" link.
- Every other host is treated as GitHub-shaped: github.com and GitHub Enterprise Server
  (github.example.com) are the hosts a real organisation most likely names. Gitea and
  Forgejo differ (`/src/branch/`, `/_edit/`); they would get a kind of their own here.
- Paths are relative to the git work tree root (`prefix` is the OKR repository's folder in
  it); every path segment and query value is percent-encoded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?")
_PLAIN = re.compile(r"[^\s\x00-\x1f\x7f]*")  # no white space or control characters


@dataclass(frozen=True)
class Forge:
    """The web pages of one repository on its hosting site, on its default branch."""

    base: str  # scheme, host and project path, no trailing slash
    kind: str  # "github" or "gitlab"
    branch: str = "main"
    prefix: str = ""  # the OKR repository's folder inside the git work tree: "" or "okrs-repo/"

    @property
    def has_issue_forms(self) -> bool:
        """True when the host prefills an issue form from the URL (GitHub's issue forms)."""
        return self.kind == "github"

    def _at(self, *parts: str) -> str:
        return self.base + ("/-/" if self.kind == "gitlab" else "/") + "/".join(parts)

    def _path(self, path: str) -> str:
        return quote(self.prefix + path, safe="/")

    def edit(self, path: str) -> str:
        """The web editor on `path` (OKR-repository-relative) on the default branch."""
        return self._at("edit", quote(self.branch, safe="/"), self._path(path))

    def blob(self, path: str, line: int | None = None) -> str:
        """`path` on the default branch, at `line` when given."""
        url = self._at("blob", quote(self.branch, safe="/"), self._path(path))
        return f"{url}#L{line}" if line else url

    def commit(self, sha: str) -> str:
        """One commit."""
        return self._at("commit", quote(sha, safe=""))

    def pull_request(self, number: int) -> str:
        """A pull request (on GitLab, a merge request)."""
        return self._at("merge_requests" if self.kind == "gitlab" else "pull", str(int(number)))

    def issue_form(self, template: str, fields: Mapping[str, str]) -> str | None:
        """A new issue from the issue form `template`, its fields prefilled; None on a host
        without issue forms."""
        if not self.has_issue_forms:
            return None
        query = urlencode({"template": template, **fields}, safe="/", quote_via=quote)
        return f"{self.base}/issues/new?{query}"


def forge_of(repository: str | None, branch: str = "main", prefix: str = "") -> Forge | None:
    """The forge `repository` names, or None when it is not a web address links can use."""
    if not repository:
        return None
    written = repository.strip()
    if not _PLAIN.fullmatch(written):  # urlsplit would silently drop tabs and line breaks
        return None
    try:
        parts = urlsplit(written)
    except ValueError:  # such as an unclosed '[' of an IPv6 address
        return None
    host = parts.netloc.rpartition("@")[2]
    if parts.scheme.lower() not in ("http", "https") or not _HOST.fullmatch(host):
        return None
    path = quote(parts.path.rstrip("/").removesuffix(".git").rstrip("/"), safe="/%")
    labels = host.split(":", 1)[0].lower().split(".")
    kind = "gitlab" if "gitlab" in labels else "github"
    return Forge(f"{parts.scheme.lower()}://{host}{path}", kind, branch, prefix)
