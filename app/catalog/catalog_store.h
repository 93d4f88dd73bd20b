// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QThread>

#include "catalog/catalog_reader.h"
#include "catalog/catalog_types.h"
#include "catalog/sqlite/sqlite_db.h"
#include "common/app_error.h"

/// The catalog: everything the user has on disk (models and files from every source, downloads, chats, votes) in
/// one SQLite database, and the only writer of it.
///
/// Meant to live on its own thread (moveToThread, then open() from that thread): it owns the writer connection,
/// which is opened on and confined to the thread that calls open(). Two ways to use it:
/// - synchronously, from the thread that opened it (atrium-cli, the indexer, tests): every call returns an
///   AppExpected;
/// - asynchronously from the GUI through queued slots (load*()) whose results come back as signals carrying value
///   snapshots; every write also emits a *Changed signal so views can reload.
/// Other threads that need to read open their own read-only connection with openReader(); statements are never
/// shared between threads.
class CatalogStore : public QObject
{
    Q_OBJECT

public:
    /// `databasePath` is usually AppPaths::catalogDatabase(); ":memory:" works for tests.
    explicit CatalogStore(QString databasePath, QObject *parent = nullptr);
    ~CatalogStore() override;

    /// Opens the writer connection on the calling thread, creates the folder and the file when missing, switches to
    /// WAL and applies missing migrations, each in its own transaction. A database written by a newer Atrium
    /// (user_version above schemaVersion()) is refused and left untouched.
    AppExpected<void> open();
    void close();
    bool isOpen() const;
    const QString &databasePath() const
    {
        return m_databasePath;
    }

    /// The newest schema version this build knows (the number of migration scripts).
    static int schemaVersion();
    /// Opens a read-only connection for the calling thread (the database must exist and be migrated).
    static AppExpected<CatalogReader> openReader(const QString &databasePath);

    // --- Models and files ---

    /// Inserts or updates a model, keyed by (rootPath, repoId); returns its id. `files` is ignored. For Hub and
    /// HfCache an empty rootPath means the current HF cache. On update, empty strings, zero numbers, an empty tag
    /// list and an invalid lastModified keep the stored values (an indexer pass does not erase Hub metadata), and a
    /// Hub row never degrades to HfCache. addedAt is set on insert.
    AppExpected<qint64> upsertModel(const CatalogModel &model);
    /// Inserts or updates a file of model `file.modelId`, keyed by (modelId, localPath); returns its id. Size,
    /// mtime, path and revision are replaced; empty sha256/blobPath/GGUF fields keep the stored values (GGUF fields
    /// are replaced when `architecture` is set). downloadedByAtrium is sticky: an indexer pass (false) never clears
    /// a true value. After a download, fill it with CatalogIndexer::describeFile() or leave the details to a rescan.
    AppExpected<qint64> upsertFile(const CatalogFile &file);
    /// Forgets one file row (disk untouched).
    AppExpected<void> removeFileRecord(qint64 fileId);
    /// Forgets a model and its file rows (disk untouched).
    AppExpected<void> removeModelRecord(qint64 modelId);

    /// Every model with its files, sorted by repo id then source.
    AppExpected<QList<CatalogModel>> listModels();
    /// Models with this repo id (one per source root), with their files.
    AppExpected<QList<CatalogModel>> findModels(const QString &repoId);
    AppExpected<std::optional<CatalogModel>> model(qint64 modelId);

    /// Bytes per model (each blob once) and in total.
    AppExpected<QList<ModelDiskUsage>> diskUsage();
    AppExpected<qint64> totalDiskBytes();

    /// Deletes files from disk under the ownership rules of RemovalRequest and forgets them; a model left with no
    /// files is forgotten too. Refusals (external files without confirmExternal, Ollama blobs, unknown repo or path)
    /// are InvalidInput/NotFound errors with a message saying what to do, and nothing is deleted.
    AppExpected<RemovalReport> removeFromDisk(const RemovalRequest &request);

    // --- Downloads (rows survive restarts) ---

    /// Inserts or updates a download, keyed by (repoId, revision, path); returns its id.
    AppExpected<qint64> upsertDownload(const CatalogDownload &download);
    AppExpected<void> updateDownloadProgress(qint64 downloadId, qint64 bytesDone, qint64 bytesTotal);
    /// Sets the state; errorMessage is stored for Failed and cleared otherwise.
    AppExpected<void> setDownloadState(qint64 downloadId, DownloadState state, const QString &errorMessage = {});
    AppExpected<std::optional<CatalogDownload>> download(qint64 downloadId);
    AppExpected<std::optional<CatalogDownload>> findDownload(
        const QString &repoId, const QString &revision, const QString &path);
    /// All downloads, newest first; unfinishedOnly keeps queued/running/paused/verifying/failed ones.
    AppExpected<QList<CatalogDownload>> listDownloads(bool unfinishedOnly = false);
    AppExpected<void> removeDownload(qint64 downloadId);

    // --- Folders the user added ---

    AppExpected<qint64> addUserFolder(const QString &path, ModelSource kind = ModelSource::Folder);
    /// Removes the folder and forgets the models indexed under it (files on disk untouched).
    AppExpected<void> removeUserFolder(qint64 folderId);
    AppExpected<QList<UserFolder>> userFolders();

    // --- Conversations and messages ---

    /// Inserts a conversation (createdAt/updatedAt set now when empty); returns its id.
    AppExpected<qint64> createConversation(const Conversation &conversation);
    /// Updates title, modelRef, systemPrompt and sampling; bumps updatedAt.
    AppExpected<void> updateConversation(const Conversation &conversation);
    AppExpected<std::optional<Conversation>> conversation(qint64 conversationId);
    /// Most recently updated first.
    AppExpected<QList<Conversation>> listConversations();
    /// Deletes the conversation and all its messages.
    AppExpected<void> deleteConversation(qint64 conversationId);
    /// Appends a message (parentId 0 or a message of the same conversation); bumps the conversation's updatedAt.
    AppExpected<qint64> addMessage(const ChatMessage &message);
    AppExpected<void> updateMessage(qint64 messageId, const QString &content, const QJsonObject &stats);
    /// Every message of every branch, in insertion order.
    AppExpected<QList<ChatMessage>> messages(qint64 conversationId);
    /// Deletes a message and its descendants (the branch below it).
    AppExpected<void> deleteMessage(qint64 messageId);

    // --- Side-by-side comparisons and the local leaderboard ---

    AppExpected<qint64> addComparison(const Comparison &comparison);
    AppExpected<qint64> addVote(qint64 comparisonId, VoteResult result);
    /// Every vote with its comparison's models, oldest first.
    AppExpected<QList<ComparisonVote>> listVotes();
    /// Elo ratings from every stored vote (computeElo()).
    AppExpected<QList<EloRating>> leaderboard();
    /// Standard Elo over votes in the given order: expected score 1 / (1 + 10^((Rb - Ra) / 400)), update K·(S − E),
    /// everyone starts at `initialRating`; Tie and BothBad score 0.5. Sorted by rating, highest first.
    static QList<EloRating> computeElo(
        const QList<ComparisonVote> &votes, double k = 32.0, double initialRating = 1000.0);

public Q_SLOTS:
    /// Asynchronous reads for a store living on the catalog thread; each answers with a *Loaded signal or
    /// errorOccurred().
    void loadModels();
    void loadDownloads();
    void loadConversations();
    void loadMessages(qint64 conversationId);
    void loadLeaderboard();
    void loadUserFolders();

Q_SIGNALS:
    void modelsLoaded(const QList<CatalogModel> &models);
    void downloadsLoaded(const QList<CatalogDownload> &downloads);
    void conversationsLoaded(const QList<Conversation> &conversations);
    void messagesLoaded(qint64 conversationId, const QList<ChatMessage> &messages);
    void leaderboardLoaded(const QList<EloRating> &ratings);
    void userFoldersLoaded(const QList<UserFolder> &folders);

    /// A model, file or folder row changed.
    void modelsChanged();
    /// A download row changed (progress included); carries the new row.
    void downloadChanged(const CatalogDownload &download);
    void conversationsChanged();
    void messagesChanged(qint64 conversationId);
    void votesChanged();
    /// An asynchronous request failed.
    void errorOccurred(const AppError &error);

private:
    AppExpected<void> checkOpen() const;
    AppExpected<void> forgetModelIfEmpty(qint64 modelId);
    AppExpected<void> emitDownload(qint64 downloadId);

    QString m_databasePath;
    SqliteDb m_db;
    QThread *m_thread = nullptr; ///< the thread that opened the connection; every call must come from it
};
