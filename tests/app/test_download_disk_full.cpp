// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Disk-full handling on a real 1 MiB tmpfs (needs root to mount it; skipped otherwise): the free-space check
// refuses a file that cannot fit, and ENOSPC in the middle of a transfer stops with DiskFull, leaves an exact prefix
// of the file as the partial download (nothing corrupted, nothing published), and the next run resumes it.

#include <optional>

#include "download/download_manager.h"
#include "download/stream_hasher.h"
#include "hub/hub_paths.h"
#include "hub/test_hub_server.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace
{
const QString kRepo = QStringLiteral("atrium-test/stories260K-GGUF");
} // namespace

class TestDownloadDiskFull : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;
    QTemporaryDir m_mountPoint;
    bool m_mounted = false;
    QString m_commit;

    DownloadManager *makeManager(QObject *parent)
    {
        HubConfig hub;
        hub.endpoint = m_hub.endpoint();
        DownloadOptions options;
        options.cacheRoot = m_mountPoint.path() + QStringLiteral("/hub");
        options.diskMarginBytes = 0;
        options.backoffBaseMs = 20;
        options.stallTimeoutMs = 2000;
        return new DownloadManager(hub, options, nullptr, parent);
    }

    DownloadRequest request(const QString &path, qint64 size, const QString &sha)
    {
        return DownloadRequest {kRepo, m_commit, QStringLiteral("main"), path, size, sha, {}};
    }

    std::optional<AppError> runToEnd(DownloadManager &manager,
        const DownloadRequest &r,
        std::function<void(const DownloadProgress &)> onProgress = {})
    {
        QEventLoop loop;
        std::optional<AppError> error;
        bool finished = false;
        connect(&manager, &DownloadManager::downloadFinished, &loop, [&]() {
            finished = true;
            loop.quit();
        });
        connect(&manager, &DownloadManager::downloadFailed, &loop, [&](quint64, const AppError &e) {
            error = e;
            loop.quit();
        });
        if (onProgress)
            connect(&manager, &DownloadManager::progressChanged, &loop, onProgress);
        manager.enqueue(r);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        if (!finished && !error)
            return AppError {AppError::Kind::Network, QStringLiteral("test timed out"), {}, 0};
        return error;
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifdef Q_OS_UNIX
        if (::geteuid() != 0)
            QSKIP("mounting a 1 MiB tmpfs needs root; disk-full handling is not tested on this machine");
#else
        QSKIP("the disk-full test mounts a tmpfs (Linux only)");
#endif
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is not available to run the test hub");
        QProcess mount;
        mount.start(QStringLiteral("mount"),
            {QStringLiteral("-t"),
                QStringLiteral("tmpfs"),
                QStringLiteral("-o"),
                QStringLiteral("size=1m"),
                QStringLiteral("tmpfs"),
                m_mountPoint.path()});
        if (!mount.waitForFinished(10000) || mount.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("could not mount a tmpfs (%1); disk-full handling is not tested here")
                                 .arg(QString::fromLocal8Bit(mount.readAllStandardError()).trimmed())));
        m_mounted = true;
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        QNetworkAccessManager network;
        QNetworkReply *reply = network.head(QNetworkRequest(
            QUrl(m_hub.endpoint().toString() + QLatin1Char('/') + kRepo + QStringLiteral("/resolve/main/README.md"))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        m_commit = QString::fromLatin1(reply->rawHeader("X-Repo-Commit"));
        delete reply;
        QVERIFY(HubPaths::isCommitHash(m_commit));
    }

    void refusesToStartWithoutRoomForTheFile()
    {
        QVERIFY(m_hub.reset());
        QObject owner;
        DownloadManager *manager = makeManager(&owner);
        const auto error = runToEnd(*manager,
            request(QStringLiteral("stories260K.gguf"),
                1185376,
                QStringLiteral("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d")));
        QVERIFY(error);
        QCOMPARE(error->kind, AppError::Kind::DiskFull);
        QVERIFY2(error->message.contains(QLatin1String("Not enough disk space")), qPrintable(error->message));
        QVERIFY(error->message.contains(QLatin1String("1.2 MB")));
        QCOMPARE(m_hub.requests().size(), 0); // refused before asking the server for anything
    }

    void stopsCleanlyWhenTheDiskFillsUpAndResumesLater()
    {
        QVERIFY(m_hub.reset());
        const QString sha = QStringLiteral("4cd29bbe9cb3b735750837816a43c3dd4b473dbd658e8612816f7c4d3926ac21");
        const DownloadRequest r = request(QStringLiteral("stories260K-F16.gguf"), 601248, sha);
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("port"), QStringLiteral("cdn")},
            {QStringLiteral("kind"), QStringLiteral("slow")},
            {QStringLiteral("rate"), 1000000}}}));
        const QString filler = m_mountPoint.path() + QStringLiteral("/filler");
        QObject owner;
        DownloadManager *manager = makeManager(&owner);
        bool filled = false;
        const auto error = runToEnd(*manager, r, [&](const DownloadProgress &p) {
            if (!filled && p.bytesDone > 150000) {
                filled = true; // another program takes the rest of the disk
                QFile file(filler);
                if (file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
                    const QByteArray block(64 * 1024, 'f');
                    while (file.write(block) == block.size()) { }
                }
            }
        });
        QVERIFY(filled);
        QVERIFY(error);
        QCOMPARE(error->kind, AppError::Kind::DiskFull);
        QVERIFY2(error->message.contains(QLatin1String("disk is full")), qPrintable(error->message));
        QVERIFY(error->message.contains(QLatin1String("resumes")));

        // Nothing corrupted: the partial file is an exact prefix of the real file, and nothing was published.
        const QString repoDir = m_mountPoint.path() + QStringLiteral("/hub/models--atrium-test--stories260K-GGUF");
        QFile partial(repoDir + QStringLiteral("/blobs/") + sha + QStringLiteral(".incomplete"));
        QVERIFY(partial.open(QIODevice::ReadOnly));
        const QByteArray prefix = partial.readAll();
        partial.close();
        QVERIFY(prefix.size() > 150000);
        QVERIFY(prefix.size() < 601248);
        QFile source(QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K-F16.gguf"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QVERIFY(source.read(prefix.size()) == prefix);
        QVERIFY(!QFileInfo::exists(repoDir + QStringLiteral("/blobs/") + sha));
        QVERIFY(!QFileInfo::exists(repoDir + QStringLiteral("/snapshots")));

        // Space is back: the next run continues from the partial file.
        QVERIFY(QFile::remove(filler));
        QVERIFY(m_hub.reset());
        DownloadManager *again = makeManager(&owner);
        const auto second = runToEnd(*again, r);
        QVERIFY2(!second, second ? qPrintable(second->message) : "");
        const QList<QJsonObject> gets = m_hub.requestsFor(QStringLiteral("cdn"), QStringLiteral("/blobs/"));
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.first().value(QLatin1String("range")).toString(), QStringLiteral("bytes=%1-").arg(prefix.size()));
        QCOMPARE(StreamHasher::hashFile(
                     repoDir + QStringLiteral("/snapshots/") + m_commit + QStringLiteral("/stories260K-F16.gguf"))
                     .sha256,
            sha);
    }

    void cleanupTestCase()
    {
        m_hub.stop();
        if (m_mounted)
            QProcess::execute(QStringLiteral("umount"), {m_mountPoint.path()});
    }
};

QTEST_GUILESS_MAIN(TestDownloadDiskFull)
#include "test_download_disk_full.moc"
