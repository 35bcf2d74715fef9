# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Joining the databases of a sharded run (``scaffolder inventory merge OUT IN ...``).

Snapshots with the same label (a CI pipeline's shards share their date, or
the label given with ``collect --snapshot``) become one snapshot of OUT; a
repository found in two inputs keeps the record collected last.  Each input
is read from a copy upgraded in memory (an input is never changed) and
merged in one transaction: a bad input leaves OUT as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scaffolder.errors import ScaffolderError
from scaffolder.inventory.store import Store

_TABLES = {
    "language": "language, files",
    "activity": "year, commits, contributors, org_commits, org_contributors",
}


def merge(out: Path, inputs: list[Path]) -> dict[str, int]:
    """Merge ``inputs`` into ``out`` (created if needed); ``{label: records}`` of what was merged."""
    for path in inputs:
        if not path.is_file():
            raise ScaffolderError(f"merge: {path}: no such file")
        if path.resolve() == out.resolve():
            raise ScaffolderError(f"merge: {path} is also the output")
    merged: dict[str, int] = {}
    with Store(out) as target:
        for path in inputs:
            copy = _upgraded_copy(path)
            try:
                _merge_one(target.conn, copy, merged)
            finally:
                copy.close()
    return merged


def _upgraded_copy(path: Path) -> sqlite3.Connection:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        memory = sqlite3.connect(":memory:", isolation_level=None)
        source.backup(memory)
        source.close()
    except sqlite3.DatabaseError as exc:
        raise ScaffolderError(f"merge: {path}: not an inventory database ({exc})") from None
    store = Store.__new__(Store)
    store.path, store.conn = str(path), memory
    try:
        if store.version == 0:
            raise ScaffolderError(f"merge: {path}: not an inventory database (no schema version)")
        store.upgrade()
    except sqlite3.DatabaseError as exc:
        raise ScaffolderError(f"merge: {path}: not an inventory database ({exc})") from None
    return memory


def _merge_one(conn: sqlite3.Connection, src: sqlite3.Connection, merged: dict[str, int]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for sid, label, started, finished, tool in src.execute(
            "SELECT id, label, started, finished, tool FROM snapshot ORDER BY id"
        ).fetchall():
            row = conn.execute("SELECT MAX(id) FROM snapshot WHERE label = ?", (label,)).fetchone()
            if row[0] is None:
                cur = conn.execute(
                    "INSERT INTO snapshot (label, started, finished, tool) VALUES (?, ?, ?, ?)",
                    (label, started, finished, tool),
                )
                target = int(cur.lastrowid or 0)
            else:
                target = int(row[0])
                conn.execute(
                    "UPDATE snapshot SET started = MIN(started, ?), "
                    "finished = CASE WHEN finished IS NULL OR ? IS NULL THEN NULL ELSE MAX(finished, ?) END "
                    "WHERE id = ?",
                    (started, finished, finished, target),
                )
            cur = src.execute("SELECT * FROM record WHERE snapshot = ?", (sid,))
            names = [d[0] for d in cur.description]
            for values in cur.fetchall():
                rec = dict(zip(names, values, strict=True))
                have = conn.execute(
                    "SELECT collected FROM record WHERE snapshot = ? AND source = ?", (target, rec["source"])
                ).fetchone()
                if have and have[0] >= rec["collected"]:
                    continue
                conn.execute("DELETE FROM record WHERE snapshot = ? AND source = ?", (target, rec["source"]))
                rec["snapshot"] = target
                conn.execute(
                    f"INSERT INTO record ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",  # noqa: S608
                    [rec[n] for n in names],
                )
                for table, cols in _TABLES.items():
                    rows = src.execute(
                        f"SELECT {cols} FROM {table} WHERE snapshot = ? AND source = ?",  # noqa: S608
                        (sid, rec["source"]),
                    ).fetchall()
                    conn.executemany(
                        f"INSERT INTO {table} (snapshot, source, {cols}) "  # noqa: S608
                        f"VALUES (?, ?, {', '.join('?' * (cols.count(',') + 1))})",
                        [(target, rec["source"], *r) for r in rows],
                    )
                merged[label] = merged.get(label, 0) + 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
