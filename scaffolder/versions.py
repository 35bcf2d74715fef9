# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template versions: PEP 440 git tags where the template has them, else commits.

The template is versioned by PEP 440 tags (``v1.2.0``).  ``scaffolder new``
renders the template's ``HEAD``, so a project may record a version between two
tags, as ``git describe`` writes it (``v1.2.0-3-gabc1234``, read as
``1.2.0.post3.dev0``).  "The newest version" is therefore the newest stable
tag, or ``HEAD`` when ``HEAD`` is past that tag: a project updated with the
defaults gets what a new project would get, and an update never goes back to
a version older than the one a project records (copier refuses downgrades).

A template without tags (a fresh clone of a repository published without its
tags) is versioned by commit, as copier does: a project records the commit
(``abc1234``), the newest version is ``HEAD`` of the template's branch, and a
commit with no tag behind it is numbered ``0.0.0.postN.dev0`` (N: the commits
up to it, as copier numbers it through dunamai), older than any release.  A
recorded label is placed in this order by the commit it names in the template
*now*, so a project recorded against a bare commit updates normally once the
template is tagged later (and is up to date when that very commit got the tag).
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

    #: What copier is given as ``vcs_ref``: a tag name, a commit or ``HEAD``.
    ref: str
    #: What copier records as ``_commit`` (``git describe --tags --always``).
    label: str
    #: Its place in the order of versions (see the module docstring).
    number: Version


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
    """-1, 0 or 1 as version label ``a`` is older than, the same as or newer than ``b`` (None: not versions)."""
    va, vb = parse(a), parse(b)
    if va is None or vb is None:
        return None
    return order(va, vb)


def order(a: Version, b: Version) -> int:
    """-1, 0 or 1 as ``a`` is older than, the same as or newer than ``b``.

    Two ``git describe`` labels of one commit may abbreviate its hash to
    different lengths; they are the same version.
    """
    from packaging.version import Version

    pa, pb = Version(a.public), Version(b.public)
    if pa != pb:
        return -1 if pa < pb else 1
    ha, hb = (a.local or "").removeprefix("g"), (b.local or "").removeprefix("g")
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
    """The label copier records for ``ref``: a tag, ``TAG-N-gHASH``, or a bare commit."""
    return git("describe", "--tags", "--always", ref, cwd=repo).strip()


#: Tags that may be versions, for ``git describe --match`` (a glob each).
_VERSION_TAGS = ("v[0-9]*", "[0-9]*")


def number(repo: Path, commit: str) -> Version:
    """The place of ``commit`` in the order of versions, as copier numbers it.

    The nearest version tag behind it, plus the commits since (``1.2.0.post3.dev0``);
    with no version tag behind it, ``0.0.0.postN.dev0`` where N counts the
    commits up to it (dunamai's rule, which copier uses to refuse downgrades).
    """
    from packaging.version import Version

    match = [arg for pattern in _VERSION_TAGS for arg in ("--match", pattern)]
    found = git("describe", "--tags", "--long", "--abbrev=7", *match, commit, cwd=repo, check=False).strip()
    if (m := _DESCRIBED.match(found)) and (base := parse(m["base"])) is not None and not base.local:
        if m["count"] == "0":
            return base
        return Version(f"{base.base_version}.post{m['count']}.dev0+g{m['hash']}")
    count = git("rev-list", "--count", commit, cwd=repo).strip()
    short = git("rev-parse", "--short=7", commit, cwd=repo).strip()
    return Version(f"0.0.0.post{count}.dev0+g{short}")


def commit_of(repo: Path, label: str) -> str | None:
    """The commit a label (tag, ``git describe`` output, commit id, branch) names in ``repo``, or None."""
    text = label.strip()
    if not text or text.startswith("-") or any(c.isspace() or not c.isprintable() for c in text):
        return None
    out = git("rev-parse", "--verify", "--quiet", f"{text}^{{commit}}", cwd=repo, check=False).strip()
    return out or None


def recorded(src: str, label: str) -> Version | None:
    """The place in the order of the version a project records (its ``_commit``), or None.

    The label is looked up in the template first (a commit that was tagged
    since is that tag's version); a label the template does not know (a
    rewritten history, a copy of uncommitted template changes) is read as text.
    """
    repo = local_repo(src)
    if (commit := commit_of(repo, label)) is not None:
        return number(repo, commit)
    parsed = parse(label)
    return parsed if parsed is not None and not _is_commit_id(label) else None


def _is_commit_id(label: str) -> bool:
    """A bare abbreviated commit id, such as ``1234567``: digits alone read as a version but are not one."""
    return re.fullmatch(r"[0-9a-f]{7,40}", label.strip()) is not None


def _at(repo: Path, ref: str, label: str | None = None) -> TemplateVersion:
    commit = commit_of(repo, ref)
    if commit is None:
        raise ScaffolderError(f"template has no commit {ref!r}")
    return TemplateVersion(ref, label or describe(repo, ref), number(repo, commit))


def newest(src: str) -> TemplateVersion:
    """The version an update goes to by default (see the module docstring).

    The newest stable tag, unless ``HEAD`` is past it; ``HEAD`` (the newest
    commit of the template's branch) when the template has no tags at all.
    """
    repo = local_repo(src)
    head = _at(repo, "HEAD")
    stable = tags(repo)
    if not stable:
        return head
    latest = _at(repo, stable[-1][1], stable[-1][1])
    return head if order(head.number, latest.number) == 1 else latest


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
            return _at(repo, name, name)
    if commit_of(repo, to) is not None:
        return _at(repo, to)
    known = ", ".join(name for _, name in tags(repo, prereleases=True)) or "none (give a commit)"
    raise ScaffolderError(f"--to: template {src} has no version {to!r} (versions: {known})")
