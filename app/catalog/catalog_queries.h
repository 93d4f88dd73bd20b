// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QVariantList>

#include "catalog/catalog_types.h"
#include "common/app_error.h"

class SqliteDb;
class SqliteStatement;

/// Row reading shared by the writer (CatalogStore) and read-only connections (CatalogReader). Internal to the
/// catalog. `where` is an SQL condition with ? placeholders bound from `params` (qint64 or QString values).
namespace CatalogQueries
{

qint64 toMs(const QDateTime &time);
QDateTime fromMs(qint64 ms);
qint64 nowMs();

AppExpected<void> bindParams(SqliteStatement &stmt, const QVariantList &params);

AppExpected<QList<CatalogModel>> models(SqliteDb &db, const QString &where = {}, const QVariantList &params = {});
AppExpected<QList<CatalogDownload>> downloads(SqliteDb &db, const QString &where = {}, const QVariantList &params = {});
AppExpected<QList<Conversation>> conversations(
    SqliteDb &db, const QString &where = {}, const QVariantList &params = {});
AppExpected<QList<ChatMessage>> messages(SqliteDb &db, qint64 conversationId);
AppExpected<QList<ComparisonVote>> votes(SqliteDb &db);
AppExpected<QList<UserFolder>> userFolders(SqliteDb &db);

/// Standard Elo (see CatalogStore::computeElo()).
QList<EloRating> computeElo(const QList<ComparisonVote> &votes, double k, double initialRating);

} // namespace CatalogQueries
