// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_store.h"

#include <exception>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "catalog/catalog_queries.h"
#include "catalog/catalog_remover.h"
#include "catalog/catalog_schema.h"
#include "catalog/sqlite/sqlite_statement.h"
#include "catalog/sqlite/sqlite_transaction.h"
#include "settings/app_paths.h"

using CatalogQueries::nowMs;
using CatalogQueries::toMs;

namespace
{

const QString kMemory = QStringLiteral(":memory:");

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

/// Runs a load slot's query and answers with a signal or errorOccurred(); slots never let an exception escape.
template <typename Query, typename Emit>
void answer(CatalogStore *store, Query query, Emit emitResult)
{
    try {
        auto result = query();
        if (result)
            emitResult(std::move(result).value());
        else
            Q_EMIT store->errorOccurred(result.error());
    } catch (const std::exception &e) {
        Q_EMIT store->errorOccurred(
            AppError {AppError::Kind::Database, QStringLiteral("Catalog error."), QString::fromUtf8(e.what())});
    }
}

} // namespace

CatalogStore::CatalogStore(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
{
    registerCatalogMetaTypes();
}

CatalogStore::~CatalogStore() = default;

int CatalogStore::schemaVersion()
{
    return CatalogSchema::latestVersion();
}

AppExpected<CatalogReader> CatalogStore::openReader(const QString &databasePath)
{
    return CatalogReader::open(databasePath);
}

AppExpected<void> CatalogStore::open()
{
    close();
    if (m_databasePath != kMemory) {
        const QString folder = QFileInfo(m_databasePath).absolutePath();
        if (!QDir().mkpath(folder))
            return appFail(
                AppError::Kind::Io, QStringLiteral("Could not create the folder %1 for the catalog.").arg(folder));
    }
    ATRIUM_TRY(SqliteDb db, SqliteDb::open(m_databasePath, SqliteDb::Mode::ReadWriteCreate));
    ATRIUM_TRY_VOID(CatalogSchema::prepareWriter(db));
    m_db = std::move(db);
    m_thread = QThread::currentThread();
    return {};
}

void CatalogStore::close()
{
    auto closed = m_db.close();
    if (!closed)
        qWarning("catalog: %s", qPrintable(closed.error().message));
    m_thread = nullptr;
}

bool CatalogStore::isOpen() const
{
    return m_db.isOpen();
}

AppExpected<void> CatalogStore::checkOpen() const
{
    if (!m_db.isOpen())
        return appFail(AppError::Kind::Database, QStringLiteral("The catalog is not open."));
    // NOTE: one connection per thread; a call from elsewhere is a bug reported as an error, not a data race.
    if (QThread::currentThread() != m_thread)
        return appFail(AppError::Kind::Database,
            QStringLiteral("The catalog was used from a thread other than the one that opened it."));
    return {};
}

// --- Models and files ---

AppExpected<qint64> CatalogStore::upsertModel(const CatalogModel &model)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (model.repoId.isEmpty())
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("A catalog model needs a repository id."));
    QString root = model.rootPath;
    if (root.isEmpty() && (model.source == ModelSource::Hub || model.source == ModelSource::HfCache))
        root = AppPaths::hubCache();
    if (root.isEmpty())
        return appFail(AppError::Kind::InvalidInput,
            QStringLiteral("The catalog model %1 needs the folder it was found in.").arg(model.repoId));
    root = QDir::cleanPath(root);
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral(R"(
        INSERT INTO models (repo_id, source, root_path, revision, author, license, pipeline_tag, tags_json,
                            card_text, gated, downloads, likes, last_modified, added_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (root_path, repo_id) DO UPDATE SET
            source = CASE WHEN source = 'hub' AND excluded.source = 'hf-cache' THEN source ELSE excluded.source END,
            revision = COALESCE(NULLIF(excluded.revision, ''), revision),
            author = COALESCE(NULLIF(excluded.author, ''), author),
            license = COALESCE(NULLIF(excluded.license, ''), license),
            pipeline_tag = COALESCE(NULLIF(excluded.pipeline_tag, ''), pipeline_tag),
            tags_json = COALESCE(NULLIF(excluded.tags_json, '[]'), tags_json),
            card_text = COALESCE(NULLIF(excluded.card_text, ''), card_text),
            gated = COALESCE(NULLIF(excluded.gated, ''), gated),
            downloads = COALESCE(NULLIF(excluded.downloads, 0), downloads),
            likes = COALESCE(NULLIF(excluded.likes, 0), likes),
            last_modified = COALESCE(NULLIF(excluded.last_modified, 0), last_modified)
        RETURNING id)")));
    const qint64 addedAt = model.addedAt.isValid() ? toMs(model.addedAt) : nowMs();
    ATRIUM_TRY_VOID(stmt.bindAll(model.repoId,
        modelSourceName(model.source),
        root,
        model.revision,
        model.author,
        model.license,
        model.pipelineTag,
        tagsJson(model.tags),
        model.cardText,
        model.gated,
        model.downloads,
        model.likes,
        toMs(model.lastModified),
        addedAt));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    if (!hasRow)
        return appFail(AppError::Kind::Database, QStringLiteral("The catalog did not return the model's id."));
    const qint64 id = stmt.columnInt64(0);
    Q_EMIT modelsChanged();
    return id;
}

AppExpected<qint64> CatalogStore::upsertFile(const CatalogFile &file)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (file.modelId <= 0 || file.localPath.isEmpty())
        return appFail(
            AppError::Kind::InvalidInput, QStringLiteral("A catalog file needs its model and its local path."));
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral(R"(
        INSERT INTO files (model_id, path, revision, size_bytes, sha256, local_path, blob_path, format,
                           quantization, architecture, parameter_count, context_length, has_chat_template,
                           file_mtime, downloaded_by_atrium)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (model_id, local_path) DO UPDATE SET
            path = excluded.path,
            revision = excluded.revision,
            size_bytes = excluded.size_bytes,
            sha256 = COALESCE(NULLIF(excluded.sha256, ''), sha256),
            blob_path = COALESCE(NULLIF(excluded.blob_path, ''), blob_path),
            format = COALESCE(NULLIF(excluded.format, ''), format),
            quantization = COALESCE(NULLIF(excluded.quantization, ''), quantization),
            architecture = COALESCE(NULLIF(excluded.architecture, ''), architecture),
            parameter_count = COALESCE(NULLIF(excluded.parameter_count, 0), parameter_count),
            context_length = COALESCE(NULLIF(excluded.context_length, 0), context_length),
            has_chat_template = CASE WHEN excluded.architecture <> '' THEN excluded.has_chat_template
                                     ELSE has_chat_template END,
            file_mtime = excluded.file_mtime,
            downloaded_by_atrium = MAX(downloaded_by_atrium, excluded.downloaded_by_atrium)
        RETURNING id)")));
    ATRIUM_TRY_VOID(stmt.bindAll(file.modelId,
        file.path,
        file.revision,
        file.sizeBytes,
        file.sha256.toLower(),
        QDir::cleanPath(file.localPath),
        file.blobPath,
        file.format,
        file.quantization,
        file.architecture,
        file.parameterCount,
        file.contextLength,
        file.hasChatTemplate,
        toMs(file.fileModified),
        file.downloadedByAtrium));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    if (!hasRow)
        return appFail(AppError::Kind::Database, QStringLiteral("The catalog did not return the file's id."));
    const qint64 id = stmt.columnInt64(0);
    Q_EMIT modelsChanged();
    return id;
}

AppExpected<void> CatalogStore::removeFileRecord(qint64 fileId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral("DELETE FROM files WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bind(1, fileId));
    ATRIUM_TRY_VOID(stmt.run());
    Q_EMIT modelsChanged();
    return {};
}

AppExpected<void> CatalogStore::removeModelRecord(qint64 modelId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral("DELETE FROM models WHERE id = ?")));
    ATRIUM_TRY_VOID(stmt.bind(1, modelId));
    ATRIUM_TRY_VOID(stmt.run());
    Q_EMIT modelsChanged();
    return {};
}

AppExpected<void> CatalogStore::forgetModelIfEmpty(qint64 modelId)
{
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral(
            "DELETE FROM models WHERE id = ? AND NOT EXISTS (SELECT 1 FROM files WHERE model_id = models.id)")));
    ATRIUM_TRY_VOID(stmt.bind(1, modelId));
    return stmt.run();
}

AppExpected<QList<CatalogModel>> CatalogStore::listModels()
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::models(m_db);
}

AppExpected<QList<CatalogModel>> CatalogStore::findModels(const QString &repoId)
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::models(m_db, QStringLiteral("repo_id = ?"), {repoId});
}

AppExpected<std::optional<CatalogModel>> CatalogStore::model(qint64 modelId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(const QList<CatalogModel> rows, CatalogQueries::models(m_db, QStringLiteral("id = ?"), {modelId}));
    if (rows.isEmpty())
        return std::optional<CatalogModel>();
    return std::optional<CatalogModel>(rows.first());
}

AppExpected<QList<ModelDiskUsage>> CatalogStore::diskUsage()
{
    ATRIUM_TRY_VOID(checkOpen());
    // Each blob once per model: two snapshots linking one blob take its space once.
    ATRIUM_TRY(SqliteStatement stmt, m_db.prepare(QStringLiteral(R"(
        SELECT m.id, m.repo_id, m.source, COALESCE(SUM(f.size_bytes), 0)
        FROM models m
        LEFT JOIN (SELECT model_id, CASE WHEN blob_path = '' THEN local_path ELSE blob_path END AS blob,
                          MAX(size_bytes) AS size_bytes
                   FROM files GROUP BY model_id, blob) f ON f.model_id = m.id
        GROUP BY m.id ORDER BY m.repo_id COLLATE NOCASE, m.source, m.id)")));
    QList<ModelDiskUsage> result;
    for (;;) {
        ATRIUM_TRY(const bool hasRow, stmt.step());
        if (!hasRow)
            break;
        ModelDiskUsage usage;
        usage.modelId = stmt.columnInt64(0);
        usage.repoId = stmt.columnText(1);
        usage.source = modelSourceFromName(stmt.columnText(2)).value_or(ModelSource::Folder);
        usage.bytes = stmt.columnInt64(3);
        result.append(usage);
    }
    return result;
}

AppExpected<qint64> CatalogStore::totalDiskBytes()
{
    ATRIUM_TRY_VOID(checkOpen());
    return m_db.queryInt(QStringLiteral(R"(
        SELECT COALESCE(SUM(size_bytes), 0) FROM (
            SELECT MAX(size_bytes) AS size_bytes FROM files
            GROUP BY CASE WHEN blob_path = '' THEN local_path ELSE blob_path END))"));
}

AppExpected<RemovalReport> CatalogStore::removeFromDisk(const RemovalRequest &request)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(const QList<CatalogModel> matches, findModels(request.repoId));
    ATRIUM_TRY(const CatalogRemover::Plan plan, CatalogRemover::plan(matches, request));
    // Disk first, then the rows: a crash in between leaves rows a rescan forgets, never files the catalog lost.
    const CatalogRemover::Outcome outcome = CatalogRemover::execute(plan);
    const RemovalReport &report = outcome.report;
    ATRIUM_TRY(SqliteTransaction transaction, SqliteTransaction::begin(m_db));
    ATRIUM_TRY(SqliteStatement deleteFile, m_db.prepare(QStringLiteral("DELETE FROM files WHERE id = ?")));
    for (const CatalogFile &file : std::as_const(report.removedFiles)) {
        ATRIUM_TRY_VOID(deleteFile.reset(true));
        ATRIUM_TRY_VOID(deleteFile.bind(1, file.id));
        ATRIUM_TRY_VOID(deleteFile.run());
    }
    for (const CatalogModel &model : matches)
        ATRIUM_TRY_VOID(forgetModelIfEmpty(model.id));
    ATRIUM_TRY_VOID(transaction.commit());
    Q_EMIT modelsChanged();
    if (!outcome.failures.isEmpty())
        return appFail(AppError::Kind::Io,
            QStringLiteral("Some files could not be deleted: %1.").arg(outcome.failures.join(QStringLiteral("; "))));
    return report;
}

// --- Folders the user added ---

AppExpected<qint64> CatalogStore::addUserFolder(const QString &path, ModelSource kind)
{
    ATRIUM_TRY_VOID(checkOpen());
    if (kind != ModelSource::Folder && kind != ModelSource::LmStudio && kind != ModelSource::Gpt4All)
        return appFail(AppError::Kind::InvalidInput,
            QStringLiteral("A user folder holds loose GGUF files (folder, LM Studio or GPT4All layout)."));
    const QFileInfo info(path);
    if (!info.isDir())
        return appFail(AppError::Kind::NotFound, QStringLiteral("%1 is not a folder.").arg(path));
    ATRIUM_TRY(SqliteStatement stmt,
        m_db.prepare(QStringLiteral("INSERT INTO user_folders (path, kind, added_at) VALUES (?, ?, ?) "
                                    "ON CONFLICT (path) DO UPDATE SET kind = excluded.kind RETURNING id")));
    ATRIUM_TRY_VOID(stmt.bindAll(QDir::cleanPath(info.absoluteFilePath()), modelSourceName(kind), nowMs()));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    if (!hasRow)
        return appFail(AppError::Kind::Database, QStringLiteral("The catalog did not return the folder's id."));
    const qint64 id = stmt.columnInt64(0);
    Q_EMIT modelsChanged();
    return id;
}

AppExpected<void> CatalogStore::removeUserFolder(qint64 folderId)
{
    ATRIUM_TRY_VOID(checkOpen());
    ATRIUM_TRY(SqliteTransaction transaction, SqliteTransaction::begin(m_db));
    ATRIUM_TRY(SqliteStatement forget,
        m_db.prepare(
            QStringLiteral("DELETE FROM models WHERE root_path = (SELECT path FROM user_folders WHERE id = ?)")));
    ATRIUM_TRY_VOID(forget.bind(1, folderId));
    ATRIUM_TRY_VOID(forget.run());
    ATRIUM_TRY(SqliteStatement remove, m_db.prepare(QStringLiteral("DELETE FROM user_folders WHERE id = ?")));
    ATRIUM_TRY_VOID(remove.bind(1, folderId));
    ATRIUM_TRY_VOID(remove.run());
    if (m_db.changes() == 0)
        return appFail(AppError::Kind::NotFound, QStringLiteral("No user folder %1 in the catalog.").arg(folderId));
    ATRIUM_TRY_VOID(transaction.commit());
    Q_EMIT modelsChanged();
    return {};
}

AppExpected<QList<UserFolder>> CatalogStore::userFolders()
{
    ATRIUM_TRY_VOID(checkOpen());
    return CatalogQueries::userFolders(m_db);
}

// --- Asynchronous reads ---

void CatalogStore::loadModels()
{
    answer(
        this, [this] { return listModels(); }, [this](QList<CatalogModel> rows) { Q_EMIT modelsLoaded(rows); });
}

void CatalogStore::loadDownloads()
{
    answer(
        this,
        [this] { return listDownloads(); },
        [this](QList<CatalogDownload> rows) { Q_EMIT downloadsLoaded(rows); });
}

void CatalogStore::loadConversations()
{
    answer(
        this,
        [this] { return listConversations(); },
        [this](QList<Conversation> rows) { Q_EMIT conversationsLoaded(rows); });
}

void CatalogStore::loadMessages(qint64 conversationId)
{
    answer(
        this,
        [this, conversationId] { return messages(conversationId); },
        [this, conversationId](QList<ChatMessage> rows) { Q_EMIT messagesLoaded(conversationId, rows); });
}

void CatalogStore::loadLeaderboard()
{
    answer(
        this, [this] { return leaderboard(); }, [this](QList<EloRating> rows) { Q_EMIT leaderboardLoaded(rows); });
}

void CatalogStore::loadUserFolders()
{
    answer(
        this, [this] { return userFolders(); }, [this](QList<UserFolder> rows) { Q_EMIT userFoldersLoaded(rows); });
}
