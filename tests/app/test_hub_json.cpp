// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Parsing of the Hub's JSON answers and headers (hub-api.md §2–§5, §8), from answers shaped like the real Hub's.

#include <QTest>

#include "hub/hub_errors.h"
#include "hub/hub_json.h"

class TestHubJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSearchResultsLeniently()
    {
        const QByteArray json = R"([
          {"id": "someorg/Some-Model-8B-GGUF", "downloads": 123456, "likes": 321, "trendingScore": 42,
           "lastModified": "2026-05-01T10:00:00.000Z", "pipeline_tag": "text-generation",
           "tags": ["gguf", "llama", "license:apache-2.0"], "gated": false,
           "gguf": {"total": 8030261248, "architecture": "llama", "context_length": 131072},
           "unknownField": {"ignored": true}},
          {"_id": "x", "modelId": "other/NoId", "gated": "manual"},
          {"gated": "auto"},
          {"id": "third/auto", "gated": "auto", "private": true}
        ])";
        const auto models = HubJson::parseSearchResults(json);
        QVERIFY(models);
        QCOMPARE(models->size(), 3); // the entry without any id is dropped
        const HubModelSummary &first = models->at(0);
        QCOMPARE(first.id, QStringLiteral("someorg/Some-Model-8B-GGUF"));
        QCOMPARE(first.author, QStringLiteral("someorg"));
        QCOMPARE(first.downloads, 123456);
        QCOMPARE(first.likes, 321);
        QCOMPARE(first.trendingScore, 42.0);
        QCOMPARE(first.tags,
            (QStringList {QStringLiteral("gguf"), QStringLiteral("llama"), QStringLiteral("license:apache-2.0")}));
        QCOMPARE(first.gguf.totalParameters, Q_INT64_C(8030261248));
        QCOMPARE(first.gguf.contextLength, 131072);
        QCOMPARE(first.gated, HubGated::No);
        QCOMPARE(models->at(1).id, QStringLiteral("other/NoId"));
        QCOMPARE(models->at(1).gated, HubGated::Manual);
        QCOMPARE(models->at(2).gated, HubGated::Auto);
        QVERIFY(models->at(2).isPrivate);
    }

    void refusesAnswersOfTheWrongKind()
    {
        QVERIFY(!HubJson::parseSearchResults(R"({"error": "nope"})"));
        QVERIFY(!HubJson::parseSearchResults("<html>captive portal</html>"));
        QVERIFY(!HubJson::parseModelInfo("[]"));
        QVERIFY(!HubJson::parseModelInfo(R"({"sha": "abc"})")); // no id
        QVERIFY(!HubJson::parseTree("{}"));
        const auto error = HubJson::parseTree("not json");
        QCOMPARE(error.error().kind, AppError::Kind::Server);
    }

    void parsesModelInfoWithSiblingsAndCardData()
    {
        const QByteArray json = R"({
          "id": "someorg/Some-Model-8B-GGUF", "author": "someorg", "sha": "9f0c000000000000000000000000000000000001",
          "private": false, "gated": "manual", "disabled": false, "downloads": 10, "likes": 2,
          "library_name": "gguf", "pipeline_tag": "text-generation", "tags": ["gguf", "license:llama3.1"],
          "cardData": {"license": "llama3.1", "base_model": ["meta-llama/A", "meta-llama/B"],
                       "extra_gated_prompt": "Agree to the terms."},
          "gguf": {"total": 8030261248, "architecture": "llama", "context_length": 131072,
                   "chat_template": "{% for m in messages %}{% endfor %}", "bos_token": "<|begin_of_text|>",
                   "eos_token": "<|eot_id|>"},
          "safetensors": null,
          "siblings": [
            {"rfilename": "README.md", "size": 4120, "blobId": "1111111111111111111111111111111111111111"},
            {"rfilename": "Some-Model-8B-Q4_K_M.gguf", "size": 4920739232, "blobId": "2222222222222222222222222222222222222222",
             "lfs": {"size": 4920739232, "sha256": "ABCDEF0000000000000000000000000000000000000000000000000000000001",
                     "pointerSize": 135}},
            {"rfilename": "no-metadata.gguf"}
          ]})";
        const auto info = HubJson::parseModelInfo(json);
        QVERIFY(info);
        QCOMPARE(info->sha, QStringLiteral("9f0c000000000000000000000000000000000001"));
        QCOMPARE(info->summary.gated, HubGated::Manual);
        QCOMPARE(info->summary.libraryName, QStringLiteral("gguf"));
        QCOMPARE(info->license, QStringLiteral("llama3.1"));
        QCOMPARE(info->baseModel, QStringLiteral("meta-llama/A"));
        QCOMPARE(info->gatedPrompt, QStringLiteral("Agree to the terms."));
        QCOMPARE(info->summary.gguf.bosToken, QStringLiteral("<|begin_of_text|>"));
        QVERIFY(!info->summary.gguf.chatTemplate.isEmpty());
        QCOMPARE(info->siblings.size(), 3);
        QCOMPARE(info->siblings.at(0).size, 4120);
        QVERIFY(!info->siblings.at(0).isLfs());
        QCOMPARE(info->siblings.at(0).gitOid, QStringLiteral("1111111111111111111111111111111111111111"));
        QVERIFY(info->siblings.at(1).isLfs());
        QCOMPARE(info->siblings.at(1).lfsSize, Q_INT64_C(4920739232));
        QCOMPARE(info->siblings.at(1).lfsSha256,
            QStringLiteral("abcdef0000000000000000000000000000000000000000000000000000000001"));
        QCOMPARE(info->siblings.at(2).size, -1);
    }

    void licenseFallsBackToTheLicenseTag()
    {
        const auto info = HubJson::parseModelInfo(R"({"id": "a/b", "tags": ["gguf", "license:mit"]})");
        QVERIFY(info);
        QCOMPARE(info->license, QStringLiteral("mit"));
    }

    void parsesTreeEntries()
    {
        const QByteArray json = R"([
          {"type": "file", "path": "Some-Model-8B-Q4_K_M.gguf", "size": 4920739232,
           "oid": "3333333333333333333333333333333333333333",
           "lfs": {"oid": "4444444444444444444444444444444444444444444444444444444444444444", "size": 4920739232,
                   "pointerSize": 135}, "xetHash": "5555"},
          {"type": "directory", "path": "Q8_0", "oid": "6666666666666666666666666666666666666666"},
          {"type": "file", "path": "README.md", "size": 10, "oid": "7777777777777777777777777777777777777777"}
        ])";
        const auto entries = HubJson::parseTree(json);
        QVERIFY(entries);
        QCOMPARE(entries->size(), 3);
        QVERIFY(entries->at(0).isLfs());
        QCOMPARE(entries->at(0).lfsSha256,
            QStringLiteral("4444444444444444444444444444444444444444444444444444444444444444"));
        QVERIFY(entries->at(1).isDirectory);
        QVERIFY(!entries->at(2).isLfs());
        QCOMPARE(entries->at(2).size, 10);
    }

    void findsTheNextLinkAndItsCursor_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("cursor");
        QTest::newRow("hub") << QByteArray(
            R"(<https://huggingface.co/api/models?limit=10&sort=likes&cursor=eyJ9fQ%3D%3D>; rel="next")")
                             << QStringLiteral("eyJ9fQ==");
        QTest::newRow("prev and next") << QByteArray(
            R"(<https://h/api/models?cursor=p>; rel="prev", <https://h/api/models?cursor=n>; rel="next")")
                                       << QStringLiteral("n");
        QTest::newRow("unquoted rel") << QByteArray("<https://h/x?cursor=abc>; rel=next") << QStringLiteral("abc");
        QTest::newRow("only prev") << QByteArray(R"(<https://h/x?cursor=abc>; rel="prev")") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void findsTheNextLinkAndItsCursor()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, cursor);
        QCOMPARE(HubJson::cursorOf(HubJson::nextLink(header)), cursor);
    }

    void splitsModelCardFrontMatter_data()
    {
        QTest::addColumn<QString>("readme");
        QTest::addColumn<QString>("frontMatter");
        QTest::addColumn<QString>("body");
        QTest::newRow("typical") << QStringLiteral("---\nlicense: mit\ntags:\n- gguf\n---\n\n# Title\nText\n")
                                 << QStringLiteral("license: mit\ntags:\n- gguf") << QStringLiteral("# Title\nText\n");
        QTest::newRow("crlf") << QStringLiteral("---\r\nlicense: mit\r\n---\r\nBody") << QStringLiteral("license: mit")
                              << QStringLiteral("Body");
        QTest::newRow("none") << QStringLiteral("# Just markdown\n---\nnot front matter\n") << QString()
                              << QStringLiteral("# Just markdown\n---\nnot front matter\n");
        QTest::newRow("empty block") << QStringLiteral("---\n---\nBody") << QString() << QStringLiteral("Body");
        QTest::newRow("dashes inside values")
            << QStringLiteral("---\na: x---y\n---\nB") << QStringLiteral("a: x---y") << QStringLiteral("B");
        QTest::newRow("unterminated") << QStringLiteral("---\nlicense: mit\n") << QString()
                                      << QStringLiteral("---\nlicense: mit\n");
    }
    void splitsModelCardFrontMatter()
    {
        QFETCH(QString, readme);
        QFETCH(QString, frontMatter);
        QFETCH(QString, body);
        const HubModelCard card = HubJson::splitModelCard(readme);
        QCOMPARE(card.frontMatter, frontMatter);
        QCOMPARE(card.body, body);
    }

    void normalizesEtags()
    {
        QCOMPARE(HubJson::normalizeEtag(R"(W/"abc")"), QStringLiteral("abc"));
        QCOMPARE(HubJson::normalizeEtag(R"("abc")"), QStringLiteral("abc"));
        QCOMPARE(HubJson::normalizeEtag("abc"), QStringLiteral("abc"));
    }

    void gatedValuesRoundTrip()
    {
        QCOMPARE(HubJson::gatedJson(HubGated::No), QJsonValue(false));
        QCOMPARE(HubJson::gatedJson(HubGated::Auto), QJsonValue(QStringLiteral("auto")));
        QCOMPARE(HubJson::parseGated(QJsonValue(true)), HubGated::Manual);
        QCOMPARE(HubJson::parseGated(QJsonValue(QStringLiteral("manual"))), HubGated::Manual);
        QCOMPARE(HubJson::parseGated(QJsonValue()), HubGated::No);
    }

    void readsRetryAfterAndRateLimit()
    {
        QCOMPARE(HubErrors::retryAfterMs("3", {}), 3000);
        QCOMPARE(HubErrors::retryAfterMs("0.5", {}), 500);
        QCOMPARE(HubErrors::retryAfterMs({}, R"("api";r=0;t=55)"), 56000); // t + 1 s once the window is used up
        QCOMPARE(HubErrors::retryAfterMs({}, R"("api";r=12;t=55)"), -1);
        QCOMPARE(HubErrors::retryAfterMs({}, {}), -1);
        const QByteArray date =
            QLocale::c()
                .toString(QDateTime::currentDateTimeUtc().addSecs(30), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
                .toLatin1()
            + " GMT";
        const qint64 fromDate = HubErrors::retryAfterMs(date, {});
        QVERIFY2(fromDate > 28000 && fromDate <= 30000, QByteArray::number(fromDate));
    }

    void backoffGrowsWithJitterAndCap()
    {
        for (int attempt = 1; attempt <= 6; ++attempt) {
            const qint64 full = std::min<qint64>(100LL << (attempt - 1), 1000);
            const qint64 delay = HubErrors::backoffMs(attempt, 100, 1000);
            QVERIFY2(delay >= full / 2 && delay <= full, QByteArray::number(delay));
        }
    }

    void mapsHubErrorsToPlainMessages()
    {
        HubErrorContext context {QStringLiteral("org/gated"),
            {},
            QStringLiteral("main"),
            false,
            QUrl(QStringLiteral("https://huggingface.co/org/gated")),
            QStringLiteral("huggingface.co")};
        const AppError gated =
            HubErrors::fromReply(401, "GatedRepo", "restricted", QNetworkReply::NoError, {}, context);
        QCOMPARE(gated.kind, AppError::Kind::Unauthorized);
        QVERIFY(gated.message.contains(QLatin1String("https://huggingface.co/org/gated")));
        QVERIFY(gated.message.contains(QLatin1String("HF_TOKEN")));
        const AppError ambiguous = HubErrors::fromReply(401, {}, {}, QNetworkReply::NoError, {}, context);
        QVERIFY(ambiguous.message.contains(QLatin1String("not found, or it is private or gated")));
        context.hasToken = true;
        const AppError forbidden = HubErrors::fromReply(403, "GatedRepo", {}, QNetworkReply::NoError, {}, context);
        QVERIFY(forbidden.message.contains(QLatin1String("no access")));
        const AppError notFound = HubErrors::fromReply(404, "RepoNotFound", {}, QNetworkReply::NoError, {}, context);
        QCOMPARE(notFound.kind, AppError::Kind::NotFound);
        QCOMPARE(
            HubErrors::fromReply(429, {}, {}, QNetworkReply::NoError, {}, context).kind, AppError::Kind::RateLimited);
        QCOMPARE(HubErrors::fromReply(503, {}, {}, QNetworkReply::NoError, {}, context).kind, AppError::Kind::Server);
        const AppError tls = HubErrors::fromReply(
            0, {}, {}, QNetworkReply::SslHandshakeFailedError, QStringLiteral("self-signed"), context);
        QVERIFY(tls.message.contains(QLatin1String("TLS")));
        QVERIFY(
            HubErrors::isRetryable(HubErrors::fromReply(0, {}, {}, QNetworkReply::RemoteHostClosedError, {}, context)));
        QVERIFY(!HubErrors::isRetryable(gated));
    }
};

QTEST_GUILESS_MAIN(TestHubJson)
#include "test_hub_json.moc"
