// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/hf_cache_layout.h"

#include "hub/hub_paths.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

namespace
{

AppError ioError(const QString &message, const QString &detail)
{
    return AppError {AppError::Kind::Io, message, detail, 0};
}

} // namespace

HfCacheLayout::HfCacheLayout(QString cacheRoot)
    : m_root(QDir::cleanPath(std::move(cacheRoot)))
{
}

QString HfCacheLayout::repoDir(const QString &repoId) const
{
    return m_root + QLatin1Char('/') + HubPaths::repoFolderName(repoId);
}

QString HfCacheLayout::blobsDir(const QString &repoId) const
{
    return repoDir(repoId) + QStringLiteral("/blobs");
}

QString HfCacheLayout::blobPath(const QString &repoId, const QString &blobName) const
{
    return blobsDir(repoId) + QLatin1Char('/') + blobName;
}

QString HfCacheLayout::incompletePath(const QString &repoId, const QString &blobName) const
{
    return blobPath(repoId, blobName) + QStringLiteral(".incomplete");
}

QString HfCacheLayout::lockPath(const QString &repoId, const QString &blobName) const
{
    return m_root + QStringLiteral("/.locks/") + HubPaths::repoFolderName(repoId) + QLatin1Char('/') + blobName
        + QStringLiteral(".atrium.lock");
}

bool HfCacheLayout::staysInside(const QString &dir, const QString &path)
{
    const QString base = QFileInfo(dir).canonicalFilePath();
    if (base.isEmpty())
        return false;
    // Resolve the deepest existing ancestor: a symlinked folder planted in the cache must not lead outside it.
    QString probe = QDir::cleanPath(path);
    QString suffix;
    while (!QFileInfo::exists(probe)) {
        const int slash = probe.lastIndexOf(QLatin1Char('/'));
        if (slash <= 0)
            return false;
        suffix.prepend(probe.mid(slash));
        probe.truncate(slash);
    }
    const QString resolved = QFileInfo(probe).canonicalFilePath() + suffix;
    return resolved.startsWith(base + QLatin1Char('/'));
}

AppExpected<QString> HfCacheLayout::snapshotPath(
    const QString &repoId, const QString &commit, const QString &path) const
{
    ATRIUM_TRY_VOID(HubPaths::validateRepoId(repoId));
    ATRIUM_TRY_VOID(HubPaths::validateFilePath(path));
    if (!HubPaths::isCommitHash(commit))
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("'%1' is not a commit id.").arg(commit.left(80)));
    const QString base = repoDir(repoId) + QStringLiteral("/snapshots/") + commit;
    const QString full = QDir::cleanPath(base + QLatin1Char('/') + path);
    if (!full.startsWith(base + QLatin1Char('/')))
        return appFail(AppError::Kind::InvalidInput,
            QStringLiteral("Refusing file name '%1': it leaves the snapshot folder.").arg(path));
    return full;
}

AppExpected<QString> HfCacheLayout::publishBlob(
    const QString &repoId, const QString &blobName, const QString &partialPath) const
{
    const QString blob = blobPath(repoId, blobName);
    if (QFileInfo::exists(blob)) {
        QFile::remove(partialPath);
        return blob;
    }
    QFile partial(partialPath);
    if (!partial.rename(blob))
        return atrium::Unexpected<AppError>(ioError(
            QStringLiteral("Could not move the downloaded file into the cache (%1).").arg(partial.errorString()),
            blob));
    return blob;
}

AppExpected<QString> HfCacheLayout::linkSnapshot(
    const QString &repoId, const QString &commit, const QString &path, const QString &blobName, bool useSymlinks) const
{
    ATRIUM_TRY(const QString snapshot, snapshotPath(repoId, commit, path));
    const QString blob = blobPath(repoId, blobName);
    const QString parent = QFileInfo(snapshot).path();
    if (!QDir().mkpath(parent))
        return atrium::Unexpected<AppError>(ioError(QStringLiteral("Could not create %1.").arg(parent), parent));
    if (!staysInside(repoDir(repoId), snapshot))
        return appFail(AppError::Kind::InvalidInput,
            QStringLiteral("Refusing file name '%1': it resolves outside the cache.").arg(path));
    const QFileInfo existing(snapshot);
    if (existing.exists() || existing.isSymLink()) {
        if (existing.isDir() && !existing.isSymLink())
            return atrium::Unexpected<AppError>(
                ioError(QStringLiteral("%1 is a folder; cannot place the file there.").arg(snapshot), snapshot));
        QFile::remove(snapshot);
    }
#ifdef Q_OS_UNIX
    if (useSymlinks) {
        const QByteArray target = QFile::encodeName(QDir(parent).relativeFilePath(blob));
        if (::symlink(target.constData(), QFile::encodeName(snapshot).constData()) == 0)
            return snapshot;
    }
#else
    Q_UNUSED(useSymlinks)
#endif
    // Copy fallback (no symlinks on this filesystem or OS): copy under a temporary name, then rename into place, so
    // a reader never sees a half-written snapshot file.
    const QString temporary =
        snapshot + QStringLiteral(".tmp-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    if (!QFile::copy(blob, temporary)) {
        QFile::remove(temporary);
        return atrium::Unexpected<AppError>(
            ioError(QStringLiteral("Could not copy the file into %1.").arg(parent), snapshot));
    }
    if (!QFile::rename(temporary, snapshot)) {
        QFile::remove(temporary);
        return atrium::Unexpected<AppError>(ioError(QStringLiteral("Could not place %1.").arg(snapshot), snapshot));
    }
    return snapshot;
}

AppExpected<void> HfCacheLayout::writeRef(const QString &repoId, const QString &revision, const QString &commit) const
{
    ATRIUM_TRY_VOID(HubPaths::validateRevision(revision));
    const QString path = repoDir(repoId) + QStringLiteral("/refs/") + revision;
    if (!QDir().mkpath(QFileInfo(path).path()) || !staysInside(repoDir(repoId), path))
        return atrium::Unexpected<AppError>(ioError(QStringLiteral("Could not write %1.").arg(path), path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(commit.toLatin1()) != commit.size() || !file.commit())
        return atrium::Unexpected<AppError>(
            ioError(QStringLiteral("Could not write %1 (%2).").arg(path, file.errorString()), path));
    return {};
}

QString HfCacheLayout::readRef(const QString &repoId, const QString &revision) const
{
    if (!HubPaths::validateRevision(revision))
        return {};
    QFile file(repoDir(repoId) + QStringLiteral("/refs/") + revision);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString commit = QString::fromLatin1(file.read(64)).trimmed();
    return HubPaths::isCommitHash(commit) ? commit : QString();
}
