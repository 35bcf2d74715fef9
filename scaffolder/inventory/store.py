# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The inventory's SQLite database: snapshots of records, one transaction per repository.

The schema is ``scaffolder/data/inventory.sql``; a database is upgraded when
it is opened, section by section, each in its own transaction, and a
database made by a newer scaffolder is refused rather than misread.  Every
record (with its languages and yearly activity) is written in one
transaction: an interrupted run leaves complete records and a snapshot
without ``finished``, never half a record.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder import __version__
from scaffolder.errors import ScaffolderError
from scaffolder.inventory.record import UNCHANGED, RepoRecord

if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "inventory.sql"
_SECTION = re.compile(r"^-- version (\d+)\s*$", re.MULTILINE)
#: Record fields kept in the JSON ``details`` column, and those in tables of their own.
DETAILS = ("licence_sources", "licence_files", "problems")
_CHILDREN = ("languages", "activity")
COLUMNS = tuple(f.name for f in fields(RepoRecord) if f.name not in DETAILS + _CHILDREN)


def migrations() -> list[tuple[int, str]]:
    """``(version, SQL)`` of each section of the schema file, in order."""
    text = SCHEMA.read_text(encoding="utf-8")
    marks = list(_SECTION.finditer(text))
    return [
        (int(m[1]), text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)])
        for i, m in enumerate(marks)
    ]


def latest_version() -> int:
    return migrations()[-1][0]


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """An open inventory database (a context manager)."""

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(path).is_file():
            raise ScaffolderError(f"{path}: no such inventory database")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.conn.execute("PRAGMA foreign_keys = ON")
            # WAL: a commit per repository without a disk sync each; the log is
            # folded back into the file when the last connection closes.
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.upgrade()
        except sqlite3.DatabaseError as exc:
            raise ScaffolderError(f"{path}: not an inventory database ({exc})") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def upgrade(self) -> None:
        have = self.version
        if have > latest_version():
            raise ScaffolderError(
                f"{self.path}: schema version {have} is newer than this scaffolder's ({latest_version()}); "
                "upgrade scaffolder"
            )
        for version, sql in migrations():
            if version > have:
                try:
                    self.conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
                except sqlite3.Error:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise

    # --- snapshots -----------------------------------------------------------

    def begin_snapshot(self, label: str | None = None) -> int:
        label = label or datetime.now(timezone.utc).strftime("%Y-%m-%d")
        cur = self.conn.execute(
            "INSERT INTO snapshot (label, started, tool) VALUES (?, ?, ?)", (label, now(), __version__)
        )
        return int(cur.lastrowid or 0)

    def finish_snapshot(self, snapshot: int) -> None:
        self.conn.execute("UPDATE snapshot SET finished = ? WHERE id = ?", (now(), snapshot))

    def snapshots(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT s.id, s.label, s.started, s.finished, COUNT(r.source) FROM snapshot s "
            "LEFT JOIN record r ON r.snapshot = s.id GROUP BY s.id ORDER BY s.id"
        ).fetchall()
        keys = ("id", "label", "started", "finished", "records")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def find_snapshot(self, wanted: str | None = None) -> int:
        """The newest snapshot, or the newest whose label (or start) begins with ``wanted``."""
        if wanted is None:
            row = self.conn.execute("SELECT MAX(id) FROM snapshot").fetchone()
        else:
            row = self.conn.execute(
                "SELECT MAX(id) FROM snapshot WHERE label = ? OR started LIKE ? || '%'", (wanted, wanted)
            ).fetchone()
        if row is None or row[0] is None:
            known = ", ".join(sorted({s["label"] for s in self.snapshots()})) or "none"
            what = f"no snapshot {wanted!r}" if wanted else "no snapshot yet"
            raise ScaffolderError(f"--snapshot: {self.path} has {what} (snapshots: {known})")
        return int(row[0])

    def known_heads(self, before: int, recipe: str) -> dict[str, str]:
        """The last HEAD recorded for each source in snapshots before ``before`` with this recipe (not failed)."""
        rows = self.conn.execute(
            "SELECT source, head FROM record r WHERE recipe = ? AND snapshot = ("
            "  SELECT MAX(snapshot) FROM record WHERE source = r.source AND snapshot < ? AND status != 'failed')",
            (recipe, before),
        )
        return {source: head for source, head in rows if head}

    # --- records -------------------------------------------------------------

    def save(self, snapshot: int, record: RepoRecord) -> None:
        """Write ``record`` into ``snapshot`` in one transaction (an unchanged one is copied from before)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("DELETE FROM record WHERE snapshot = ? AND source = ?", (snapshot, record.source))
            if record.status == UNCHANGED and self._copy_previous(snapshot, record):
                pass
            else:
                self._insert(snapshot, record)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _insert(self, snapshot: int, record: RepoRecord) -> None:
        values = [_sql(getattr(record, c)) for c in COLUMNS]
        details = json.dumps({k: getattr(record, k) for k in DETAILS}, ensure_ascii=False, sort_keys=True)
        self.conn.execute(
            f"INSERT INTO record (snapshot, collected, details, {', '.join(COLUMNS)}) "  # noqa: S608 (fixed names)
            f"VALUES (?, ?, ?, {', '.join('?' * len(COLUMNS))})",
            (snapshot, now(), details, *values),
        )
        self.conn.executemany(
            "INSERT INTO language (snapshot, source, language, files) VALUES (?, ?, ?, ?)",
            [(snapshot, record.source, lang, n) for lang, n in record.languages.items()],
        )
        self.conn.executemany(
            "INSERT INTO activity (snapshot, source, year, commits, contributors, org_commits, org_contributors) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (snapshot, record.source, year, a.commits, a.contributors, a.org_commits, a.org_contributors)
                for year, a in record.activity.items()
            ],
        )

    def _copy_previous(self, snapshot: int, record: RepoRecord) -> bool:
        """Copy the last record of this source at this HEAD, refreshing what the forge says; False if none."""
        row = self.conn.execute(
            "SELECT MAX(snapshot) FROM record WHERE source = ? AND head = ? AND snapshot < ? AND status != 'failed' "
            "AND recipe IS ?",
            (record.source, record.head, snapshot, record.recipe),
        ).fetchone()
        if row is None or row[0] is None:
            return False
        previous = int(row[0])
        cols = ", ".join(c for c in (*COLUMNS, "details") if c not in ("status", "source", "recipe"))
        self.conn.execute(
            f"INSERT INTO record (snapshot, source, status, collected, recipe, {cols}) "  # noqa: S608 (fixed names)
            f"SELECT ?, source, ?, ?, recipe, {cols} FROM record WHERE snapshot = ? AND source = ?",
            (snapshot, UNCHANGED, now(), previous, record.source),
        )
        for table, cols in (
            ("language", "language, files"),
            ("activity", "year, commits, contributors, org_commits, org_contributors"),
        ):
            self.conn.execute(
                f"INSERT INTO {table} (snapshot, source, {cols}) "  # noqa: S608 (fixed names)
                f"SELECT ?, source, {cols} FROM {table} WHERE snapshot = ? AND source = ?",
                (snapshot, previous, record.source),
            )
        for column in ("description", "archived", "fork", "default_branch", "forge", "url", "name"):
            value = getattr(record, column)
            if value is not None:
                self.conn.execute(
                    f"UPDATE record SET {column} = ? WHERE snapshot = ? AND source = ?",  # noqa: S608
                    (_sql(value), snapshot, record.source),
                )
        return True

    def records(self, snapshot: int) -> Iterator[dict[str, Any]]:
        """The records of ``snapshot`` as dictionaries (languages, activity and details included), by source."""
        cur = self.conn.execute("SELECT * FROM record WHERE snapshot = ? ORDER BY source", (snapshot,))
        names = [d[0] for d in cur.description]
        for row in cur.fetchall():
            rec = dict(zip(names, row, strict=True))
            rec.update(json.loads(rec.pop("details") or "{}"))
            rec["languages"] = dict(
                self.conn.execute(
                    "SELECT language, files FROM language WHERE snapshot = ? AND source = ? "
                    "ORDER BY files DESC, language",
                    (snapshot, rec["source"]),
                ).fetchall()
            )
            rec["activity"] = {
                year: {"commits": c, "contributors": p, "org_commits": oc, "org_contributors": op}
                for year, c, p, oc, op in self.conn.execute(
                    "SELECT year, commits, contributors, org_commits, org_contributors FROM activity "
                    "WHERE snapshot = ? AND source = ? ORDER BY year",
                    (snapshot, rec["source"]),
                )
            }
            for flag in ("archived", "fork", "external", "licence_agree", "template_current"):
                if rec[flag] is not None:
                    rec[flag] = bool(rec[flag])
            yield rec


def _sql(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value
