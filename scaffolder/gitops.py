# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The few git operations scaffolder needs, always as list-form commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from scaffolder.errors import ScaffolderError


def git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> str:
    if shutil.which("git") is None:
        raise ScaffolderError("git is not installed; install it or pass --no-git")
    proc = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
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
