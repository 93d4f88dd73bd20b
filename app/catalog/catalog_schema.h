// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include "common/app_error.h"

class SqliteDb;

/// The catalog's schema: numbered migration scripts (resources/sql/NNN_*.sql, compiled in) keyed by
/// PRAGMA user_version.
namespace CatalogSchema
{

/// The newest version this build knows.
int latestVersion();
/// The text of migration `version` (1-based).
AppExpected<QString> migrationScript(int version);
/// PRAGMA user_version of the connection's database.
AppExpected<int> userVersion(SqliteDb &db);
/// Prepares a writer connection, in order: the downgrade guard (a newer user_version is refused before anything
/// is written), journal_mode=WAL, then every missing migration N in its own BEGIN IMMEDIATE transaction together
/// with user_version = N. On failure the database stays at the last version that committed.
AppExpected<void> prepareWriter(SqliteDb &db);
/// Applies migrations up to `targetVersion` only (tests build old-schema databases with it).
AppExpected<void> migrateTo(SqliteDb &db, int targetVersion);

} // namespace CatalogSchema
