# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The few git operations scaffolder needs, always as list-form commands.

Every git process, scaffolder's own and copier's (:func:`hardened_copier`),
runs with :func:`hardened_env`: the ``ext`` and ``fd`` transports, which run
commands named by a URL, are refused, and no hook or file-system monitor of
a repository runs (docs/security.md).  Paths and URLs follow ``--``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from scaffolder.errors import ScaffolderError

#: Configuration forced on every git process (command-line scope: over the user's and the repository's).
HARDENING = (
    ("protocol.ext.allow", "never"),  # `ext::sh -c ...` runs a command
    ("protocol.fd.allow", "never"),
    ("core.fsmonitor", "false"),  # a repository's config could name a program to run
    ("core.hooksPath", "/dev/null"),
)
#: The transports git may use (``GIT_ALLOW_PROTOCOL``): everything else, ``ext`` and ``fd`` first, is refused.
ALLOWED_PROTOCOLS = "file:git:http:https:ssh"


def hardened_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment entries that make any git process started with them apply :data:`HARDENING`.

    ``GIT_CONFIG_COUNT``/``GIT_CONFIG_KEY_n``/``GIT_CONFIG_VALUE_n`` add to
    what ``base`` (default: this process's environment) already sets there;
    ``GIT_ALLOW_PROTOCOL`` keeps a stricter list the user set, without ``ext`` and ``fd``.
    """
    base = os.environ if base is None else base
    count = base.get("GIT_CONFIG_COUNT", "0")
    first = int(count) if count.isdigit() else 0
    env = {"GIT_CONFIG_COUNT": str(first + len(HARDENING))}
    for i, (key, value) in enumerate(HARDENING, start=first):
        env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"] = key, value
    allowed = base.get("GIT_ALLOW_PROTOCOL") or ALLOWED_PROTOCOLS
    env["GIT_ALLOW_PROTOCOL"] = ":".join(p for p in allowed.split(":") if p and p not in ("ext", "fd"))
    return env


@contextmanager
def hardened_copier() -> Iterator[None]:
    """Copier's git calls (through plumbum) with :func:`hardened_env`, for the duration of the block.

    plumbum copies the environment when it is first imported, so the entries
    go into its ``local.env`` as well as ``os.environ``.
    """
    from plumbum import local

    env = hardened_env()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with local.env(**env):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def refuse_option_like(what: str, value: str) -> None:
    """A repository path or URL that starts with ``-`` would be read as an option by git: refused."""
    if value.strip().startswith("-"):
        raise ScaffolderError(f"{what}: {value!r} starts with '-'; refused (git would read it as an option)")


def git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> str:
    if shutil.which("git") is None:
        raise ScaffolderError("git is not installed; install it or pass --no-git")
    proc = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **(env or {}), **hardened_env({**os.environ, **(env or {})})},
        capture_output=True,
        text=True,
        check=False,
    )
    if check and proc.returncode != 0:
        first = (proc.stderr or proc.stdout).strip().splitlines()
        raise ScaffolderError(f"git {args[0]} failed in {cwd}: {first[-1] if first else proc.returncode}")
    return proc.stdout


def inside_work_tree(path: Path) -> bool:
    proc = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"],
        cwd=path,
        env={**os.environ, **hardened_env()},
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode == 0 and proc.stdout.strip() == "true"


def configured_identity(cwd: Path) -> dict[str, str]:
    """``author_name``/``author_email`` answers from ``git config user.name/user.email``, where set."""
    if shutil.which("git") is None:
        return {}
    out: dict[str, str] = {}
    for key, answer in (("user.name", "author_name"), ("user.email", "author_email")):
        if value := git("config", key, cwd=cwd, check=False).strip():
            out[answer] = value
    return out


#: An e-mail address as the template's `author_email` validator accepts it.
EMAIL = re.compile(r'^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>".]+$')


def identity_defaults(cwd: Path) -> dict[str, str]:
    """The configured identity as default answers: an address the template would refuse is left out."""
    identity = configured_identity(cwd)
    if not EMAIL.match(identity.get("author_email", "")):
        identity.pop("author_email", None)
    return identity


def identity_env(cwd: Path, name: str, email: str) -> dict[str, str]:
    """Author and committer from the answers, for where git has no identity configured."""
    have = configured_identity(cwd)
    env: dict[str, str] = {}
    if "author_name" not in have and not os.environ.get("GIT_AUTHOR_NAME"):
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = name
    if "author_email" not in have and not os.environ.get("GIT_AUTHOR_EMAIL"):
        env["GIT_AUTHOR_EMAIL"] = env["GIT_COMMITTER_EMAIL"] = email or "noreply@invalid"
    return env


def init_and_commit(path: Path, message: str, name: str, email: str) -> str:
    """``git init`` and a first commit of everything; returns the commit id."""
    git("init", "-q", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-q", "--no-verify", "-m", message, cwd=path, env=identity_env(path, name, email))
    return git("rev-parse", "HEAD", cwd=path).strip()


def dirty_files(path: Path) -> list[str]:
    """Uncommitted changes (tracked or untracked, not ignored), as paths."""
    out = git("status", "--porcelain", "--untracked-files=all", cwd=path)
    return [line[3:] for line in out.splitlines() if line.strip()]
