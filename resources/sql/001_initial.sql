-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: 2026 Atrium contributors
--
-- Catalog schema v1: models and their files from every source, downloads, chats and the user's folders.
-- Run by CatalogStore inside one transaction together with PRAGMA user_version = 1.
-- Timestamps are INTEGER milliseconds since the Unix epoch (UTC); JSON is stored as TEXT.

CREATE TABLE models (
    id            INTEGER PRIMARY KEY,
    repo_id       TEXT    NOT NULL,
    source        TEXT    NOT NULL
                  CHECK (source IN ('hub', 'hf-cache', 'folder', 'lmstudio', 'gpt4all', 'ollama')),
    root_path     TEXT    NOT NULL,          -- the root the model was found under (HF cache, folder, …)
    revision      TEXT    NOT NULL DEFAULT '',
    author        TEXT    NOT NULL DEFAULT '',
    license       TEXT    NOT NULL DEFAULT '',
    pipeline_tag  TEXT    NOT NULL DEFAULT '',
    tags_json     TEXT    NOT NULL DEFAULT '[]',
    card_text     TEXT    NOT NULL DEFAULT '',
    gated         TEXT    NOT NULL DEFAULT '',
    downloads     INTEGER NOT NULL DEFAULT 0,
    likes         INTEGER NOT NULL DEFAULT 0,
    last_modified INTEGER,                   -- on the Hub
    added_at      INTEGER NOT NULL,
    UNIQUE (root_path, repo_id)
);

CREATE TABLE files (
    id                   INTEGER PRIMARY KEY,
    model_id             INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    path                 TEXT    NOT NULL,   -- path inside the repository
    revision             TEXT    NOT NULL DEFAULT '',
    size_bytes           INTEGER NOT NULL DEFAULT 0,
    sha256               TEXT    NOT NULL DEFAULT '',
    local_path           TEXT    NOT NULL,
    blob_path            TEXT    NOT NULL DEFAULT '',
    format               TEXT    NOT NULL DEFAULT '',
    quantization         TEXT    NOT NULL DEFAULT '',
    architecture         TEXT    NOT NULL DEFAULT '',
    parameter_count      INTEGER NOT NULL DEFAULT 0,
    context_length       INTEGER NOT NULL DEFAULT 0,
    has_chat_template    INTEGER NOT NULL DEFAULT 0,
    file_mtime           INTEGER NOT NULL DEFAULT 0,
    downloaded_by_atrium INTEGER NOT NULL DEFAULT 0,
    UNIQUE (model_id, local_path)
);

CREATE TABLE downloads (
    id              INTEGER PRIMARY KEY,
    repo_id         TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    revision        TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'running', 'paused', 'verifying', 'completed', 'failed', 'cancelled')),
    bytes_done      INTEGER NOT NULL DEFAULT 0,
    bytes_total     INTEGER NOT NULL DEFAULT 0,
    sha256_expected TEXT    NOT NULL DEFAULT '',
    local_path      TEXT    NOT NULL DEFAULT '',
    error_message   TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (repo_id, revision, path)
);

CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL DEFAULT '',
    model_ref     TEXT    NOT NULL DEFAULT '',
    system_prompt TEXT    NOT NULL DEFAULT '',
    sampling_json TEXT    NOT NULL DEFAULT '{}',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES messages (id) ON DELETE CASCADE, -- NULL for a first message; edits branch
    role            TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         TEXT    NOT NULL DEFAULT '',
    stats_json      TEXT    NOT NULL DEFAULT '{}',
    created_at      INTEGER NOT NULL
);

CREATE TABLE user_folders (
    id       INTEGER PRIMARY KEY,
    path     TEXT    NOT NULL UNIQUE,
    kind     TEXT    NOT NULL CHECK (kind IN ('folder', 'lmstudio', 'gpt4all')),
    added_at INTEGER NOT NULL
);
