// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QStringList>

#include "catalog/catalog_types.h"
#include "common/app_error.h"

class CatalogStore;

/// The places the indexer looks. defaults() reads the usual per-OS locations; tests pass their own.
struct IndexerRoots {
    QString hubCache; ///< Hugging Face hub cache (models--org--name/…)
    QStringList lmStudioDirs; ///< <root>/<publisher>/<repo>/*.gguf
    QStringList gpt4AllDirs; ///< <root>/*.gguf
    QStringList ollamaDirs; ///< <root>/manifests/<registry>/<namespace>/<name>/<tag> + <root>/blobs/sha256-<hex>

    /// AppPaths::hubCache(), ~/.lmstudio/models + ~/.cache/lm-studio/models, ~/.local/share/nomic.ai/GPT4All,
    /// $OLLAMA_MODELS or ~/.ollama/models (missing folders are skipped when scanning).
    static IndexerRoots defaults();
};

/// What a scan did.
struct IndexReport {
    int modelsSeen = 0;
    int filesAdded = 0;
    int filesUpdated = 0; ///< size or mtime changed: header read again
    int filesUnchanged = 0;
    int filesRemoved = 0; ///< gone from disk: forgotten
    int modelsRemoved = 0; ///< left without files: forgotten
    QStringList warnings; ///< unreadable GGUF headers, broken manifests, … (the scan goes on)

    void add(const IndexReport &other);
};

/// Indexes models that are already on disk into the catalog, in place (never copied): the Hugging Face cache,
/// LM Studio, GPT4All, Ollama and the folders the user added. GGUF headers give architecture, parameter count,
/// context length, chat template and quantization. A rescan compares size and mtime: unchanged files are not read
/// again, changed ones are, and files that disappeared are forgotten. Runs synchronously on the store's thread.
class CatalogIndexer
{
public:
    CatalogIndexer(CatalogStore &store, IndexerRoots roots);

    /// Every root plus every user folder stored in the catalog.
    AppExpected<IndexReport> rescanAll();
    /// The Hugging Face cache: repositories that hold at least one GGUF file (or that Atrium downloaded). A model with
    /// an unfinished download is kept even while no file of it has reached snapshots/ yet.
    AppExpected<IndexReport> indexHubCache();
    /// A folder of GGUF files, recursively. Files two or more levels down (publisher/repo/file.gguf) group into a
    /// model "publisher/repo"; files higher up are one model each, named by file stem. `kind` is Folder, LmStudio
    /// or Gpt4All.
    AppExpected<IndexReport> indexFolder(const QString &root, ModelSource kind);
    /// Ollama's store: each manifest's model layer blob becomes one model "name:tag".
    AppExpected<IndexReport> indexOllama(const QString &root);

    /// A file as the catalog describes it: size, mtime, canonical blob path, format and, for GGUF files, what the
    /// header says. Header problems go to `warning` (the file is still described). modelId/path are left empty.
    static CatalogFile describeFile(const QString &localPath, QString *warning = nullptr);

    const IndexerRoots &roots() const
    {
        return m_roots;
    }

private:
    CatalogStore &m_store;
    IndexerRoots m_roots;
};
