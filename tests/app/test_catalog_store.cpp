// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// CatalogStore's synchronous API: models and files (merge rules, disk usage counting shared blobs once),
// downloads, user folders, conversations with branches, votes; plus the thread rule and the queued load slots.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "catalog/catalog_store.h"
#include "test_catalog_fixtures.h"

using CatalogFixtures::failureText;

class TestCatalogStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CatalogStore> m_store;
    int m_counter = 0;

    CatalogModel hubModel(const QString &repoId)
    {
        CatalogModel model;
        model.repoId = repoId;
        model.source = ModelSource::Hub;
        model.rootPath = m_dir.filePath(QStringLiteral("hf"));
        return model;
    }

    CatalogFile file(qint64 modelId, const QString &path, qint64 size, const QString &blob)
    {
        CatalogFile f;
        f.modelId = modelId;
        f.path = path;
        f.sizeBytes = size;
        f.localPath = m_dir.filePath(QStringLiteral("hf/snap/") + path);
        f.blobPath = blob;
        f.format = QStringLiteral("gguf");
        return f;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<CatalogStore>(m_dir.filePath(QStringLiteral("catalog-%1.sqlite").arg(++m_counter)));
        auto opened = m_store->open();
        QVERIFY2(opened, failureText(opened).constData());
    }

    void upsertsAModelAndMergesLaterPasses()
    {
        CatalogModel model = hubModel(QStringLiteral("org/tiny"));
        model.author = QStringLiteral("org");
        model.license = QStringLiteral("mit");
        model.tags = {QStringLiteral("gguf")};
        model.downloads = 10;
        QSignalSpy changed(m_store.get(), &CatalogStore::modelsChanged);
        auto id = m_store->upsertModel(model);
        QVERIFY2(id, failureText(id).constData());
        QCOMPARE(changed.count(), 1);

        // An indexer pass knows less: it must not erase what the Hub said, nor turn a Hub model into a cache one.
        CatalogModel indexed;
        indexed.repoId = model.repoId;
        indexed.source = ModelSource::HfCache;
        indexed.rootPath = model.rootPath;
        indexed.revision = QStringLiteral("abc");
        auto again = m_store->upsertModel(indexed);
        QVERIFY(again);
        QCOMPARE(*again, *id);

        auto stored = m_store->model(*id);
        QVERIFY(stored && stored->has_value());
        const CatalogModel &row = **stored;
        QCOMPARE(row.source, ModelSource::Hub);
        QCOMPARE(row.author, QStringLiteral("org"));
        QCOMPARE(row.license, QStringLiteral("mit"));
        QCOMPARE(row.tags, QStringList {QStringLiteral("gguf")});
        QCOMPARE(row.downloads, qint64(10));
        QCOMPARE(row.revision, QStringLiteral("abc"));
        QVERIFY(row.addedAt.isValid());

        // The same repo id under another root is another model.
        CatalogModel elsewhere = model;
        elsewhere.source = ModelSource::LmStudio;
        elsewhere.rootPath = m_dir.filePath(QStringLiteral("lms"));
        auto other = m_store->upsertModel(elsewhere);
        QVERIFY(other);
        QVERIFY(*other != *id);
        QCOMPARE(m_store->findModels(model.repoId)->size(), 2);

        QVERIFY(!m_store->upsertModel(CatalogModel {}));
    }

    void listsFilesAndCountsSharedBlobsOnce()
    {
        const qint64 a = m_store->upsertModel(hubModel(QStringLiteral("org/a"))).value();
        const qint64 b = m_store->upsertModel(hubModel(QStringLiteral("org/b"))).value();
        const QString blob = m_dir.filePath(QStringLiteral("hf/blobs/1111"));
        CatalogFile first = file(a, QStringLiteral("a.gguf"), 1000, blob);
        first.revision = QStringLiteral("r1");
        CatalogFile second = file(a, QStringLiteral("a.gguf"), 1000, blob); // same blob, another snapshot
        second.localPath = m_dir.filePath(QStringLiteral("hf/snap2/a.gguf"));
        second.revision = QStringLiteral("r2");
        QVERIFY(m_store->upsertFile(first));
        QVERIFY(m_store->upsertFile(second));
        QVERIFY(m_store->upsertFile(file(a, QStringLiteral("README.md"), 24, QString())));
        QVERIFY(m_store->upsertFile(file(b, QStringLiteral("b.gguf"), 500, m_dir.filePath(QStringLiteral("b")))));

        auto models = m_store->listModels();
        QVERIFY(models);
        QCOMPARE(models->size(), 2);
        QCOMPARE(models->at(0).repoId, QStringLiteral("org/a"));
        QCOMPARE(models->at(0).files.size(), 3);
        QCOMPARE(models->at(0).diskBytes(), qint64(1024));

        auto usage = m_store->diskUsage();
        QVERIFY(usage);
        QCOMPARE(usage->size(), 2);
        QCOMPARE(usage->at(0).bytes, qint64(1024));
        QCOMPARE(usage->at(1).bytes, qint64(500));
        QCOMPARE(m_store->totalDiskBytes().value(), qint64(1524));

        auto missingModel = m_store->upsertFile(file(9999, QStringLiteral("x"), 1, QString()));
        QVERIFY(!missingModel); // foreign key
        QCOMPARE(missingModel.error().kind, AppError::Kind::Database);

        QVERIFY(m_store->removeModelRecord(a));
        QCOMPARE(m_store->totalDiskBytes().value(), qint64(500)); // files went with the model
    }

    void fileUpsertKeepsOwnershipAndHeaderDetails()
    {
        const qint64 id = m_store->upsertModel(hubModel(QStringLiteral("org/own"))).value();
        CatalogFile pulled = file(id, QStringLiteral("m.gguf"), 10, QString());
        pulled.downloadedByAtrium = true;
        pulled.sha256 = QStringLiteral("ABCDEF");
        pulled.architecture = QStringLiteral("llama");
        pulled.contextLength = 4096;
        pulled.hasChatTemplate = true;
        const qint64 fileId = m_store->upsertFile(pulled).value();

        CatalogFile rescanned = file(id, QStringLiteral("m.gguf"), 12, QString()); // grew; no header read
        QCOMPARE(m_store->upsertFile(rescanned).value(), fileId);
        const CatalogFile row = m_store->model(id).value()->files.first();
        QVERIFY(row.downloadedByAtrium);
        QCOMPARE(row.sha256, QStringLiteral("abcdef"));
        QCOMPARE(row.sizeBytes, qint64(12));
        QCOMPARE(row.architecture, QStringLiteral("llama"));
        QCOMPARE(row.contextLength, qint64(4096));
        QVERIFY(row.hasChatTemplate);

        QVERIFY(m_store->removeFileRecord(fileId));
        QVERIFY(m_store->model(id).value()->files.isEmpty());
    }

    void downloadsSurviveAReopen()
    {
        CatalogDownload d;
        d.repoId = QStringLiteral("org/tiny");
        d.path = QStringLiteral("tiny.Q8_0.gguf");
        d.revision = QStringLiteral("c0ffee");
        d.sha256Expected = QStringLiteral("AA11");
        d.bytesTotal = 2000;
        QSignalSpy changed(m_store.get(), &CatalogStore::downloadChanged);
        const qint64 id = m_store->upsertDownload(d).value();
        QVERIFY(m_store->setDownloadState(id, DownloadState::Running));
        QVERIFY(m_store->updateDownloadProgress(id, 1500, 2000));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.last().first().value<CatalogDownload>().bytesDone, qint64(1500));
        QCOMPARE(m_store->upsertDownload(d).value(), id); // same key, same row

        m_store->close();
        QVERIFY(m_store->open());
        auto found = m_store->findDownload(d.repoId, d.revision, d.path);
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->id, id);
        QCOMPARE((*found)->sha256Expected, QStringLiteral("aa11"));
        QCOMPARE((*found)->state, DownloadState::Queued); // the last upsert said queued

        QVERIFY(m_store->setDownloadState(id, DownloadState::Failed, QStringLiteral("disk full")));
        QCOMPARE(m_store->download(id).value()->errorMessage, QStringLiteral("disk full"));
        QCOMPARE(m_store->listDownloads(true)->size(), 1);
        QVERIFY(m_store->setDownloadState(id, DownloadState::Completed, QStringLiteral("ignored")));
        QVERIFY(m_store->download(id).value()->errorMessage.isEmpty());
        QCOMPARE(m_store->listDownloads(true)->size(), 0);
        QCOMPARE(m_store->listDownloads(false)->size(), 1);

        QVERIFY(m_store->removeDownload(id));
        QVERIFY(!m_store->download(id).value().has_value());
        auto gone = m_store->updateDownloadProgress(id, 1, 1);
        QVERIFY(!gone);
        QCOMPARE(gone.error().kind, AppError::Kind::NotFound);
    }

    void userFoldersForgetTheirModels()
    {
        const QString folder = m_dir.filePath(QStringLiteral("my-models"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(!m_store->addUserFolder(m_dir.filePath(QStringLiteral("missing"))));
        QVERIFY(!m_store->addUserFolder(folder, ModelSource::Ollama));
        const qint64 id = m_store->addUserFolder(folder).value();
        QCOMPARE(m_store->addUserFolder(folder, ModelSource::LmStudio).value(), id);
        QCOMPARE(m_store->userFolders()->first().kind, ModelSource::LmStudio);

        CatalogModel model;
        model.repoId = QStringLiteral("loose");
        model.source = ModelSource::LmStudio;
        model.rootPath = folder;
        QVERIFY(m_store->upsertModel(model));
        QVERIFY(m_store->removeUserFolder(id));
        QVERIFY(m_store->userFolders()->isEmpty());
        QVERIFY(m_store->listModels()->isEmpty());
        QVERIFY(!m_store->removeUserFolder(id));
    }

    void conversationsKeepBranches()
    {
        Conversation c;
        c.title = QStringLiteral("Plans");
        c.modelRef = QStringLiteral("org/tiny:Q8_0");
        c.sampling = QJsonObject {{QStringLiteral("temperature"), 0.7}};
        const qint64 id = m_store->createConversation(c).value();
        ChatMessage user {0, id, 0, QStringLiteral("user"), QStringLiteral("Hi"), {}, {}};
        const qint64 q = m_store->addMessage(user).value();
        const qint64 a1 =
            m_store->addMessage({0, id, q, QStringLiteral("assistant"), QStringLiteral("Hello"), {}, {}}).value();
        // Regenerating adds a sibling of a1: two branches below q.
        const qint64 a2 =
            m_store->addMessage({0, id, q, QStringLiteral("assistant"), QStringLiteral("Hey"), {}, {}}).value();
        const qint64 follow =
            m_store->addMessage({0, id, a2, QStringLiteral("user"), QStringLiteral("More"), {}, {}}).value();
        QVERIFY(m_store->updateMessage(a2, QStringLiteral("Hey there"), {{QStringLiteral("tokens"), 3}}));

        auto messages = m_store->messages(id);
        QVERIFY(messages);
        QCOMPARE(messages->size(), 4);
        QCOMPARE(messages->at(1).parentId, q);
        QCOMPARE(messages->at(2).parentId, q);
        QCOMPARE(messages->at(2).content, QStringLiteral("Hey there"));
        QCOMPARE(messages->at(2).stats.value(QStringLiteral("tokens")).toInt(), 3);

        // Deleting a branch takes its replies with it.
        QVERIFY(m_store->deleteMessage(a2));
        messages = m_store->messages(id);
        QCOMPARE(messages->size(), 2);
        QCOMPARE(messages->at(1).id, a1);
        QVERIFY(!m_store->deleteMessage(follow));

        QVERIFY(!m_store->addMessage({0, id, 0, QStringLiteral("narrator"), QStringLiteral("x"), {}, {}}));
        Conversation older;
        older.createdAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC); // sorts after the one renamed below
        const qint64 otherConversation = m_store->createConversation(older).value();
        auto crossed = m_store->addMessage({0, otherConversation, q, QStringLiteral("user"), QString(), {}, {}});
        QVERIFY(!crossed);
        QCOMPARE(crossed.error().kind, AppError::Kind::InvalidInput);

        c.id = id;
        c.title = QStringLiteral("Renamed");
        QVERIFY(m_store->updateConversation(c));
        QCOMPARE(m_store->conversation(id).value()->title, QStringLiteral("Renamed"));
        QCOMPARE(m_store->conversation(id).value()->sampling.value(QStringLiteral("temperature")).toDouble(), 0.7);
        QCOMPARE(m_store->listConversations()->first().id, id); // most recently updated first

        QVERIFY(m_store->deleteConversation(id));
        QVERIFY(m_store->messages(id)->isEmpty());
        QVERIFY(!m_store->conversation(id).value().has_value());
    }

    void votesFeedTheLeaderboard()
    {
        const qint64 c1 =
            m_store->addComparison({0, QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("p"), {}}).value();
        QVERIFY(!m_store->addComparison({0, QStringLiteral("m1"), QStringLiteral("m1"), QString(), {}}));
        QVERIFY(m_store->addVote(c1, VoteResult::A));
        QVERIFY(m_store->addVote(c1, VoteResult::BothBad));
        auto orphan = m_store->addVote(424242, VoteResult::B);
        QVERIFY(!orphan);

        auto votes = m_store->listVotes();
        QVERIFY(votes);
        QCOMPARE(votes->size(), 2);
        QCOMPARE(votes->at(0).modelA, QStringLiteral("m1"));
        QCOMPARE(votes->at(1).result, VoteResult::BothBad);
        auto board = m_store->leaderboard();
        QVERIFY(board);
        QCOMPARE(board->size(), 2);
        QCOMPARE(board->at(0).modelRef, QStringLiteral("m1"));
        QCOMPARE(board->at(0).wins, 1);
        QCOMPARE(board->at(0).ties, 1);
        QCOMPARE(board->at(1).losses, 1);
    }

    void refusesCallsFromAnotherThread()
    {
        AppExpected<QList<CatalogModel>> result = appFail(AppError::Kind::None, QString());
        QThread *thread = QThread::create([&] { result = m_store->listModels(); });
        thread->start();
        QVERIFY(thread->wait(10000));
        delete thread;
        QVERIFY(!result);
        QVERIFY(result.error().message.contains(QStringLiteral("thread")));
        QVERIFY(m_store->listModels()); // still fine on its own thread
    }

    void answersQueuedLoadsFromItsOwnThread()
    {
        // The GUI arrangement: the store lives on a catalog thread, open() runs there, results come back queued.
        const QString path = m_dir.filePath(QStringLiteral("threaded.sqlite"));
        auto *store = new CatalogStore(path);
        QThread catalogThread;
        store->moveToThread(&catalogThread);
        connect(&catalogThread, &QThread::finished, store, &QObject::deleteLater);
        catalogThread.start();
        bool opened = false;
        QMetaObject::invokeMethod(
            store,
            [store, &opened] {
                opened = bool(store->open());
                CatalogModel model;
                model.repoId = QStringLiteral("org/threaded");
                model.source = ModelSource::Folder;
                model.rootPath = QStringLiteral("/models");
                opened = opened && bool(store->upsertModel(model));
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(opened);

        // Received on this (the test's) thread through queued connections, as a GUI model would.
        QList<CatalogModel> models;
        bool boardLoaded = false;
        int failures = 0;
        connect(store, &CatalogStore::modelsLoaded, this, [&](const QList<CatalogModel> &rows) { models = rows; });
        connect(store, &CatalogStore::leaderboardLoaded, this, [&](const QList<EloRating> &) { boardLoaded = true; });
        connect(store, &CatalogStore::errorOccurred, this, [&](const AppError &) { ++failures; });
        QMetaObject::invokeMethod(store, &CatalogStore::loadModels, Qt::QueuedConnection);
        QMetaObject::invokeMethod(store, &CatalogStore::loadLeaderboard, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(boardLoaded && !models.isEmpty(), 10000);
        QCOMPARE(failures, 0);
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().repoId, QStringLiteral("org/threaded"));
        catalogThread.quit();
        QVERIFY(catalogThread.wait(10000));
    }
};

QTEST_GUILESS_MAIN(TestCatalogStore)
#include "test_catalog_store.moc"
