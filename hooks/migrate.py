# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Migrations for projects made from this template: what an update cannot do by merging.

Copier runs this script from ``_migrations`` in copier.yml, in the project's
folder, after the update (its default stage), always as a list-form command
with literal arguments, never with answers:

    _migrations:
      - version: v2.0.0
        command: ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/migrate.py",
                  "rename", "docs/old.md", "docs/new.md"]

Operations:

``rename OLD NEW``
    The template renamed OLD to NEW.  Copier's update deletes OLD (it is gone
    from the template) and writes the template's NEW, so edits the project made
    to OLD would be lost: this puts the project's OLD, as it was committed
    before the update, at NEW (a project without OLD gets the template's NEW).
    A template version that renames a file must not change its content as well
    (change it in the next version, where the update merges it as usual).

Standard library only; safe for any file content and any path the template
names (paths must stay inside the project).  Exit status 0 on success, 2 for a
wrong command line, 1 when the project is not as expected.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath


class MigrationError(Exception):
    pass


def _safe(project: Path, rel: str) -> Path:
    pure = PurePosixPath(rel)
    if not rel or rel.startswith("-") or pure.is_absolute() or ".." in pure.parts or "\\" in rel:
        raise MigrationError(f"{rel!r} is not a relative path inside the project")
    path = project / pure
    if not path.resolve().is_relative_to(project.resolve()):
        raise MigrationError(f"{rel!r} leads outside the project")
    return path


def _committed(project: Path, rel: str) -> bytes | None:
    """The file as committed before the update (HEAD), or None when it was not."""
    proc = subprocess.run(
        ["git", "show", f"HEAD:./{PurePosixPath(rel).as_posix()}"],
        cwd=project,
        capture_output=True,
        check=False,
    )
    return proc.stdout if proc.returncode == 0 else None


def rename(project: Path, old: str, new: str) -> str:
    old_path, new_path = _safe(project, old), _safe(project, new)
    if old_path == new_path:
        raise MigrationError("OLD and NEW are the same path")
    ours = _committed(project, old)
    if ours is None:
        return f"nothing to do: {old} was not in the project"
    if old_path.is_file():
        old_path.unlink()
    new_path.parent.mkdir(parents=True, exist_ok=True)
    if new_path.is_file() and new_path.read_bytes() == ours:
        return f"{old} is now {new}"
    new_path.write_bytes(ours)
    return f"moved {old} to {new}, with the project's edits"


OPERATIONS = {"rename": (rename, 2)}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in OPERATIONS or len(argv) - 1 != OPERATIONS[argv[0]][1]:
        print("usage: migrate.py rename OLD NEW", file=sys.stderr)
        return 2
    function, _ = OPERATIONS[argv[0]]
    try:
        message = function(Path.cwd(), *argv[1:])
    except (MigrationError, OSError) as exc:
        print(f"migration {argv[0]}: {exc}", file=sys.stderr)
        return 1
    print(f"migration: {message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
