# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Reading files of a repository that scaffolder does not trust.

Every command that reads a repository (adopt, update, check, inventory)
treats it as hostile: a file is read only when it lies inside the repository
once every symbolic link is resolved, and only up to a size limit.  A file
that breaks either rule is reported (:class:`UnsafeFile`), never read.
"""

from __future__ import annotations

from pathlib import Path

from scaffolder.errors import ScaffolderError

#: The most scaffolder reads of one file (licence texts, answers, metadata).
MAX_BYTES = 1024 * 1024


class UnsafeFile(ScaffolderError):
    """A file that scaffolder refuses to read: outside the repository, too large, or not a file."""


def inside(root: Path, rel: str | Path) -> Path:
    """``root / rel`` with links resolved, refused when it leaves ``root``."""
    base = root.resolve()
    target = (base / rel).resolve()
    if target != base and base not in target.parents:
        raise UnsafeFile(f"{rel}: links outside the repository ({target}); not read")
    return target


def read_bytes(root: Path, rel: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``root / rel``, refusing links out of ``root``, non-files and files over ``limit``."""
    target = inside(root, rel)
    if not target.is_file():
        raise UnsafeFile(f"{rel}: not a regular file; not read")
    size = target.stat().st_size
    if size > limit:
        raise UnsafeFile(f"{rel}: {size} bytes, more than the {limit} scaffolder reads; not read")
    with target.open("rb") as handle:
        return handle.read(limit + 1)[:limit]


def read_text(root: Path, rel: str | Path, *, limit: int = MAX_BYTES) -> str:
    """:func:`read_bytes` decoded as UTF-8 (undecodable bytes replaced)."""
    return read_bytes(root, rel, limit=limit).decode("utf-8", errors="replace")


def is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file (a NUL byte in its first 8 KiB), as git decides."""
    return b"\0" in data[:8192]
