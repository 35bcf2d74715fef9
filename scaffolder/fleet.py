# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Updating many repositories at once: a bounded pool of worker processes and a table.

Processes, not threads: copier changes the working directory of the whole
process (plumbum's ``local.cwd``) while it updates, so two updates in threads
of one process would write into each other's repositories.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.errors import ScaffolderError
from scaffolder.update import UpdateResult, update

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence


def read_paths(file: Path) -> list[str]:
    """Repository paths from a file, one a line; blank lines and ``#`` comments are skipped."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScaffolderError(f"--from: cannot read {file}: {exc.strerror}") from None
    base = file.parent
    out = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            path = Path(entry).expanduser()
            out.append(str(path if path.is_absolute() else base / path))
    return out


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def update_many(
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Callable[[int, int, UpdateResult], None] | None = None,
    **options: Any,
) -> list[UpdateResult]:
    """:func:`scaffolder.update.update` on every path, ``jobs`` at a time; results in input order."""
    jobs = max(1, min(jobs or default_jobs(), len(paths) or 1))
    results: dict[int, UpdateResult] = {}
    if jobs == 1:
        for i, path in enumerate(paths):
            results[i] = update(path, **options)
            if progress:
                progress(len(results), len(paths), results[i])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(update, path, **options): i for i, path in enumerate(paths)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as exc:  # a worker process that died
                    results[i] = UpdateResult(path=paths[i], result="failed", reason=f"worker died: {exc}")
                if progress:
                    progress(len(results), len(paths), results[i])
    return [results[i] for i in range(len(paths))]


def _outcome(r: UpdateResult) -> str:
    text = r.result
    if r.result == "updated":
        text += f" ({len(r.changed)} file{'s' if len(r.changed) != 1 else ''}"
        text += f", on branch {r.branch})" if r.branch else ")"
    if r.reason:
        text += f": {r.reason}"
    if r.template == "foreign":
        text += f" [foreign template {r.source}]"
    return text


def table(results: Iterable[UpdateResult]) -> str:
    """The final table: repository, from, to, result (a repository following another template is marked)."""
    rows = [("repository", "from", "to", "result")]
    rows += [(r.path, r.current or "-", r.target or "-", _outcome(r)) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3] for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def as_json(results: Iterable[UpdateResult]) -> str:
    return json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False)
