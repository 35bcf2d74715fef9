# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Forge discovery: the repositories of a GitLab group (and its subgroups) or of a GitHub organisation.

Archived and forked repositories are kept and marked as such.  A forge that
cannot be reached, a token it refuses (401) or a group it does not know is
one failed entry named after the group, never an exception: the rest of the
run goes on.  python-gitlab and PyGithub are imported only here, when a
forge is asked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scaffolder.inventory.record import FAILED, RepoRecord
from scaffolder.inventory.sources import Source

TIMEOUT = 30


def failure(source: str, reason: str, forge: str | None = None) -> RepoRecord:
    """A failed entry for something that is not (or not yet) a repository: a bad URL, a forge."""
    return RepoRecord(source=source, status=FAILED, error=" ".join(reason.split()), forge=forge, name=source)


def _reason(exc: Exception, forge: str, token_var: str) -> str:
    code = getattr(exc, "response_code", None) or getattr(exc, "status", None)
    if code == 401:
        return f"{forge} refused the token (401: expired or revoked); set a valid {token_var}"
    if code == 403:
        return f"{forge} denied access (403); check {token_var}'s scopes"
    if code == 404:
        return f"{forge} has no such group or organisation (404), or {token_var} cannot see it"
    name = type(exc).__name__
    if "Connection" in name or "Timeout" in name or "MaxRetry" in name:
        return f"{forge} cannot be reached ({name})"
    text = " ".join(str(exc).split())[:160]
    return f"{forge} answered with an error ({code or name}): {text}"


def gitlab_group(url: str, token: str | None) -> tuple[list[Source], list[RepoRecord]]:
    """Every project of the group at ``url`` (``https://host/group/sub``), subgroups included."""
    parts = urlsplit(url)
    group = parts.path.strip("/")
    if parts.scheme not in ("http", "https") or not parts.hostname or not group:
        return [], [failure(url, f"--gitlab-group: {url!r} is not a group URL like https://gitlab.example.org/group")]
    import gitlab

    server = f"{parts.scheme}://{parts.netloc}"
    found = []
    try:
        gl = gitlab.Gitlab(server, private_token=token or None, timeout=TIMEOUT, retry_transient_errors=False)
        projects = gl.groups.get(group, lazy=True).projects.list(
            include_subgroups="true", with_shared="false", iterator=True, per_page=100
        )
        for p in projects:
            found.append(_gitlab_source(p.attributes, server))
    except Exception as exc:  # python-gitlab's and requests' errors alike
        return [], [failure(url, _reason(exc, f"GitLab {server}", "GITLAB_TOKEN"), forge="gitlab")]
    return found, []


def _gitlab_source(p: dict[str, Any], server: str) -> Source:
    return Source(
        location=str(p.get("http_url_to_repo") or ""),
        forge="gitlab",
        name=str(p.get("path_with_namespace") or p.get("path") or ""),
        web_url=p.get("web_url"),
        description=p.get("description") or None,
        archived=bool(p.get("archived")),
        fork="forked_from_project" in p,
    )


def github_org(name: str, token: str | None, api: str | None) -> tuple[list[Source], list[RepoRecord]]:
    """Every repository of the organisation ``name`` (forks and archived ones included)."""
    label = f"github:{name}"
    if not name or "/" in name or any(not (c.isalnum() or c in "-_.") for c in name):
        return [], [failure(label, f"--github-org: {name!r} is not an organisation name")]
    import github

    base = (api or "https://api.github.com").rstrip("/")
    found = []
    try:
        auth = github.Auth.Token(token) if token else None
        gh = github.Github(base_url=base, auth=auth, timeout=TIMEOUT, retry=None, per_page=100)
        for r in gh.get_organization(name).get_repos(type="all"):
            found.append(
                Source(
                    location=r.clone_url,
                    forge="github",
                    name=r.full_name,
                    web_url=r.html_url,
                    description=r.description or None,
                    archived=bool(r.archived),
                    fork=bool(r.fork),
                )
            )
    except Exception as exc:  # PyGithub's and requests' errors alike
        return [], [failure(label, _reason(exc, f"GitHub {base}", "GITHUB_TOKEN"), forge="github")]
    return found, []
