// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// `atrium-cli search / show / pull` end to end against the loopback test hub (HF_ENDPOINT): the JSON shapes of
// cli-contract.md, progress on stderr, catalog records, a pull killed mid-transfer that finishes on the next run
// with a Range request, gated repositories, hostile names and offline mode.

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "catalog/catalog_store.h"
#include "download/stream_hasher.h"
#include "hub/hub_paths.h"
#include "hub/test_hub_server.h"

namespace
{

const QString kStories = QStringLiteral("atrium-test/stories260K-GGUF");

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const
    {
        return QJsonDocument::fromJson(out).object();
    }
};

} // namespace

class TestCliHub : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;
    std::unique_ptr<QTemporaryDir> m_home;

    QString cli() const
    {
        return QStringLiteral(ATRIUM_BINARY_DIR "/app/atrium-cli");
    }

    QProcessEnvironment environment(const QString &token = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
            {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_CACHE", "HF_HUB_OFFLINE", "HF_TOKEN_PATH"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("HF_ENDPOINT"), m_hub.endpoint().toString());
        env.insert(QStringLiteral("HF_HOME"), m_home->filePath(QStringLiteral("hf")));
        env.insert(QStringLiteral("ATRIUM_HOME"), m_home->filePath(QStringLiteral("atrium")));
        env.insert(QStringLiteral("ATRIUM_NO_KEYCHAIN"), QStringLiteral("1"));
        if (!token.isEmpty())
            env.insert(QStringLiteral("HF_TOKEN"), token);
        return env;
    }

    CliRun run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 30000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(cli(), args);
        CliRun result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    CliRun run(const QStringList &args)
    {
        return run(args, environment());
    }

    QString repoDir(const QString &repo) const
    {
        return m_home->filePath(QStringLiteral("hf/hub/")) + HubPaths::repoFolderName(repo);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is not available to run the test hub");
        QVERIFY2(QFileInfo(cli()).isExecutable(), "atrium-cli is not built");
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void init()
    {
        QVERIFY(m_hub.reset());
        m_home = std::make_unique<QTemporaryDir>();
    }

    void searchPrintsTheContractShapeAndPages()
    {
        const CliRun first = run({QStringLiteral("search"),
            QStringLiteral("pager"),
            QStringLiteral("--library"),
            QStringLiteral("gguf"),
            QStringLiteral("--sort"),
            QStringLiteral("downloads"),
            QStringLiteral("--limit"),
            QStringLiteral("4"),
            QStringLiteral("--json")});
        QCOMPARE(first.exitCode, 0);
        const QJsonObject page = first.json();
        const QJsonArray models = page.value(QLatin1String("models")).toArray();
        QCOMPARE(models.size(), 4);
        for (const QJsonValue &value : models) {
            const QJsonObject model = value.toObject();
            QVERIFY(model.value(QLatin1String("id")).isString());
            QVERIFY(model.value(QLatin1String("downloads")).isDouble());
            QVERIFY(model.value(QLatin1String("likes")).isDouble());
            QVERIFY(model.value(QLatin1String("last_modified")).isString());
            QVERIFY(model.value(QLatin1String("pipeline_tag")).isString());
            QVERIFY(model.value(QLatin1String("tags")).toArray().contains(QStringLiteral("gguf")));
            QCOMPARE(model.value(QLatin1String("gated")), QJsonValue(false));
        }
        QCOMPARE(
            models.first().toObject().value(QLatin1String("id")).toString(), QStringLiteral("atrium-test/pager-00"));
        const QString cursor = page.value(QLatin1String("next")).toString();
        QVERIFY(!cursor.isEmpty());
        const CliRun second = run({QStringLiteral("search"),
            QStringLiteral("pager"),
            QStringLiteral("--library"),
            QStringLiteral("gguf"),
            QStringLiteral("--sort"),
            QStringLiteral("downloads"),
            QStringLiteral("--limit"),
            QStringLiteral("4"),
            QStringLiteral("--cursor"),
            cursor,
            QStringLiteral("--json")});
        QCOMPARE(second.exitCode, 0);
        const QJsonArray rest = second.json().value(QLatin1String("models")).toArray();
        QCOMPARE(rest.size(), 2);
        QCOMPARE(rest.first().toObject().value(QLatin1String("id")).toString(), QStringLiteral("atrium-test/pager-08"));
        QVERIFY(second.json().value(QLatin1String("next")).isNull());
        QVERIFY(second.err.isEmpty() || !second.err.contains("error"));
    }

    void showPrintsFilesLicenceAndCard()
    {
        const CliRun show =
            run({QStringLiteral("show"), QStringLiteral("atrium-test/gated-GGUF"), QStringLiteral("--json")});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject repo = show.json();
        QCOMPARE(repo.value(QLatin1String("id")).toString(), QStringLiteral("atrium-test/gated-GGUF"));
        QCOMPARE(repo.value(QLatin1String("gated")).toString(), QStringLiteral("manual"));
        QCOMPARE(repo.value(QLatin1String("license")).toString(), QStringLiteral("other"));
        QVERIFY(repo.value(QLatin1String("gated_prompt")).toString().contains(QLatin1String("testing only")));
        QVERIFY(HubPaths::isCommitHash(repo.value(QLatin1String("revision")).toString()));
        QCOMPARE(repo.value(QLatin1String("gguf")).toObject().value(QLatin1String("architecture")).toString(),
            QStringLiteral("llama"));
        bool found = false;
        for (const QJsonValue &value : repo.value(QLatin1String("files")).toArray()) {
            const QJsonObject file = value.toObject();
            if (file.value(QLatin1String("path")).toString() == QLatin1String("stories260K-Q5_0mix.gguf")) {
                found = true;
                QCOMPARE(file.value(QLatin1String("size")).toInteger(), 304096);
                QCOMPARE(file.value(QLatin1String("sha256")).toString(),
                    QStringLiteral("7f61512f1889080c73b2afd3ac7fdfe55a368e83570b20e5019829adfa734a2a"));
            }
        }
        QVERIFY(found);
        // Every file of a gated repository needs a token, README.md included: without one the card is null.
        QVERIFY(repo.value(QLatin1String("card")).isNull());
        const CliRun withToken =
            run({QStringLiteral("show"), QStringLiteral("atrium-test/gated-GGUF"), QStringLiteral("--json")},
                environment(TestHubServer::token()));
        QCOMPARE(withToken.exitCode, 0);
        QVERIFY(withToken.json().value(QLatin1String("card")).toString().startsWith(QLatin1String("# Gated")));
        const CliRun human = run({QStringLiteral("show"), kStories});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("stories260K.gguf"));
        QVERIFY(human.out.contains("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d"));
    }

    void pullDownloadsVerifiesAndRecordsInTheCatalog()
    {
        const CliRun pull = run({QStringLiteral("pull"),
            kStories,
            QStringLiteral("--quant"),
            QStringLiteral("Q8_0"),
            QStringLiteral("--json")});
        QVERIFY2(pull.exitCode == 0, pull.err.constData());
        QVERIFY(pull.err.contains("pull:")); // progress goes to stderr
        const QJsonObject json = pull.json();
        QCOMPARE(json.value(QLatin1String("repo")).toString(), kStories);
        const QString commit = json.value(QLatin1String("revision")).toString();
        QVERIFY(HubPaths::isCommitHash(commit));
        const QJsonArray files = json.value(QLatin1String("files")).toArray();
        QCOMPARE(files.size(), 1);
        const QJsonObject file = files.first().toObject();
        const QString sha = QStringLiteral("f8542a11e1e891e308fbba0869dad12ead18bfefc83975b51438c8984ae2691a");
        QCOMPARE(file.value(QLatin1String("path")).toString(), QStringLiteral("stories260K-pad256-Q8_0.gguf"));
        QCOMPARE(file.value(QLatin1String("size")).toInteger(), 2392960);
        QCOMPARE(file.value(QLatin1String("sha256")).toString(), sha);
        const QString local = file.value(QLatin1String("local_path")).toString();
        QCOMPARE(local,
            repoDir(kStories) + QStringLiteral("/snapshots/") + commit
                + QStringLiteral("/stories260K-pad256-Q8_0.gguf"));
        QVERIFY(QFileInfo(local).isSymLink());
        QCOMPARE(StreamHasher::hashFile(local).sha256, sha);

        CatalogStore catalog(m_home->filePath(QStringLiteral("atrium/catalog.sqlite")));
        QVERIFY(catalog.open());
        const auto models = catalog.findModels(kStories);
        QVERIFY(models);
        QCOMPARE(models->size(), 1);
        const CatalogModel &model = models->first();
        QCOMPARE(model.source, ModelSource::Hub);
        QCOMPARE(model.revision, commit);
        QCOMPARE(model.license, QStringLiteral("mit"));
        QVERIFY(model.cardText.contains(QLatin1String("stories260K GGUF")));
        QCOMPARE(model.files.size(), 1);
        QCOMPARE(model.files.first().sha256, sha);
        QCOMPARE(model.files.first().localPath, local);
        QVERIFY(model.files.first().downloadedByAtrium);
        QCOMPARE(model.files.first().quantization, QStringLiteral("Q8_0"));
        const auto download = catalog.findDownload(kStories, commit, QStringLiteral("stories260K-pad256-Q8_0.gguf"));
        QVERIFY(download && download->has_value());
        QCOMPARE(download->value().state, DownloadState::Completed);
        QCOMPARE(download->value().bytesDone, 2392960);

        // Pulling again transfers nothing.
        QVERIFY(m_hub.reset());
        const CliRun again = run({QStringLiteral("pull"),
            kStories,
            QStringLiteral("--quant"),
            QStringLiteral("Q8_0"),
            QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("cdn"), QStringLiteral("/blobs/")).size(), 0);
    }

    void pullKilledMidTransferFinishesOnTheNextRun()
    {
        QVERIFY(m_hub.setFaults(QJsonArray {QJsonObject {{QStringLiteral("port"), QStringLiteral("cdn")},
            {QStringLiteral("kind"), QStringLiteral("slow")},
            {QStringLiteral("rate"), 400000}}}));
        const QString sha = QStringLiteral("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");
        const QString partial = repoDir(kStories) + QStringLiteral("/blobs/") + sha + QStringLiteral(".incomplete");
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(cli(),
            {QStringLiteral("pull"),
                kStories,
                QStringLiteral("--file"),
                QStringLiteral("stories260K.gguf"),
                QStringLiteral("--json")});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partial).size() > 200000, 10000);
        process.kill(); // no chance to clean up: what is on disk is all the next run has
        QVERIFY(process.waitForFinished(5000));
        const qint64 kept = QFileInfo(partial).size();
        QVERIFY(kept > 200000 && kept < 1185376);

        QVERIFY(m_hub.reset());
        const CliRun resumed = run({QStringLiteral("pull"),
            kStories,
            QStringLiteral("--file"),
            QStringLiteral("stories260K.gguf"),
            QStringLiteral("--json")});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QList<QJsonObject> gets = m_hub.requestsFor(QStringLiteral("cdn"), QStringLiteral("/blobs/"));
        QCOMPARE(gets.size(), 1);
        QCOMPARE(gets.first().value(QLatin1String("range")).toString(), QStringLiteral("bytes=%1-").arg(kept));
        QCOMPARE(gets.first().value(QLatin1String("bytes")).toInteger(), 1185376 - kept);
        const QJsonObject file = resumed.json().value(QLatin1String("files")).toArray().first().toObject();
        QCOMPARE(file.value(QLatin1String("resumed_from")).toInteger(), kept);
        QCOMPARE(StreamHasher::hashFile(file.value(QLatin1String("local_path")).toString()).sha256, sha);
        QVERIFY(!QFileInfo::exists(partial));
    }

    void gatedPullExplainsWhatToDoAndWorksWithAToken()
    {
        const QStringList args {
            QStringLiteral("pull"), QStringLiteral("atrium-test/gated-GGUF"), QStringLiteral("--json")};
        const CliRun refused = run(args);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.isEmpty());
        QVERIFY2(refused.err.contains("accept its licence"), refused.err.constData());
        QVERIFY(refused.err.contains("HF_TOKEN"));
        QVERIFY(refused.err.startsWith("error: ") || refused.err.contains("\nerror: "));
        QVERIFY(m_hub.reset());
        const CliRun ok = run(args, environment(TestHubServer::token()));
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        for (const QJsonObject &request : m_hub.requestsFor(QStringLiteral("cdn"), QStringLiteral("/")))
            QVERIFY(request.value(QLatin1String("authorization")).isNull()); // the token never reaches the CDN
        for (const QJsonObject &request : m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/")))
            QCOMPARE(request.value(QLatin1String("authorization")).toString(),
                QStringLiteral("Bearer ") + TestHubServer::token());
    }

    void pullRefusesHostileNames()
    {
        const CliRun named = run({QStringLiteral("pull"),
            QStringLiteral("atrium-test/hostile-names"),
            QStringLiteral("--file"),
            QStringLiteral("../escape.gguf")});
        QCOMPARE(named.exitCode, 1);
        QVERIFY(named.err.contains("Refusing file name"));
        const CliRun chosen =
            run({QStringLiteral("pull"), QStringLiteral("atrium-test/hostile-names"), QStringLiteral("--json")});
        QVERIFY2(chosen.exitCode == 0, chosen.err.constData());
        const QJsonArray files = chosen.json().value(QLatin1String("files")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().toObject().value(QLatin1String("path")).toString(), QStringLiteral("ok.gguf"));
        QVERIFY(chosen.err.contains("refused a hostile file name"));
        QVERIFY(chosen.err.contains("bad?name.gguf"));
        QVERIFY(!QFileInfo::exists(m_home->filePath(QStringLiteral("hf/hub/escape.gguf"))));
    }

    void offlineModeFailsWithAClearMessage()
    {
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
        const CliRun offline =
            run({QStringLiteral("search"), QStringLiteral("stories"), QStringLiteral("--json")}, env);
        QCOMPARE(offline.exitCode, 1);
        QVERIFY(offline.err.contains("Offline mode"));
        QVERIFY(offline.out.isEmpty());
        QCOMPARE(m_hub.requests().size(), 0);
    }

    void usageErrorsExitWithTwo()
    {
        QCOMPARE(run({QStringLiteral("pull")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("search"), QStringLiteral("--sort"), QStringLiteral("stars")}).exitCode, 2);
        QCOMPARE(run({QStringLiteral("pull"),
                         kStories,
                         QStringLiteral("--file"),
                         QStringLiteral("a"),
                         QStringLiteral("--quant"),
                         QStringLiteral("Q")})
                     .exitCode,
            2);
    }

    void cleanupTestCase()
    {
        m_hub.stop();
    }
};

QTEST_GUILESS_MAIN(TestCliHub)
#include "test_cli_hub.moc"
