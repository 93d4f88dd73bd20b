// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/download_recorder.h"

#include "catalog/catalog_indexer.h"
#include "catalog/catalog_store.h"
#include "download/pull_plan.h"
#include "hub/hub_json.h"

namespace
{
constexpr qint64 kProgressWriteIntervalMs = 1000;
} // namespace

DownloadRecorder::DownloadRecorder(CatalogStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

QString DownloadRecorder::key(const QString &repoId, const QString &path)
{
    return repoId + QLatin1Char('\n') + path;
}

template <typename T>
bool DownloadRecorder::check(const AppExpected<T> &result)
{
    if (result)
        return true;
    Q_EMIT errorOccurred(result.error());
    return false;
}

void DownloadRecorder::recordPlan(
    const HubModelInfo &info, const QString &cardText, const QList<DownloadRequest> &requests)
{
    CatalogModel model;
    model.repoId = info.summary.id;
    model.source = ModelSource::Hub;
    model.revision = info.sha;
    model.author = info.summary.author;
    model.license = info.license;
    model.pipelineTag = info.summary.pipelineTag;
    model.tags = info.summary.tags;
    model.cardText = cardText;
    const QJsonValue gated = HubJson::gatedJson(info.summary.gated);
    model.gated = gated.isString() ? gated.toString() : QString();
    model.downloads = info.summary.downloads;
    model.likes = info.summary.likes;
    model.lastModified = QDateTime::fromString(info.summary.lastModified, Qt::ISODateWithMs);
    const auto modelId = m_store.upsertModel(model);
    if (!check(modelId))
        return;
    m_modelIds.insert(model.repoId, *modelId);
    for (const DownloadRequest &request : requests) {
        CatalogDownload download;
        download.repoId = request.repoId;
        download.path = request.path;
        download.revision = request.commit;
        download.state = DownloadState::Queued;
        download.bytesTotal = request.expectedSize;
        download.sha256Expected = request.expectedSha256;
        const auto id = m_store.upsertDownload(download);
        if (check(id))
            m_rows[key(request.repoId, request.path)].id = *id;
    }
}

void DownloadRecorder::recordProgress(const DownloadProgress &progress)
{
    auto it = m_rows.find(key(progress.repoId, progress.path));
    if (it == m_rows.end())
        return;
    Row &row = *it;
    if (progress.state != row.state && progress.state != DownloadState::Completed
        && progress.state != DownloadState::Failed) {
        row.state = progress.state;
        check(m_store.setDownloadState(row.id, progress.state));
    }
    if (!row.lastWrite.isValid() || row.lastWrite.elapsed() >= kProgressWriteIntervalMs) {
        row.lastWrite.start();
        check(m_store.updateDownloadProgress(row.id, progress.bytesDone, progress.bytesTotal));
    }
}

void DownloadRecorder::recordFinished(const DownloadResult &result)
{
    const DownloadRequest &request = result.request;
    auto rowIt = m_rows.find(key(request.repoId, request.path));
    if (rowIt != m_rows.end()) {
        CatalogDownload download;
        download.id = rowIt->id;
        download.repoId = request.repoId;
        download.path = request.path;
        download.revision = request.commit;
        download.state = DownloadState::Completed;
        download.bytesDone = result.size;
        download.bytesTotal = result.size;
        download.sha256Expected = request.expectedSha256;
        download.localPath = result.localPath;
        check(m_store.upsertDownload(download));
        rowIt->state = DownloadState::Completed;
    }
    const qint64 modelId = m_modelIds.value(request.repoId);
    if (modelId == 0)
        return;
    QString warning;
    CatalogFile file = CatalogIndexer::describeFile(result.localPath, &warning);
    file.modelId = modelId;
    file.path = request.path;
    file.revision = request.commit;
    file.sizeBytes = result.size;
    file.sha256 = result.sha256;
    file.localPath = result.localPath;
    if (file.quantization.isEmpty())
        file.quantization = quantOfFileName(request.path);
    file.downloadedByAtrium = true;
    check(m_store.upsertFile(file));
}

void DownloadRecorder::recordFailed(const DownloadRequest &request, const AppError &error)
{
    auto it = m_rows.find(key(request.repoId, request.path));
    if (it == m_rows.end())
        return;
    it->state = DownloadState::Failed;
    check(m_store.setDownloadState(it->id, DownloadState::Failed, error.message));
}
