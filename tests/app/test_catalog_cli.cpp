// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// atrium-cli list / rm end to end: the built executable, run with ATRIUM_HOME, HF_HOME and HOME in temporary
// folders, on a Hugging Face cache holding one repository from another tool and one Atrium pulled.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "catalog/catalog_indexer.h"
#include "catalog/catalog_store.h"
#include "test_catalog_fixtures.h"

using namespace CatalogFixtures;

namespace
{

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCatalogCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cache;

    CliResult cli(const QStringList &args)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ATRIUM_HOME"), m_dir.filePath(QStringLiteral("atrium")));
        env.insert(QStringLiteral("HF_HOME"), m_dir.filePath(QStringLiteral("hf")));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))); // no real LM Studio, GPT4All
        env.insert(QStringLiteral("OLLAMA_MODELS"), m_dir.filePath(QStringLiteral("home/ollama")));
        env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));
        env.remove(QStringLiteral("HF_HUB_CACHE"));
        env.remove(QStringLiteral("XDG_DATA_HOME"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(ATRIUM_BINARY_DIR "/app/atrium-cli"), args);
        CliResult result;
        if (!process.waitForFinished(60000))
            return result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    QJsonObject modelNamed(const QJsonObject &list, const QString &id)
    {
        for (const QJsonValue &model : list.value(QStringLiteral("models")).toArray()) {
            if (model.toObject().value(QStringLiteral("id")).toString() == id)
                return model.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(ATRIUM_BINARY_DIR "/app/atrium-cli")));
        m_cache = m_dir.filePath(QStringLiteral("hf/hub"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
    }

    void listShowsModelsOtherToolsDownloaded()
    {
        const QByteArray gguf = tinyGguf();
        addHfSnapshot(m_cache,
            QStringLiteral("other/tool-GGUF"),
            QStringLiteral("abcd"),
            {{QStringLiteral("m.Q4_K_M.gguf"), gguf}});
        const CliResult run = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(doc.isObject(), qPrintable(error.errorString() + QString::fromUtf8(run.out)));
        const QJsonObject model = modelNamed(doc.object(), QStringLiteral("other/tool-GGUF"));
        QCOMPARE(model.value(QStringLiteral("source")).toString(), QStringLiteral("hf-cache"));
        QCOMPARE(model.value(QStringLiteral("revision")).toString(), QStringLiteral("abcd"));
        QCOMPARE(model.value(QStringLiteral("size")).toInteger(), qint64(gguf.size()));
        const QJsonObject file = model.value(QStringLiteral("files")).toArray().first().toObject();
        QCOMPARE(file.value(QStringLiteral("path")).toString(), QStringLiteral("m.Q4_K_M.gguf"));
        QCOMPARE(file.value(QStringLiteral("quantization")).toString(), QStringLiteral("Q4_K_M"));
        QCOMPARE(file.value(QStringLiteral("architecture")).toString(), QStringLiteral("llama"));
        QCOMPARE(file.value(QStringLiteral("sha256")).toString(), sha256Hex(gguf));
        QCOMPARE(file.value(QStringLiteral("downloaded_by_atrium")).toBool(), false);
        QCOMPARE(doc.object().value(QStringLiteral("total_size")).toInteger(), qint64(gguf.size()));
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("atrium/catalog.sqlite"))));

        const CliResult human = cli({QStringLiteral("list")});
        QCOMPARE(human.exitCode, 0);
        QVERIFY(human.out.contains("other/tool-GGUF"));
        QVERIFY(human.out.contains("Q4_K_M"));
    }

    void rmAsksBeforeDeletingAnotherToolsFiles()
    {
        const QString repoDir = m_cache + QStringLiteral("/models--other--tool-GGUF");
        QVERIFY(QFileInfo::exists(repoDir));
        const CliResult refused = cli({QStringLiteral("rm"), QStringLiteral("other/tool-GGUF")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.startsWith("error: ") && refused.err.contains("--yes"), refused.err.constData());
        QVERIFY(refused.out.isEmpty());
        QVERIFY(QFileInfo::exists(repoDir));

        const CliResult removed = cli({QStringLiteral("rm"),
            QStringLiteral("other/tool-GGUF/m.Q4_K_M.gguf"),
            QStringLiteral("--yes"),
            QStringLiteral("--json")});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(removed.out).object();
        QCOMPARE(doc.value(QStringLiteral("repo")).toString(), QStringLiteral("other/tool-GGUF"));
        QCOMPARE(doc.value(QStringLiteral("removed")).toArray().size(), 1);
        QVERIFY(doc.value(QStringLiteral("freed_bytes")).toInteger() > 0);
        QVERIFY(!QFileInfo::exists(repoDir));

        const CliResult list = cli({QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(modelNamed(QJsonDocument::fromJson(list.out).object(), QStringLiteral("other/tool-GGUF")).isEmpty());
    }

    void rmDeletesWhatAtriumPulledWithoutAsking()
    {
        const QStringList links = addHfSnapshot(
            m_cache, QStringLiteral("mine/pulled"), QStringLiteral("ffff"), {{QStringLiteral("p.gguf"), tinyGguf()}});
        {
            // What `pull` leaves in the catalog.
            CatalogStore store(m_dir.filePath(QStringLiteral("atrium/catalog.sqlite")));
            QVERIFY(store.open());
            CatalogModel model;
            model.repoId = QStringLiteral("mine/pulled");
            model.source = ModelSource::Hub;
            model.rootPath = m_cache;
            const qint64 id = store.upsertModel(model).value();
            CatalogFile file = CatalogIndexer::describeFile(links.first());
            file.modelId = id;
            file.path = QStringLiteral("p.gguf");
            file.downloadedByAtrium = true;
            QVERIFY(store.upsertFile(file));
        }
        const CliResult removed = cli({QStringLiteral("rm"), QStringLiteral("mine/pulled")});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        QVERIFY(removed.out.contains("removed mine/pulled/p.gguf"));
        QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("/models--mine--pulled")));
    }

    void rmOfAnUnknownModelFails()
    {
        const CliResult run = cli({QStringLiteral("rm"), QStringLiteral("nobody/nothing"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("not in the catalog"), run.err.constData());
        QCOMPARE(cli({QStringLiteral("list"), QStringLiteral("--bogus")}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCatalogCli)
#include "test_catalog_cli.moc"
