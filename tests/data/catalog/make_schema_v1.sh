#!/bin/sh
# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 Atrium contributors
#
# Rebuilds schema_v1.sqlite: the catalog as schema version 1 left it (resources/sql/001_initial.sql), with a few
# rows, in the rollback journal mode a v1 database may still be in. test_catalog_migrations upgrades a copy of it.
# Only rerun this if the checked-in file is lost: it stands for databases already out there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/schema_v1.sqlite"
rm -f "$out"
{
    cat "$here/../../../resources/sql/001_initial.sql"
    cat <<'SQL'
INSERT INTO models (id, repo_id, source, root_path, revision, author, license, pipeline_tag, tags_json, gated,
                    downloads, likes, last_modified, added_at)
VALUES (1, 'example-org/tiny-llama-GGUF', 'hub', '/home/user/.cache/huggingface/hub',
        '0123456789abcdef0123456789abcdef01234567', 'example-org', 'apache-2.0', 'text-generation',
        '["gguf","llama"]', '', 1234, 56, 1767225600000, 1767312000000);
INSERT INTO files (id, model_id, path, revision, size_bytes, sha256, local_path, blob_path, format, quantization,
                   architecture, parameter_count, context_length, has_chat_template, file_mtime,
                   downloaded_by_atrium)
VALUES (1, 1, 'tiny-llama.Q4_K_M.gguf', '0123456789abcdef0123456789abcdef01234567', 1048576,
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        '/home/user/.cache/huggingface/hub/models--example-org--tiny-llama-GGUF/snapshots/0123456789abcdef0123456789abcdef01234567/tiny-llama.Q4_K_M.gguf',
        '/home/user/.cache/huggingface/hub/models--example-org--tiny-llama-GGUF/blobs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        'gguf', 'Q4_K_M', 'llama', 1100000, 2048, 1, 1767312000000, 1);
INSERT INTO downloads (id, repo_id, path, revision, state, bytes_done, bytes_total, sha256_expected, local_path,
                       error_message, created_at, updated_at)
VALUES (1, 'example-org/tiny-llama-GGUF', 'tiny-llama.Q8_0.gguf', '0123456789abcdef0123456789abcdef01234567',
        'paused', 524288, 2097152, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '', '',
        1767312000000, 1767312060000);
INSERT INTO conversations (id, title, model_ref, system_prompt, sampling_json, created_at, updated_at)
VALUES (1, 'First chat', 'example-org/tiny-llama-GGUF:Q4_K_M', 'Be brief.', '{"temperature":0.7}',
        1767312000000, 1767312100000);
INSERT INTO messages (id, conversation_id, parent_id, role, content, stats_json, created_at)
VALUES (1, 1, NULL, 'user', 'Hello', '{}', 1767312000000),
       (2, 1, 1, 'assistant', 'Hi!', '{"tokens_per_s":42.5}', 1767312001000);
INSERT INTO user_folders (id, path, kind, added_at) VALUES (1, '/home/user/models', 'folder', 1767312000000);
PRAGMA user_version = 1;
SQL
} | sqlite3 "$out"
sqlite3 "$out" 'PRAGMA journal_mode; PRAGMA user_version; VACUUM;'
