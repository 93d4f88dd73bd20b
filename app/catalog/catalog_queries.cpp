// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_queries.h"

#include <algorithm>
#include <cmath>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include "catalog/sqlite/sqlite_db.h"
#include "catalog/sqlite/sqlite_statement.h"

namespace CatalogQueries
{

qint64 toMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

AppExpected<void> bindParams(SqliteStatement &stmt, const QVariantList &params)
{
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &param = params.at(i);
        if (param.typeId() == QMetaType::QString) {
            ATRIUM_TRY_VOID(stmt.bind(i + 1, param.toString()));
        } else {
            ATRIUM_TRY_VOID(stmt.bind(i + 1, param.toLongLong()));
        }
    }
    return {};
}

namespace
{

QString whereClause(const QString &where)
{
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where;
}

QJsonObject parseObject(const QString &json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

CatalogFile readFile(const SqliteStatement &s)
{
    CatalogFile f;
    f.id = s.columnInt64(0);
    f.modelId = s.columnInt64(1);
    f.path = s.columnText(2);
    f.revision = s.columnText(3);
    f.sizeBytes = s.columnInt64(4);
    f.sha256 = s.columnText(5);
    f.localPath = s.columnText(6);
    f.blobPath = s.columnText(7);
    f.format = s.columnText(8);
    f.quantization = s.columnText(9);
    f.architecture = s.columnText(10);
    f.parameterCount = s.columnInt64(11);
    f.contextLength = s.columnInt64(12);
    f.hasChatTemplate = s.columnBool(13);
    f.fileModified = fromMs(s.columnInt64(14));
    f.downloadedByAtrium = s.columnBool(15);
    return f;
}

CatalogModel readModel(const SqliteStatement &s)
{
    CatalogModel m;
    m.id = s.columnInt64(0);
    m.repoId = s.columnText(1);
    m.source = modelSourceFromName(s.columnText(2)).value_or(ModelSource::Folder);
    m.rootPath = s.columnText(3);
    m.revision = s.columnText(4);
    m.author = s.columnText(5);
    m.license = s.columnText(6);
    m.pipelineTag = s.columnText(7);
    const QJsonArray tags = QJsonDocument::fromJson(s.columnText(8).toUtf8()).array();
    for (const QJsonValue &tag : tags)
        m.tags.append(tag.toString());
    m.cardText = s.columnText(9);
    m.gated = s.columnText(10);
    m.downloads = s.columnInt64(11);
    m.likes = s.columnInt64(12);
    m.lastModified = fromMs(s.columnInt64(13));
    m.addedAt = fromMs(s.columnInt64(14));
    return m;
}

CatalogDownload readDownload(const SqliteStatement &s)
{
    CatalogDownload d;
    d.id = s.columnInt64(0);
    d.repoId = s.columnText(1);
    d.path = s.columnText(2);
    d.revision = s.columnText(3);
    d.state = downloadStateFromName(s.columnText(4)).value_or(DownloadState::Failed);
    d.bytesDone = s.columnInt64(5);
    d.bytesTotal = s.columnInt64(6);
    d.sha256Expected = s.columnText(7);
    d.localPath = s.columnText(8);
    d.errorMessage = s.columnText(9);
    d.createdAt = fromMs(s.columnInt64(10));
    d.updatedAt = fromMs(s.columnInt64(11));
    return d;
}

} // namespace

AppExpected<QList<CatalogModel>> models(SqliteDb &db, const QString &where, const QVariantList &params)
{
    ATRIUM_TRY(SqliteStatement modelStmt,
        db.prepare(QStringLiteral("SELECT id, repo_id, source, root_path, revision, author, license, "
                                  "pipeline_tag, tags_json, card_text, gated, downloads, likes, "
                                  "last_modified, added_at FROM models")
            + whereClause(where) + QStringLiteral(" ORDER BY repo_id COLLATE NOCASE, source, id")));
    ATRIUM_TRY_VOID(bindParams(modelStmt, params));
    QList<CatalogModel> result;
    QHash<qint64, qsizetype> indexById;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, modelStmt.step());
        if (!hasRow)
            break;
        indexById.insert(modelStmt.columnInt64(0), result.size());
        result.append(readModel(modelStmt));
    }
    if (result.isEmpty())
        return result;

    const QString fileWhere =
        where.isEmpty() ? QString() : QStringLiteral(" WHERE model_id IN (SELECT id FROM models WHERE %1)").arg(where);
    ATRIUM_TRY(SqliteStatement fileStmt,
        db.prepare(QStringLiteral("SELECT id, model_id, path, revision, size_bytes, sha256, local_path, "
                                  "blob_path, format, quantization, architecture, parameter_count, "
                                  "context_length, has_chat_template, file_mtime, downloaded_by_atrium "
                                  "FROM files")
            + fileWhere + QStringLiteral(" ORDER BY model_id, path, revision, id")));
    ATRIUM_TRY_VOID(bindParams(fileStmt, params));
    for (;;) {
        ATRIUM_TRY(const bool hasRow, fileStmt.step());
        if (!hasRow)
            break;
        const auto it = indexById.constFind(fileStmt.columnInt64(1));
        if (it != indexById.constEnd())
            result[*it].files.append(readFile(fileStmt));
    }
    return result;
}

AppExpected<QList<CatalogDownload>> downloads(SqliteDb &db, const QString &where, const QVariantList &params)
{
    ATRIUM_TRY(SqliteStatement stmt,
        db.prepare(QStringLiteral("SELECT id, repo_id, path, revision, state, bytes_done, bytes_total, "
                                  "sha256_expected, local_path, error_message, created_at, updated_at "
                                  "FROM downloads")
            + whereClause(where) + QStringLiteral(" ORDER BY created_at DESC, id DESC")));
    ATRIUM_TRY_VOID(bindParams(stmt, params));
    QList<CatalogDownload> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        result.append(readDownload(stmt));
    }
    return result;
}

AppExpected<QList<Conversation>> conversations(SqliteDb &db, const QString &where, const QVariantList &params)
{
    ATRIUM_TRY(SqliteStatement stmt,
        db.prepare(QStringLiteral("SELECT id, title, model_ref, system_prompt, sampling_json, created_at, "
                                  "updated_at FROM conversations")
            + whereClause(where) + QStringLiteral(" ORDER BY updated_at DESC, id DESC")));
    ATRIUM_TRY_VOID(bindParams(stmt, params));
    QList<Conversation> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        Conversation c;
        c.id = stmt.columnInt64(0);
        c.title = stmt.columnText(1);
        c.modelRef = stmt.columnText(2);
        c.systemPrompt = stmt.columnText(3);
        c.sampling = parseObject(stmt.columnText(4));
        c.createdAt = fromMs(stmt.columnInt64(5));
        c.updatedAt = fromMs(stmt.columnInt64(6));
        result.append(c);
    }
    return result;
}

AppExpected<QList<ChatMessage>> messages(SqliteDb &db, qint64 conversationId)
{
    ATRIUM_TRY(SqliteStatement stmt,
        db.prepare(QStringLiteral("SELECT id, conversation_id, parent_id, role, content, stats_json, "
                                  "created_at FROM messages WHERE conversation_id = ? ORDER BY id")));
    ATRIUM_TRY_VOID(stmt.bind(1, conversationId));
    QList<ChatMessage> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        ChatMessage m;
        m.id = stmt.columnInt64(0);
        m.conversationId = stmt.columnInt64(1);
        m.parentId = stmt.columnIsNull(2) ? 0 : stmt.columnInt64(2);
        m.role = stmt.columnText(3);
        m.content = stmt.columnText(4);
        m.stats = parseObject(stmt.columnText(5));
        m.createdAt = fromMs(stmt.columnInt64(6));
        result.append(m);
    }
    return result;
}

AppExpected<QList<ComparisonVote>> votes(SqliteDb &db)
{
    ATRIUM_TRY(SqliteStatement stmt,
        db.prepare(QStringLiteral("SELECT v.id, v.comparison_id, c.model_a, c.model_b, v.result, v.created_at "
                                  "FROM votes v JOIN comparisons c ON c.id = v.comparison_id "
                                  "ORDER BY v.created_at, v.id")));
    QList<ComparisonVote> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        ComparisonVote v;
        v.id = stmt.columnInt64(0);
        v.comparisonId = stmt.columnInt64(1);
        v.modelA = stmt.columnText(2);
        v.modelB = stmt.columnText(3);
        v.result = voteResultFromName(stmt.columnText(4)).value_or(VoteResult::Tie);
        v.createdAt = fromMs(stmt.columnInt64(5));
        result.append(v);
    }
    return result;
}

AppExpected<QList<UserFolder>> userFolders(SqliteDb &db)
{
    ATRIUM_TRY(SqliteStatement stmt,
        db.prepare(QStringLiteral("SELECT id, path, kind, added_at FROM user_folders ORDER BY path")));
    QList<UserFolder> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        UserFolder f;
        f.id = stmt.columnInt64(0);
        f.path = stmt.columnText(1);
        f.kind = modelSourceFromName(stmt.columnText(2)).value_or(ModelSource::Folder);
        f.addedAt = fromMs(stmt.columnInt64(3));
        result.append(f);
    }
    return result;
}

QList<EloRating> computeElo(const QList<ComparisonVote> &votes, double k, double initialRating)
{
    QList<EloRating> ratings;
    QHash<QString, qsizetype> indexByModel;
    const auto indexOf = [&](const QString &model) -> qsizetype {
        auto it = indexByModel.constFind(model);
        if (it == indexByModel.constEnd()) {
            it = indexByModel.insert(model, ratings.size());
            ratings.append(EloRating {model, initialRating, 0, 0, 0});
        }
        return *it;
    };
    for (const ComparisonVote &vote : votes) {
        if (vote.modelA == vote.modelB)
            continue;
        const qsizetype indexA = indexOf(vote.modelA);
        const qsizetype indexB = indexOf(vote.modelB); // may grow the list: take references only after both
        EloRating &a = ratings[indexA];
        EloRating &b = ratings[indexB];
        // Expected score of A: 1 / (1 + 10^((Rb - Ra) / 400)); B's is the complement.
        const double expectedA = 1.0 / (1.0 + std::pow(10.0, (b.rating - a.rating) / 400.0));
        double scoreA = 0.5;
        switch (vote.result) {
        case VoteResult::A:
            scoreA = 1.0;
            ++a.wins;
            ++b.losses;
            break;
        case VoteResult::B:
            scoreA = 0.0;
            ++a.losses;
            ++b.wins;
            break;
        case VoteResult::Tie:
        case VoteResult::BothBad:
            ++a.ties;
            ++b.ties;
            break;
        }
        const double delta = k * (scoreA - expectedA);
        a.rating += delta;
        b.rating -= delta;
    }
    std::stable_sort(ratings.begin(), ratings.end(), [](const EloRating &x, const EloRating &y) {
        if (x.rating != y.rating)
            return x.rating > y.rating;
        return x.modelRef < y.modelRef;
    });
    return ratings;
}

} // namespace CatalogQueries
