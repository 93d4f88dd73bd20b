// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "common/app_error.h"
#include "download/download_types.h"
#include "download/hf_cache_layout.h"
#include "hub/hub_config.h"

class QLockFile;
class QNetworkAccessManager;
class QNetworkReply;
class StreamHasher;

/// Downloads one file into the Hugging Face cache (hub-api.md §5, §10.1–§10.4).
///
/// The bytes go to blobs/<name>.incomplete, which is all the state a resume needs: a new task (even in a new process
/// after a crash) continues it with `Range: bytes=<size>-`, re-hashing the prefix on the hasher thread. Redirects are
/// followed by hand (the token never leaves the endpoint's origin; only allowed schemes). Every attempt checks what
/// the server says (X-Linked-Size / X-Linked-Etag / X-Repo-Commit, Content-Range, Content-Length) against the
/// expected size and hash. Failures retry with exponential backoff and jitter (Retry-After honoured); a stall (no
/// byte for stallTimeoutMs) counts as a failure. Only a file whose size and sha256 (or git blob id) match is renamed
/// into blobs/ and linked from snapshots/; a mismatch discards the bytes and downloads once more, then fails.
/// ENOSPC stops with a DiskFull error and leaves a clean partial file for later.
class DownloadTask : public QObject
{
    Q_OBJECT

public:
    DownloadTask(quint64 id,
        DownloadRequest request,
        const HubConfig &hub,
        const DownloadOptions &options,
        QNetworkAccessManager *network,
        QObject *parent = nullptr);
    ~DownloadTask() override;

    /// Starts, or resumes after pause() or a failure.
    void start();
    /// Stops the transfer and keeps the partial file; start() continues it.
    void pause();
    /// Stops and deletes the partial file.
    void cancel();

    quint64 id() const
    {
        return m_id;
    }
    const DownloadRequest &request() const
    {
        return m_request;
    }
    DownloadProgress progress() const;
    DownloadState state() const
    {
        return m_state;
    }

Q_SIGNALS:
    void progressChanged(const DownloadProgress &progress);
    /// The file is verified and visible in the snapshot.
    void finished(const DownloadResult &result);
    /// Gave up (the partial file is kept unless the failure was a hash mismatch or cancel()).
    void failed(const AppError &error);
    /// pause() or cancel() took effect.
    void stopped(DownloadState state);

private:
    AppExpected<bool> prepare();
    void beginAttempt();
    void sendRequest(const QUrl &url);
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onErrorStatus(QNetworkReply *reply, int status);
    void onStallCheck();
    AppExpected<void> checkAnnounced(QNetworkReply *reply) const;
    bool checkRangeAnswer(int status, QNetworkReply *reply);
    void dropReply();
    void retry(const AppError &error, qint64 retryAfterMs = -1);
    void fail(const AppError &error);
    void resetPartial();
    void verify();
    void finishVerified(const QString &sha256);
    void setState(DownloadState state, const QString &note = {});
    void emitProgress(bool force);
    AppError error(AppError::Kind kind, const QString &message, const QString &detail = {}) const;

    quint64 m_id = 0;
    DownloadRequest m_request;
    HubConfig m_hub;
    DownloadOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    HfCacheLayout m_layout;
    QString m_partialPath;

    QPointer<QNetworkReply> m_reply;
    QFile m_file;
    std::unique_ptr<StreamHasher> m_hasher;
    std::unique_ptr<QLockFile> m_lock;
    QTimer m_stallTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_sinceData;

    DownloadState m_state = DownloadState::Queued;
    QString m_note;
    qint64 m_offset = 0; ///< bytes in the partial file, all of them fed to the hasher
    qint64 m_attemptStart = 0;
    qint64 m_resumedFrom = 0;
    int m_failures = 0; ///< consecutive attempts without progress
    int m_retries = 0;
    int m_hops = 0;
    bool m_integrityRetried = false;
    bool m_bodyAccepted = false; ///< the current reply's status and range were checked; its body is the file
    bool m_alreadyPresent = false; ///< the blob was in the cache before this task started
    qint64 m_retryAt = -1; ///< msecs since epoch of the next attempt, -1 when not waiting

    QElapsedTimer m_rateClock;
    qint64 m_rateBytes = 0;
    double m_bytesPerSecond = 0;
    QElapsedTimer m_progressClock;
};
