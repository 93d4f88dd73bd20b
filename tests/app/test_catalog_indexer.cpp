// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The indexer on fabricated model stores in a temporary folder: a Hugging Face cache, LM Studio, GPT4All, Ollama
// and a user folder, with tiny GGUF files written by the engine's GgufWriter (and a shared test model linked in).
// Rescans notice changed and removed files.

#include <QTemporaryDir>
#include <QTest>

#include "catalog/catalog_indexer.h"
#include "catalog/catalog_store.h"
#include "test_catalog_fixtures.h"

using namespace CatalogFixtures;

namespace
{

const CatalogFile *fileNamed(const CatalogModel &model, const QString &path)
{
    for (const CatalogFile &file : model.files) {
        if (file.path == path)
            return &file;
    }
    return nullptr;
}

} // namespace

class TestCatalogIndexer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CatalogStore> m_store;

    QString path(const QString &relative) const
    {
        return m_dir->filePath(relative);
    }

    IndexerRoots roots() const
    {
        IndexerRoots r;
        r.hubCache = path(QStringLiteral("hf/hub"));
        r.lmStudioDirs = {path(QStringLiteral("lmstudio/models"))};
        r.gpt4AllDirs = {path(QStringLiteral("gpt4all"))};
        r.ollamaDirs = {path(QStringLiteral("ollama/models"))};
        return r;
    }

    CatalogModel onlyModel(const QString &repoId)
    {
        auto models = m_store->findModels(repoId);
        if (!models || models->size() != 1)
            return {};
        return models->first();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<CatalogStore>(path(QStringLiteral("catalog.sqlite")));
        QVERIFY(m_store->open());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void indexesTheHuggingFaceCache()
    {
        const QByteArray gguf = tinyGguf();
        const QByteArray readme("# tiny\n");
        const QString commit = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
        addHfSnapshot(path(QStringLiteral("hf/hub")),
            QStringLiteral("org/tiny-GGUF"),
            commit,
            {{QStringLiteral("tiny.Q4_K_M.gguf"), gguf}, {QStringLiteral("README.md"), readme}});
        // A repository without GGUF files (a transformers checkpoint) is not Atrium's business.
        addHfSnapshot(path(QStringLiteral("hf/hub")),
            QStringLiteral("org/bert"),
            commit,
            {{QStringLiteral("config.json"), QByteArray("{}")}});

        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.indexHubCache();
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->modelsSeen, 1);
        QCOMPARE(report->filesAdded, 2);
        QVERIFY2(report->warnings.isEmpty(), qPrintable(report->warnings.join(u'\n')));
        QVERIFY(m_store->findModels(QStringLiteral("org/bert"))->isEmpty());

        const CatalogModel model = onlyModel(QStringLiteral("org/tiny-GGUF"));
        QCOMPARE(model.source, ModelSource::HfCache);
        QCOMPARE(model.revision, commit);
        QCOMPARE(model.rootPath, path(QStringLiteral("hf/hub")));
        const CatalogFile *file = fileNamed(model, QStringLiteral("tiny.Q4_K_M.gguf"));
        QVERIFY(file);
        QCOMPARE(file->format, QStringLiteral("gguf"));
        QCOMPARE(file->sizeBytes, qint64(gguf.size()));
        QCOMPARE(file->sha256, sha256Hex(gguf)); // the LFS blob is named by its sha256
        QCOMPARE(file->revision, commit);
        QVERIFY(file->localPath.contains(QStringLiteral("/snapshots/") + commit + QStringLiteral("/")));
        QVERIFY(file->blobPath.endsWith(QStringLiteral("/blobs/") + sha256Hex(gguf)));
        QCOMPARE(file->architecture, QStringLiteral("llama"));
        QCOMPARE(file->contextLength, qint64(256));
        QCOMPARE(file->parameterCount, tinyParameterCount());
        QVERIFY(file->hasChatTemplate);
        QCOMPARE(file->quantization, QStringLiteral("Q4_K_M")); // general.file_type 15
        QVERIFY(!file->downloadedByAtrium);

        const CatalogFile *card = fileNamed(model, QStringLiteral("README.md"));
        QVERIFY(card);
        QCOMPARE(card->format, QStringLiteral("md"));
        QVERIFY(card->architecture.isEmpty());

        // A second pass reads nothing again.
        auto again = indexer.indexHubCache();
        QVERIFY(again);
        QCOMPARE(again->filesUnchanged, 2);
        QCOMPARE(again->filesAdded + again->filesUpdated + again->filesRemoved, 0);
    }

    void quantizationFallsBackToTheMajorityTensorType()
    {
        TinyGguf spec;
        spec.fileType.reset();
        spec.chatTemplate = false;
        spec.matrixType = atrium::TensorType::Q8_0;
        spec.architecture = "qwen2";
        spec.contextLength = 32768;
        const QString folder = path(QStringLiteral("loose"));
        QVERIFY(writeFile(folder + QStringLiteral("/qwen-tiny.gguf"), tinyGguf(spec)));
        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.indexFolder(folder, ModelSource::Folder);
        QVERIFY2(report, failureText(report).constData());
        const CatalogModel model = onlyModel(QStringLiteral("qwen-tiny"));
        QCOMPARE(model.source, ModelSource::Folder);
        QCOMPARE(model.files.size(), 1);
        QCOMPARE(model.files.first().quantization, QStringLiteral("Q8_0"));
        QCOMPARE(model.files.first().architecture, QStringLiteral("qwen2"));
        QCOMPARE(model.files.first().contextLength, qint64(32768));
        QVERIFY(!model.files.first().hasChatTemplate);
    }

    void indexesLmStudioGpt4AllAndFolders()
    {
        QVERIFY(
            writeFile(path(QStringLiteral("lmstudio/models/lmstudio-community/Tiny-GGUF/tiny-Q8_0.gguf")), tinyGguf()));
        QVERIFY(writeFile(path(QStringLiteral("lmstudio/models/lmstudio-community/Tiny-GGUF/tiny-F16.gguf")),
            tinyGguf({.fileType = 1, .matrixType = atrium::TensorType::F16})));
        QVERIFY(writeFile(path(QStringLiteral("lmstudio/models/lmstudio-community/Tiny-GGUF/notes.txt")), "x"));
        QVERIFY(writeFile(path(QStringLiteral("gpt4all/tiny-chat.Q8_0.gguf")), tinyGguf({.fileType = 7})));
        const QString folder = path(QStringLiteral("my models"));
        QVERIFY(writeFile(folder + QStringLiteral("/family/v2/deep/model.gguf"), tinyGguf()));
        QVERIFY(writeFile(folder + QStringLiteral("/solo.gguf"), tinyGguf()));
        QVERIFY(m_store->addUserFolder(folder));

        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.rescanAll();
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->filesAdded, 5); // notes.txt is not a model file

        const CatalogModel lms = onlyModel(QStringLiteral("lmstudio-community/Tiny-GGUF"));
        QCOMPARE(lms.source, ModelSource::LmStudio);
        QCOMPARE(lms.files.size(), 2);
        QCOMPARE(fileNamed(lms, QStringLiteral("tiny-F16.gguf"))->quantization, QStringLiteral("F16"));
        const CatalogModel gpt = onlyModel(QStringLiteral("tiny-chat.Q8_0"));
        QCOMPARE(gpt.source, ModelSource::Gpt4All);
        QCOMPARE(gpt.files.first().quantization, QStringLiteral("Q8_0"));
        const CatalogModel deep = onlyModel(QStringLiteral("family/v2"));
        QCOMPARE(deep.source, ModelSource::Folder);
        QCOMPARE(deep.files.first().path, QStringLiteral("deep/model.gguf"));
        QCOMPARE(onlyModel(QStringLiteral("solo")).rootPath, folder);
        // Referenced in place: the catalog points into the user's folders.
        QVERIFY(deep.files.first().localPath.startsWith(folder + QLatin1Char('/')));
    }

    void indexesOllamaBlobsInPlace()
    {
        const QString root = path(QStringLiteral("ollama/models"));
        const QByteArray gguf = tinyGguf({.fileType = 2});
        const QString blob =
            addOllamaModel(root, QStringLiteral("library"), QStringLiteral("tiny"), QStringLiteral("latest"), gguf);
        addOllamaModel(root, QStringLiteral("someone"), QStringLiteral("tiny"), QStringLiteral("q4"), gguf);
        QVERIFY(writeFile(root + QStringLiteral("/manifests/registry.ollama.ai/library/broken/latest"), "{oops"));

        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.indexOllama(root);
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->modelsSeen, 2);
        QCOMPARE(report->warnings.size(), 1); // the broken manifest, and the scan went on
        const CatalogModel model = onlyModel(QStringLiteral("tiny:latest"));
        QCOMPARE(model.source, ModelSource::Ollama);
        QCOMPARE(model.files.size(), 1);
        const CatalogFile &file = model.files.first();
        QCOMPARE(file.localPath, blob);
        QCOMPARE(file.sha256, sha256Hex(gguf));
        QCOMPARE(file.format, QStringLiteral("gguf")); // no extension: recognised by its magic
        QCOMPARE(file.quantization, QStringLiteral("Q4_0"));
        QCOMPARE(onlyModel(QStringLiteral("someone/tiny:q4")).files.size(), 1);
        // Two tags share one blob: the disk holds it once.
        QCOMPARE(m_store->totalDiskBytes().value(), qint64(gguf.size()));
    }

    void rescanNoticesChangedAndRemovedFiles()
    {
        const QString folder = path(QStringLiteral("lmstudio/models"));
        const QString keep = folder + QStringLiteral("/pub/repo/keep.gguf");
        const QString change = folder + QStringLiteral("/pub/repo/change.gguf");
        const QString remove = folder + QStringLiteral("/pub/gone/remove.gguf");
        QVERIFY(writeFile(keep, tinyGguf()));
        QVERIFY(writeFile(change, tinyGguf()));
        QVERIFY(writeFile(remove, tinyGguf()));
        CatalogIndexer indexer(*m_store, roots());
        QCOMPARE(indexer.rescanAll().value().filesAdded, 3);

        TinyGguf bigger;
        bigger.architecture = "gemma";
        bigger.rows = 12;
        QVERIFY(writeFile(change, tinyGguf(bigger)));
        QVERIFY(QFile::remove(remove));
        auto report = indexer.rescanAll();
        QVERIFY2(report, failureText(report).constData());
        QCOMPARE(report->filesUnchanged, 1);
        QCOMPARE(report->filesUpdated, 1);
        QCOMPARE(report->filesRemoved, 1);
        QCOMPARE(report->modelsRemoved, 1); // pub/gone has no files left

        const CatalogModel model = onlyModel(QStringLiteral("pub/repo"));
        const CatalogFile *changed = fileNamed(model, QStringLiteral("change.gguf"));
        QVERIFY(changed);
        QCOMPARE(changed->architecture, QStringLiteral("gemma"));
        QCOMPARE(changed->parameterCount, tinyParameterCount(bigger));
        QCOMPARE(changed->sizeBytes, QFileInfo(change).size());
        QVERIFY(m_store->findModels(QStringLiteral("pub/gone"))->isEmpty());

        // The same size with a new mtime is a change too.
        const QDateTime later = QFileInfo(keep).lastModified().addSecs(60);
        QFile keepFile(keep);
        QVERIFY(keepFile.open(QIODevice::ReadWrite));
        QVERIFY(keepFile.setFileTime(later, QFileDevice::FileModificationTime));
        keepFile.close();
        QCOMPARE(indexer.rescanAll().value().filesUpdated, 1);
    }

    void rescanForgetsAVanishedHubSnapshot()
    {
        const QString cache = path(QStringLiteral("hf/hub"));
        const QStringList links = addHfSnapshot(
            cache, QStringLiteral("org/x"), QStringLiteral("c1"), {{QStringLiteral("x.gguf"), tinyGguf()}});
        CatalogIndexer indexer(*m_store, roots());
        QVERIFY(indexer.indexHubCache());
        QCOMPARE(onlyModel(QStringLiteral("org/x")).files.size(), 1);
        QVERIFY(QDir(cache + QStringLiteral("/models--org--x")).removeRecursively()); // another tool deleted it
        auto report = indexer.indexHubCache();
        QVERIFY(report);
        QCOMPARE(report->modelsRemoved, 1);
        QVERIFY(m_store->listModels()->isEmpty());
    }

    void keepsAModelWhoseDownloadIsUnderWay()
    {
        // pull records the model and a download row before the first file is complete.
        CatalogModel model;
        model.repoId = QStringLiteral("org/pulling");
        model.source = ModelSource::Hub;
        model.rootPath = path(QStringLiteral("hf/hub"));
        QVERIFY(m_store->upsertModel(model));
        CatalogDownload download;
        download.repoId = model.repoId;
        download.path = QStringLiteral("big.gguf");
        download.state = DownloadState::Running;
        const qint64 downloadId = m_store->upsertDownload(download).value();
        QVERIFY(QDir().mkpath(path(QStringLiteral("hf/hub/models--org--pulling/blobs"))));

        CatalogIndexer indexer(*m_store, roots());
        QVERIFY(indexer.rescanAll());
        QCOMPARE(m_store->findModels(model.repoId)->size(), 1);

        QVERIFY(m_store->setDownloadState(downloadId, DownloadState::Cancelled));
        QVERIFY(indexer.rescanAll());
        QVERIFY(m_store->findModels(model.repoId)->isEmpty());
    }

    void unreadableGgufIsListedWithAWarning()
    {
        const QString folder = path(QStringLiteral("gpt4all"));
        QVERIFY(writeFile(folder + QStringLiteral("/truncated.gguf"), tinyGguf().left(40)));
        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.indexFolder(folder, ModelSource::Gpt4All);
        QVERIFY(report);
        QCOMPARE(report->warnings.size(), 1);
        QVERIFY(report->warnings.first().contains(QStringLiteral("truncated.gguf")));
        const CatalogModel model = onlyModel(QStringLiteral("truncated"));
        QCOMPARE(model.files.size(), 1);
        QCOMPARE(model.files.first().format, QStringLiteral("gguf"));
        QVERIFY(model.files.first().architecture.isEmpty());
    }

    void readsARealModelLinkedFromTheSharedFolder()
    {
        const QString shared = QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K.gguf");
        if (!QFileInfo::exists(shared))
            QSKIP("shared test model not present");
        const QString folder = path(QStringLiteral("linked"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::link(shared, folder + QStringLiteral("/stories260K.gguf")));
        CatalogIndexer indexer(*m_store, roots());
        auto report = indexer.indexFolder(folder, ModelSource::Folder);
        QVERIFY2(report && report->warnings.isEmpty(), "indexing the shared model failed");
        const CatalogFile file = onlyModel(QStringLiteral("stories260K")).files.value(0);
        QCOMPARE(file.architecture, QStringLiteral("llama"));
        QCOMPARE(file.sizeBytes, QFileInfo(shared).size()); // the link's target, not the link
        QCOMPARE(file.blobPath, QFileInfo(shared).canonicalFilePath());
        // stories260K: 260K parameters give or take the embeddings.
        QVERIFY2(file.parameterCount > 200'000 && file.parameterCount < 400'000,
            qPrintable(QString::number(file.parameterCount)));
        QVERIFY(file.contextLength > 0);
    }
};

QTEST_GUILESS_MAIN(TestCatalogIndexer)
#include "test_catalog_indexer.moc"
