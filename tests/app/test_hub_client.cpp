// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// HubClient against the loopback test hub (tests/hub/test_hub.py): search filters, sorting and cursor paging, model
// info parsing, tree paging, model cards, resolve probes, retries (429 with Retry-After, 5xx), gated and missing
// repositories, token checks (whoami-v2), offline mode, the answer cache and the redirect policy.

#include <optional>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "hub/hub_client.h"
#include "hub/hub_paths.h"
#include "hub/test_hub_server.h"

namespace
{

const QString kStories = QStringLiteral("atrium-test/stories260K-GGUF");

template <typename T, typename Call>
AppExpected<T> wait(Call call)
{
    QEventLoop loop;
    std::optional<AppExpected<T>> result;
    call([&](const AppExpected<T> &value) {
        result = value;
        loop.quit();
    });
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    if (!result)
        loop.exec();
    if (!result)
        return appFail(AppError::Kind::Network, QStringLiteral("test timed out"));
    return std::move(*result);
}

} // namespace

class TestHubClient : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;
    QTemporaryDir m_cacheDir;

    HubConfig config(bool withCache = false)
    {
        HubConfig c;
        c.endpoint = m_hub.endpoint();
        c.userAgent = QStringLiteral("atrium-test");
        c.backoffBaseMs = 20;
        c.backoffMaxMs = 100;
        c.apiCacheTtlSeconds = withCache ? 300 : 0;
        c.apiCacheDir = withCache ? m_cacheDir.path() : QString();
        return c;
    }

    AppExpected<HubSearchResult> search(HubClient &client, const HubSearchQuery &query)
    {
        return wait<HubSearchResult>([&](auto done) { client.search(query, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is not available to run the test hub");
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
    }

    void searchFiltersAndSorts()
    {
        HubClient client(config());
        HubSearchQuery query;
        query.search = QStringLiteral("pager");
        query.library = QStringLiteral("gguf");
        query.sort = HubSort::Likes;
        query.limit = 50;
        const auto result = search(client, query);
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(result->models.size(), 6); // pager-00, 02, …, 10 are tagged gguf
        for (qsizetype i = 1; i < result->models.size(); ++i)
            QVERIFY(result->models.at(i - 1).likes >= result->models.at(i).likes); // always descending
        QCOMPARE(result->models.first().id, QStringLiteral("atrium-test/pager-10"));
        QVERIFY(result->nextCursor.isEmpty());
        const QList<QJsonObject> requests = m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/models"));
        QCOMPARE(requests.size(), 1);
        const QString path = requests.first().value(QLatin1String("path")).toString();
        QVERIFY(path.contains(QLatin1String("filter=gguf")));
        QVERIFY(path.contains(QLatin1String("sort=likes")));
    }

    void searchPagesWithTheLinkCursor()
    {
        HubClient client(config());
        HubSearchQuery query;
        query.author = QStringLiteral("atrium-test");
        query.search = QStringLiteral("pager");
        query.sort = HubSort::Downloads;
        query.limit = 5;
        QStringList ids;
        int pages = 0;
        for (;;) {
            const auto page = search(client, query);
            QVERIFY(page);
            ++pages;
            for (const HubModelSummary &model : page->models)
                ids.append(model.id);
            if (page->nextCursor.isEmpty())
                break;
            QVERIFY(page->models.size() == 5);
            query.cursor = page->nextCursor;
            QVERIFY(pages < 10);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(ids.size(), 12);
        QCOMPARE(ids.first(), QStringLiteral("atrium-test/pager-00")); // most downloads first
        QCOMPARE(ids.last(), QStringLiteral("atrium-test/pager-11"));
        ids.removeDuplicates();
        QCOMPARE(ids.size(), 12);
    }

    void searchItemsCarryGgufAndGate()
    {
        HubClient client(config());
        HubSearchQuery query;
        query.search = QStringLiteral("gated-GGUF");
        const auto result = search(client, query);
        QVERIFY(result);
        QCOMPARE(result->models.size(), 1);
        QCOMPARE(result->models.first().gated, HubGated::Manual);
        QCOMPARE(result->models.first().gguf.architecture, QStringLiteral("llama"));
        QCOMPARE(result->models.first().pipelineTag, QStringLiteral("text-generation"));
    }

    void modelInfoHasEveryFileWithSizeAndSha256()
    {
        HubClient client(config());
        QSignalSpy finished(&client, &HubClient::modelInfoFinished);
        const auto info =
            wait<HubModelInfo>([&](auto done) { client.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(info->summary.id, kStories);
        QVERIFY(HubPaths::isCommitHash(info->sha));
        QCOMPARE(info->license, QStringLiteral("mit"));
        QCOMPARE(info->baseModel, QStringLiteral("karpathy/tinyllamas"));
        QCOMPARE(info->summary.gguf.architecture, QStringLiteral("llama"));
        QVERIFY(info->summary.gguf.contextLength > 0);
        QVERIFY(info->summary.gguf.totalParameters > 0);
        bool foundStories = false;
        for (const HubFileEntry &file : info->siblings) {
            if (file.path == QLatin1String("stories260K.gguf")) {
                foundStories = true;
                QCOMPARE(file.size, 1185376);
                // The sha256 recorded for this file in the shared models' SOURCES.md.
                QCOMPARE(
                    file.lfsSha256, QStringLiteral("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d"));
                QCOMPARE(file.gitOid, QStringLiteral("a945bfc3fe886d62f15aab34b798331ff433e85e"));
            }
            if (file.path == QLatin1String("README.md"))
                QVERIFY(!file.isLfs());
        }
        QVERIFY(foundStories);
        // The file list comes from the tree of the resolved commit, never of the moving branch.
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/tree/") + info->sha).size(), 1);
    }

    void listsFilesAcrossTreePages()
    {
        QVERIFY(m_hub.setTreePageSize(2));
        HubClient client(config());
        const auto files = wait<QList<HubFileEntry>>([&](auto done) {
            client.listFiles(QStringLiteral("atrium-test/tiny-arch-GGUF"), QStringLiteral("main"), {}, true, done);
        });
        QVERIFY(files);
        QStringList paths;
        for (const HubFileEntry &entry : *files)
            paths.append(entry.path);
        QVERIFY(paths.contains(QStringLiteral("Q8_0")));
        QVERIFY(paths.contains(QStringLiteral("Q8_0/phi3-tiny-Q8_0.gguf")));
        QVERIFY(paths.contains(QStringLiteral("qwen2-tiny-Q8_0.gguf")));
        const int pages =
            static_cast<int>(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/tree/main")).size());
        QCOMPARE(pages, static_cast<int>((files->size() + 1) / 2));
        QVERIFY(pages >= 3);
    }

    void readsTheModelCardWithoutFrontMatter()
    {
        HubClient client(config());
        const auto card =
            wait<HubModelCard>([&](auto done) { client.modelCard(kStories, QStringLiteral("main"), done); });
        QVERIFY(card);
        QVERIFY(card->frontMatter.contains(QLatin1String("license: mit")));
        QVERIFY(card->body.startsWith(QLatin1String("# stories260K GGUF")));
        QVERIFY(!card->body.contains(QLatin1String("---")));
    }

    void probesFileMetadataWithoutFollowingTheRedirect()
    {
        HubClient client(config());
        const auto meta = wait<HubFileMetadata>([&](auto done) {
            client.fileMetadata(kStories, QStringLiteral("main"), QStringLiteral("stories260K.gguf"), done);
        });
        QVERIFY2(meta, qPrintable(meta ? QString() : meta.error().message));
        QVERIFY(meta->isLfs);
        QCOMPARE(meta->etag, QStringLiteral("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d"));
        QCOMPARE(meta->size, 1185376);
        QVERIFY(HubPaths::isCommitHash(meta->commit));
        QCOMPARE(meta->location.port(), m_hub.cdnPort());
        QCOMPARE(m_hub.requestsFor(QStringLiteral("cdn"), QStringLiteral("/blobs/")).size(), 0);
        const auto small = wait<HubFileMetadata>([&](auto done) {
            client.fileMetadata(kStories, QStringLiteral("main"), QStringLiteral("README.md"), done);
        });
        QVERIFY(small);
        QVERIFY(!small->isLfs);
        QVERIFY(small->location.isEmpty());
        QCOMPARE(small->etag.size(), 40);
    }

    void honoursRetryAfterOn429()
    {
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("port"), QStringLiteral("api")},
            {QStringLiteral("path"), QStringLiteral("/api/models")},
            {QStringLiteral("kind"), QStringLiteral("status")},
            {QStringLiteral("status"), 429},
            {QStringLiteral("retry_after"), 1},
            {QStringLiteral("times"), 1}}}));
        HubClient client(config());
        QSignalSpy retries(&client, &HubClient::retryScheduled);
        QElapsedTimer clock;
        clock.start();
        HubSearchQuery query;
        query.search = QStringLiteral("stories");
        const auto result = search(client, query);
        QVERIFY(result);
        QCOMPARE(result->models.size(), 1);
        QVERIFY2(clock.elapsed() >= 950, QByteArray::number(clock.elapsed()));
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).toLongLong(), 1000);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/models")).size(), 2);
    }

    void givesUpWhenRetryAfterIsTooLong()
    {
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("/api/models")},
            {QStringLiteral("kind"), QStringLiteral("status")},
            {QStringLiteral("status"), 429},
            {QStringLiteral("retry_after"), 3600}}}));
        HubClient client(config());
        QElapsedTimer clock;
        clock.start();
        const auto result = search(client, HubSearchQuery {});
        QVERIFY(!result);
        QCOMPARE(result.error().kind, AppError::Kind::RateLimited);
        QVERIFY(result.error().message.contains(QLatin1String("3600 s")));
        QVERIFY(clock.elapsed() < 2000);
    }

    void retriesServerErrorsThenSucceeds()
    {
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("/api/models/")},
            {QStringLiteral("kind"), QStringLiteral("status")},
            {QStringLiteral("status"), 503},
            {QStringLiteral("times"), 2}}}));
        HubClient client(config());
        const auto info =
            wait<HubModelInfo>([&](auto done) { client.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY(info);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/revision/main")).size(), 3);
    }

    void reportsServerErrorsAfterTheRetries()
    {
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("/api/models/")},
            {QStringLiteral("kind"), QStringLiteral("status")},
            {QStringLiteral("status"), 500},
            {QStringLiteral("times"), -1}}}));
        HubClient client(config());
        QSignalSpy errors(&client, &HubClient::errorOccurred);
        const auto info =
            wait<HubModelInfo>([&](auto done) { client.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY(!info);
        QCOMPARE(info.error().kind, AppError::Kind::Server);
        QCOMPARE(info.error().code, 500);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(
            m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/revision/main")).size(), config().maxRetries + 1);
    }

    void explainsMissingAndAmbiguousRepositories()
    {
        HubClient anonymous(config());
        const auto missing = wait<HubModelInfo>([&](auto done) {
            anonymous.modelInfo(QStringLiteral("atrium-test/does-not-exist"), QStringLiteral("main"), done);
        });
        QVERIFY(!missing);
        // Without a token the Hub answers 401 for missing, private and gated repositories alike.
        QCOMPARE(missing.error().kind, AppError::Kind::Unauthorized);
        QVERIFY(missing.error().message.contains(QLatin1String("not found, or it is private or gated")));
        HubConfig withToken = config();
        withToken.token = TestHubServer::token();
        HubClient signedIn(withToken);
        const auto notFound = wait<HubModelInfo>([&](auto done) {
            signedIn.modelInfo(QStringLiteral("atrium-test/does-not-exist"), QStringLiteral("main"), done);
        });
        QVERIFY(!notFound);
        QCOMPARE(notFound.error().kind, AppError::Kind::NotFound);
        const auto badRevision =
            wait<HubModelInfo>([&](auto done) { signedIn.modelInfo(kStories, QStringLiteral("v9"), done); });
        QVERIFY(!badRevision);
        QVERIFY(badRevision.error().message.contains(QLatin1String("Revision 'v9'")));
    }

    void explainsGatedFiles()
    {
        HubClient anonymous(config());
        const QString gated = QStringLiteral("atrium-test/gated-GGUF");
        const auto meta = wait<HubFileMetadata>([&](auto done) {
            anonymous.fileMetadata(gated, QStringLiteral("main"), QStringLiteral("stories260K-Q5_0mix.gguf"), done);
        });
        QVERIFY(!meta);
        QCOMPARE(meta.error().kind, AppError::Kind::Unauthorized);
        QVERIFY(meta.error().message.contains(m_hub.endpoint().toString() + QStringLiteral("/atrium-test/gated-GGUF")));
        QVERIFY(meta.error().message.contains(QLatin1String("accept its licence")));
        HubConfig withToken = config();
        withToken.token = TestHubServer::token();
        HubClient signedIn(withToken);
        const auto ok = wait<HubFileMetadata>([&](auto done) {
            signedIn.fileMetadata(gated, QStringLiteral("main"), QStringLiteral("stories260K-Q5_0mix.gguf"), done);
        });
        QVERIFY(ok);
        const QList<QJsonObject> resolves = m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/resolve/"));
        QCOMPARE(resolves.size(), 2);
        QVERIFY(resolves.at(0).value(QLatin1String("authorization")).isNull());
        QCOMPARE(resolves.at(1).value(QLatin1String("authorization")).toString(),
            QStringLiteral("Bearer ") + TestHubServer::token());
    }

    void checksATokenOnceWithWhoami()
    {
        HubClient client(config()); // no configured token: whoami sends the one it is asked about
        const auto account = wait<HubAccount>([&](auto done) { client.whoami(TestHubServer::token(), done); });
        QVERIFY2(account, account ? "" : qPrintable(account.error().message));
        QCOMPARE(account->name, QStringLiteral("atrium-tester"));
        QCOMPARE(account->tokenRole, QStringLiteral("read"));
        const QList<QJsonObject> calls = m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/whoami-v2"));
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).value(QLatin1String("authorization")).toString(),
            QStringLiteral("Bearer ") + TestHubServer::token());

        // A rejected token is said so plainly, at once: whoami-v2 is rate-limited, so it is never retried.
        const QString wrong = QStringLiteral("hf_") + QString(34, QLatin1Char('x'));
        const auto rejected = wait<HubAccount>([&](auto done) { client.whoami(wrong, done); });
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().kind, AppError::Kind::Unauthorized);
        QVERIFY(rejected.error().message.contains(QLatin1String("did not accept this token")));
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/whoami-v2")).size(), 2);

        const auto empty = wait<HubAccount>([&](auto done) { client.whoami(QString(), done); });
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, AppError::Kind::InvalidInput);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/whoami-v2")).size(), 2);
    }

    void offlineModeFailsFastButServesCachedAnswers()
    {
        HubClient online(config(true));
        online.clearCache();
        HubSearchQuery query;
        query.search = QStringLiteral("tiny-arch");
        QVERIFY(search(online, query));
        HubConfig offlineConfig = config(true);
        offlineConfig.offline = true;
        HubClient offline(offlineConfig);
        const auto cached = search(offline, query);
        QVERIFY(cached);
        QVERIFY(cached->fromCache);
        QCOMPARE(cached->models.size(), 1);
        query.search = QStringLiteral("never-searched");
        const auto uncached = search(offline, query);
        QVERIFY(!uncached);
        QCOMPARE(uncached.error().kind, AppError::Kind::Offline);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/models")).size(), 1);
    }

    void cachesAnswersInMemoryAndOnDisk()
    {
        HubClient first(config(true));
        first.clearCache();
        const auto a = wait<HubModelInfo>([&](auto done) { first.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY(a);
        const auto b = wait<HubModelInfo>([&](auto done) { first.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY(b);
        HubClient second(config(true)); // a new process would find the disk cache the same way
        const auto c = wait<HubModelInfo>([&](auto done) { second.modelInfo(kStories, QStringLiteral("main"), done); });
        QVERIFY(c);
        QCOMPARE(c->sha, a->sha);
        QCOMPARE(c->siblings.size(), a->siblings.size());
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/revision/main")).size(), 1);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/tree/")).size(), 1);
    }

    void refusesRedirectsToOtherSchemes_data()
    {
        QTest::addColumn<QString>("location");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd");
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/blob");
        QTest::newRow("http elsewhere") << QStringLiteral("http://example.com/blob");
    }
    void refusesRedirectsToOtherSchemes()
    {
        QFETCH(QString, location);
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("path"), QStringLiteral("/resolve/")},
            {QStringLiteral("kind"), QStringLiteral("redirect")},
            {QStringLiteral("location"), location}}}));
        HubClient client(config());
        const auto card =
            wait<HubModelCard>([&](auto done) { client.modelCard(kStories, QStringLiteral("main"), done); });
        QVERIFY(!card);
        QCOMPARE(card.error().kind, AppError::Kind::InvalidInput);
        QVERIFY(card.error().message.contains(QLatin1String("redirect")));
    }

    void refusesHostileArgumentsBeforeAnyRequest()
    {
        HubClient client(config());
        const auto meta = wait<HubFileMetadata>([&](auto done) {
            client.fileMetadata(kStories, QStringLiteral("main"), QStringLiteral("../escape.gguf"), done);
        });
        QVERIFY(!meta);
        QCOMPARE(meta.error().kind, AppError::Kind::InvalidInput);
        const auto info = wait<HubModelInfo>(
            [&](auto done) { client.modelInfo(QStringLiteral("../x"), QStringLiteral("main"), done); });
        QVERIFY(!info);
        QCOMPARE(m_hub.requests().size(), 0);
    }

    void cleanupTestCase()
    {
        m_hub.stop();
    }
};

QTEST_GUILESS_MAIN(TestHubClient)
#include "test_hub_client.moc"
