// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_remover.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace CatalogRemover
{

namespace
{

bool isInside(const QString &path, const QString &root)
{
    const QString cleanRoot = QDir::cleanPath(root);
    const QString cleanPath = QDir::cleanPath(path);
    return !cleanRoot.isEmpty() && cleanPath.startsWith(cleanRoot + QLatin1Char('/'));
}

QString describeSource(ModelSource source)
{
    switch (source) {
    case ModelSource::Hub:
    case ModelSource::HfCache:
        return QStringLiteral("the Hugging Face cache, downloaded by another program");
    case ModelSource::Folder:
        return QStringLiteral("a folder you added");
    case ModelSource::LmStudio:
        return QStringLiteral("LM Studio");
    case ModelSource::Gpt4All:
        return QStringLiteral("GPT4All");
    case ModelSource::Ollama:
        return QStringLiteral("Ollama");
    }
    return {};
}

bool selects(const CatalogFile &file, const QString &pathInRepo)
{
    return pathInRepo.isEmpty() || file.path == pathInRepo || file.path.startsWith(pathInRepo + QLatin1Char('/'));
}

/// Removes `dir` and its empty parents, stopping at `stop` (kept).
void removeEmptyDirs(QString dir, const QString &stop, QStringList &deleted)
{
    const QString cleanStop = QDir::cleanPath(stop);
    while (isInside(dir, cleanStop)) {
        if (!QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
            return;
        if (!QDir().rmdir(dir))
            return;
        deleted.append(dir);
        dir = QFileInfo(dir).path();
    }
}

/// True when a link under `snapshots` other than `except` resolves to `blob`.
bool blobStillLinked(const QString &snapshots, const QString &blob)
{
    QDirIterator it(
        snapshots, QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.canonicalFilePath() == blob)
            return true;
    }
    return false;
}

/// After snapshots disappeared: drop refs naming them, their .no_exist markers and trees, then empty folders.
void tidyRepo(const QString &repoDir, QStringList &deleted)
{
    const QDir repo(repoDir);
    const QString snapshots = repo.filePath(QStringLiteral("snapshots"));
    QDirIterator refs(repo.filePath(QStringLiteral("refs")),
        QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
        QDirIterator::Subdirectories);
    while (refs.hasNext()) {
        const QString ref = refs.next();
        QFile file(ref);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString commit = QString::fromUtf8(file.readAll()).trimmed();
        file.close();
        if (!commit.isEmpty() && !QFileInfo::exists(QDir(snapshots).filePath(commit)) && QFile::remove(ref))
            deleted.append(ref);
    }
    for (const QString &kind : {QStringLiteral(".no_exist"), QStringLiteral("trees")}) {
        const QDir dir(repo.filePath(kind));
        const QFileInfoList entries = dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QFileInfo &entry : entries) {
            // .no_exist/<commit>/… and trees/<commit>.json
            const QString commit = kind == QStringLiteral("trees") ? entry.completeBaseName() : entry.fileName();
            if (QFileInfo::exists(QDir(snapshots).filePath(commit)))
                continue;
            const bool removed =
                entry.isDir() ? QDir(entry.filePath()).removeRecursively() : QFile::remove(entry.filePath());
            if (removed)
                deleted.append(entry.filePath());
        }
    }
    for (const QString &sub : {QStringLiteral("refs"),
             QStringLiteral("snapshots"),
             QStringLiteral("blobs"),
             QStringLiteral(".no_exist"),
             QStringLiteral("trees")}) {
        const QString path = repo.filePath(sub);
        if (QFileInfo(path).isDir() && QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
            && QDir().rmdir(path))
            deleted.append(path);
    }
    if (repo.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System) && QDir().rmdir(repoDir))
        deleted.append(repoDir);
}

/// Deletes one file of the HF cache layout <root>/models--org--name/snapshots/<commit>/<path>.
QString removeCachedFile(const Step &step, RemovalReport &report)
{
    const QString root = QDir::cleanPath(step.rootPath);
    const QString link = QDir::cleanPath(step.file.localPath);
    const QString relative = link.mid(root.size() + 1);
    const QString repoDir = QDir(root).filePath(relative.section(QLatin1Char('/'), 0, 0));
    const QString snapshots = QDir(repoDir).filePath(QStringLiteral("snapshots"));
    if (!isInside(link, snapshots))
        return QStringLiteral("%1 is not inside a snapshot folder of the cache").arg(link);

    const QFileInfo info(link);
    if (info.isSymLink()) {
        const QString blob = info.canonicalFilePath(); // empty when the link is dangling
        if (!QFile::remove(link))
            return QStringLiteral("could not delete %1").arg(link);
        report.deletedPaths.append(link);
        if (!blob.isEmpty() && isInside(blob, QFileInfo(repoDir).canonicalFilePath())
            && !blobStillLinked(snapshots, blob)) {
            const qint64 size = QFileInfo(blob).size();
            if (!QFile::remove(blob))
                return QStringLiteral("could not delete %1").arg(blob);
            report.deletedPaths.append(blob);
            report.bytesFreed += size;
        }
    } else if (info.exists()) { // a copy, where symlinks were unavailable
        const qint64 size = info.size();
        if (!QFile::remove(link))
            return QStringLiteral("could not delete %1").arg(link);
        report.deletedPaths.append(link);
        report.bytesFreed += size;
    }
    removeEmptyDirs(info.path(), snapshots, report.deletedPaths);
    tidyRepo(repoDir, report.deletedPaths);
    return {};
}

/// Deletes a loose file (user folder, LM Studio, GPT4All) and the empty folders above it, keeping the root.
QString removeLooseFile(const Step &step, RemovalReport &report)
{
    const QString path = QDir::cleanPath(step.file.localPath);
    const QFileInfo info(path);
    if (info.exists() || info.isSymLink()) {
        const qint64 size = info.isSymLink() ? 0 : info.size();
        if (!QFile::remove(path))
            return QStringLiteral("could not delete %1").arg(path);
        report.deletedPaths.append(path);
        report.bytesFreed += size;
    }
    removeEmptyDirs(info.path(), step.rootPath, report.deletedPaths);
    return {};
}

} // namespace

AppExpected<Plan> plan(const QList<CatalogModel> &matches, const RemovalRequest &request)
{
    if (matches.isEmpty())
        return appFail(AppError::Kind::NotFound,
            QStringLiteral("%1 is not in the catalog (list what is with atrium-cli list).").arg(request.repoId));
    Plan result;
    for (const CatalogModel &model : matches) {
        for (const CatalogFile &file : model.files) {
            if (!selects(file, request.pathInRepo))
                continue;
            const QString name = QStringLiteral("%1/%2").arg(model.repoId, file.path);
            if (model.source == ModelSource::Ollama)
                return appFail(AppError::Kind::InvalidInput,
                    QStringLiteral("%1 lives in Ollama's store, where other models may share its blob; "
                                   "remove it with: ollama rm %2")
                        .arg(name, model.repoId));
            if (!file.downloadedByAtrium && !request.confirmExternal)
                return appFail(AppError::Kind::InvalidInput,
                    QStringLiteral("%1 was not downloaded by Atrium (it is in %2); deleting it from disk "
                                   "needs your confirmation.")
                        .arg(name, describeSource(model.source)),
                    kNeedsConfirmation.toString());
            if (!isInside(file.localPath, model.rootPath))
                return appFail(AppError::Kind::InvalidInput,
                    QStringLiteral("%1 is outside %2, the folder it was indexed from; not deleting it.")
                        .arg(file.localPath, model.rootPath));
            result.steps.append(Step {file, model.source, model.rootPath});
        }
    }
    if (result.steps.isEmpty())
        return appFail(AppError::Kind::NotFound,
            QStringLiteral("%1 has no file %2 in the catalog.").arg(request.repoId, request.pathInRepo));
    return result;
}

Outcome execute(const Plan &plan)
{
    Outcome outcome;
    for (const Step &step : plan.steps) {
        const bool cacheLayout = step.source == ModelSource::Hub || step.source == ModelSource::HfCache;
        const QString failure =
            cacheLayout ? removeCachedFile(step, outcome.report) : removeLooseFile(step, outcome.report);
        if (failure.isEmpty())
            outcome.report.removedFiles.append(step.file);
        else
            outcome.failures.append(failure);
    }
    return outcome;
}

} // namespace CatalogRemover
