// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/download_manager.h"

#include <QNetworkAccessManager>

#include "download/download_task.h"

DownloadManager::DownloadManager(
    HubConfig hub, DownloadOptions options, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_hub(std::move(hub))
    , m_options(std::move(options))
    , m_network(network ? network : new QNetworkAccessManager(this))
{
    qRegisterMetaType<DownloadProgress>();
    qRegisterMetaType<DownloadResult>();
    qRegisterMetaType<DownloadState>();
    qRegisterMetaType<AppError>();
}

DownloadManager::~DownloadManager()
{
    // Task destructors abort transfers and join hasher threads; partial files stay for the next run.
    qDeleteAll(m_order);
}

bool DownloadManager::isActive(const DownloadTask *task) const
{
    return task->state() == DownloadState::Running || task->state() == DownloadState::Verifying;
}

int DownloadManager::runningCount() const
{
    int count = 0;
    for (const DownloadTask *task : m_order)
        count += isActive(task) ? 1 : 0;
    return count;
}

int DownloadManager::pendingCount() const
{
    int count = 0;
    for (const DownloadTask *task : m_order)
        count += (isActive(task) || task->state() == DownloadState::Queued) ? 1 : 0;
    return count;
}

DownloadTask *DownloadManager::createTask(quint64 id, const DownloadRequest &request)
{
    auto *task = new DownloadTask(id, request, m_hub, m_options, m_network);
    m_order.append(task);
    m_tasks.insert(id, task);
    connect(task, &DownloadTask::progressChanged, this, &DownloadManager::progressChanged);
    // NOTE: scheduling is queued so a task that fails inside start() does not re-enter schedule().
    connect(task, &DownloadTask::finished, this, [this, id](const DownloadResult &result) {
        Q_EMIT downloadFinished(id, result);
        QMetaObject::invokeMethod(this, &DownloadManager::schedule, Qt::QueuedConnection);
    });
    connect(task, &DownloadTask::failed, this, [this, id](const AppError &error) {
        Q_EMIT downloadFailed(id, error);
        QMetaObject::invokeMethod(this, &DownloadManager::schedule, Qt::QueuedConnection);
    });
    connect(task, &DownloadTask::stopped, this, [this, id](DownloadState state) {
        Q_EMIT downloadStopped(id, state);
        QMetaObject::invokeMethod(this, &DownloadManager::schedule, Qt::QueuedConnection);
    });
    Q_EMIT progressChanged(task->progress());
    return task;
}

quint64 DownloadManager::enqueue(const DownloadRequest &request)
{
    for (DownloadTask *task : std::as_const(m_order)) {
        const DownloadRequest &other = task->request();
        if (other.repoId == request.repoId && other.commit == request.commit && other.path == request.path
            && (isActive(task) || task->state() == DownloadState::Queued))
            return task->id();
    }
    const quint64 id = m_nextId++;
    createTask(id, request);
    schedule();
    return id;
}

void DownloadManager::schedule()
{
    int running = runningCount();
    for (DownloadTask *task : std::as_const(m_order)) {
        if (running >= std::max(1, m_options.maxParallel))
            break;
        if (task->state() == DownloadState::Queued) {
            task->start();
            running += isActive(task) ? 1 : 0;
        }
    }
    if (pendingCount() == 0)
        Q_EMIT idle();
}

void DownloadManager::pause(quint64 id)
{
    if (DownloadTask *task = m_tasks.value(id))
        task->pause();
}

void DownloadManager::resume(quint64 id)
{
    DownloadTask *task = m_tasks.value(id);
    if (!task || (task->state() != DownloadState::Paused && task->state() != DownloadState::Failed))
        return;
    // A fresh task continues from the partial file on disk, exactly as after a restart.
    const DownloadRequest request = task->request();
    m_order.removeOne(task);
    m_tasks.remove(id);
    task->deleteLater();
    createTask(id, request);
    schedule();
}

void DownloadManager::cancel(quint64 id)
{
    if (DownloadTask *task = m_tasks.value(id))
        task->cancel();
}

void DownloadManager::clearFinished()
{
    for (auto it = m_order.begin(); it != m_order.end();) {
        DownloadTask *task = *it;
        const DownloadState state = task->state();
        if (state == DownloadState::Completed || state == DownloadState::Failed || state == DownloadState::Cancelled) {
            m_tasks.remove(task->id());
            task->deleteLater();
            it = m_order.erase(it);
        } else {
            ++it;
        }
    }
}

void DownloadManager::setMaxParallel(int maxParallel)
{
    m_options.maxParallel = std::max(1, maxParallel);
    schedule();
}

void DownloadManager::setToken(const QString &token)
{
    m_hub.token = token;
}

DownloadProgress DownloadManager::progress(quint64 id) const
{
    const DownloadTask *task = m_tasks.value(id);
    return task ? task->progress() : DownloadProgress {};
}

QList<DownloadProgress> DownloadManager::allProgress() const
{
    QList<DownloadProgress> out;
    for (const DownloadTask *task : m_order)
        out.append(task->progress());
    return out;
}
