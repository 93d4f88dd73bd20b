// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "library_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QUrl>

#include "catalog/catalog_indexer.h"
#include "common/qml_instance.h"

using namespace Qt::StringLiterals;

namespace
{
struct Snapshot {
    AppExpected<QList<CatalogModel>> models;
    AppExpected<QList<UserFolder>> folders;
};

Snapshot readSnapshot(CatalogStore &store)
{
    return Snapshot {store.listModels(), store.userFolders()};
}

IndexerRoots roots(const QString &hubCache)
{
    IndexerRoots r = IndexerRoots::defaults();
    r.hubCache = hubCache;
    return r;
}
} // namespace

LibraryController::LibraryController(CatalogAccess catalog, QString hubCache, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_hubCache(std::move(hubCache))
{
}

LibraryController *LibraryController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<LibraryController>::take(jsEngine);
}

LibraryModel *LibraryController::models()
{
    return &m_models;
}

LocalFileModel *LibraryController::files()
{
    return &m_files;
}

QStringList LibraryController::folders() const
{
    QStringList paths;
    for (const UserFolder &f : m_folders)
        paths.append(f.path);
    return paths;
}

double LibraryController::totalBytes() const
{
    double total = 0;
    for (const CatalogModel &m : m_models.models())
        total += static_cast<double>(m.diskBytes());
    return total;
}

bool LibraryController::scanning() const
{
    return m_scanning;
}

bool LibraryController::available() const
{
    return m_catalog.store() != nullptr;
}

QString LibraryController::errorString() const
{
    return m_error;
}

QString LibraryController::lastMessage() const
{
    return m_message;
}

const QList<CatalogModel> &LibraryController::snapshot() const
{
    return m_models.models();
}

void LibraryController::reload()
{
    m_catalog.run(this, readSnapshot, [this](const Snapshot &s) {
        if (!s.models) {
            setError(s.models.error().message);
            return;
        }
        applyModels(s.models.value());
        if (s.folders) {
            m_folders = s.folders.value();
            Q_EMIT foldersChanged();
        }
    });
}

void LibraryController::applyModels(const QList<CatalogModel> &models)
{
    m_models.setModels(models);
    m_files.setModels(models);
    Q_EMIT modelsChanged();
}

void LibraryController::rescan()
{
    scanAll(true);
}

void LibraryController::rescanQuietly()
{
    scanAll(false);
}

void LibraryController::scanAll(bool report)
{
    setScanning(true);
    const QString cache = m_hubCache;
    m_catalog.run(
        this,
        [cache](CatalogStore &store) {
            CatalogIndexer indexer(store, roots(cache));
            return indexer.rescanAll();
        },
        [this, report](const AppExpected<IndexReport> &result) {
            setScanning(false);
            if (!result)
                setError(result.error().message);
            else if (report)
                setMessage(tr("Scan finished: %1 models found.").arg(result->modelsSeen));
            reload();
        });
}

void LibraryController::rescanHubCache()
{
    const QString cache = m_hubCache;
    m_catalog.run(
        this,
        [cache](CatalogStore &store) {
            CatalogIndexer indexer(store, roots(cache));
            return indexer.indexHubCache();
        },
        [this](const AppExpected<IndexReport> &) { reload(); });
}

void LibraryController::addFolder(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = QDir::cleanPath(url.isLocalFile() ? url.toLocalFile() : pathOrUrl);
    if (path.isEmpty() || !QFileInfo(path).isDir()) {
        setError(tr("%1 is not a folder.").arg(path));
        return;
    }
    setScanning(true);
    const QString cache = m_hubCache;
    m_catalog.run(
        this,
        [path, cache](CatalogStore &store) -> AppExpected<IndexReport> {
            ATRIUM_TRY(const qint64 id, store.addUserFolder(path));
            Q_UNUSED(id);
            CatalogIndexer indexer(store, roots(cache));
            return indexer.indexFolder(path, ModelSource::Folder);
        },
        [this, path](const AppExpected<IndexReport> &report) {
            setScanning(false);
            if (!report)
                setError(report.error().message);
            else
                setMessage(tr("Added %1: %2 models found.").arg(path).arg(report->modelsSeen));
            reload();
        });
}

void LibraryController::removeFolder(const QString &path)
{
    qint64 id = 0;
    for (const UserFolder &f : std::as_const(m_folders)) {
        if (f.path == path)
            id = f.id;
    }
    if (id == 0)
        return;
    m_catalog.run(
        this,
        [id](CatalogStore &store) { return store.removeUserFolder(id); },
        [this](const AppExpected<void> &result) {
            if (!result)
                setError(result.error().message);
            reload();
        });
}

void LibraryController::deleteFromDisk(const QString &repoId, const QString &path, bool confirmExternal)
{
    RemovalRequest request {repoId, path, confirmExternal};
    m_catalog.run(
        this,
        [request](CatalogStore &store) { return store.removeFromDisk(request); },
        [this](const AppExpected<RemovalReport> &report) {
            if (!report) {
                setError(report.error().message);
            } else {
                setError({});
                setMessage(tr("Deleted; %1 freed.")
                               .arg(QLocale().formattedDataSize(report->bytesFreed, 1, QLocale::DataSizeSIFormat)));
            }
            reload();
        });
}

void LibraryController::setScanning(bool scanning)
{
    if (scanning == m_scanning)
        return;
    m_scanning = scanning;
    Q_EMIT scanningChanged();
}

void LibraryController::setError(const QString &message)
{
    if (message == m_error)
        return;
    m_error = message;
    Q_EMIT errorStringChanged();
}

void LibraryController::setMessage(const QString &message)
{
    m_message = message;
    Q_EMIT lastMessageChanged();
}
