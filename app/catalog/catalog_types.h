// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// Value types of the catalog. They are plain snapshots: they cross threads (registered as metatypes) and never
/// hold a live query. Ids are the database row ids; 0 means "not stored yet".

/// Where a model came from.
// NOTE: values serialized to disk (as the names of modelSourceName()), do not change or reuse.
enum class ModelSource {
    Hub, ///< downloaded by Atrium into the Hugging Face cache
    HfCache, ///< found in the Hugging Face cache, downloaded by another tool
    Folder, ///< a folder the user added (loose GGUF files)
    LmStudio, ///< LM Studio's models folder
    Gpt4All, ///< GPT4All's models folder
    Ollama, ///< Ollama's blob store (manifests + sha256 blobs)
};

/// "hub", "hf-cache", "folder", "lmstudio", "gpt4all", "ollama".
QString modelSourceName(ModelSource source);
/// Inverse of modelSourceName(); nullopt for an unknown name.
std::optional<ModelSource> modelSourceFromName(const QString &name);

/// One file of a model, with what its GGUF header says (empty/0 for non-GGUF files).
struct CatalogFile {
    qint64 id = 0;
    qint64 modelId = 0;
    QString path; ///< path inside the repository ("Q4_K_M/model-00001-of-00002.gguf"); for Ollama the blob name
    QString revision; ///< commit of the snapshot holding it (HF cache); empty elsewhere
    qint64 sizeBytes = 0;
    QString sha256; ///< lowercase hex when known (LFS oid, Ollama blob name, verified download)
    QString localPath; ///< absolute path that opens the file (the snapshot link in the HF cache)
    QString blobPath; ///< canonical path of the content (symlinks resolved); disk usage counts each blob once
    QString format; ///< "gguf", "safetensors", "json", … (from the extension or the content)
    QString quantization; ///< "Q4_K_M", "F16", … (general.file_type name or the majority tensor type)
    QString architecture; ///< general.architecture
    qint64 parameterCount = 0; ///< sum of tensor elements
    qint64 contextLength = 0; ///< <arch>.context_length
    bool hasChatTemplate = false;
    QDateTime fileModified; ///< mtime when indexed; with sizeBytes it tells a rescan whether the file changed
    bool downloadedByAtrium = false; ///< Atrium wrote it (pull): Atrium may delete it without asking
};

/// A model: a Hub repository, or a group of local files that belong together.
struct CatalogModel {
    qint64 id = 0;
    QString repoId; ///< "org/name"; "name:tag" for Ollama; "publisher/repo" or file stem for folders
    ModelSource source = ModelSource::Hub;
    QString rootPath; ///< the root it was found under (HF cache dir, LM Studio dir, user folder, …)
    QString revision; ///< commit (refs/main in the HF cache) when known
    QString author;
    QString license;
    QString pipelineTag;
    QStringList tags;
    QString cardText; ///< model card (README.md) text when known
    QString gated; ///< "" (not gated), "auto" or "manual"
    qint64 downloads = 0;
    qint64 likes = 0;
    QDateTime lastModified; ///< on the Hub
    QDateTime addedAt; ///< first recorded in the catalog
    QList<CatalogFile> files; ///< filled by listing calls; ignored by upsertModel()

    /// Bytes on disk, counting a blob shared by several snapshots once.
    qint64 diskBytes() const;
};

/// State of a download; a row survives restarts so an interrupted download resumes.
// NOTE: values serialized to disk (as the names of downloadStateName()), do not change or reuse.
enum class DownloadState {
    Queued,
    Running,
    Paused,
    Verifying,
    Completed,
    Failed,
    Cancelled,
};

/// "queued", "running", "paused", "verifying", "completed", "failed", "cancelled".
QString downloadStateName(DownloadState state);
std::optional<DownloadState> downloadStateFromName(const QString &name);

/// One file download. Keyed by (repoId, revision, path).
struct CatalogDownload {
    qint64 id = 0;
    QString repoId;
    QString path; ///< path inside the repository
    QString revision; ///< commit being downloaded
    DownloadState state = DownloadState::Queued;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; ///< 0 when not known yet
    QString sha256Expected; ///< LFS oid from the Hub, lowercase hex
    QString localPath; ///< final location (snapshot link) once known
    QString errorMessage; ///< last failure, for the UI
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// A chat conversation.
struct Conversation {
    qint64 id = 0;
    QString title;
    QString modelRef; ///< what the chat runs: a catalog repo id + file, or a path
    QString systemPrompt;
    QJsonObject sampling; ///< sampling settings (temperature, top_k, …) as the UI stores them
    QDateTime createdAt;
    QDateTime updatedAt;
};

/// One message. Editing a message adds a sibling (same parentId), so a conversation is a tree of branches.
struct ChatMessage {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0; ///< 0 for a first message
    QString role; ///< "system", "user", "assistant", "tool"
    QString content;
    QJsonObject stats; ///< generation statistics (tokens/s, time to first token, …)
    QDateTime createdAt;
};

/// The outcome of one side-by-side comparison.
// NOTE: values serialized to disk (as the names of voteResultName()), do not change or reuse.
enum class VoteResult {
    A, ///< model A was better
    B, ///< model B was better
    Tie,
    BothBad, ///< counts as a tie for the rating
};

/// "a", "b", "tie", "both-bad".
QString voteResultName(VoteResult result);
std::optional<VoteResult> voteResultFromName(const QString &name);

/// A prompt answered by two models side by side.
struct Comparison {
    qint64 id = 0;
    QString modelA; ///< model reference, as Conversation::modelRef
    QString modelB;
    QString prompt;
    QDateTime createdAt;
};

/// A vote on a comparison.
struct ComparisonVote {
    qint64 id = 0;
    qint64 comparisonId = 0;
    QString modelA; ///< copied from the comparison when listing
    QString modelB;
    VoteResult result = VoteResult::Tie;
    QDateTime createdAt;
};

/// One row of the local leaderboard (standard Elo, K = 32, everyone starts at 1000, votes in time order).
struct EloRating {
    QString modelRef;
    double rating = 1000.0;
    int wins = 0;
    int losses = 0;
    int ties = 0; ///< ties and both-bad votes
    int games() const
    {
        return wins + losses + ties;
    }
};

/// A folder the user asked Atrium to index.
struct UserFolder {
    qint64 id = 0;
    QString path;
    ModelSource kind = ModelSource::Folder; ///< Folder, LmStudio or Gpt4All (the layout to expect)
    QDateTime addedAt;
};

/// Disk usage of one model.
struct ModelDiskUsage {
    qint64 modelId = 0;
    QString repoId;
    ModelSource source = ModelSource::Hub;
    qint64 bytes = 0;
};

/// What to delete from disk. Files Atrium downloaded are removed freely; files other tools own (HF cache entries
/// from other tools, user folders, LM Studio, GPT4All) only with confirmExternal; Ollama blobs never.
struct RemovalRequest {
    QString repoId;
    QString pathInRepo; ///< empty: every file of the model
    bool confirmExternal = false;
};

/// What a removal did.
struct RemovalReport {
    QList<CatalogFile> removedFiles; ///< catalog rows of the files that are gone
    QStringList deletedPaths; ///< every filesystem entry deleted (links, blobs, empty folders)
    qint64 bytesFreed = 0; ///< size of deleted blobs/files (a blob still linked elsewhere is not counted)
};

Q_DECLARE_METATYPE(CatalogFile)
Q_DECLARE_METATYPE(CatalogModel)
Q_DECLARE_METATYPE(CatalogDownload)
Q_DECLARE_METATYPE(Conversation)
Q_DECLARE_METATYPE(ChatMessage)
Q_DECLARE_METATYPE(Comparison)
Q_DECLARE_METATYPE(ComparisonVote)
Q_DECLARE_METATYPE(EloRating)
Q_DECLARE_METATYPE(UserFolder)
Q_DECLARE_METATYPE(ModelDiskUsage)
Q_DECLARE_METATYPE(RemovalReport)

/// Registers the catalog value types (and their lists) for queued connections. Idempotent.
void registerCatalogMetaTypes();
