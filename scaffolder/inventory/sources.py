# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Where repositories come from: local paths and git URLs, and the cache of bare partial clones.

A URL is cloned once, bare and partial (``--filter=blob:none``: commits and
trees, blobs only when a record reads them), into the cache folder under a
name made from a hash of the URL (a hostile repository name never becomes a
path), and fetched on later runs.  A clone is made in a temporary folder and
renamed into place when complete, so an interrupted run leaves no half clone.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scaffolder.errors import ScaffolderError, UsageError
from scaffolder.inventory.gitread import GitError, run_git

#: URL schemes git may fetch from for the inventory (no ext::, fd::, or helpers).
SCHEMES = ("https", "http", "ssh", "git", "file")
_SCP = re.compile(r"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!/)[^\s]+$")


@dataclass(frozen=True)
class Source:
    """One repository to record, with what a forge said of it (None: not known)."""

    location: str
    forge: str | None = None
    name: str | None = None
    web_url: str | None = None
    description: str | None = None
    archived: bool | None = None
    fork: bool | None = None
    #: An outside repository: only its commits by the organisation's people are recorded.
    external: bool = False

    @property
    def is_url(self) -> bool:
        return is_url(self.location)

    @property
    def key(self) -> str:
        """What identifies the repository across runs and shards."""
        return self.location


def is_url(text: str) -> bool:
    """Whether ``text`` is meant as a URL (``scheme://``, ``user@host:path``, or a ``helper::`` address)."""
    return "://" in text or "::" in text.split("/", 1)[0] or bool(_SCP.match(text))


def check_url(url: str) -> str:
    """``url`` without credentials, or :class:`ScaffolderError` naming what is wrong with it."""
    if any(ch in url for ch in "\n\r\t\0 ") or url.startswith("-") or "::" in url.split("/", 1)[0]:
        raise ScaffolderError(f"invalid URL {url!r}: spaces, control characters or a leading '-'")
    if _SCP.match(url):
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ScaffolderError(f"invalid URL {url!r}: {exc}") from None
    if parts.scheme not in SCHEMES:
        raise ScaffolderError(f"invalid URL {url!r}: scheme {parts.scheme!r}, expected one of {', '.join(SCHEMES)}")
    if parts.scheme != "file" and not parts.hostname:
        raise ScaffolderError(f"invalid URL {url!r}: no host")
    if parts.scheme == "file" and not parts.path:
        raise ScaffolderError(f"invalid URL {url!r}: no path")
    host = parts.hostname or ""
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def normalise(entry: str, base: Path | None = None) -> str:
    """A source as given (URL, credentials dropped) or as an absolute local path."""
    if is_url(entry):
        return check_url(entry)
    path = Path(entry).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    return str(path.absolute())


def read_sources(file: Path) -> list[str]:
    """Paths and URLs from a file, one a line; blank lines and ``#`` comments skipped; paths relative to it."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--from: cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"--from: {file} is not UTF-8 text") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def shard_of(key: str, count: int) -> int:
    """The shard (1..count) a source belongs to: a stable hash, the same on every machine."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") % count + 1


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` as ``(K, N)`` with 1 <= K <= N, or :class:`UsageError`."""
    m = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not m or not 1 <= int(m[1]) <= int(m[2]):
        raise UsageError(f"--shard: {text!r} is not K/N with 1 <= K <= N (e.g. 2/8)")
    return int(m[1]), int(m[2])


def display_name(location: str) -> str:
    """The repository's last path component (``group/project.git`` -> ``project``)."""
    tail = location.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return tail.removesuffix(".git") or location


# --- local repositories ------------------------------------------------------


def local_git_dir(path: Path) -> Path:
    """The git directory of a local repository (a work tree's ``.git`` or a bare repository)."""
    if not path.exists():
        raise ScaffolderError("no such folder")
    if not path.is_dir():
        raise ScaffolderError("not a folder")
    try:
        out = run_git("rev-parse", "--absolute-git-dir", cwd=path, timeout=60).strip()
    except GitError:
        raise ScaffolderError("not a git repository") from None
    git_dir = Path(out)
    top = run_git("rev-parse", "--show-toplevel", cwd=path, timeout=60).strip() if git_dir.name == ".git" else ""
    if top and Path(top).resolve() != path.resolve():
        raise ScaffolderError(f"not the top of a repository (that is {top})")
    return git_dir


def quick_head(git_dir: Path) -> str | None:
    """HEAD's commit read from the ref files, without running git (None: ask git).

    The files are read through :mod:`scaffolder.repofiles` (inside the git
    directory, regular files, a few KiB; packed-refs up to the usual limit):
    a repository unpacked from an archive may hold anything there.
    """
    from scaffolder import repofiles

    try:
        head = repofiles.read_text(git_dir, "HEAD", limit=4096).strip()
        if re.fullmatch(r"[0-9a-f]{40}", head):
            return head
        if not head.startswith("ref: refs/heads/"):
            return None
        ref = head[5:]
        if (git_dir / ref).is_file():
            value = repofiles.read_text(git_dir, ref, limit=4096).strip()
            return value if re.fullmatch(r"[0-9a-f]{40}", value) else None
        if (git_dir / "packed-refs").is_file():
            for line in repofiles.read_text(git_dir, "packed-refs").splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0]
    except (OSError, ScaffolderError):
        return None
    return None


def head_of(git_dir: Path) -> tuple[str | None, str | None]:
    """(default branch, HEAD commit); the commit is None for a repository without commits."""
    branch = run_git("--git-dir", str(git_dir), "symbolic-ref", "--quiet", "--short", "HEAD", cwd=git_dir).strip()
    try:
        commit = run_git("--git-dir", str(git_dir), "rev-parse", "--verify", "--quiet", "HEAD^{commit}", cwd=git_dir)
    except GitError:
        return branch or None, None
    return branch or None, commit.strip() or None


# --- the clone cache ---------------------------------------------------------


def cache_path(cache: Path, url: str) -> Path:
    digest = hashlib.sha256(url.encode()).hexdigest()[:20]
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", display_name(url))[:40].lstrip(".-") or "repo"
    return cache / f"{safe}-{digest}.git"


def fetch(url: str, cache: Path, timeout: float = 900) -> Path:
    """A bare partial clone of ``url`` in ``cache``, made or brought up to date; its path."""
    target = cache_path(cache, url)
    if not target.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        holder = Path(tempfile.mkdtemp(prefix=".clone-", dir=cache))
        try:
            run_git(
                "clone", "--bare", "--quiet", "--filter=blob:none", "--no-tags", "--", url, str(holder / "r.git"),
                cwd=holder, timeout=timeout,
            )  # fmt: skip
            run_git(
                "--git-dir", str(holder / "r.git"), "config", "remote.origin.fetch", "+refs/heads/*:refs/heads/*",
                cwd=holder,
            )  # fmt: skip
            (holder / "r.git").rename(target)
        except GitError as exc:
            raise ScaffolderError(f"cannot clone: {_short(exc)}") from None
        finally:
            shutil.rmtree(holder, ignore_errors=True)
        return target
    try:
        run_git("--git-dir", str(target), "fetch", "--quiet", "--prune", "origin", cwd=target, timeout=timeout)
        remote_head = run_git("--git-dir", str(target), "ls-remote", "--symref", "origin", "HEAD", cwd=target)
    except GitError as exc:
        raise ScaffolderError(f"cannot fetch: {_short(exc)}") from None
    if m := re.match(r"ref: (refs/heads/\S+)\tHEAD", remote_head):
        run_git("--git-dir", str(target), "symbolic-ref", "HEAD", m[1], cwd=target)
    return target


def _short(exc: Exception) -> str:
    text = str(exc).removeprefix("git clone: ").removeprefix("git fetch: ").removeprefix("git ls-remote: ")
    return " ".join(text.split())[:200]
