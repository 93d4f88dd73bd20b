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
    // Model info (then the commit's file tree) and the card are fetched side by side: the card only feeds the
    // catalog, so asking for it at the same revision costs no extra round trip before the transfer starts.
    m_client->modelInfo(m_repoId, m_revision, [this](const AppExpected<HubModelInfo> &info) {
        if (!info) {
            m_done = true;
            Q_EMIT failed(info.error());
            return;
        }
        m_info = *info;
        m_infoDone = true;
        planIfReady();
    });
    m_client->modelCard(m_repoId, m_revision, [this](const AppExpected<HubModelCard> &card) {
        // A missing or unreadable README (a gated repository without a token, say) does not stop the pull.
        m_cardText = card ? card->body : QString();
        m_cardDone = true;
        planIfReady();
    });
}

void PullJob::planIfReady()
{
    if (m_done || !m_infoDone || !m_cardDone)
        return;
    auto plan = planPull(m_info, m_selection, m_revision);
    if (!plan) {
        m_done = true;
        Q_EMIT failed(plan.error());
        return;
    }
    m_plan = std::move(*plan);
    onPlanned(m_cardText);
}

void PullJob::onPlanned(const QString &cardText)
{
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
    // NOTE: announced after queueing, so whoever records the plan (the catalog) does it while the transfers start;
    // no download reports anything before the event loop runs again.
    Q_EMIT planned(m_info, cardText, m_plan.requests);
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
