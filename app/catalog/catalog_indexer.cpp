// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_indexer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include "catalog/catalog_store.h"
#include "settings/app_paths.h"

namespace
{

/// A file found on disk, before it is described.
struct FoundFile {
    QString path; ///< path inside the repository
    QString localPath;
    QString revision;
    QString sha256; ///< when the layout names the content (HF LFS blob, Ollama blob)
};

struct FoundModel {
    QString repoId;
    QString revision;
    QList<FoundFile> files;
};

const QString kOllamaModelLayer = QStringLiteral("application/vnd.ollama.image.model");

bool isSha256(const QString &text)
{
    static const QRegularExpression kHex(QStringLiteral("^[0-9a-f]{64}$"));
    return kHex.match(text).hasMatch();
}

QString readTrimmed(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096)).trimmed();
}

QString homePath(const QString &relative)
{
    return QDir(QDir::homePath()).filePath(relative);
}

} // namespace

void IndexReport::add(const IndexReport &other)
{
    modelsSeen += other.modelsSeen;
    filesAdded += other.filesAdded;
    filesUpdated += other.filesUpdated;
    filesUnchanged += other.filesUnchanged;
    filesRemoved += other.filesRemoved;
    modelsRemoved += other.modelsRemoved;
    warnings += other.warnings;
}

IndexerRoots IndexerRoots::defaults()
{
    IndexerRoots roots;
    roots.hubCache = AppPaths::hubCache();
    roots.lmStudioDirs = {
        homePath(QStringLiteral(".lmstudio/models")), homePath(QStringLiteral(".cache/lm-studio/models"))};
    const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    roots.gpt4AllDirs = {QDir(dataHome).filePath(QStringLiteral("nomic.ai/GPT4All"))};
    const QString ollama = qEnvironmentVariable("OLLAMA_MODELS");
    roots.ollamaDirs = {ollama.isEmpty() ? homePath(QStringLiteral(".ollama/models")) : ollama};
    return roots;
}

CatalogIndexer::CatalogIndexer(CatalogStore &store, IndexerRoots roots)
    : m_store(store)
    , m_roots(std::move(roots))
{
}

namespace
{

/// Brings the catalog's rows under `root` in line with what was found there: new and changed files are described
/// and stored, unchanged ones are left alone, vanished files and emptied models are forgotten, except the models
/// in `keepWhenEmpty` (a download into them is under way).
AppExpected<IndexReport> reconcile(CatalogStore &store,
    const QString &root,
    ModelSource source,
    const QList<FoundModel> &found,
    const QSet<QString> &keepWhenEmpty = {})
{
    IndexReport report;
    ATRIUM_TRY(const QList<CatalogModel> all, store.listModels());
    QHash<QString, CatalogModel> existing; // repo id -> stored model under this root
    for (const CatalogModel &model : all) {
        if (model.rootPath == root)
            existing.insert(model.repoId, model);
    }

    for (const FoundModel &foundModel : found) {
        CatalogModel model;
        model.repoId = foundModel.repoId;
        model.source = source;
        model.rootPath = root;
        model.revision = foundModel.revision;
        ATRIUM_TRY(const qint64 modelId, store.upsertModel(model));
        ++report.modelsSeen;

        QHash<QString, CatalogFile> stored; // local path -> row
        for (const CatalogFile &file : existing.value(foundModel.repoId).files)
            stored.insert(file.localPath, file);
        for (const FoundFile &foundFile : foundModel.files) {
            const QString localPath = QDir::cleanPath(foundFile.localPath);
            const QFileInfo info(localPath);
            const auto old = stored.constFind(localPath);
            const bool known = old != stored.constEnd();
            if (known) {
                const bool sameContent = old->sizeBytes == info.size()
                    && old->fileModified.toMSecsSinceEpoch() == info.lastModified().toMSecsSinceEpoch();
                const bool described = old->format != QStringLiteral("gguf") || !old->architecture.isEmpty();
                if (sameContent && described && old->path == foundFile.path) {
                    ++report.filesUnchanged;
                    stored.remove(localPath);
                    continue;
                }
            }
            QString warning;
            CatalogFile file = CatalogIndexer::describeFile(localPath, &warning);
            if (!warning.isEmpty())
                report.warnings.append(warning);
            file.modelId = modelId;
            file.path = foundFile.path;
            file.revision = foundFile.revision;
            file.sha256 = foundFile.sha256;
            auto upserted = store.upsertFile(file);
            if (!upserted)
                return atrium::fail(upserted.error());
            if (known)
                ++report.filesUpdated;
            else
                ++report.filesAdded;
            stored.remove(localPath);
        }
        for (const CatalogFile &gone : std::as_const(stored)) {
            ATRIUM_TRY_VOID(store.removeFileRecord(gone.id));
            ++report.filesRemoved;
        }
        if (foundModel.files.isEmpty() && !keepWhenEmpty.contains(foundModel.repoId)) {
            ATRIUM_TRY_VOID(store.removeModelRecord(modelId));
            ++report.modelsRemoved;
        }
        existing.remove(foundModel.repoId);
    }
    for (const CatalogModel &gone : std::as_const(existing)) {
        if (keepWhenEmpty.contains(gone.repoId)) {
            for (const CatalogFile &file : gone.files)
                ATRIUM_TRY_VOID(store.removeFileRecord(file.id));
            report.filesRemoved += int(gone.files.size());
            continue;
        }
        report.filesRemoved += int(gone.files.size());
        ATRIUM_TRY_VOID(store.removeModelRecord(gone.id));
        ++report.modelsRemoved;
    }
    return report;
}

/// Every file under `dir` (recursively), symlinks included and followed for files, not for folders.
QStringList filesUnder(const QString &dir, const QStringList &nameFilters = {})
{
    QStringList result;
    QDirIterator it(dir, nameFilters, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        result.append(it.next());
    result.sort();
    return result;
}

} // namespace

AppExpected<IndexReport> CatalogIndexer::indexHubCache()
{
    const QString root = QDir::cleanPath(m_roots.hubCache);
    if (root.isEmpty())
        return IndexReport();
    ATRIUM_TRY(const QList<CatalogModel> stored, m_store.listModels());
    QSet<QString> ownedRepos; // Atrium downloaded into these: keep them even without GGUF files
    for (const CatalogModel &model : stored) {
        if (model.rootPath == root && model.source == ModelSource::Hub)
            ownedRepos.insert(model.repoId);
    }
    // A pull in progress (perhaps in another process) has recorded its model before any file reached snapshots/.
    ATRIUM_TRY(const QList<CatalogDownload> unfinished, m_store.listDownloads(true));
    QSet<QString> downloading;
    for (const CatalogDownload &download : unfinished) {
        if (download.state != DownloadState::Failed)
            downloading.insert(download.repoId);
    }
    QList<FoundModel> found;
    const QFileInfoList repoDirs = QDir(root).entryInfoList({QStringLiteral("models--*")}, QDir::Dirs, QDir::Name);
    for (const QFileInfo &repoDir : repoDirs) {
        FoundModel model;
        model.repoId = repoDir.fileName().mid(8).replace(QStringLiteral("--"), QStringLiteral("/"));
        const QDir repo(repoDir.filePath());
        const QDir snapshots(repo.filePath(QStringLiteral("snapshots")));
        model.revision = readTrimmed(repo.filePath(QStringLiteral("refs/main")));
        const QFileInfoList commits = snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
        if (model.revision.isEmpty() && !commits.isEmpty())
            model.revision = commits.first().fileName(); // newest snapshot
        bool hasGguf = false;
        for (const QFileInfo &commit : commits) {
            const QDir commitDir(commit.filePath());
            for (const QString &localPath : filesUnder(commit.filePath())) {
                const QFileInfo info(localPath);
                if (!info.exists()) // dangling link: the blob is gone
                    continue;
                FoundFile file;
                file.path = commitDir.relativeFilePath(localPath);
                file.localPath = localPath;
                file.revision = commit.fileName();
                const QString blobName = info.isSymLink() ? QFileInfo(info.symLinkTarget()).fileName() : QString();
                if (isSha256(blobName))
                    file.sha256 = blobName;
                hasGguf = hasGguf || file.path.endsWith(QStringLiteral(".gguf"), Qt::CaseInsensitive);
                model.files.append(file);
            }
        }
        if (hasGguf || ownedRepos.contains(model.repoId))
            found.append(model);
    }
    return reconcile(m_store, root, ModelSource::HfCache, found, downloading);
}

AppExpected<IndexReport> CatalogIndexer::indexFolder(const QString &rootPath, ModelSource kind)
{
    if (kind != ModelSource::Folder && kind != ModelSource::LmStudio && kind != ModelSource::Gpt4All)
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("indexFolder() takes a folder layout."));
    const QString root = QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath());
    const QDir rootDir(root);
    QList<FoundModel> found;
    QHash<QString, qsizetype> indexByRepo;
    for (const QString &localPath : filesUnder(root, {QStringLiteral("*.gguf")})) {
        if (!QFileInfo::exists(localPath))
            continue;
        const QString relative = rootDir.relativeFilePath(localPath);
        const QStringList parts = relative.split(QLatin1Char('/'));
        FoundFile file;
        file.localPath = localPath;
        QString repoId;
        if (parts.size() >= 3) { // publisher/repo/…/file.gguf
            repoId = parts[0] + QLatin1Char('/') + parts[1];
            file.path = parts.mid(2).join(QLatin1Char('/'));
        } else if (parts.size() == 2) { // folder/file.gguf
            repoId = parts[0];
            file.path = parts[1];
        } else { // a loose file: a model of its own
            repoId = QFileInfo(relative).completeBaseName();
            file.path = relative;
        }
        auto it = indexByRepo.constFind(repoId);
        if (it == indexByRepo.constEnd()) {
            it = indexByRepo.insert(repoId, found.size());
            found.append(FoundModel {repoId, QString(), {}});
        }
        found[*it].files.append(file);
    }
    return reconcile(m_store, root, kind, found);
}

AppExpected<IndexReport> CatalogIndexer::indexOllama(const QString &rootPath)
{
    const QString root = QDir::cleanPath(QFileInfo(rootPath).absoluteFilePath());
    const QDir manifests(QDir(root).filePath(QStringLiteral("manifests")));
    const QDir blobs(QDir(root).filePath(QStringLiteral("blobs")));
    QList<FoundModel> found;
    QStringList warnings;
    for (const QString &manifestPath : filesUnder(manifests.path())) {
        // manifests/<registry>/<namespace>/<name>/<tag>
        const QStringList parts = manifests.relativeFilePath(manifestPath).split(QLatin1Char('/'));
        if (parts.size() != 4)
            continue;
        QFile manifestFile(manifestPath);
        if (!manifestFile.open(QIODevice::ReadOnly)) {
            warnings.append(QStringLiteral("%1: cannot read the manifest").arg(manifestPath));
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument manifest = QJsonDocument::fromJson(manifestFile.readAll(), &parseError);
        if (!manifest.isObject()) {
            warnings.append(QStringLiteral("%1: %2").arg(manifestPath, parseError.errorString()));
            continue;
        }
        const QString &registry = parts[0];
        const QString &space = parts[1];
        QString repoId = parts[2] + QLatin1Char(':') + parts[3];
        if (registry != QStringLiteral("registry.ollama.ai"))
            repoId = registry + QLatin1Char('/') + space + QLatin1Char('/') + repoId;
        else if (space != QStringLiteral("library"))
            repoId = space + QLatin1Char('/') + repoId;
        FoundModel model {repoId, QString(), {}};
        const QJsonArray layers = manifest.object().value(QStringLiteral("layers")).toArray();
        for (const QJsonValue &layer : layers) {
            const QJsonObject object = layer.toObject();
            if (object.value(QStringLiteral("mediaType")).toString() != kOllamaModelLayer)
                continue;
            const QString digest = object.value(QStringLiteral("digest")).toString(); // "sha256:<hex>"
            const QString hex = digest.section(QLatin1Char(':'), 1);
            const QString blobName = QStringLiteral("sha256-") + hex;
            const QString blob = blobs.filePath(blobName);
            if (!digest.startsWith(QStringLiteral("sha256:")) || !isSha256(hex) || !QFileInfo::exists(blob)) {
                warnings.append(QStringLiteral("%1: model layer %2 is missing").arg(manifestPath, digest));
                continue;
            }
            model.files.append(FoundFile {blobName, blob, QString(), hex});
        }
        if (!model.files.isEmpty())
            found.append(model);
    }
    ATRIUM_TRY(IndexReport report, reconcile(m_store, root, ModelSource::Ollama, found));
    report.warnings = warnings + report.warnings;
    return report;
}

AppExpected<IndexReport> CatalogIndexer::rescanAll()
{
    IndexReport total;
    ATRIUM_TRY(const QList<CatalogModel> stored, m_store.listModels());
    QSet<QString> storedRoots;
    for (const CatalogModel &model : stored)
        storedRoots.insert(model.rootPath);
    // A default root that does not exist is skipped, unless the catalog remembers models there (they are gone).
    const auto wanted = [&](const QString &root) {
        return QFileInfo(root).isDir() || storedRoots.contains(QDir::cleanPath(QFileInfo(root).absoluteFilePath()));
    };
    if (!m_roots.hubCache.isEmpty() && wanted(m_roots.hubCache)) {
        ATRIUM_TRY(const IndexReport report, indexHubCache());
        total.add(report);
    }
    for (const QString &root : m_roots.lmStudioDirs) {
        if (!wanted(root))
            continue;
        ATRIUM_TRY(const IndexReport report, indexFolder(root, ModelSource::LmStudio));
        total.add(report);
    }
    for (const QString &root : m_roots.gpt4AllDirs) {
        if (!wanted(root))
            continue;
        ATRIUM_TRY(const IndexReport report, indexFolder(root, ModelSource::Gpt4All));
        total.add(report);
    }
    for (const QString &root : m_roots.ollamaDirs) {
        if (!wanted(root))
            continue;
        ATRIUM_TRY(const IndexReport report, indexOllama(root));
        total.add(report);
    }
    ATRIUM_TRY(const QList<UserFolder> folders, m_store.userFolders());
    for (const UserFolder &folder : folders) {
        if (!QFileInfo(folder.path).isDir()) { // perhaps an unplugged drive: keep what the catalog knows
            total.warnings.append(QStringLiteral("%1: folder not found, skipped").arg(folder.path));
            continue;
        }
        ATRIUM_TRY(const IndexReport report, indexFolder(folder.path, folder.kind));
        total.add(report);
    }
    return total;
}
