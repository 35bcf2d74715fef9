# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""copier's scratch folders in memory: the versions an update renders only to compare them.

``copier update`` renders the old and the new template version into two
temporary folders, makes a git repository of each, compares them and removes
them: a few hundred small files and git objects written and deleted per
update, which on a disk file system cost more kernel time than the rendering
itself (and, on two workers, contend for the file system's journal).  Inside
``faster()``, Python's ``tempfile`` puts them in a folder of this user's on
the RAM-backed ``/dev/shm`` when:

- the user has not chosen a temporary folder (``TMPDIR``, ``TEMP`` or
  ``TMP``): that choice stands;
- ``/dev/shm`` is a ``tmpfs`` with at least ``_MIN_FREE`` bytes free (a
  container's default 64 MiB is not used);
- the folder is this user's alone (made ``0700``).

Only ``tempfile``'s default changes, in this process, for the duration of the
block: what copier writes into the project, and where, stays the same.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_SHM = Path("/dev/shm")  # noqa: S108 - a folder of our own in it, checked: owner, 0700, not a link
_MIN_FREE = 512 * 1024 * 1024
_SAVED: list[str | None] = []


def _is_tmpfs(path: Path) -> bool:
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(
        fields[1] == str(path) and fields[2] == "tmpfs"
        for fields in (line.split() for line in mounts.splitlines())
        if len(fields) > 2
    )


def scratch_folder() -> Path | None:
    """This user's folder on ``/dev/shm`` for copier's scratch work; None when the conditions above fail."""
    if any(os.environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")):
        return None
    if not hasattr(os, "getuid") or not _is_tmpfs(_SHM):
        return None
    try:
        free = os.statvfs(_SHM)
        if free.f_bavail * free.f_frsize < _MIN_FREE:
            return None
        folder = _SHM / f"scaffolder-{os.getuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if folder.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return folder


def install() -> None:
    folder = scratch_folder()
    _SAVED.append(tempfile.tempdir)
    if folder is not None:
        tempfile.tempdir = str(folder)


def uninstall() -> None:
    tempfile.tempdir = _SAVED.pop() if _SAVED else None
