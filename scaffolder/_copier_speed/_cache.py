# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The folders, under ``$XDG_CACHE_HOME/scaffolder``, that the speed-ups keep between processes."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/scaffolder`` (default ``~/.cache/scaffolder``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaffolder"


def private_folder(name: str) -> Path | None:
    """``cache_root() / name``, made if missing; None when others may write it (then it is not used).

    Only this user may write what is read from there, as for Python's own
    ``__pycache__`` and Jinja's bytecode cache.
    """
    folder = cache_root() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if (hasattr(os, "getuid") and info.st_uid != os.getuid()) or info.st_mode & 0o022:
        return None
    return folder
