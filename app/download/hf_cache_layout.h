// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>

#include "common/app_error.h"

/// The standard Hugging Face cache layout (hub-api.md §7), shared with huggingface_hub and llama.cpp:
///   models--org--name/blobs/<sha256|git oid>, blobs/<name>.incomplete (a partial download),
///   snapshots/<commit>/<path> (a relative symlink to the blob, or a copy), refs/<revision> (the commit).
/// Every path it builds is checked to stay inside the cache; names are validated first (HubPaths).
class HfCacheLayout
{
public:
    explicit HfCacheLayout(QString cacheRoot);

    const QString &root() const
    {
        return m_root;
    }
    QString repoDir(const QString &repoId) const;
    QString blobsDir(const QString &repoId) const;
    QString blobPath(const QString &repoId, const QString &blobName) const;
    QString incompletePath(const QString &repoId, const QString &blobName) const;
    /// .locks/models--org--name/<blob>.atrium.lock: one writer per blob across processes.
    QString lockPath(const QString &repoId, const QString &blobName) const;
    /// snapshots/<commit>/<path>, or an error when the path is hostile or would leave the snapshot folder.
    AppExpected<QString> snapshotPath(const QString &repoId, const QString &commit, const QString &path) const;

    /// Moves a verified partial file to blobs/<blobName> (atomic rename on the same filesystem). An existing blob of
    /// that name is kept (same content by construction) and the partial removed.
    AppExpected<QString> publishBlob(const QString &repoId, const QString &blobName, const QString &partialPath) const;
    /// Points snapshots/<commit>/<path> at the blob: a relative symlink, else (or with useSymlinks false) a copy made
    /// under a temporary name and renamed into place. Returns the snapshot path.
    AppExpected<QString> linkSnapshot(const QString &repoId,
        const QString &commit,
        const QString &path,
        const QString &blobName,
        bool useSymlinks) const;
    /// Writes refs/<revision> = commit atomically (temporary file + rename).
    AppExpected<void> writeRef(const QString &repoId, const QString &revision, const QString &commit) const;
    /// The commit refs/<revision> holds, or empty.
    QString readRef(const QString &repoId, const QString &revision) const;

private:
    /// True when `path` (after resolving symlinks of its existing parents) lies inside `dir`.
    static bool staysInside(const QString &dir, const QString &path);

    QString m_root;
};
