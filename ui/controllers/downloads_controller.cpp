// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "downloads_controller.h"

#include "common/qml_instance.h"
#include "download/download_manager.h"
#include "download/download_recorder.h"
#include "download/pull_job.h"
#include "hub/hub_client.h"

using namespace Qt::StringLiterals;

DownloadsController::DownloadsController(
    HubClient *hub, DownloadManager *manager, CatalogAccess catalog, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_manager(manager)
    , m_catalog(catalog)
{
    qRegisterMetaType<DownloadProgress>();
    qRegisterMetaType<DownloadResult>();
    qRegisterMetaType<DownloadRequest>();
    qRegisterMetaType<QList<DownloadRequest>>();
    qRegisterMetaType<HubModelInfo>();
    qRegisterMetaType<AppError>();
    if (m_catalog.store()) {
        m_recorder = new DownloadRecorder(*m_catalog.store());
        m_recorder->moveToThread(m_catalog.store()->thread());
    }
    if (!m_manager)
        return;
    connect(m_manager, &DownloadManager::progressChanged, this, [this](const DownloadProgress &p) {
        m_ids.insert(key(p.repoId, p.path), p.id);
        m_model.apply(p);
        Q_EMIT progressChanged(p);
    });
    connect(m_manager, &DownloadManager::downloadStopped, this, [this](quint64 id, DownloadState state) {
        const DownloadProgress p = m_manager->progress(id);
        m_model.setState(p.repoId, p.path, state);
    });
}

DownloadsController::~DownloadsController()
{
    if (m_recorder)
        QMetaObject::invokeMethod(m_recorder, &QObject::deleteLater, Qt::QueuedConnection);
}

DownloadsController *DownloadsController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<DownloadsController>::take(jsEngine);
}

DownloadListModel *DownloadsController::model()
{
    return &m_model;
}

QString DownloadsController::errorString() const
{
    return m_error;
}

QString DownloadsController::key(const QString &repoId, const QString &path)
{
    return repoId + u'\n' + path;
}

void DownloadsController::setError(const QString &message)
{
    if (message == m_error)
        return;
    m_error = message;
    Q_EMIT errorStringChanged();
}

void DownloadsController::pull(const QString &repoId, const QString &file, const QString &quantization)
{
    if (!m_hub || !m_manager) {
        setError(tr("Downloads are not available."));
        return;
    }
    setError({});
    auto *job = new PullJob(m_hub, m_manager, repoId, PullSelection {file, quantization}, u"main"_s, this);
    if (m_recorder) {
        connect(job, &PullJob::planned, m_recorder, &DownloadRecorder::recordPlan);
        connect(job, &PullJob::progressChanged, m_recorder, &DownloadRecorder::recordProgress);
        connect(job, &PullJob::fileFinished, m_recorder, &DownloadRecorder::recordFinished);
        connect(job, &PullJob::fileFailed, m_recorder, &DownloadRecorder::recordFailed);
    }
    connect(job,
        &PullJob::planned,
        this,
        [this](const HubModelInfo &, const QString &, const QList<DownloadRequest> &requests) {
            for (const DownloadRequest &r : requests) {
                DownloadProgress p;
                p.repoId = r.repoId;
                p.path = r.path;
                p.bytesTotal = r.expectedSize;
                if (m_model.find(r.repoId, r.path) < 0)
                    m_model.apply(p);
            }
        });
    connect(job, &PullJob::fileFinished, this, [this](const DownloadResult &result) {
        m_model.setState(result.request.repoId, result.request.path, DownloadState::Completed);
        Q_EMIT fileReady(result.request.repoId, result.request.path, result.localPath);
    });
    connect(job, &PullJob::fileFailed, this, [this](const DownloadRequest &request, const AppError &error) {
        m_model.setState(request.repoId, request.path, DownloadState::Failed, error.message);
        Q_EMIT downloadFailed(request.repoId, request.path, error.message);
    });
    connect(job, &PullJob::finished, this, [this, job, repoId](const PullResult &result) {
        QStringList paths;
        for (const DownloadResult &f : result.files)
            paths.append(f.localPath);
        Q_EMIT pullFinished(repoId, paths);
        job->deleteLater();
    });
    connect(job, &PullJob::failed, this, [this, job, repoId](const AppError &error) {
        setError(error.message);
        Q_EMIT pullFailed(repoId, error.message);
        job->deleteLater();
    });
    job->start();
}

void DownloadsController::pause(const QString &repoId, const QString &path)
{
    if (const quint64 id = m_ids.value(key(repoId, path)); id != 0 && m_manager)
        m_manager->pause(id);
}

void DownloadsController::resume(const QString &repoId, const QString &path)
{
    if (const quint64 id = m_ids.value(key(repoId, path)); id != 0 && m_manager) {
        m_manager->resume(id);
        return;
    }
    // Left by an earlier run: plan it again (the commit may have moved); the partial file is picked up by hash.
    pull(repoId, path);
}

void DownloadsController::cancel(const QString &repoId, const QString &path)
{
    if (const quint64 id = m_ids.value(key(repoId, path)); id != 0 && m_manager)
        m_manager->cancel(id);
    m_model.setState(repoId, path, DownloadState::Cancelled);
    m_catalog.post([repoId, path](CatalogStore &store) {
        const auto rows = store.listDownloads(true);
        if (!rows)
            return;
        for (const CatalogDownload &d : rows.value()) {
            if (d.repoId == repoId && d.path == path)
                (void)store.setDownloadState(d.id, DownloadState::Cancelled);
        }
    });
}

void DownloadsController::clearFinished()
{
    if (m_manager)
        m_manager->clearFinished();
    m_model.clearFinished();
}

void DownloadsController::restore()
{
    m_catalog.run(
        this,
        [](CatalogStore &store) { return store.listDownloads(true); },
        [this](const AppExpected<QList<CatalogDownload>> &rows) {
            if (!rows)
                return;
            for (const CatalogDownload &d : rows.value()) {
                if (m_model.find(d.repoId, d.path) >= 0)
                    continue;
                DownloadProgress p;
                p.repoId = d.repoId;
                p.path = d.path;
                p.bytesDone = d.bytesDone;
                p.bytesTotal = d.bytesTotal;
                p.state = d.state == DownloadState::Failed ? DownloadState::Failed : DownloadState::Paused;
                p.note = d.state == DownloadState::Failed ? d.errorMessage : tr("Interrupted; resume to continue.");
                m_model.apply(p);
            }
        });
}
