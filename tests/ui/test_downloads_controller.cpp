// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Downloads as the screens drive them, against the loopback test hub: a pull lands in the HF cache, shows up in the
// download list, the model page's file row and the catalog; a slow download pauses and resumes; the library sees
// the file afterwards.

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "catalog/catalog_store.h"
#include "controllers/downloads_controller.h"
#include "controllers/library_controller.h"
#include "controllers/model_page_controller.h"
#include "download/download_manager.h"
#include "hub/hub_client.h"
#include "hub/test_hub_server.h"

using namespace Qt::StringLiterals;

namespace
{
const QString kRepo = u"atrium-test/stories260K-GGUF"_s;
const QString kSmall = u"stories260K-Q8_0mix.gguf"_s;
const QString kLarger = u"stories260K-pad256-Q8_0.gguf"_s;
} // namespace

class TestDownloadsController : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;
    QTemporaryDir m_dir;
    QThread m_catalogThread;
    CatalogStore *m_store = nullptr;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<DownloadManager> m_manager;

    QString cacheRoot() const
    {
        return m_dir.filePath(u"hub"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is needed for the test hub");
        QVERIFY(m_dir.isValid());
        // The catalog names "the" HF cache by AppPaths::hubCache(): make it the one the downloads go to.
        qputenv("HF_HUB_CACHE", cacheRoot().toUtf8());
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        HubConfig config;
        config.endpoint = m_hub.endpoint();
        config.userAgent = u"atrium-test"_s;
        config.apiCacheTtlSeconds = 0;
        m_client = std::make_unique<HubClient>(config);
        DownloadOptions options;
        options.cacheRoot = cacheRoot();
        options.diskMarginBytes = 0;
        options.backoffBaseMs = 20;
        options.progressIntervalMs = 20;
        m_manager = std::make_unique<DownloadManager>(config, options);

        registerCatalogMetaTypes();
        m_store = new CatalogStore(m_dir.filePath(u"catalog.sqlite"_s));
        m_store->moveToThread(&m_catalogThread);
        connect(&m_catalogThread, &QThread::finished, m_store, &QObject::deleteLater);
        m_catalogThread.start();
        bool opened = false;
        QMetaObject::invokeMethod(
            m_store, [&] { opened = m_store->open().has_value(); }, Qt::BlockingQueuedConnection);
        QVERIFY(opened);
    }

    void cleanupTestCase()
    {
        m_catalogThread.quit();
        m_catalogThread.wait();
    }

    void aPullLandsInTheCacheTheListAndTheCatalog()
    {
        const CatalogAccess catalog(m_store);
        DownloadsController downloads(m_client.get(), m_manager.get(), catalog, nullptr);
        QAbstractItemModelTester tester(downloads.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        LibraryController library(catalog, cacheRoot(), nullptr);
        ModelPageController page(m_client.get(), &downloads, &library, nullptr, nullptr, nullptr);
        page.open(kRepo);
        QTRY_VERIFY_WITH_TIMEOUT(!page.loading() && page.files()->count() > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(page.cardHtml().contains(u"stories260K GGUF"_s), 15000);
        const int row = page.files()->rowOfPath(kSmall);
        QVERIFY(row >= 0);

        QSignalSpy finished(&downloads, &DownloadsController::pullFinished);
        QSignalSpy ready(&downloads, &DownloadsController::fileReady);
        page.download(row);
        QVERIFY(finished.wait(20000));
        QCOMPARE(ready.count(), 1);
        const QString localPath = ready.at(0).at(2).toString();
        QVERIFY(QFileInfo(localPath).isFile());
        QCOMPARE(QFileInfo(localPath).size(), 379168);
        QVERIFY(localPath.startsWith(cacheRoot()));

        QCOMPARE(page.files()->index(row).data(ModelFileModel::StateRole).toString(), u"completed"_s);
        QCOMPARE(page.files()->index(row).data(ModelFileModel::LocalPathRole).toString(), localPath);
        const int listed = downloads.model()->find(kRepo, kSmall);
        QVERIFY(listed >= 0);
        QCOMPARE(downloads.model()->index(listed).data(DownloadListModel::StateRole).toString(), u"completed"_s);

        // The recorder wrote the download and the file into the catalog; the library lists the file.
        QSignalSpy modelsChanged(&library, &LibraryController::modelsChanged);
        library.rescanHubCache();
        QVERIFY(modelsChanged.wait(15000));
        QStringList entries;
        for (const LocalFileModel::Entry &e : library.files()->entries())
            entries.append(e.repoId + u' ' + e.path + u' ' + e.localPath);
        QVERIFY2(library.files()->count() == 1, qPrintable(entries.join(u'\n')));
        QCOMPARE(library.files()->index(0).data(LocalFileModel::RepoIdRole).toString(), kRepo);
        QCOMPARE(library.files()->index(0).data(LocalFileModel::LocalPathRole).toString(), localPath);
        QVERIFY(library.totalBytes() >= 379168);
    }

    void aSlowDownloadPausesAndResumes()
    {
        const CatalogAccess catalog(m_store);
        DownloadsController downloads(m_client.get(), m_manager.get(), catalog, nullptr);
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{u"port"_s, u"cdn"_s},
            {u"path"_s, u"/blobs/"_s},
            {u"kind"_s, u"slow"_s},
            {u"rate"_s, 200000},
            {u"times"_s, 1}}}));
        QSignalSpy finished(&downloads, &DownloadsController::pullFinished);
        downloads.pull(kRepo, kLarger);
        QTRY_VERIFY_WITH_TIMEOUT(downloads.model()->find(kRepo, kLarger) >= 0
                && downloads.model()->at(downloads.model()->find(kRepo, kLarger)).bytesDone > 0,
            15000);
        downloads.pause(kRepo, kLarger);
        const int row = downloads.model()->find(kRepo, kLarger);
        QTRY_COMPARE_WITH_TIMEOUT(
            downloads.model()->index(row).data(DownloadListModel::StateRole).toString(), u"paused"_s, 5000);
        QCOMPARE(downloads.model()->activeCount(), 0);
        downloads.resume(kRepo, kLarger); // the fault was used up: full speed now
        QVERIFY(finished.wait(20000));
        QCOMPARE(downloads.model()->index(row).data(DownloadListModel::StateRole).toString(), u"completed"_s);
        m_hub.reset();
    }

    void interruptedDownloadsComeBackAsPaused()
    {
        // What an earlier run left in the catalog shows up again, paused, with its progress.
        CatalogDownload left;
        left.repoId = kRepo;
        left.path = u"stories260K-F16.gguf"_s;
        left.revision = QString(40, u'0');
        left.state = DownloadState::Running;
        left.bytesDone = 1000;
        left.bytesTotal = 601248;
        bool stored = false;
        QMetaObject::invokeMethod(
            m_store, [&] { stored = m_store->upsertDownload(left).has_value(); }, Qt::BlockingQueuedConnection);
        QVERIFY(stored);
        DownloadsController downloads(m_client.get(), m_manager.get(), CatalogAccess(m_store), nullptr);
        downloads.restore();
        QTRY_VERIFY_WITH_TIMEOUT(downloads.model()->find(kRepo, left.path) >= 0, 5000);
        const int row = downloads.model()->find(kRepo, left.path);
        QCOMPARE(downloads.model()->index(row).data(DownloadListModel::StateRole).toString(), u"paused"_s);
        QCOMPARE(downloads.model()->index(row).data(DownloadListModel::BytesDoneRole).toLongLong(), 1000);
    }
};

QTEST_MAIN(TestDownloadsController)
#include "test_downloads_controller.moc"
