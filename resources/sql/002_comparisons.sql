-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: 2026 Atrium contributors
--
-- Catalog schema v2: side-by-side comparisons and their votes (the local leaderboard), plus the indexes the
-- common lookups need. Run inside one transaction together with PRAGMA user_version = 2.

CREATE TABLE comparisons (
    id         INTEGER PRIMARY KEY,
    model_a    TEXT    NOT NULL,
    model_b    TEXT    NOT NULL,
    prompt     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    CHECK (model_a <> model_b)
);

CREATE TABLE votes (
    id            INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
    result        TEXT    NOT NULL CHECK (result IN ('a', 'b', 'tie', 'both-bad')),
    created_at    INTEGER NOT NULL
);

CREATE INDEX votes_by_comparison ON votes (comparison_id);
CREATE INDEX files_by_model ON files (model_id);
CREATE INDEX files_by_blob ON files (blob_path);
CREATE INDEX models_by_repo ON models (repo_id);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE INDEX downloads_by_state ON downloads (state);
