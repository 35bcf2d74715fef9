# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The few git operations scaffolder needs, always as list-form commands."""

from __future__ import annotations

import os
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


def identity_env(cwd: Path, name: str, email: str) -> dict[str, str]:
    """Author and committer from the answers, for where git has no identity configured."""
    have_name = git("config", "user.name", cwd=cwd, check=False).strip()
    have_email = git("config", "user.email", cwd=cwd, check=False).strip()
    env: dict[str, str] = {}
    if not have_name and not os.environ.get("GIT_AUTHOR_NAME"):
        env["GIT_AUTHOR_NAME"] = env["GIT_COMMITTER_NAME"] = name
    if not have_email and not os.environ.get("GIT_AUTHOR_EMAIL"):
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
