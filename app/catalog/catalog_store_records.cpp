// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// CatalogStore: downloads, conversations, messages and comparison votes (models and files are in
// catalog_store.cpp).

#include <QJsonDocument>

#include "catalog/catalog_queries.h"
#include "catalog/catalog_store.h"
#include "catalog/sqlite/sqlite_statement.h"
#include "catalog/sqlite/sqlite_transaction.h"

using CatalogQueries::nowMs;
using CatalogQueries::toMs;

namespace
{

QString objectJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool isKnownRole(const QString &role)
{
    return role == QStringLiteral("system") || role == QStringLiteral("user") || role == QStringLiteral("assistant")
        || role == QStringLiteral("tool");
}

} // namespace

// --- Downloads ---

AppExpected<void> CatalogStore::emitDownload(qint64 downloadId)
{
    ATRIUM_TRY(const std::optional<CatalogDownload> row, download(downloadId));
    if (!row)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No download %1 in the catalog.").arg(downloadId));
    Q_EMIT downloadChanged(*row);
    return {};
}

AppExpected<qint64> CatalogStore::upsertDownload(const CatalogDownload &d)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (d.repoId.isEmpty() || d.path.isEmpty())
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("A download needs a repository and a file."));
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral(R"(
        INSERT INTO downloads (repo_id, path, revision, state, bytes_done, bytes_total, sha256_expected, local_path,
                               error_message, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (repo_id, revision, path) DO UPDATE SET
            state = excluded.state,
            bytes_done = excluded.bytes_done,
            bytes_total = excluded.bytes_total,
            sha256_expected = COALESCE(NULLIF(excluded.sha256_expected, ''), sha256_expected),
            local_path = COALESCE(NULLIF(excluded.local_path, ''), local_path),
            error_message = excluded.error_message,
            updated_at = excluded.updated_at
        RETURNING id)")));
    const qint64 now = nowMs();
    ATRIUM_TRY_VOID(stmt.bindAll(d.repoId,
        d.path,
        d.revision,
        downloadStateName(d.state),
        d.bytesDone,
        d.bytesTotal,
        d.sha256Expected.toLower(),
        d.localPath,
        d.errorMessage,
        d.createdAt.isValid() ? toMs(d.createdAt) : now,
        now));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    if (!hasRow)
        return appFail(AppError::Kind::Database, QStringLiteral("The catalog did not return the download's id."));
    const qint64 id = stmt.columnInt64(0);
    ATRIUM_TRY_VOID(stmt.reset());
    ATRIUM_TRY_VOID(emitDownload(id));
    return id;
}

AppExpected<void> CatalogStore::updateDownloadProgress(qint64 downloadId, qint64 bytesDone, qint64 bytesTotal)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(
            QStringLiteral("UPDATE downloads SET bytes_done = ?, bytes_total = ?, updated_at = ? WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bindAll(bytesDone, bytesTotal, nowMs(), downloadId));
    ATRIUM_TRY_VOID(stmt.run());
    if (m_db.changes() == 0)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No download %1 in the catalog.").arg(downloadId));
    return emitDownload(downloadId);
}

AppExpected<void> CatalogStore::setDownloadState(qint64 downloadId, DownloadState state, const QString &errorMessage)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("UPDATE downloads SET state = ?, error_message = ?, updated_at = ? WHERE id = ?")));
    const QString error = state == DownloadState::Failed ? errorMessage : QString();
    ATRIUM_TRY_VOID(stmt.bindAll(downloadStateName(state), error, nowMs(), downloadId));
    ATRIUM_TRY_VOID(stmt.run());
    if (m_db.changes() == 0)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No download %1 in the catalog.").arg(downloadId));
    return emitDownload(downloadId);
}

AppExpected<std::optional<CatalogDownload>> CatalogStore::download(qint64 downloadId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(
        const QList<CatalogDownload> rows, CatalogQueries::downloads(m_db, QStringLiteral("id = ?"), {downloadId}));
    if (rows.isEmpty())
        return std::optional<CatalogDownload>();
    return std::optional<CatalogDownload>(rows.first());
}

AppExpected<std::optional<CatalogDownload>> CatalogStore::findDownload(
    const QString &repoId, const QString &revision, const QString &path)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(const QList<CatalogDownload> rows,
        CatalogQueries::downloads(
            m_db, QStringLiteral("repo_id = ? AND revision = ? AND path = ?"), {repoId, revision, path}));
    if (rows.isEmpty())
        return std::optional<CatalogDownload>();
    return std::optional<CatalogDownload>(rows.first());
}

AppExpected<QList<CatalogDownload>> CatalogStore::listDownloads(bool unfinishedOnly)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (unfinishedOnly)
        return CatalogQueries::downloads(m_db, QStringLiteral("state NOT IN ('completed', 'cancelled')"));
    return CatalogQueries::downloads(m_db);
}

AppExpected<void> CatalogStore::removeDownload(qint64 downloadId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral("DELETE FROM downloads WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bind(1, downloadId));
    ATRIUM_TRY_VOID(stmt.run());
    if (m_db.changes() == 0)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No download %1 in the catalog.").arg(downloadId));
    return {};
}

// --- Conversations and messages ---

AppExpected<qint64> CatalogStore::createConversation(const Conversation &c)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("INSERT INTO conversations (title, model_ref, system_prompt, "
                                    "sampling_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")));
    const qint64 now = nowMs();
    const qint64 created = c.createdAt.isValid() ? toMs(c.createdAt) : now;
    const qint64 updated = c.updatedAt.isValid() ? toMs(c.updatedAt) : created;
    ATRIUM_TRY_VOID(stmt.bindAll(c.title, c.modelRef, c.systemPrompt, objectJson(c.sampling), created, updated));
    ATRIUM_TRY_VOID(stmt.run());
    const qint64 id = m_db.lastInsertRowId();
    Q_EMIT conversationsChanged();
    return id;
}

AppExpected<void> CatalogStore::updateConversation(const Conversation &c)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("UPDATE conversations SET title = ?, model_ref = ?, system_prompt = ?, "
                                    "sampling_json = ?, updated_at = ? WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bindAll(c.title, c.modelRef, c.systemPrompt, objectJson(c.sampling), nowMs(), c.id));
    ATRIUM_TRY_VOID(stmt.run());
    if (m_db.changes() == 0)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No conversation %1 in the catalog.").arg(c.id));
    Q_EMIT conversationsChanged();
    return {};
}

AppExpected<std::optional<Conversation>> CatalogStore::conversation(qint64 conversationId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(const QList<Conversation> rows,
        CatalogQueries::conversations(m_db, QStringLiteral("id = ?"), {conversationId}));
    if (rows.isEmpty())
        return std::optional<Conversation>();
    return std::optional<Conversation>(rows.first());
}

AppExpected<QList<Conversation>> CatalogStore::listConversations()
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::conversations(m_db);
}

AppExpected<void> CatalogStore::deleteConversation(qint64 conversationId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bind(1, conversationId));
    ATRIUM_TRY_VOID(stmt.run()); // messages go with it (ON DELETE CASCADE)
    if (m_db.changes() == 0)
        return appFail(
            AppError::Kind::NotFound, QStringLiteral("No conversation %1 in the catalog.").arg(conversationId));
    Q_EMIT conversationsChanged();
    return {};
}

AppExpected<qint64> CatalogStore::addMessage(const ChatMessage &m)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (!isKnownRole(m.role))
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("Unknown message role '%1'.").arg(m.role));
    ATRIUM_TRY(SqliteTransaction transaction, SqliteTransaction::begin(m_db));
    if (m.parentId != 0) {
        ATRIUM_TRY(
            SqliteStatement parent, m_db.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?")));
        ATRIUM_TRY_VOID(parent.bind(1, m.parentId));
        ATRIUM_TRY(const bool found, parent.step());
        if (!found || parent.columnInt64(0) != m.conversationId)
            return appFail(AppError::Kind::InvalidInput,
                QStringLiteral("Message %1 is not part of conversation %2.").arg(m.parentId).arg(m.conversationId));
    }
    ATRIUM_TRY(SqliteStatement insert,
        m_db.prepare(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content, "
                                    "stats_json, created_at) VALUES (?, ?, ?, ?, ?, ?)")));
    const qint64 now = m.createdAt.isValid() ? toMs(m.createdAt) : nowMs();
    ATRIUM_TRY_VOID(insert.bind(1, m.conversationId));
    ATRIUM_TRY_VOID(m.parentId != 0 ? insert.bind(2, m.parentId) : insert.bindNull(2));
    ATRIUM_TRY_VOID(insert.bind(3, m.role));
    ATRIUM_TRY_VOID(insert.bind(4, m.content));
    ATRIUM_TRY_VOID(insert.bind(5, objectJson(m.stats)));
    ATRIUM_TRY_VOID(insert.bind(6, now));
    ATRIUM_TRY_VOID(insert.run()); // a missing conversation fails the foreign key
    const qint64 id = m_db.lastInsertRowId();
    ATRIUM_TRY(SqliteStatement touch,
        m_db.prepare(QStringLiteral("UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?")));
    ATRIUM_TRY_VOID(touch.bindAll(now, m.conversationId));
    ATRIUM_TRY_VOID(touch.run());
    ATRIUM_TRY_VOID(transaction.commit());
    Q_EMIT messagesChanged(m.conversationId);
    return id;
}

AppExpected<void> CatalogStore::updateMessage(qint64 messageId, const QString &content, const QJsonObject &stats)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(
            QStringLiteral("UPDATE messages SET content = ?, stats_json = ? WHERE id = ? RETURNING conversation_id")));
    ATRIUM_TRY_VOID(stmt.bindAll(content, objectJson(stats), messageId));
    ATRIUM_TRY(const bool found, stmt.step());
    if (!found)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No message %1 in the catalog.").arg(messageId));
    const qint64 conversationId = stmt.columnInt64(0);
    ATRIUM_TRY_VOID(stmt.reset());
    Q_EMIT messagesChanged(conversationId);
    return {};
}

AppExpected<QList<ChatMessage>> CatalogStore::messages(qint64 conversationId)
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::messages(m_db, conversationId);
}

AppExpected<void> CatalogStore::deleteMessage(qint64 messageId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("DELETE FROM messages WHERE id = ? RETURNING conversation_id")));
    ATRIUM_TRY_VOID(stmt.bind(1, messageId));
    ATRIUM_TRY(const bool found, stmt.step()); // replies below it go too (ON DELETE CASCADE on parent_id)
    if (!found)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No message %1 in the catalog.").arg(messageId));
    const qint64 conversationId = stmt.columnInt64(0);
    ATRIUM_TRY_VOID(stmt.reset());
    Q_EMIT messagesChanged(conversationId);
    return {};
}

// --- Comparisons and the leaderboard ---

AppExpected<qint64> CatalogStore::addComparison(const Comparison &c)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (c.modelA.isEmpty() || c.modelB.isEmpty() || c.modelA == c.modelB)
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("A comparison needs two different models."));
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(
            QStringLiteral("INSERT INTO comparisons (model_a, model_b, prompt, created_at) VALUES (?, ?, ?, ?)")));
    ATRIUM_TRY_VOID(stmt.bindAll(c.modelA, c.modelB, c.prompt, c.createdAt.isValid() ? toMs(c.createdAt) : nowMs()));
    ATRIUM_TRY_VOID(stmt.run());
    return m_db.lastInsertRowId();
}

AppExpected<qint64> CatalogStore::addVote(qint64 comparisonId, VoteResult result)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("INSERT INTO votes (comparison_id, result, created_at) VALUES (?, ?, ?)")));
    ATRIUM_TRY_VOID(stmt.bindAll(comparisonId, voteResultName(result), nowMs()));
    auto inserted = stmt.run();
    if (!inserted) {
        AppError error = inserted.error();
        error.message =
            QStringLiteral("Could not record the vote for comparison %1: %2").arg(comparisonId).arg(error.message);
        return atrium::fail(std::move(error));
    }
    const qint64 id = m_db.lastInsertRowId();
    Q_EMIT votesChanged();
    return id;
}

AppExpected<QList<ComparisonVote>> CatalogStore::listVotes()
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::votes(m_db);
}

AppExpected<QList<EloRating>> CatalogStore::leaderboard()
{
    ATRIUM_TRY(const QList<ComparisonVote> votes, listVotes());
    return computeElo(votes);
}

QList<EloRating> CatalogStore::computeElo(const QList<ComparisonVote> &votes, double k, double initialRating)
{
    return CatalogQueries::computeElo(votes, k, initialRating);
}
