// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "common/app_error.h"
#include "common/catalog_access.h"
#include "download/download_types.h"
#include "download_list_model.h"

class DownloadManager;
class DownloadRecorder;
class HubClient;
class QQmlEngine;
class QJSEngine;

/// Starts and steers downloads for every screen: a pull of one file or one quantization (PullJob), then pause,
/// resume and cancel by repository and path. Progress goes to the DownloadListModel and, through a DownloadRecorder
/// on the catalog thread, into the catalog, so downloads interrupted by a quit show up again (paused) next time.
class DownloadsController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Downloads)
    QML_SINGLETON
    Q_PROPERTY(DownloadListModel *model READ model CONSTANT FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)

public:
    DownloadsController(HubClient *hub, DownloadManager *manager, CatalogAccess catalog, QObject *parent);
    ~DownloadsController() override;
    static DownloadsController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    DownloadListModel *model();
    QString errorString() const;

    /// Downloads `file` (a path in the repository, with its shards) or, when empty, the files of `quantization`
    /// (or the repository's default choice when both are empty).
    Q_INVOKABLE void pull(const QString &repoId, const QString &file, const QString &quantization = {});
    Q_INVOKABLE void pause(const QString &repoId, const QString &path);
    /// Continues a paused or failed download from its partial file (also one left by an earlier run).
    Q_INVOKABLE void resume(const QString &repoId, const QString &path);
    Q_INVOKABLE void cancel(const QString &repoId, const QString &path);
    Q_INVOKABLE void clearFinished();
    /// Reads downloads an earlier run left unfinished (they are listed as paused).
    void restore();

Q_SIGNALS:
    void progressChanged(const DownloadProgress &progress);
    /// A file is verified and in the cache.
    void fileReady(const QString &repoId, const QString &path, const QString &localPath);
    void downloadFailed(const QString &repoId, const QString &path, const QString &message);
    /// Every file of a pull is in place.
    void pullFinished(const QString &repoId, const QStringList &localPaths);
    void pullFailed(const QString &repoId, const QString &message);
    void errorStringChanged();

private:
    static QString key(const QString &repoId, const QString &path);
    void setError(const QString &message);

    HubClient *m_hub = nullptr;
    DownloadManager *m_manager = nullptr;
    CatalogAccess m_catalog;
    DownloadRecorder *m_recorder = nullptr; ///< lives on the catalog thread
    DownloadListModel m_model;
    QHash<QString, quint64> m_ids; ///< repo + path → DownloadManager id
    QString m_error;
};
