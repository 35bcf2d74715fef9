# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Many repositories at once (update, check, inventory): a bounded pool of worker processes and a table.

Processes, not threads: copier changes the working directory of the whole
process (plumbum's ``local.cwd``) while it updates, so two updates in threads
of one process would write into each other's repositories.

When the pool has one worker for each CPU this process may use (the default
``--jobs``), each worker is pinned to a CPU of its own, and the git processes
it starts inherit that CPU.  An update starts some sixty short git processes;
unpinned, the two CPUs sat idle 10-16 % of a fleet's time though there was
always work (the scheduler placing those processes beside the other worker),
and two workers finished a fleet about 1.75 times as fast as one; pinned,
about 1.9 to 2 times (docs/benchmarks.md).
"""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from scaffolder.errors import ScaffolderError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from scaffolder.update import UpdateResult

T = TypeVar("T")
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


def _usable_cpus() -> list[int]:
    """The CPUs this process may run on; empty where the system cannot tell (macOS, Windows)."""
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def default_jobs() -> int:
    return max(1, len(_usable_cpus()) or os.cpu_count() or 1)


def _pin_worker(counter: Any, cpus: tuple[int, ...]) -> None:
    """Pool initializer: this worker (and every process it starts) runs on the next CPU of ``cpus``."""
    with counter.get_lock():
        turn = counter.value
        counter.value += 1
    with contextlib.suppress(OSError):  # the CPU went offline since, or a container forbids it: run unpinned
        os.sched_setaffinity(0, {cpus[turn % len(cpus)]})


def _pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes, pinned one to each CPU when they are exactly as many as the CPUs.

    Fewer workers than CPUs are left to the scheduler, which has idle CPUs to
    place their git processes on (and two CPUs may be siblings of one core);
    more workers than CPUs must share them anyway.
    """
    cpus = _usable_cpus()
    if jobs < 2 or jobs != len(cpus):
        return ProcessPoolExecutor(max_workers=jobs)
    context = multiprocessing.get_context()
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_pin_worker, initargs=(context.Value("i", 0), tuple(cpus))
    )


def iter_repos(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int | None = None,
    on_error: Callable[[T, BaseException], R],
) -> Iterator[tuple[int, R]]:
    """``(index, fn(item))`` for every item, ``jobs`` at a time in worker processes, as each finishes.

    ``fn`` must be picklable (a module-level function, or a ``functools.partial``
    of one with picklable options).  A worker that dies becomes
    ``on_error(item, exception)``, so one repository never loses the others.
    Results are handed over as they come: a caller that stores them holds
    none (the inventory writes each to its database at once).  With one
    job, the items are done in this process, which is never pinned.
    """
    jobs = max(1, min(jobs or default_jobs(), len(items) or 1))
    if jobs == 1:
        for i, item in enumerate(items):
            yield i, fn(item)
        return
    with _pool(jobs) as pool:
        futures = {pool.submit(fn, item): i for i, item in enumerate(items)}
        for future in as_completed(futures):
            i = futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # a worker process that died
                result = on_error(items[i], exc)
            yield i, result


def map_repos(
    fn: Callable[[T], R],
    paths: Sequence[T],
    *,
    jobs: int | None = None,
    progress: Callable[[int, int, R], None] | None = None,
    on_error: Callable[[T, BaseException], R],
) -> list[R]:
    """:func:`iter_repos` in input order, calling ``progress(done, total, result)`` as each finishes."""
    results: dict[int, R] = {}
    for i, result in iter_repos(fn, paths, jobs=jobs, on_error=on_error):
        results[i] = result
        if progress:
            progress(len(results), len(paths), result)
    return [results[i] for i in range(len(paths))]


def _update_died(path: str, exc: BaseException) -> UpdateResult:
    from scaffolder.update import Outcome, UpdateResult

    return UpdateResult(path=path, result=Outcome.FAILED, reason=f"worker died: {exc}")


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
    from scaffolder.update import Outcome

    text = str(r.result)
    if r.result == Outcome.UPDATED:
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
