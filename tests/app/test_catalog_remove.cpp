// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Deleting from disk: what Atrium downloaded goes freely (snapshot link, blob when unshared, empty folders, stale
// refs); other tools' files only with confirmation; Ollama's blobs never.

#include <QTemporaryDir>
#include <QTest>

#include "catalog/catalog_indexer.h"
#include "catalog/catalog_remover.h"
#include "catalog/catalog_store.h"
#include "test_catalog_fixtures.h"

using namespace CatalogFixtures;

class TestCatalogRemove : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CatalogStore> m_store;
    QString m_cache;

    IndexerRoots roots() const
    {
        IndexerRoots r;
        r.hubCache = m_cache;
        r.lmStudioDirs = {m_dir->filePath(QStringLiteral("lmstudio"))};
        r.ollamaDirs = {m_dir->filePath(QStringLiteral("ollama"))};
        return r;
    }

    /// What `pull` records: a Hub model and its files, downloaded by Atrium.
    void recordPull(const QString &repoId, const QString &commit, const QStringList &links, const QStringList &paths)
    {
        CatalogModel model;
        model.repoId = repoId;
        model.source = ModelSource::Hub;
        model.rootPath = m_cache;
        model.revision = commit;
        const qint64 id = m_store->upsertModel(model).value();
        for (qsizetype i = 0; i < links.size(); ++i) {
            CatalogFile file = CatalogIndexer::describeFile(links[i]);
            file.modelId = id;
            file.path = paths[i];
            file.revision = commit;
            file.downloadedByAtrium = true;
            QVERIFY(m_store->upsertFile(file));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_cache = m_dir->filePath(QStringLiteral("hf/hub"));
        QVERIFY(QDir().mkpath(m_cache));
        m_store = std::make_unique<CatalogStore>(m_dir->filePath(QStringLiteral("catalog.sqlite")));
        QVERIFY(m_store->open());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void removesWhatAtriumDownloadedCompletely()
    {
        const QByteArray gguf = tinyGguf();
        const QString commit = QStringLiteral("1111111111111111111111111111111111111111");
        const QStringList links =
            addHfSnapshot(m_cache, QStringLiteral("org/tiny"), commit, {{QStringLiteral("sub/tiny.gguf"), gguf}});
        recordPull(QStringLiteral("org/tiny"), commit, links, {QStringLiteral("sub/tiny.gguf")});
        const QString repoDir = m_cache + QStringLiteral("/models--org--tiny");
        QVERIFY(writeFile(repoDir + QStringLiteral("/.no_exist/") + commit + QStringLiteral("/tokenizer.json"), {}));

        auto report = m_store->removeFromDisk({QStringLiteral("org/tiny"), QString(), false});
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->removedFiles.size(), 1);
        QCOMPARE(report->bytesFreed, qint64(gguf.size()));
        QVERIFY(report->deletedPaths.contains(links.first()));
        QVERIFY(!QFileInfo::exists(repoDir)); // link, blob, snapshot, refs/main and markers: nothing left
        QVERIFY(QFileInfo::exists(m_cache));
        QVERIFY(m_store->listModels()->isEmpty());
    }

    void keepsABlobAnotherSnapshotStillLinks()
    {
        const QByteArray gguf = tinyGguf();
        const QString oldCommit = QStringLiteral("aaaa");
        const QString newCommit = QStringLiteral("bbbb");
        const QStringList oldLinks =
            addHfSnapshot(m_cache, QStringLiteral("org/two"), oldCommit, {{QStringLiteral("m.gguf"), gguf}}, false);
        const QStringList newLinks = addHfSnapshot(m_cache,
            QStringLiteral("org/two"),
            newCommit,
            {{QStringLiteral("m.gguf"), gguf}, {QStringLiteral("m-copy.gguf"), gguf}});
        recordPull(QStringLiteral("org/two"),
            newCommit,
            newLinks + oldLinks,
            {QStringLiteral("m.gguf"), QStringLiteral("m-copy.gguf"), QStringLiteral("m.gguf")});
        const QString blob = m_cache + QStringLiteral("/models--org--two/blobs/") + sha256Hex(gguf);

        // "m.gguf" names the file in both snapshots; m-copy.gguf still links the blob.
        auto first = m_store->removeFromDisk({QStringLiteral("org/two"), QStringLiteral("m.gguf"), false});
        QVERIFY2(first, failureText(first).constData());
        QCOMPARE(first->removedFiles.size(), 2);
        QCOMPARE(first->bytesFreed, qint64(0));
        QVERIFY(QFileInfo::exists(blob));
        QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("/models--org--two/snapshots/aaaa")));
        QVERIFY(QFileInfo::exists(newLinks.at(1)));
        QCOMPARE(m_store->findModels(QStringLiteral("org/two"))->first().files.size(), 1);

        auto second = m_store->removeFromDisk({QStringLiteral("org/two"), QStringLiteral("m-copy.gguf"), false});
        QVERIFY(second);
        QCOMPARE(second->bytesFreed, qint64(gguf.size()));
        QVERIFY(!QFileInfo::exists(blob));
        QVERIFY(m_store->findModels(QStringLiteral("org/two"))->isEmpty());
    }

    void otherToolsFilesNeedConfirmation()
    {
        const QByteArray gguf = tinyGguf();
        const QStringList links = addHfSnapshot(
            m_cache, QStringLiteral("org/theirs"), QStringLiteral("cccc"), {{QStringLiteral("t.gguf"), gguf}});
        const QString lmsFile = m_dir->filePath(QStringLiteral("lmstudio/pub/repo/x.gguf"));
        QVERIFY(writeFile(lmsFile, gguf));
        CatalogIndexer indexer(*m_store, roots());
        QVERIFY(indexer.rescanAll());

        auto refused = m_store->removeFromDisk({QStringLiteral("org/theirs"), QString(), false});
        QVERIFY(!refused);
        QCOMPARE(refused.error().detail, CatalogRemover::kNeedsConfirmation.toString());
        QVERIFY(refused.error().message.contains(QStringLiteral("not downloaded by Atrium")));
        QVERIFY(QFileInfo::exists(links.first()));
        QCOMPARE(m_store->findModels(QStringLiteral("org/theirs"))->size(), 1);

        auto confirmed = m_store->removeFromDisk({QStringLiteral("org/theirs"), QString(), true});
        QVERIFY2(confirmed, failureText(confirmed).constData());
        QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("/models--org--theirs")));

        QVERIFY(!m_store->removeFromDisk({QStringLiteral("pub/repo"), QString(), false}));
        QVERIFY(QFileInfo::exists(lmsFile));
        auto lms = m_store->removeFromDisk({QStringLiteral("pub/repo"), QStringLiteral("x.gguf"), true});
        QVERIFY2(lms, failureText(lms).constData());
        QCOMPARE(lms->bytesFreed, qint64(gguf.size()));
        QVERIFY(!QFileInfo::exists(lmsFile));
        QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("lmstudio/pub")))); // emptied folders go
        QVERIFY(QFileInfo::exists(m_dir->filePath(QStringLiteral("lmstudio")))); // the root stays
    }

    void ollamaBlobsAreNeverDeleted()
    {
        const QString blob = addOllamaModel(m_dir->filePath(QStringLiteral("ollama")),
            QStringLiteral("library"),
            QStringLiteral("tiny"),
            QStringLiteral("latest"),
            tinyGguf());
        CatalogIndexer indexer(*m_store, roots());
        QVERIFY(indexer.rescanAll());
        auto refused = m_store->removeFromDisk({QStringLiteral("tiny:latest"), QString(), true});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("ollama rm tiny:latest")));
        QVERIFY(QFileInfo::exists(blob));
    }

    void unknownNamesAreNotFound()
    {
        auto unknown = m_store->removeFromDisk({QStringLiteral("nobody/nothing"), QString(), true});
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, AppError::Kind::NotFound);

        const QStringList links = addHfSnapshot(
            m_cache, QStringLiteral("org/one"), QStringLiteral("dddd"), {{QStringLiteral("one.gguf"), tinyGguf()}});
        recordPull(QStringLiteral("org/one"), QStringLiteral("dddd"), links, {QStringLiteral("one.gguf")});
        auto wrongPath = m_store->removeFromDisk({QStringLiteral("org/one"), QStringLiteral("two.gguf"), false});
        QVERIFY(!wrongPath);
        QCOMPARE(wrongPath.error().kind, AppError::Kind::NotFound);
        QVERIFY(QFileInfo::exists(links.first()));
    }

    void aFileAlreadyGoneIsJustForgotten()
    {
        const QStringList links = addHfSnapshot(
            m_cache, QStringLiteral("org/ghost"), QStringLiteral("eeee"), {{QStringLiteral("g.gguf"), tinyGguf()}});
        recordPull(QStringLiteral("org/ghost"), QStringLiteral("eeee"), links, {QStringLiteral("g.gguf")});
        QVERIFY(QDir(m_cache + QStringLiteral("/models--org--ghost")).removeRecursively());
        auto report = m_store->removeFromDisk({QStringLiteral("org/ghost"), QString(), false});
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->removedFiles.size(), 1);
        QCOMPARE(report->bytesFreed, qint64(0));
        QVERIFY(m_store->listModels()->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalogRemove)
#include "test_catalog_remove.moc"
