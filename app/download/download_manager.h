// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QHash>
#include <QList>
#include <QObject>

#include "common/app_error.h"
#include "download/download_types.h"
#include "hub/hub_config.h"

class DownloadTask;
class QNetworkAccessManager;

/// Runs file downloads into the Hugging Face cache: a queue with at most maxParallel transfers at once, pause, resume
/// and cancel per download, and progress (bytes, speed, ETA, retry state) for each. Lives on the GUI thread (its
/// network access is asynchronous); hashing runs on worker threads. See DownloadTask for what one download does.
class DownloadManager : public QObject
{
    Q_OBJECT

public:
    /// `network` may be shared with the HubClient; when null the manager makes its own.
    DownloadManager(
        HubConfig hub, DownloadOptions options, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~DownloadManager() override;

    /// Queues a download; returns its id. A request for a file already queued or running returns that id.
    quint64 enqueue(const DownloadRequest &request);
    /// Stops a download and keeps its partial file.
    void pause(quint64 id);
    /// Queues a paused or failed download again (it continues from its partial file).
    void resume(quint64 id);
    /// Stops a download and deletes its partial file.
    void cancel(quint64 id);
    /// Forgets finished, failed and cancelled downloads.
    void clearFinished();

    void setMaxParallel(int maxParallel);
    void setToken(const QString &token);
    int runningCount() const;
    /// Queued + running + verifying.
    int pendingCount() const;
    DownloadProgress progress(quint64 id) const;
    QList<DownloadProgress> allProgress() const;

Q_SIGNALS:
    void progressChanged(const DownloadProgress &progress);
    void downloadFinished(quint64 id, const DownloadResult &result);
    void downloadFailed(quint64 id, const AppError &error);
    void downloadStopped(quint64 id, DownloadState state);
    /// Nothing is queued or running any more.
    void idle();

private:
    DownloadTask *createTask(quint64 id, const DownloadRequest &request);
    void schedule();
    bool isActive(const DownloadTask *task) const;

    HubConfig m_hub;
    DownloadOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    QList<DownloadTask *> m_order; ///< in enqueue order (the queue order)
    QHash<quint64, DownloadTask *> m_tasks;
    quint64 m_nextId = 1;
};
