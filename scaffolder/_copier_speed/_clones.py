# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template clones lent instead of made again, within a process and to the next process.

copier clones a git template for each render (``copier update`` asks for
four or five clones of two versions), and a clone is a checkout of the whole
repository: here, this repository of some 350 files.  A template at a tag, a commit, or the
``HEAD`` of a clean local work tree is cloned once into
``$XDG_CACHE_HOME/scaffolder/template-clones`` and lent to every later use:

- A remote template is cloned from copier's own mirror of it (``copier._vcs``
  keeps one, fetched before each clone; here once per ``faster()`` block),
  unless it has submodules.  A ref is resolved once per block too.
- The key is the template folder (or mirror), the full commit hash its git resolves the
  ref to, and its tags (copier reads ``git describe --tags`` and dunamai's
  version in the clone, so a tag added or moved gets a clone of its own).
  ``HEAD`` with uncommitted changes is never lent: copier adds those changes
  to its clone.
- Before each lend, git confirms the clone is still at that commit with no
  change and no extra file, ignored or not; a clone that is not is removed
  and made again.
- A process holds a shared ``flock`` on each clone it borrowed until it ends;
  a clone is removed (beyond ``_MAX_KEPT``, the least recently lent first)
  only under an exclusive one, so never while another process reads it.
  A clone is made in a temporary folder and renamed into place.
- Without ``fcntl`` (Windows) or a cache folder only this user may write,
  clones are lent within the process only and removed when it ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing.util
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaffolder._copier_speed._cache import private_folder

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

Key = tuple[str, str, str]  # template folder, commit, digest of its tags

_MAX_LENT = 4  # template versions one process holds at once (an update needs two)
_MAX_KEPT = 8  # clones kept on disk
_STALE = 3600.0  # seconds after which a crashed process's half-made or half-removed clone is removed
_LENT: dict[Key, tuple[Path, int | None]] = {}  # key -> clone (resolved), and the descriptor holding its lock
_FINALIZER: list[bool] = []
_MIRRORS: dict[str, Path] = {}  # remote template URL -> copier's mirror, fetched in this faster() block
_KEYS: dict[tuple[str, str], tuple[Key, str] | None] = {}  # (url, ref) -> clone_key(), in this faster() block


def lending(original: Callable[..., str]) -> Callable[..., str]:
    """copier's ``clone(url, ref, location)``, lending a clone where :func:`clone_key` gives a key."""

    def clone(url: str, ref: str = "HEAD", location: str | None = None) -> str:
        if (url, ref) not in _KEYS:  # copier asks for the same (url, ref) several times in one command
            _KEYS[url, ref] = clone_key(url, ref)
        found = _KEYS[url, ref]
        if found is None:
            return original(url, ref, location=location)
        key, source = found
        kept = _LENT.get(key)
        if kept is not None and kept[0].is_dir():
            return str(kept[0])
        while len(_LENT) >= _MAX_LENT:
            _give_back(next(iter(_LENT)))
        _finalize_at_exit()
        path, fd = _borrow(key, source, original) or (_private_clone(source, key[1], original), None)
        _LENT[key] = path.resolve(), fd  # as copier's local_abspath has it: lent_key compares with that
        return str(_LENT[key][0])

    clone.__wrapped__ = original  # type: ignore[attr-defined]
    return clone


def clone_key(url: str, ref: str | None) -> tuple[Key, str] | None:
    """The key of the clone copier asks for, and the repository to clone it from; None when not lent.

    A local template is cloned from its folder; a remote one from copier's
    own mirror of it (``copier._vcs._get_or_create_mirror``, which fetches:
    done once per :func:`~scaffolder._copier_speed.faster` block instead of
    once per clone), unless it has submodules, whose relative URLs would
    resolve against the mirror.
    """
    if not ref or ref.startswith("-"):
        return None
    from scaffolder import gitops

    try:
        folder = Path(url)
        local = folder.is_dir()
    except (OSError, ValueError):
        return None
    if local:
        if ref == "HEAD" and gitops.git("status", "--porcelain", cwd=folder, check=False).strip():
            return None  # copier commits a local template's uncommitted changes into its clone
        repository = folder.resolve()
    else:
        mirror = _mirror(url)
        if mirror is None:
            return None
        repository = mirror
    bare = () if local else (f"--git-dir={repository}",)  # works with safe.bareRepository=explicit too
    sha = gitops.git(*bare, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=repository,
                     check=False).strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", sha):
        return None
    if bare and gitops.git(*bare, "ls-tree", "--name-only", sha, "--", ".gitmodules", cwd=repository, check=False):
        return None
    tags = gitops.git(*bare, "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags", cwd=repository,
                      check=False)
    return (str(repository), sha, hashlib.sha256(tags.encode()).hexdigest()), str(repository)


def _mirror(url: str) -> Path | None:
    """copier's mirror of a remote template, fetched at most once per ``faster()`` block; None for other URLs."""
    from copier import _vcs

    if not _vcs._is_remote(url):
        return None  # e.g. a git bundle: copier clones it as it is
    mirror = _MIRRORS.get(url)
    if mirror is None:
        mirror = _MIRRORS[url] = Path(_vcs._get_or_create_mirror(url))
    return mirror


def forget_refs() -> None:
    """At the end of a ``faster()`` block: the next block resolves refs again and fetches remote mirrors again."""
    _MIRRORS.clear()
    _KEYS.clear()


def _private_clone(source: str, sha: str, original: Callable[..., str]) -> Path:
    """A clone of this process's own, removed when it is given back."""
    made = Path(tempfile.mkdtemp(prefix="scaffolder-template-"))
    try:
        return Path(original(source, sha, location=str(made)))
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise


def _borrow(key: Key, source: str, original: Callable[..., str]) -> tuple[Path, int] | None:
    """The clone on disk for ``key`` (made if missing) under a shared lock; None when none can be lent."""
    folder = private_folder("template-clones") if fcntl is not None else None
    if folder is None:
        return None
    entry = folder / hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    for _ in range(3):
        fd = _open_locked(entry, fcntl.LOCK_SH)
        if fd is None:
            if not _make(entry, source, key[1], original):
                return None
            continue
        if _intact(entry, key[1]):
            with contextlib.suppress(OSError):
                os.utime(entry)
            _evict(folder, keep=entry)
            return entry, fd
        if not _lock_now(fd, fcntl.LOCK_EX):
            os.close(fd)
            return None  # changed, but another process is reading it: a clone of this process's own
        _discard(entry)
        os.close(fd)
    return None


def _open_locked(entry: Path, how: int) -> int | None:
    """A descriptor of ``entry`` locked ``how``; None when there is no such clone (or it just went),
    or, with ``LOCK_NB``, when another process holds a lock that conflicts."""
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, how)
        if os.fstat(fd).st_ino == entry.stat().st_ino:
            return fd
    except OSError:
        pass
    os.close(fd)  # removed, or replaced, while we waited
    return None


def _lock_now(fd: int, how: int) -> bool:
    try:
        fcntl.flock(fd, how | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _make(entry: Path, source: str, sha: str, original: Callable[..., str]) -> bool:
    """Clone into a temporary folder beside ``entry`` and rename it into place (another process may win)."""
    made = Path(tempfile.mkdtemp(prefix=".new-", dir=entry.parent))
    try:
        cloned = Path(original(source, sha, location=str(made)))
        if cloned != made:
            shutil.rmtree(cloned, ignore_errors=True)
            return False
        made.rename(entry)
    except OSError:
        shutil.rmtree(made, ignore_errors=True)
        return entry.is_dir()  # made by another process in the meantime
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
    return True


def _intact(entry: Path, sha: str) -> bool:
    """Whether the clone is at ``sha`` with nothing changed, added or ignored."""
    from scaffolder import gitops

    status = gitops.git(
        "--no-optional-locks", "status", "--porcelain=v2", "--branch", "--untracked-files=all", "--ignored",
        cwd=entry, check=False,
    )
    lines = status.splitlines()
    return f"# branch.oid {sha}" in lines and all(line.startswith("# ") for line in lines)


def _discard(entry: Path) -> None:
    """Rename ``entry`` out of the way (at once, for the next lookup) and remove it."""
    gone = entry.with_name(f".old-{entry.name}-{os.getpid()}-{time.monotonic_ns()}")
    try:
        entry.rename(gone)
    except OSError:
        return
    shutil.rmtree(gone, ignore_errors=True)


def _evict(folder: Path, keep: Path) -> None:
    """Beyond ``_MAX_KEPT`` clones, remove the least recently lent that no process is reading."""
    try:
        listed = list(folder.iterdir())
    except OSError:
        return
    now = time.time()
    for leftover in (p for p in listed if p.name.startswith((".new-", ".old-"))):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE:
                shutil.rmtree(leftover, ignore_errors=True)
    clones = [p for p in listed if not p.name.startswith(".") and p != keep]
    if len(clones) < _MAX_KEPT:
        return

    def last_lent(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    excess = len(clones) + 1 - _MAX_KEPT
    for old in sorted(clones, key=last_lent):
        if excess <= 0:
            break
        fd = _open_locked(old, fcntl.LOCK_EX | fcntl.LOCK_NB)  # None while some process reads it
        if fd is not None:
            _discard(old)
            os.close(fd)
            excess -= 1


def _give_back(key: Key) -> None:
    lent = _LENT.pop(key, None)
    if lent is None:
        return
    path, fd = lent
    if fd is None:
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.close(fd)


def give_back_all() -> None:
    """Release every clone this process borrowed, removing its own (what happens when it ends)."""
    for key in list(_LENT):
        _give_back(key)


def _finalize_at_exit() -> None:
    if not _FINALIZER:
        # runs at exit in the main process and in multiprocessing workers (where atexit does not)
        multiprocessing.util.Finalize(None, give_back_all, exitpriority=10)
        _FINALIZER.append(True)


def lent_key(path: Path) -> Key | None:
    """The key of the clone lent at ``path`` (resolved) to this process; None when it is not one."""
    return next((key for key, (lent, _) in _LENT.items() if lent == path), None)


def lent_clones() -> list[Path]:
    """The template clones this process holds (for the tests)."""
    return [path for path, _ in _LENT.values()]


def install() -> Any:
    """Make copier clone through :func:`lending`; returns what to put back."""
    from copier import _template

    saved = _template.clone  # type: ignore[attr-defined]
    _template.clone = lending(saved)  # type: ignore[attr-defined]
    return saved


def uninstall(saved: Any) -> None:
    from copier import _template

    _template.clone = saved  # type: ignore[attr-defined]
    forget_refs()
