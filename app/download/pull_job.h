// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QSet>

#include "common/app_error.h"
#include "download/download_types.h"
#include "download/pull_plan.h"
#include "hub/hub_types.h"

class DownloadManager;
class HubClient;

/// What a finished pull produced.
struct PullResult {
    HubModelInfo info;
    QString commit;
    QList<DownloadResult> files; ///< in plan order
    QStringList refusedNames; ///< hostile names in the repository that were left out
};

/// One `pull`: resolves the revision to a commit with its file listing (HubClient::modelInfo) while reading the model
/// card, chooses the files (planPull), downloads them through the DownloadManager and reports once every file is
/// verified and in the cache. The first failure pauses the other files of the pull (their partial files stay) and fails
/// it.
class PullJob : public QObject
{
    Q_OBJECT

public:
    PullJob(HubClient *client,
        DownloadManager *downloads,
        QString repoId,
        PullSelection selection,
        QString revision = QStringLiteral("main"),
        QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    /// The files are chosen and queued; `cardText` is README.md's markdown body (empty when unavailable). Comes
    /// before any progress of the pull's downloads.
    void planned(const HubModelInfo &info, const QString &cardText, const QList<DownloadRequest> &requests);
    void progressChanged(const DownloadProgress &progress);
    void fileFinished(const DownloadResult &result);
    void fileFailed(const DownloadRequest &request, const AppError &error);
    void finished(const PullResult &result);
    void failed(const AppError &error);

private:
    void planIfReady();
    void onPlanned(const QString &cardText);
    void finishIfDone();

    HubClient *m_client = nullptr;
    DownloadManager *m_downloads = nullptr;
    QString m_repoId;
    PullSelection m_selection;
    QString m_revision;
    HubModelInfo m_info;
    QString m_cardText;
    bool m_infoDone = false;
    bool m_cardDone = false;
    PullPlan m_plan;
    QList<quint64> m_ids;
    QHash<quint64, DownloadResult> m_results;
    bool m_done = false;
};
