"""What `accord serve` answers: only requests addressed to it by a loopback name, and, while
an edit has broken the OKRs, a page that says what and where instead of the site's pages.

A page on another site can make a browser send requests to 127.0.0.1 under its own name
(DNS rebinding) and read the answers, `okrs.json` included. Such requests carry that name
in their `Host` header, so anything but `localhost`, `127.0.0.1`, `[::1]` or the address the
server is bound to, with or without its port, is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from markupsafe import escape

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Every `Host` header a request to `host`:`port` may carry, in lower case."""
    bound = f"[{host}]" if ":" in host else host
    names = {*LOOPBACK, bound.lower()}
    return frozenset({*names, *(f"{name}:{port}" for name in names)})


def local_only(app: WSGIApplication, host: str, port: int) -> WSGIApplication:
    """`app`, answering 403 to a request for another host and 400 to a path with a NUL
    (which would otherwise fail inside the server with a traceback)."""
    hosts = allowed_hosts(host, port)

    def guarded(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if str(environ.get("HTTP_HOST", "")).lower() not in hosts:
            body = "403 Forbidden: this server answers only requests for localhost\n"
            return _refuse(start_response, "403 Forbidden", body)
        if "\0" in str(environ.get("PATH_INFO", "")):
            return _refuse(start_response, "400 Bad Request", "400 Bad Request\n")
        return app(environ, start_response)

    return guarded


def _refuse(start_response: StartResponse, status: str, body: str) -> list[bytes]:
    data = body.encode("utf-8")
    headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))]
    start_response(status, headers)
    return [data]


PROBLEM_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="1">
<title>The OKRs have errors</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
pre{{background:#f5f5f5;padding:1rem;overflow:auto;white-space:pre-wrap}}</style>
</head><body>
<h1>The OKRs have errors</h1>
<p>The last edit could not be built. Each line says the file, line and column, and what is
wrong there. This page reloads itself, and shows the site again once the files are fixed.</p>
<pre>{problem}</pre>
</body></html>
"""


def showing(app: WSGIApplication, problem: Callable[[], str | None]) -> WSGIApplication:
    """`app`, answering every page request (a path ending in `/` or `.html`) with the
    problems while `problem()` names some; other files (okrs.json, styles) as they are."""

    def shown(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        text, path = problem(), str(environ.get("PATH_INFO", "/"))
        if text is None or not (path.endswith("/") or path.endswith(".html")):
            return app(environ, start_response)
        data = PROBLEM_PAGE.format(problem=escape(text)).encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
        ]
        start_response("200 OK", headers)
        return [data]

    return shown
