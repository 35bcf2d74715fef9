# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Commits and contributors per year, from ``git log --use-mailmap`` of HEAD.

Contributors are counted by author e-mail address after the repository's own
``.mailmap`` (read from the commit, never from a work tree), so one person
with two addresses mapped together counts once.  Whether a person belongs to
the organisation is decided by the domain of that address (the profile's
``_email_domains``): ``cern.ch`` matches ``someone@cern.ch`` and
``someone@mail.cern.ch``, not ``someone@notcern.ch``.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from scaffolder.inventory.gitread import _SAFE, GitError, git_env
from scaffolder.inventory.record import Activity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scaffolder.inventory.gitread import GitRepo


def belongs(email: str, domains: Iterable[str]) -> bool:
    """Whether ``email`` is an address of one of ``domains`` (or of their subdomains)."""
    host = email.rpartition("@")[2].lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in (d.lower().strip(".") for d in domains) if d)


def history(repo: GitRepo, domains: tuple[str, ...]) -> tuple[dict[int, Activity], int, int, int, str, str]:
    """(activity by year, commits, contributors, organisation contributors, first date, last date).

    Read as a stream: a long history is never held in memory, only its
    per-year sets of addresses.
    """
    mailmap = ["-c", f"mailmap.blob={repo.commit}:.mailmap"] if ".mailmap" in repo.tree else []
    cmd = ["git", *_SAFE, *mailmap, "--git-dir", str(repo.git_dir), "log", "--use-mailmap", "--no-show-signature"]
    cmd += ["--format=%at %aE", repo.commit, "--"]
    people: dict[int, set[str]] = {}
    org_people: dict[int, set[str]] = {}
    years: dict[int, Activity] = {}
    everyone: set[str] = set()
    org_everyone: set[str] = set()
    first = last = 0
    count = 0
    with subprocess.Popen(
        cmd, cwd=repo.git_dir, env=git_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for raw in proc.stdout:
            stamp, _, email = raw.decode("utf-8", "replace").strip().partition(" ")
            if not stamp.isdigit():
                continue
            when = int(stamp)
            first, last = (when, when) if not count else (min(first, when), max(last, when))
            count += 1
            year = datetime.fromtimestamp(when, timezone.utc).year
            act = years.setdefault(year, Activity())
            address = email.lower()
            act.commits += 1
            people.setdefault(year, set()).add(address)
            everyone.add(address)
            if domains and belongs(address, domains):
                act.org_commits += 1
                org_people.setdefault(year, set()).add(address)
                org_everyone.add(address)
        err = proc.stderr.read().decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        raise GitError(f"git log: {err.splitlines()[-1] if err else proc.returncode}")
    for year, act in years.items():
        act.contributors = len(people.get(year, ()))
        act.org_contributors = len(org_people.get(year, ()))
    return years, count, len(everyone), len(org_everyone), _date(first), _date(last)


def _date(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
