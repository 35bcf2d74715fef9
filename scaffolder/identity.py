# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The organisation's template, named once, and template sources compared by identity.

Trust follows who made a template, not what its ``copier.yml`` looks like
(docs/security.md): ``scaffolder update`` runs the reviewed migrations of the
organisation's template only.  That template is named by, first to last:

1. the environment variable ``SCAFFOLDER_TEMPLATE_URL``;
2. the key ``_template_url`` of the organisation profile (``SCAFFOLDER_PROFILE``,
   else the built-in ``cern``; docs/wizard.md);
3. the ``origin`` remote of the installed checkout, when that is a network URL;
4. for an installed wheel, the URL recorded when it was built (setup.py:
   ``$SCAFFOLDER_TEMPLATE_URL`` then, else the built checkout's network origin);

and locally by the installed checkout (:data:`scaffolder.templates.CHECKOUT`), or
the template inside an installed wheel (:data:`scaffolder.templates.PACKAGED`).

Sources are compared after :func:`normalise`: the https and ssh forms of one
repository, with or without ``.git`` or a trailing ``/``, are one source; a
local path is its real path; a ``file://`` URL is the path it names.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scaffolder import gitops

#: Environment variable naming the canonical URL of the organisation's template.
ENV_TEMPLATE_URL = "SCAFFOLDER_TEMPLATE_URL"
#: The organisation profile's key for the same.
PROFILE_KEY = "_template_url"

#: copier's shorthands (copier/_vcs.py ``ALIASES``).
_ALIASES = {"gh:": "https://github.com/", "gl:": "https://gitlab.com/"}
#: What copier takes for a git repository without asking the file system (copier/_vcs.py ``GIT_PREFIX``).
_COPIER_GIT_PREFIX = ("git@", "git://", "git+", "https://github.com/", "https://gitlab.com/")
_NETWORK_SCHEMES = frozenset({"http", "https", "ssh", "git", "git+ssh", "git+https", "git+http", "ssh+git"})
#: What a URL's ``user@host:port`` may hold (RFC 3986 characters only).
_NETLOC = re.compile(r"^[A-Za-z0-9._~%!$&'()*+,;=:@\[\]-]*$")
#: ``[user@]host:path`` as git reads it: a colon with no slash before it.
_SCP = re.compile(r"^(?:(?P<user>[^@/:\s]+)@)?(?P<host>[^@/:\s]+):(?P<path>(?!//).*)$")


@dataclass(frozen=True)
class TemplateIdentity:
    """The organisation's template: its canonical URL and its local checkout (either may be unknown)."""

    url: str | None
    path: Path | None

    def matches(self, src: str) -> bool:
        """Whether ``src`` names this template (after :func:`normalise`)."""
        key = normalise(src)
        return bool(key) and key in {normalise(s) for s in (self.url, self.path and str(self.path)) if s}


def is_url(src: str) -> bool:
    """Whether ``src`` is a URL (``scheme://``, ``user@host:path``, copier's ``gh:``/``gl:``), not a path."""
    src = src.strip()
    if "://" in src or src.startswith(tuple(_ALIASES)):
        return True
    return bool(_SCP.match(src)) and not src.startswith(("/", ".", "~"))


def is_network_url(src: str) -> bool:
    """A URL another machine (a CI runner) can reach: not a path, not ``file://``."""
    return is_url(src) and not src.strip().lower().startswith("file:")


def normalise(src: str) -> str:
    """A key equal for every spelling of one template source.

    Network URLs become ``host/path`` (host lower-case; scheme, user, port,
    ``.git`` and slashes at the end dropped); local paths and ``file://`` URLs
    become the absolute real path.  Paths keep their case: two names that a
    server might tell apart are never taken for one.
    """
    text = src.strip()
    if not text:
        return ""
    for alias, base in _ALIASES.items():
        if text.startswith(alias):
            text = base + text[len(alias) :].lstrip("/")
    if text.lower().startswith("file://"):
        return os.path.realpath(unquote(urlsplit(text).path))
    if "://" in text:
        parts = urlsplit(text)
        if not _NETLOC.match(parts.netloc) or parts.netloc.count("@") > 1:
            return "unparsed:" + text  # parsers disagree on such hosts (a backslash, a space): never a match
        host, path = (parts.hostname or "").lower(), unquote(parts.path)
    elif is_url(text) and (m := _SCP.match(text)):
        host, path = m["host"].lower(), m["path"]
    else:
        return os.path.realpath(Path(text).expanduser())
    path = re.sub(r"/+", "/", path).strip("/")
    path = path.removesuffix(".git").rstrip("/")
    return f"{host}/{path}"


def same(a: str, b: str) -> bool:
    """Whether two sources name one template."""
    ka, kb = normalise(a), normalise(b)
    return bool(ka) and ka == kb


def origin_url(checkout: Path) -> str | None:
    """The ``origin`` remote of a local git checkout, or None."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(checkout), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **gitops.hardened_env()},
        )
    except OSError:
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def _profile_url(profile: str | Path | None) -> str | None:
    """``_template_url`` of the organisation profile (the wizard's rules for which profile applies)."""
    import yaml

    from scaffolder.wizard import BUILTIN_PROFILE, ENV_PROFILE, PROFILES

    chosen = str(profile) if profile is not None else os.environ.get(ENV_PROFILE) or BUILTIN_PROFILE
    if chosen == "none":
        return None
    path = Path(chosen).expanduser()
    if not path.is_file():
        path = PROFILES / f"{chosen}.yml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # the wizard reports a broken profile; here it only names no URL
    value = raw.get(PROFILE_KEY) if isinstance(raw, dict) else None
    return str(value).strip() or None if value else None


def organisation_template(profile: str | Path | None = None) -> TemplateIdentity:
    """The organisation's template: canonical URL (env, profile, checkout origin) and local checkout."""
    from scaffolder import templates

    checkout = templates.CHECKOUT if (templates.CHECKOUT / "copier.yml").is_file() else None
    url = os.environ.get(ENV_TEMPLATE_URL, "").strip() or _profile_url(profile)
    if not url and checkout is not None:
        origin = origin_url(checkout)
        url = origin if origin and is_network_url(origin) else None
    if checkout is None and (packaged := templates.build_info()) is not None:
        # an installed wheel: the template inside it, from the URL it was built from (setup.py)
        checkout, url = templates.PACKAGED, url or packaged.url
    return TemplateIdentity(url=copier_url(url) if url else None, path=checkout)


def is_organisation_template(src: str, profile: str | Path | None = None) -> bool:
    """Whether ``src`` (a recorded ``_src_path``, a ``--template``) is the organisation's template."""
    return organisation_template(profile).matches(src)


def copier_url(url: str) -> str:
    """``url`` in a form copier takes for a git repository (it needs ``.git`` on most https URLs)."""
    url = url.strip()
    if not is_network_url(url) or url.startswith(tuple(_ALIASES)):
        return url
    if url.endswith(".git") or url.startswith(_COPIER_GIT_PREFIX):
        return url
    return url.rstrip("/") + ".git"


def git_url(src: str) -> str:
    """``src`` as git itself takes it (copier's ``gh:``/``gl:`` and ``git+`` spelled out)."""
    text = src.strip()
    for alias, base in _ALIASES.items():
        if text.startswith(alias):
            rest = text[len(alias) :].lstrip("/")
            return base + (rest if rest.endswith(".git") else rest + ".git")
    return text[4:] if text.startswith("git+") else text


def recorded_source(src: str, profile: str | Path | None = None) -> str:
    """The template source to record as ``_src_path`` for a project rendered from ``src``.

    A local checkout is recorded by its canonical URL, so that the project's
    CI can reach it: the installed checkout, or a clone of the organisation's
    template (its ``origin`` is the organisation's URL), by the organisation's
    URL; another checkout by its ``origin`` when that is a network URL.  A URL,
    or a local path with no known URL, is recorded as it is.
    """
    if is_url(src):
        return src
    ident = organisation_template(profile)
    origin = origin_url(Path(src).expanduser())
    if ident.url and (
        (ident.path and same(src, str(ident.path))) or (origin and same(origin, ident.url))
    ):
        return ident.url
    if origin and is_network_url(origin):
        return copier_url(origin)
    return src


def unreachable_warning(answers: dict[str, object]) -> str | None:
    """One warning line when a new project's template-update CI job cannot reach the template it records."""
    src = str(answers.get("_src_path") or "")
    if answers.get("template_updates") != "ci-job" or not src or is_network_url(src):
        return None
    return (
        f"warning: the project records its template as {src}, which its template-update CI job cannot reach; "
        f"name the template's URL with {ENV_TEMPLATE_URL} or the profile's {PROFILE_KEY} "
        "(the project's docs/PUBLISHING.md lists it as an open item)"
    )
