# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Reading a repository from its object store: the commit HEAD names, never a work tree.

The inventory reads only what a record needs, from the default branch's HEAD,
with ``git ls-tree`` and ``git cat-file``: a bare partial clone has no work
tree, and a local repository's work tree may hold uncommitted or hostile
files (a 2 GB file, a link out of the repository) that are none of the
inventory's business.  A blob is read only up to a size limit: its size is
asked first and a larger one is refused, never loaded.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scaffolder.errors import ScaffolderError
from scaffolder.gitops import hardened_env

#: The most the inventory reads of one blob (licence texts, answers, metadata).
MAX_BYTES = 1024 * 1024

#: Git must never ask a question or run a program the repository names.
_SAFE = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "protocol.ext.allow=never",
    "-c", "credential.interactive=false",
)  # fmt: skip


def git_env() -> dict[str, str]:
    """The environment without git's own variables, never a prompt for a password, and hardened.

    :func:`scaffolder.gitops.hardened_env` is added last, as for every other
    git process scaffolder starts: no ``ext``/``fd`` transport, no hook or
    file-system monitor of the repository (docs/security.md).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k.startswith("GIT_CONFIG")}
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "SSH_ASKPASS": "true"})
    env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    if "GIT_AUTHOR_NAME" in os.environ:  # keep a test's or user's identity for commits
        env.update({k: v for k, v in os.environ.items() if k.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_"))})
    if "GIT_ALLOW_PROTOCOL" in os.environ:  # a stricter list the user set stays (without ext and fd)
        env["GIT_ALLOW_PROTOCOL"] = os.environ["GIT_ALLOW_PROTOCOL"]
    env.update(hardened_env(env))
    return env


class GitError(ScaffolderError):
    """A git command that failed; the message is git's last line."""


def run_git(*args: str, cwd: Path, timeout: float = 600) -> str:
    """``git ARGS`` in ``cwd`` with the safe settings; its output, or :class:`GitError`."""
    try:
        proc = subprocess.run(
            ["git", *_SAFE, *args],
            cwd=cwd,
            env=git_env(),
            capture_output=True,
            check=False,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took more than {timeout:.0f} s") from None
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {lines[-1] if lines else f'exit {proc.returncode}'}")
    return proc.stdout.decode("utf-8", "replace")


@dataclass(frozen=True)
class Entry:
    """One file of HEAD's tree."""

    path: str
    mode: str
    oid: str

    @property
    def is_link(self) -> bool:
        return self.mode == "120000"

    @property
    def is_file(self) -> bool:
        return self.mode in ("100644", "100755")


class Unreadable(ScaffolderError):
    """A blob the inventory does not read: too large, binary where text is needed, or missing."""


class GitRepo:
    """A repository (bare or not) read through ``--git-dir`` at one commit."""

    def __init__(self, git_dir: Path, commit: str, *, max_bytes: int = MAX_BYTES) -> None:
        self.git_dir = git_dir
        self.commit = commit
        self.max_bytes = max_bytes
        self._tree: dict[str, Entry] | None = None
        self._sizes: dict[str, int] | None = None
        self._kept: dict[str, bytes] = {}

    def git(self, *args: str, timeout: float = 600) -> str:
        # The git dir is also the current folder: a non-bare repository's work
        # tree (its .mailmap, attributes) is never looked at.
        return run_git("--git-dir", str(self.git_dir), *args, cwd=self.git_dir, timeout=timeout)

    @property
    def tree(self) -> dict[str, Entry]:
        """Every path of the commit's tree (links and submodules included), by path."""
        if self._tree is None:
            out = self.git("ls-tree", "-r", "-z", "--full-tree", self.commit)
            tree = {}
            for item in out.split("\0"):
                if not item:
                    continue
                meta, _, path = item.partition("\t")
                mode, _kind, oid = meta.split()
                tree[path] = Entry(path, mode, oid)
            self._tree = tree
        return self._tree

    def _batch(self, check: bool) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            ["git", *_SAFE, "--git-dir", str(self.git_dir), "cat-file", "--batch-check" if check else "--batch"],
            cwd=self.git_dir,
            env=git_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def sizes(self, paths: list[str]) -> dict[str, int]:
        """The size in bytes of each regular file among ``paths`` (git is asked once, for every file)."""
        if self._sizes is None:
            files = [e for e in self.tree.values() if e.is_file]
            self._prefetch({e.oid for e in files})
            request = "".join(f"{e.oid}\n" for e in files).encode()
            out, _ = self._batch(check=True).communicate(request)
            self._sizes = {}
            for entry, line in zip(files, out.decode().splitlines(), strict=False):
                parts = line.split()
                if len(parts) == 3 and parts[1] == "blob":
                    self._sizes[entry.path] = int(parts[2])
        return {p: self._sizes[p] for p in paths if p in self._sizes}

    def _prefetch(self, oids: set[str]) -> None:
        """In a partial clone, fetch the missing blobs among ``oids`` in one request.

        Left alone, git fetches each missing blob on its own request as it is
        read (one round trip per file).  This is the command git itself runs
        to fetch a batch of missing objects from the promisor remote.
        """
        from scaffolder import repofiles

        try:  # the git directory of a local repository is not trusted either
            config = repofiles.read_text(self.git_dir, "config")
        except (OSError, ScaffolderError):
            return
        if "partialclone" not in config:
            return
        listing = self.git("rev-list", "--objects", "--missing=print", "--no-walk", self.commit)
        missing = [line[1:].strip() for line in listing.splitlines() if line.startswith("?")]
        wanted = [oid for oid in missing if oid in oids]
        if not wanted:
            return
        proc = subprocess.run(
            ["git", *_SAFE, "-c", "fetch.negotiationAlgorithm=noop", "--git-dir", str(self.git_dir), "fetch",
             "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none",
             "--stdin", "origin"],
            cwd=self.git_dir, env=git_env(), input="".join(f"{oid}\n" for oid in wanted).encode(),
            capture_output=True, check=False, timeout=900,
        )  # fmt: skip
        if proc.returncode != 0:  # git will still fetch what it needs, one blob at a time
            return

    def keep(self, paths: list[str]) -> None:
        """Read those of ``paths`` that exist in one git call and keep them for :meth:`read_bytes`."""
        self._kept.update(self.read_many([p for p in paths if p in self.tree and p not in self._kept]))

    def read_many(self, paths: list[str], *, limit: int | None = None) -> dict[str, bytes]:
        """The blobs of those ``paths`` that are regular files of at most ``limit`` bytes, in one git call.

        Larger files are never asked for: their content is not read at all.
        """
        limit = self.max_bytes if limit is None else limit
        sizes = self.sizes(paths)
        out = {p: self._kept[p] for p in paths if p in self._kept and sizes.get(p, 0) <= limit}
        wanted = [p for p in paths if p in sizes and sizes[p] <= limit and p not in out]
        if not wanted:
            return out
        proc = self._batch(check=False)
        assert proc.stdin is not None and proc.stdout is not None
        try:
            for path in wanted:
                proc.stdin.write(f"{self.tree[path].oid}\n".encode())
                proc.stdin.flush()
                header = proc.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob":
                    continue
                size = int(header[2])
                out[path] = proc.stdout.read(size)
                proc.stdout.read(1)  # the newline after the content
        finally:
            proc.stdin.close()
            proc.stdout.close()
            proc.wait()
        return out

    def read_bytes(self, path: str, *, limit: int | None = None) -> bytes:
        """The blob at ``path``, refused when it is a link, a folder or larger than the limit."""
        limit = self.max_bytes if limit is None else limit
        entry = self.tree.get(path)
        if entry is None:
            raise Unreadable(f"{path}: not in {self.commit[:12]}")
        if not entry.is_file:
            raise Unreadable(f"{path}: not a regular file (mode {entry.mode}); not read")
        size = self.sizes([path]).get(path)
        if size is not None and size > limit:
            raise Unreadable(f"{path}: {size} bytes, more than the {limit} scaffolder reads; not read")
        data = self.read_many([path], limit=limit).get(path)
        if data is None:
            raise Unreadable(f"{path}: git cannot read it")
        return data

    def read_text(self, path: str, *, limit: int | None = None) -> str:
        """:meth:`read_bytes` as UTF-8 text; a binary blob (a NUL byte) is refused."""
        return as_text(path, self.read_bytes(path, limit=limit))

    def text_or_none(self, path: str) -> str | None:
        """:meth:`read_text` when the file exists, else None (refusals still raise)."""
        return self.read_text(path) if path in self.tree else None


def as_text(path: str, data: bytes) -> str:
    """A blob as UTF-8 text (bad bytes replaced); a binary one (a NUL byte) is refused."""
    if b"\0" in data[:8192]:
        raise Unreadable(f"{path}: a binary file, not text; not read")
    return data.decode("utf-8", errors="replace")
