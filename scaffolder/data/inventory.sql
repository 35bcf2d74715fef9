-- SPDX-FileCopyrightText: 2026 CERN
-- SPDX-License-Identifier: Apache-2.0
--
-- The schema of `scaffolder inventory`'s SQLite database (docs/inventory.md).
-- Each "-- version N" section upgrades a database at version N-1 to N; the
-- database's `PRAGMA user_version` says which sections it has.  Sections are
-- only ever added, never edited: a database of any earlier version upgrades.

-- version 1
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,            -- the run's date (YYYY-MM-DD, UTC) unless collect --snapshot names it
    started TEXT NOT NULL,          -- UTC, ISO 8601
    finished TEXT,                  -- NULL: still running, or interrupted
    tool TEXT NOT NULL              -- the scaffolder version that made it
);
CREATE INDEX snapshot_label ON snapshot (label);

CREATE TABLE record (
    snapshot INTEGER NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    source TEXT NOT NULL,           -- the URL (no credentials) or absolute path given
    status TEXT NOT NULL CHECK (status IN ('recorded', 'unchanged', 'failed')),
    error TEXT,
    collected TEXT NOT NULL,        -- UTC, ISO 8601
    name TEXT,
    url TEXT,
    forge TEXT,
    default_branch TEXT,
    head TEXT,
    description TEXT,
    archived INTEGER,
    fork INTEGER,
    external INTEGER NOT NULL DEFAULT 0,
    kind TEXT,
    kind_from TEXT CHECK (kind_from IN ('answers', 'guessed')),
    licence_declared TEXT,
    licence_detected TEXT,
    licence_agree INTEGER,
    reuse_status TEXT,
    reuse_detail TEXT,
    check_errors INTEGER,
    check_warnings INTEGER,
    check_failed TEXT,
    template_src TEXT,
    template_version TEXT,
    template_current INTEGER,
    repostatus TEXT,
    first_commit TEXT,
    last_commit TEXT,
    commits INTEGER,
    contributors INTEGER,
    org_contributors INTEGER,
    doi TEXT,
    citation_title TEXT,
    recipe TEXT,                    -- what the record was made with (scaffolder version, options): a re-run
                                    -- carries a record over only when its recipe is the run's
    details TEXT NOT NULL DEFAULT '{}',   -- JSON: licence_sources, licence_files, problems
    PRIMARY KEY (snapshot, source)
);
CREATE INDEX record_source ON record (source, snapshot);

CREATE TABLE language (
    snapshot INTEGER NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    files INTEGER NOT NULL,
    PRIMARY KEY (snapshot, source, language),
    FOREIGN KEY (snapshot, source) REFERENCES record (snapshot, source) ON DELETE CASCADE
);

CREATE TABLE activity (
    snapshot INTEGER NOT NULL,
    source TEXT NOT NULL,
    year INTEGER NOT NULL,
    commits INTEGER NOT NULL,
    contributors INTEGER NOT NULL,
    org_commits INTEGER NOT NULL,
    org_contributors INTEGER NOT NULL,
    PRIMARY KEY (snapshot, source, year),
    FOREIGN KEY (snapshot, source) REFERENCES record (snapshot, source) ON DELETE CASCADE
);
