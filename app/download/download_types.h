// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QMetaType>
#include <QString>

#include "catalog/catalog_types.h"

/// One file to download into the Hugging Face cache. Size and hash come from the Hub's file listing (LFS oid or git
/// blob id) and are checked against what the resolver announces before any byte is trusted.
struct DownloadRequest {
    QString repoId;
    QString commit; ///< 40-hex commit: the file lands in snapshots/<commit>/<path>
    QString refName; ///< the branch or tag asked for ("main"); refs/<refName> is written when set
    QString path; ///< path inside the repository (validated as hostile input)
    qint64 expectedSize = -1;
    QString expectedSha256; ///< LFS oid (lowercase hex); the blob's name and the digest to verify
    QString gitOid; ///< git blob sha1 of a small (non-LFS) file: its blob name and digest

    /// The name of the blob in blobs/: the sha256 for LFS files, else the git blob id.
    QString blobName() const
    {
        return expectedSha256.isEmpty() ? gitOid : expectedSha256;
    }
};

/// Knobs of the download engine; tests shrink the delays.
struct DownloadOptions {
    QString cacheRoot; ///< the HF hub cache (AppPaths::hubCache())
    int maxParallel = 3;
    int maxAttempts = 8; ///< consecutive failed attempts (without progress) before giving up
    int backoffBaseMs = 1000;
    int backoffMaxMs = 60000;
    int maxRetryWaitMs = 15 * 60 * 1000; ///< longest Retry-After honoured before failing
    int stallTimeoutMs = 10000; ///< no byte for this long aborts the attempt (HF_HUB_DOWNLOAD_TIMEOUT)
    qint64 diskMarginBytes = 64 * 1024 * 1024; ///< free space kept beyond the remaining bytes
    /// QNetworkReply's buffer: bounds memory when the disk is slower. NOTE: small on purpose: chunks that stay in the
    /// CPU cache between the socket copy, the file write and the hash run 2-3x faster on loopback than 8 MiB ones.
    qint64 readBufferBytes = 256 * 1024;
    bool useSymlinks = true; ///< snapshots link to blobs; false copies (HF_HUB_DISABLE_SYMLINKS)
    int progressIntervalMs = 250;

    /// cacheRoot from AppPaths::hubCache(), HF_HUB_DOWNLOAD_TIMEOUT, HF_HUB_DISABLE_SYMLINKS.
    static DownloadOptions fromEnvironment();
};

/// A snapshot of one download for progress displays.
struct DownloadProgress {
    quint64 id = 0;
    QString repoId;
    QString path;
    DownloadState state = DownloadState::Queued;
    qint64 bytesDone = 0; ///< includes what an earlier run left in the partial file
    qint64 bytesTotal = 0;
    double bytesPerSecond = 0; ///< smoothed over about a second
    qint64 etaSeconds = -1; ///< -1 when unknown
    int attempt = 0; ///< retries so far
    qint64 retryInMs = -1; ///< >= 0 while waiting to retry
    QString note; ///< why it is retrying or what it is doing ("resuming at 41%", "sha256 mismatch, downloading again")
};

/// A finished, verified and published file.
struct DownloadResult {
    quint64 id = 0;
    DownloadRequest request;
    QString localPath; ///< snapshots/<commit>/<path> (a relative symlink, or a copy)
    QString blobPath; ///< blobs/<sha256 or git oid>
    qint64 size = 0;
    QString sha256;
    bool alreadyPresent = false; ///< the blob was in the cache already; nothing was transferred
    qint64 resumedFrom = 0; ///< bytes reused from a partial file left by an earlier attempt or run
};

Q_DECLARE_METATYPE(DownloadRequest)
Q_DECLARE_METATYPE(DownloadProgress)
Q_DECLARE_METATYPE(DownloadResult)
