# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template versions: PEP 440 git tags, and which one an update goes to.

The template is versioned by PEP 440 tags (``v1.2.0``).  ``scaffolder new``
renders the template's ``HEAD``, so a project may record a version between two
tags, as ``git describe`` writes it (``v1.2.0-3-gabc1234``, read as
``1.2.0.post3.dev0``).  "The newest version" is therefore the newest stable
tag, or ``HEAD`` when ``HEAD`` is past that tag: a project updated with the
defaults gets what a new project would get, and an update never goes back to
a version older than the one a project records (copier refuses downgrades).
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.errors import ScaffolderError
from scaffolder.gitops import git, refuse_option_like

if TYPE_CHECKING:
    from packaging.version import Version

_DESCRIBED = re.compile(r"^(?P<base>.+)-(?P<count>\d+)-g(?P<hash>[0-9a-f]+)$")


@dataclass(frozen=True)
class TemplateVersion:
    """One version of the template."""

    #: What copier is given as ``vcs_ref``: a tag name or ``HEAD``.
    ref: str
    #: What copier records as ``_commit`` (``git describe --tags``).
    label: str

    @property
    def pep440(self) -> Version | None:
        return parse(self.label)


def parse(label: str | None) -> Version | None:
    """A recorded ``_commit`` (tag or ``git describe`` output) as a PEP 440 version, or None."""
    from packaging.version import InvalidVersion, Version

    if not label:
        return None
    text = str(label).strip()
    if m := _DESCRIBED.match(text):
        try:
            base = Version(m["base"])
        except InvalidVersion:
            return None
        return Version(f"{base.base_version}.post{m['count']}.dev0+g{m['hash']}")
    try:
        return Version(text)
    except InvalidVersion:
        return None


def compare(a: str | None, b: str | None) -> int | None:
    """-1, 0 or 1 as version ``a`` is older than, the same as or newer than ``b`` (None: not versions).

    Two ``git describe`` labels of one commit may abbreviate its hash to
    different lengths; they are the same version.
    """
    va, vb = parse(a), parse(b)
    if va is None or vb is None:
        return None
    from packaging.version import Version

    pa, pb = Version(va.public), Version(vb.public)
    if pa != pb:
        return -1 if pa < pb else 1
    ha, hb = (va.local or "").removeprefix("g"), (vb.local or "").removeprefix("g")
    if ha.startswith(hb) or hb.startswith(ha):
        return 0
    return -1 if ha < hb else 1  # the same distance from one tag on two branches: no order; stay stable


_CLONES: dict[str, Path] = {}


def _cleanup_clones() -> None:
    for path in _CLONES.values():
        shutil.rmtree(path.parent, ignore_errors=True)
    _CLONES.clear()


def local_repo(src: str) -> Path:
    """A local git repository holding the template ``src`` (a path, or a cached bare clone of a URL)."""
    from scaffolder import identity

    refuse_option_like("template", src)
    path = Path(src).expanduser()
    if "://" not in src and not src.startswith("git@") and path.is_dir():
        if not git("rev-parse", "--git-dir", cwd=path, check=False).strip():
            raise ScaffolderError(f"template {src} is not a git repository: it has no versions to update to")
        return path
    if "://" not in src and not src.startswith("git@") and (path.is_absolute() or src.startswith(".")):
        raise ScaffolderError(f"template {src} not found (moved? it is _src_path in .copier-answers.yml)")
    if src not in _CLONES:
        if not _CLONES:
            atexit.register(_cleanup_clones)
        holder = Path(tempfile.mkdtemp(prefix="scaffolder-template-"))
        try:
            url = identity.git_url(src)
            git("clone", "--quiet", "--bare", "--filter=blob:none", "--", url, str(holder / "t.git"), cwd=holder)
        except ScaffolderError as exc:
            shutil.rmtree(holder, ignore_errors=True)
            raise ScaffolderError(f"cannot reach template {src}: {exc}") from None
        _CLONES[src] = holder / "t.git"
    return _CLONES[src]


def tags(repo: Path, *, prereleases: bool = False) -> list[tuple[Version, str]]:
    """The PEP 440 tags of the template, oldest first."""
    out = []
    for name in git("tag", "--list", cwd=repo).split():
        v = parse(name)
        if v is not None and not v.local and (prereleases or not v.is_prerelease) and "-" not in name:
            out.append((v, name))
    return sorted(out)


def describe(repo: Path, ref: str = "HEAD") -> str:
    return git("describe", "--tags", "--always", ref, cwd=repo).strip()


def newest(src: str) -> TemplateVersion:
    """The version an update goes to by default (see the module docstring)."""
    repo = local_repo(src)
    stable = tags(repo)
    head = TemplateVersion("HEAD", describe(repo))
    if not stable:
        if head.pep440 is None:
            raise ScaffolderError(f"template {src} has no version tag (PEP 440, like v1.0.0)")
        return head
    latest_tag = stable[-1][1]
    if compare(head.label, latest_tag) == 1:
        return head
    return TemplateVersion(latest_tag, latest_tag)


def resolve(src: str, to: str | None = None) -> TemplateVersion:
    """``to`` (a tag, a version number like ``1.2.0``, or a git ref), or the newest version."""
    if to is None:
        return newest(src)
    if to.startswith("-") or not to.strip():
        raise ScaffolderError(f"--to: {to!r} is not a version")
    repo = local_repo(src)
    wanted = parse(to)
    for version, name in tags(repo, prereleases=True):
        if name == to or (wanted is not None and version == wanted):
            return TemplateVersion(name, name)
    if git("rev-parse", "--verify", "--quiet", f"{to}^{{commit}}", cwd=repo, check=False).strip():
        return TemplateVersion(to, describe(repo, to))
    known = ", ".join(name for _, name in tags(repo, prereleases=True)) or "none"
    raise ScaffolderError(f"--to: template {src} has no version {to!r} (versions: {known})")
