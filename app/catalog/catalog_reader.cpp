// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_reader.h"

#include <QFileInfo>

#include "catalog/catalog_queries.h"
#include "catalog/catalog_schema.h"

AppExpected<CatalogReader> CatalogReader::open(const QString &databasePath)
{
    if (!QFileInfo::exists(databasePath))
        return appFail(
            AppError::Kind::NotFound, QStringLiteral("The catalog %1 does not exist yet.").arg(databasePath));
    ATRIUM_TRY(SqliteDb db, SqliteDb::open(databasePath, SqliteDb::Mode::ReadOnly));
    ATRIUM_TRY(const int version, CatalogSchema::userVersion(db));
    if (version == 0 || version > CatalogSchema::latestVersion())
        return appFail(AppError::Kind::Database,
            QStringLiteral("The catalog %1 has schema version %2; this version of Atrium reads 1 to %3.")
                .arg(databasePath)
                .arg(version)
                .arg(CatalogSchema::latestVersion()));
    return CatalogReader(std::move(db));
}

CatalogReader::CatalogReader(SqliteDb db)
    : m_db(std::move(db))
{
}

AppExpected<QList<CatalogModel>> CatalogReader::listModels()
{
    return CatalogQueries::models(m_db);
}

AppExpected<QList<CatalogModel>> CatalogReader::findModels(const QString &repoId)
{
    return CatalogQueries::models(m_db, QStringLiteral("repo_id = ?"), {repoId});
}

AppExpected<QList<CatalogDownload>> CatalogReader::listDownloads(bool unfinishedOnly)
{
    if (unfinishedOnly)
        return CatalogQueries::downloads(m_db, QStringLiteral("state NOT IN ('completed', 'cancelled')"));
    return CatalogQueries::downloads(m_db);
}

AppExpected<std::optional<CatalogDownload>> CatalogReader::download(qint64 id)
{
    ATRIUM_TRY(const QList<CatalogDownload> rows, CatalogQueries::downloads(m_db, QStringLiteral("id = ?"), {id}));
    if (rows.isEmpty())
        return std::optional<CatalogDownload>();
    return std::optional<CatalogDownload>(rows.first());
}

AppExpected<QList<Conversation>> CatalogReader::listConversations()
{
    return CatalogQueries::conversations(m_db);
}

AppExpected<QList<ChatMessage>> CatalogReader::messages(qint64 conversationId)
{
    return CatalogQueries::messages(m_db, conversationId);
}

AppExpected<QList<ComparisonVote>> CatalogReader::listVotes()
{
    return CatalogQueries::votes(m_db);
}

AppExpected<QList<EloRating>> CatalogReader::leaderboard()
{
    ATRIUM_TRY(const QList<ComparisonVote> votes, CatalogQueries::votes(m_db));
    return CatalogQueries::computeElo(votes, 32.0, 1000.0);
}

AppExpected<QList<UserFolder>> CatalogReader::userFolders()
{
    return CatalogQueries::userFolders(m_db);
}
