# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Many repositories at once (update, check): a bounded pool of worker processes and a table.

Processes, not threads: copier changes the working directory of the whole
process (plumbum's ``local.cwd``) while it updates, so two updates in threads
of one process would write into each other's repositories.
"""

from __future__ import annotations

import functools
import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from scaffolder.errors import ScaffolderError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from scaffolder.update import UpdateResult

R = TypeVar("R")


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


def map_repos(
    fn: Callable[[str], R],
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Callable[[int, int, R], None] | None = None,
    on_error: Callable[[str, BaseException], R],
) -> list[R]:
    """``fn(path)`` for every path, ``jobs`` at a time in worker processes; results in input order.

    ``fn`` must be picklable (a module-level function, or a ``functools.partial``
    of one with picklable options).  A worker that dies becomes
    ``on_error(path, exception)``, so one repository never loses the others.
    """
    jobs = max(1, min(jobs or default_jobs(), len(paths) or 1))
    results: dict[int, R] = {}
    if jobs == 1:
        for i, path in enumerate(paths):
            results[i] = fn(path)
            if progress:
                progress(len(results), len(paths), results[i])
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(fn, path): i for i, path in enumerate(paths)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    results[i] = future.result()
                except Exception as exc:  # a worker process that died
                    results[i] = on_error(paths[i], exc)
                if progress:
                    progress(len(results), len(paths), results[i])
    return [results[i] for i in range(len(paths))]


def _update_died(path: str, exc: BaseException) -> UpdateResult:
    from scaffolder.update import UpdateResult

    return UpdateResult(path=path, result="failed", reason=f"worker died: {exc}")


def update_many(
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Callable[[int, int, UpdateResult], None] | None = None,
    **options: Any,
) -> list[UpdateResult]:
    """:func:`scaffolder.update.update` on every path, ``jobs`` at a time; results in input order."""
    from scaffolder.update import update

    return map_repos(
        functools.partial(update, **options), paths, jobs=jobs, progress=progress, on_error=_update_died
    )


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
