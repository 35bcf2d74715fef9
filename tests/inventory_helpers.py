# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Repositories and a forge API server for the inventory tests: real git, pages on loopback only."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.helpers import GIT_ENV, REPO

FORGE_PAGES = REPO / "tests" / "data" / "forges"


def commit(repo: Path, files: dict[str, str | bytes], *, email: str = "test@example.org",
           name: str = "Test Author", date: str = "2024-03-01T12:00:00Z", message: str = "change") -> str:
    """Write ``files`` and commit them as ``name <email>`` on ``date``; the new commit id."""
    if not (repo / ".git").exists():
        repo.mkdir(parents=True, exist_ok=True)
        _git(repo, "init", "-q", "-b", "main")
    for rel, content in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", message, env=env)
    return _git(repo, "rev-parse", "HEAD").strip()


def bare(src: Path, dest: Path) -> str:
    """A bare copy of ``src`` that serves partial clones; its ``file://`` URL."""
    _git(dest.parent, "clone", "-q", "--bare", str(src), str(dest))
    _git(dest, "config", "uploadpack.allowFilter", "true")
    _git(dest, "config", "uploadpack.allowAnySHA1InWant", "true")
    return dest.as_uri()


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV, **(env or {})},
        capture_output=True, text=True, check=True,
    )
    return proc.stdout


class ForgeServer:
    """An HTTP server on 127.0.0.1 serving forge API pages from tests/data/forges.

    ``routes`` maps a request path to a list of pages (file names); page N of
    a list is served for ``?page=N`` with a ``Link: rel="next"`` header as
    GitLab and GitHub send.  A request whose token is ``expired`` gets the
    forge's 401 page.
    """

    def __init__(self, routes: dict[str, list[str]], repos: dict[str, str], unauthorised: str) -> None:
        self.routes, self.repos, self.unauthorised = routes, repos, unauthorised
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                path, _, query = self.path.partition("?")
                params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
                auth = self.headers.get("Authorization", "") + self.headers.get("PRIVATE-TOKEN", "")
                if "expired" in auth:
                    return self._send(401, server.page(server.unauthorised))
                pages = server.routes.get(path.replace("%2F", "/").replace("%2f", "/"))
                if pages is None:
                    return self._send(404, '{"message": "404 Not Found"}')
                number = int(params.get("page", "1"))
                headers = {}
                if number < len(pages):
                    nxt = query.replace(f"page={number}", "") + f"&page={number + 1}"
                    headers["Link"] = f'<{server.base}{path}?{nxt.strip("&")}>; rel="next"'
                return self._send(200, server.page(pages[number - 1]), headers)

            def _send(self, code: int, body: str, headers: dict[str, str] | None = None) -> None:
                data = body.encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def page(self, name: str) -> str:
        text = (FORGE_PAGES / name).read_text(encoding="utf-8").replace("{base}", self.prefix)
        for key, url in self.repos.items():
            text = text.replace("{repo:" + key + "}", url)
        json.loads(text)  # a page must stay valid JSON
        return text

    prefix = ""

    def __enter__(self) -> ForgeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
