// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include "common/app_error.h"
#include "download/download_types.h"
#include "hub/hub_types.h"

class CatalogStore;

/// Writes what a pull does into the catalog: the model row (from the Hub's metadata), one download row per file
/// (queued → running → verifying → completed / failed, with progress at most once a second), and a file row for each
/// verified file (downloadedByAtrium, so `rm` may delete it). Calls the store synchronously: it must live on the
/// store's thread (atrium-cli: the main thread; the app: the catalog thread, fed by queued signals).
class DownloadRecorder : public QObject
{
    Q_OBJECT

public:
    explicit DownloadRecorder(CatalogStore &store, QObject *parent = nullptr);

public Q_SLOTS:
    void recordPlan(const HubModelInfo &info, const QString &cardText, const QList<DownloadRequest> &requests);
    void recordProgress(const DownloadProgress &progress);
    void recordFinished(const DownloadResult &result);
    void recordFailed(const DownloadRequest &request, const AppError &error);

Q_SIGNALS:
    /// A catalog write failed (the download itself is unaffected).
    void errorOccurred(const AppError &error);

private:
    struct Row {
        qint64 id = 0;
        DownloadState state = DownloadState::Queued;
        QElapsedTimer lastWrite;
    };
    static QString key(const QString &repoId, const QString &path);
    template <typename T>
    bool check(const AppExpected<T> &result);

    CatalogStore &m_store;
    QHash<QString, qint64> m_modelIds; ///< repo id → model row
    QHash<QString, Row> m_rows; ///< repo id + path → download row
};
