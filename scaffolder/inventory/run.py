# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A collect run: sources in, one snapshot out, records written as they arrive.

Repositories whose HEAD has not moved since the last snapshot are not read
again: their last record is carried into the new snapshot (``unchanged``).
For a local repository this is decided in the main process from the ref
files alone, so a re-run with nothing changed starts no git process and no
worker for it; a URL is fetched first, in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder import fleet
from scaffolder.inventory.collect import collect_task, crashed, identity
from scaffolder.inventory.record import FAILED, UNCHANGED, InventoryOptions, RepoRecord
from scaffolder.inventory.sources import Source, quick_head
from scaffolder.inventory.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


@dataclass(frozen=True)
class Outcome:
    """What the closing table shows of one repository (the record itself is in the database)."""

    source: str
    status: str
    reason: str = ""


@dataclass
class Summary:
    snapshot: int
    counts: dict[str, int] = field(default_factory=dict)
    #: Failed repositories and records with problems, for the closing table.
    notes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.counts.get(FAILED, 0)


def dedupe(sources: Sequence[Source]) -> list[Source]:
    """The first of each source key, in order."""
    seen: set[str] = set()
    out = []
    for s in sources:
        if s.key not in seen:
            seen.add(s.key)
            out.append(s)
    return out


def _local_git_dir(path: Path) -> Path | None:
    if (path / ".git" / "HEAD").is_file():
        return path / ".git"
    if (path / "HEAD").is_file() and (path / "objects").is_dir():
        return path
    return None


def collect_many(
    sources: Sequence[Source],
    options: InventoryOptions,
    *,
    progress: Callable[[int, int, RepoRecord], None] | None = None,
    failures: Sequence[RepoRecord] = (),
) -> Summary:
    """Record every source in a new snapshot of ``options.db``; ``failures`` (of discovery) are recorded too."""
    sources = dedupe(sources)
    total = len(sources) + len(failures)
    done = 0
    with Store(options.db) as store:
        snapshot = store.begin_snapshot(options.snapshot)
        summary = Summary(snapshot)
        recipe = options.recipe()
        known = store.known_heads(snapshot, recipe)

        def keep(record: RepoRecord) -> None:
            nonlocal done
            record.recipe = recipe
            store.save(snapshot, record)
            done += 1
            summary.counts[record.status] = summary.counts.get(record.status, 0) + 1
            if record.status == FAILED:
                summary.notes.append(Outcome(record.source, FAILED, record.error))
            for problem in record.problems:
                summary.notes.append(Outcome(record.source, "problem", problem))
            if progress:
                progress(done, total, record)

        for record in failures:
            keep(record)
        tasks = []
        for source in sources:
            previous = known.get(source.key)
            git_dir = _local_git_dir(Path(source.location)) if previous and not source.is_url else None
            if git_dir is not None and quick_head(git_dir) == previous:
                record = identity(source)
                record.status, record.head = UNCHANGED, previous
                keep(record)
            else:
                tasks.append((source, options, previous))
        for _, record in fleet.iter_repos(collect_task, tasks, jobs=options.jobs, on_error=crashed):
            keep(record)
        if options.template_check:
            refresh_template_currency(store, snapshot)
        store.finish_snapshot(snapshot)
    return summary


def refresh_template_currency(store: Store, snapshot: int) -> None:
    """Work out again whether carried-over records' template versions are current.

    A repository whose HEAD has not moved keeps its record, but its template
    may have had a release since: "current" is a fact about the template, not
    the repository. Asked once per (template, version), not per repository.
    """
    from scaffolder.inventory import facts

    pairs = store.conn.execute(
        "SELECT DISTINCT template_src, template_version FROM record WHERE snapshot = ? AND status = ? "
        "AND template_src IS NOT NULL AND template_version IS NOT NULL",
        (snapshot, UNCHANGED),
    ).fetchall()
    for src, version in pairs:
        current = facts.template_current(src, version, [])
        store.conn.execute(
            "UPDATE record SET template_current = ? WHERE snapshot = ? AND status = ? AND template_src = ? "
            "AND template_version = ?",
            (None if current is None else int(current), snapshot, UNCHANGED, src, version),
        )


def table(summary: Summary) -> str:
    """The closing lines: counts, then one line per failure or problem."""
    counts = ", ".join(f"{n} {status}" for status, n in sorted(summary.counts.items())) or "nothing to record"
    lines = [f"snapshot {summary.snapshot}: {counts}"]
    if summary.notes:
        width = min(60, max(len(shown(n.source)) for n in summary.notes))
        lines.append(f"{'repository'.ljust(width)}  {'result':<8}  reason")
        lines += [f"{shown(n.source).ljust(width)}  {n.status:<8}  {shown(n.reason)}" for n in summary.notes]
    return "\n".join(lines)


def shown(text: str) -> str:
    """``text`` on one line: control characters (a newline in a hostile name) written as escapes."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
