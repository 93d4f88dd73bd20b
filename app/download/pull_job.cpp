// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/pull_job.h"

#include "download/download_manager.h"
#include "hub/hub_client.h"

PullJob::PullJob(HubClient *client,
    DownloadManager *downloads,
    QString repoId,
    PullSelection selection,
    QString revision,
    QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_downloads(downloads)
    , m_repoId(std::move(repoId))
    , m_selection(std::move(selection))
    , m_revision(std::move(revision))
{
}

void PullJob::start()
{
    m_client->modelInfo(m_repoId, m_revision, [this](const AppExpected<HubModelInfo> &info) {
        if (!info) {
            m_done = true;
            Q_EMIT failed(info.error());
            return;
        }
        onInfo(*info);
    });
}

void PullJob::onInfo(const HubModelInfo &info)
{
    m_info = info;
    auto plan = planPull(info, m_selection, m_revision);
    if (!plan) {
        m_done = true;
        Q_EMIT failed(plan.error());
        return;
    }
    m_plan = std::move(*plan);
    // The card is for the catalog only: a missing or unreadable README does not stop the pull.
    m_client->modelCard(m_repoId, info.sha, [this](const AppExpected<HubModelCard> &card) {
        onPlanned(card ? card->body : QString());
    });
}

void PullJob::onPlanned(const QString &cardText)
{
    Q_EMIT planned(m_info, cardText, m_plan.requests);
    connect(m_downloads, &DownloadManager::progressChanged, this, [this](const DownloadProgress &progress) {
        if (m_ids.contains(progress.id))
            Q_EMIT progressChanged(progress);
    });
    connect(m_downloads, &DownloadManager::downloadFinished, this, [this](quint64 id, const DownloadResult &result) {
        if (!m_ids.contains(id) || m_done)
            return;
        m_results.insert(id, result);
        Q_EMIT fileFinished(result);
        finishIfDone();
    });
    connect(m_downloads, &DownloadManager::downloadFailed, this, [this](quint64 id, const AppError &error) {
        if (!m_ids.contains(id) || m_done)
            return;
        m_done = true;
        for (quint64 other : std::as_const(m_ids)) {
            if (other != id && !m_results.contains(other))
                m_downloads->pause(other);
        }
        const int index = static_cast<int>(m_ids.indexOf(id));
        Q_EMIT fileFailed(m_plan.requests.value(index), error);
        Q_EMIT failed(error);
    });
    for (const DownloadRequest &request : std::as_const(m_plan.requests))
        m_ids.append(m_downloads->enqueue(request));
    finishIfDone();
}

void PullJob::finishIfDone()
{
    if (m_done || m_results.size() < m_ids.size())
        return;
    m_done = true;
    PullResult result;
    result.info = m_info;
    result.commit = m_info.sha;
    result.refusedNames = m_plan.refusedNames;
    for (quint64 id : std::as_const(m_ids))
        result.files.append(m_results.value(id));
    Q_EMIT finished(result);
}
