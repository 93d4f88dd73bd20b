// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include "catalog/catalog_types.h"
#include "catalog/sqlite/sqlite_db.h"
#include "common/app_error.h"

/// A read-only view of the catalog for a thread other than the catalog thread (a thread-pool task, the GUI when it
/// needs a synchronous snapshot). It owns its own read-only connection, opened on the calling thread and used only
/// there; in WAL mode it reads while the CatalogStore writes. Open it with CatalogStore::openReader().
class CatalogReader
{
public:
    /// Opens a read-only connection to an existing, already migrated catalog.
    static AppExpected<CatalogReader> open(const QString &databasePath);

    CatalogReader(CatalogReader &&) noexcept = default;
    CatalogReader &operator=(CatalogReader &&) noexcept = default;

    AppExpected<QList<CatalogModel>> listModels();
    AppExpected<QList<CatalogModel>> findModels(const QString &repoId);
    AppExpected<QList<CatalogDownload>> listDownloads(bool unfinishedOnly = false);
    AppExpected<std::optional<CatalogDownload>> download(qint64 id);
    AppExpected<QList<Conversation>> listConversations();
    AppExpected<QList<ChatMessage>> messages(qint64 conversationId);
    AppExpected<QList<ComparisonVote>> listVotes();
    AppExpected<QList<EloRating>> leaderboard();
    AppExpected<QList<UserFolder>> userFolders();

private:
    explicit CatalogReader(SqliteDb db);
    SqliteDb m_db;
};
