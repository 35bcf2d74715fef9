# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``core.fileMode`` read once per destination, not once per rendered file.

After writing each file, copier asks git for the destination's
``core.fileMode`` (``Worker._sync_git_index_executable_bit``) and does
nothing more unless it is ``false``: one git process per file, 31 for a new
project, over 90 for an update.  Inside ``faster()`` the answer is asked once
per destination folder; where it is ``false``, copier's own method runs for
each file as before.  copier changes no configuration while it renders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

_FILE_MODE: dict[Path, str] = {}


def _once_per_destination(original: Callable[..., None]) -> Callable[..., None]:
    def sync(self: Any, dst_relpath: Path, src_mode: int) -> None:
        root = Path(self.subproject.local_abspath)
        setting = _FILE_MODE.get(root)
        if setting is None:
            from scaffolder import gitops

            # copier's own question: "--type=bool" normalises the spellings; nothing (exit 1) when unset
            setting = gitops.git("config", "--type=bool", "--get", "core.fileMode", cwd=root, check=False).strip()
            _FILE_MODE[root] = setting
        if setting == "false":
            original(self, dst_relpath, src_mode)

    sync.__wrapped__ = original  # type: ignore[attr-defined]
    return sync


def install() -> Any:
    from copier._main import Worker

    saved = Worker._sync_git_index_executable_bit
    Worker._sync_git_index_executable_bit = _once_per_destination(saved)  # type: ignore[method-assign]
    return saved


def uninstall(saved: Any) -> None:
    from copier._main import Worker

    Worker._sync_git_index_executable_bit = saved  # type: ignore[method-assign]
    _FILE_MODE.clear()
