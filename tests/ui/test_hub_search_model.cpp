// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// HubSearchModel against the loopback test hub: filters, cursor paging through fetchMore(), repository references,
// dropped stale answers and the offline fallback to the library.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "hub/hub_client.h"
#include "hub/test_hub_server.h"
#include "models/hub_search_model.h"

using namespace Qt::StringLiterals;

class TestHubSearchModel : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;
    std::unique_ptr<HubClient> m_client;

    HubConfig config() const
    {
        HubConfig c;
        c.endpoint = m_hub.endpoint();
        c.userAgent = u"atrium-test"_s;
        c.apiCacheTtlSeconds = 0;
        c.maxRetries = 0;
        return c;
    }

    static QStringList ids(const HubSearchModel &model)
    {
        QStringList out;
        for (int i = 0; i < model.count(); ++i)
            out.append(model.index(i).data(HubSearchModel::RepoIdRole).toString());
        return out;
    }

    static void waitIdle(const HubSearchModel &model)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 15000);
    }

    /// A model searching everything (no task or format filter) with no debounce.
    std::unique_ptr<HubSearchModel> makeModel()
    {
        auto model = std::make_unique<HubSearchModel>(m_client.get(), nullptr);
        model->setDebounceMs(0);
        model->setTask({});
        model->setFormat({});
        return model;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is needed for the test hub");
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        m_client = std::make_unique<HubClient>(config());
    }

    void parsesRepositoryReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("repoId");
        QTest::addRow("org/name") << u"Qwen/Qwen2.5-0.5B-Instruct-GGUF"_s << u"Qwen/Qwen2.5-0.5B-Instruct-GGUF"_s;
        QTest::addRow("hub url") << u"https://huggingface.co/org/model/tree/main"_s << u"org/model"_s;
        QTest::addRow("file url") << u"https://huggingface.co/org/model/blob/main/x.gguf"_s << u"org/model"_s;
        QTest::addRow("models prefix") << u"https://huggingface.co/models/org/model"_s << u"org/model"_s;
        QTest::addRow("short host") << u"hf.co/org/model"_s << u"org/model"_s;
        QTest::addRow("spaces around") << u"  org/model  "_s << u"org/model"_s;
        QTest::addRow("plain words") << u"llama 3"_s << QString();
        QTest::addRow("one word") << u"qwen"_s << QString();
        QTest::addRow("too deep") << u"a/b/c"_s << QString();
        QTest::addRow("site root") << u"https://huggingface.co/"_s << QString();
    }
    void parsesRepositoryReferences()
    {
        QFETCH(QString, text);
        QFETCH(QString, repoId);
        QCOMPARE(HubSearchModel::parseRepoReference(text), repoId);
    }

    void pagesThroughResultsWithFetchMore()
    {
        // No QAbstractItemModelTester here: it calls fetchMore() itself while checking.
        auto model = makeModel();
        model->setPageSize(5);
        model->setQuery(u"atrium-test/pager"_s);
        waitIdle(*model);
        QCOMPARE(model->count(), 5);
        QVERIFY(model->canFetchMore({}));
        QVERIFY(model->hasMore());
        model->fetchMore({});
        waitIdle(*model);
        QCOMPARE(model->count(), 10);
        model->loadMore();
        waitIdle(*model);
        QCOMPARE(model->count(), 12);
        QVERIFY(!model->canFetchMore({}));
        QCOMPARE(ids(*model).removeDuplicates(), 0);
    }

    void appliesTaskAndFormatFilters()
    {
        auto model = makeModel();
        model->setFormat(u"gguf"_s);
        model->setTask(u"text-generation"_s);
        model->setQuery(u"pager"_s);
        waitIdle(*model);
        // gguf pagers are the even ones; text-generation ones are those not divisible by 3.
        QStringList found = ids(*model);
        found.sort();
        QCOMPARE(found,
            (QStringList {u"atrium-test/pager-02"_s,
                u"atrium-test/pager-04"_s,
                u"atrium-test/pager-08"_s,
                u"atrium-test/pager-10"_s}));
    }

    void rowsCarryWhatTheHubSays()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setQuery(u"stories260K"_s);
        waitIdle(*model);
        QCOMPARE(model->count(), 1);
        const QModelIndex row = model->index(0);
        QCOMPARE(row.data(HubSearchModel::RepoIdRole).toString(), u"atrium-test/stories260K-GGUF"_s);
        QCOMPARE(row.data(HubSearchModel::NameRole).toString(), u"stories260K-GGUF"_s);
        QCOMPARE(row.data(HubSearchModel::AuthorRole).toString(), u"atrium-test"_s);
        QCOMPARE(row.data(HubSearchModel::DownloadsRole).toLongLong(), 5000);
        QCOMPARE(row.data(HubSearchModel::LikesRole).toLongLong(), 40);
        QCOMPARE(row.data(HubSearchModel::LicenceRole).toString(), u"mit"_s);
        QCOMPARE(row.data(HubSearchModel::GatedRole).toString(), QString());
        QVERIFY(row.data(HubSearchModel::IsGgufRole).toBool());
        QVERIFY(row.data(HubSearchModel::LastModifiedRole).toDateTime().isValid());
        QCOMPARE(row.data(HubSearchModel::ArchitectureRole).toString(), u"llama"_s);
    }

    void marksGatedRepositories()
    {
        auto model = makeModel();
        model->setQuery(u"https://huggingface.co/atrium-test/gated-GGUF"_s);
        QCOMPARE(model->directRepoId(), u"atrium-test/gated-GGUF"_s);
        waitIdle(*model);
        QCOMPARE(ids(*model), QStringList {u"atrium-test/gated-GGUF"_s});
        QCOMPARE(model->index(0).data(HubSearchModel::GatedRole).toString(), u"manual"_s);
    }

    void sizeAndFitFiltersWorkOnTheParameterCount()
    {
        auto model = makeModel();
        model->setQuery(u"stories260K"_s);
        model->setSize(u"large"_s);
        waitIdle(*model);
        QCOMPARE(model->count(), 0);
        model->setSize(u"tiny"_s);
        waitIdle(*model);
        QCOMPARE(model->count(), 1);
        model->setMemoryBudget(MemoryBudget {0, false, 8'000'000'000});
        QCOMPARE(model->index(0).data(HubSearchModel::FitRole).toString(), u"fits"_s);
        model->setFitsOnly(true);
        waitIdle(*model);
        QCOMPARE(model->count(), 1);
    }

    void dropsAnswersToAnOlderQuery()
    {
        auto model = makeModel();
        model->setQuery(u"pager"_s);
        model->setQuery(u"stories260K"_s); // before the first answer arrives
        waitIdle(*model);
        QTest::qWait(200); // the first answer, if it were used, would arrive by now
        QCOMPARE(ids(*model), QStringList {u"atrium-test/stories260K-GGUF"_s});
    }

    void offlineShowsTheLibraryAndSaysSo()
    {
        HubConfig c = config();
        c.offline = true;
        HubClient offline(c);
        HubSearchModel model(&offline, nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDebounceMs(0);
        CatalogModel local;
        local.repoId = u"someone/Local-Model-GGUF"_s;
        local.license = u"apache-2.0"_s;
        CatalogModel other;
        other.repoId = u"else/Unrelated"_s;
        model.setLocalModels({local, other});
        QSignalSpy offlineChanged(&model, &HubSearchModel::offlineChanged);
        model.setQuery(u"local"_s);
        QTRY_VERIFY_WITH_TIMEOUT(model.offline(), 5000);
        QCOMPARE(offlineChanged.count(), 1);
        QVERIFY(!model.errorString().isEmpty());
        QCOMPARE(ids(model), QStringList {u"someone/Local-Model-GGUF"_s});
        QVERIFY(model.index(0).data(HubSearchModel::LocalRole).toBool());
        QCOMPARE(model.index(0).data(HubSearchModel::LicenceRole).toString(), u"apache-2.0"_s);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_MAIN(TestHubSearchModel)
#include "test_hub_search_model.moc"
