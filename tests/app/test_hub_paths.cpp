// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Names from the Hub are hostile input: every file name must stay a relative path inside its snapshot folder on
// every OS, and the cache layout must never write outside the cache (hub-api.md §7).

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "download/hf_cache_layout.h"
#include "hub/hub_config.h"
#include "hub/hub_paths.h"

namespace
{
/// The target text of a symbolic link, as stored (relative links stay relative).
QString linkText(const QString &path)
{
    char buffer[4096];
    const ssize_t n = ::readlink(QFile::encodeName(path).constData(), buffer, sizeof(buffer));
    return n < 0 ? QString() : QString::fromUtf8(buffer, static_cast<qsizetype>(n));
}
} // namespace

class TestHubPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesHostileFileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("parent") << QStringLiteral("../escape.gguf");
        QTest::newRow("nested parent") << QStringLiteral("dir/../../escape.gguf");
        QTest::newRow("trailing parent") << QStringLiteral("dir/..");
        QTest::newRow("dot segment") << QStringLiteral("./a.gguf");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::newRow("backslash") << QStringLiteral("a\\b.gguf");
        QTest::newRow("backslash traversal") << QStringLiteral("..\\..\\x.gguf");
        QTest::newRow("drive letter") << QStringLiteral("C:evil.gguf");
        QTest::newRow("drive path") << QStringLiteral("C:/Windows/evil.gguf");
        QTest::newRow("stream") << QStringLiteral("a.gguf:stream");
        QTest::newRow("CON") << QStringLiteral("CON");
        QTest::newRow("con with extension") << QStringLiteral("con.gguf");
        QTest::newRow("nul in folder") << QStringLiteral("sub/nul");
        QTest::newRow("COM1") << QStringLiteral("COM1.gguf");
        QTest::newRow("lpt9") << QStringLiteral("dir/lpt9.txt");
        QTest::newRow("AUX") << QStringLiteral("AUX");
        QTest::newRow("control char") << QStringLiteral("bad\x01name.gguf");
        QTest::newRow("newline") << QStringLiteral("a\nb.gguf");
        QTest::newRow("DEL") << QStringLiteral("a\x7f.gguf");
        QTest::newRow("empty") << QString();
        QTest::newRow("empty segment") << QStringLiteral("a//b.gguf");
        QTest::newRow("trailing slash") << QStringLiteral("dir/");
        QTest::newRow("trailing dot") << QStringLiteral("name.");
        QTest::newRow("trailing space") << QStringLiteral("name ");
        QTest::newRow("wildcard") << QStringLiteral("a*.gguf");
        QTest::newRow("too long") << QString(2000, QLatin1Char('a'));
    }
    void refusesHostileFileNames()
    {
        QFETCH(QString, name);
        const auto result = HubPaths::validateFilePath(name);
        QVERIFY2(!result, qPrintable(name));
        QCOMPARE(result.error().kind, AppError::Kind::InvalidInput);
        QVERIFY(!result.error().message.contains(QChar(0x01))); // the message never echoes control characters
    }

    void acceptsOrdinaryFileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("gguf") << QStringLiteral("Some-Model-8B-Q4_K_M.gguf");
        QTest::newRow("nested") << QStringLiteral("Q8_0/model-00001-of-00002.gguf");
        QTest::newRow("dots inside") << QStringLiteral("v1.5/model..gguf.part.gguf");
        QTest::newRow("console-like") << QStringLiteral("console.gguf");
        QTest::newRow("com10") << QStringLiteral("COM10.gguf");
        QTest::newRow("unicode") << QStringLiteral("modèle/模型.gguf");
        QTest::newRow("hidden") << QStringLiteral(".gitattributes");
    }
    void acceptsOrdinaryFileNames()
    {
        QFETCH(QString, name);
        QVERIFY2(HubPaths::validateFilePath(name), qPrintable(name));
    }

    void validatesRepoIdsAndRevisions()
    {
        QVERIFY(HubPaths::validateRepoId(QStringLiteral("atrium-test/stories260K-GGUF")));
        QVERIFY(HubPaths::validateRepoId(QStringLiteral("org/model.v1_2")));
        QVERIFY(!HubPaths::validateRepoId(QStringLiteral("noslash")));
        QVERIFY(!HubPaths::validateRepoId(QStringLiteral("a/b/c")));
        QVERIFY(!HubPaths::validateRepoId(QStringLiteral("../b")));
        QVERIFY(!HubPaths::validateRepoId(QStringLiteral("a/..")));
        QVERIFY(!HubPaths::validateRepoId(QStringLiteral("a/b c")));
        QVERIFY(HubPaths::validateRevision(QStringLiteral("main")));
        QVERIFY(HubPaths::validateRevision(QStringLiteral("refs/pr/1")));
        QVERIFY(!HubPaths::validateRevision(QStringLiteral("../main")));
        QVERIFY(!HubPaths::validateRevision(QStringLiteral("/abs")));
        QVERIFY(HubPaths::isCommitHash(QStringLiteral("0123456789abcdef0123456789abcdef01234567")));
        QVERIFY(!HubPaths::isCommitHash(QStringLiteral("main")));
        QCOMPARE(HubPaths::repoFolderName(QStringLiteral("org/name")), QStringLiteral("models--org--name"));
    }

    void snapshotPathsStayInsideTheCache()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        HfCacheLayout layout(dir.path());
        const QString commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        const auto ok = layout.snapshotPath(QStringLiteral("org/name"), commit, QStringLiteral("Q8_0/m.gguf"));
        QVERIFY(ok);
        QCOMPARE(*ok,
            dir.path() + QStringLiteral("/models--org--name/snapshots/") + commit + QStringLiteral("/Q8_0/m.gguf"));
        QVERIFY(!layout.snapshotPath(QStringLiteral("org/name"), commit, QStringLiteral("../../../x")));
        QVERIFY(!layout.snapshotPath(QStringLiteral("org/name"), QStringLiteral("main"), QStringLiteral("m.gguf")));
    }

    void refusesASymlinkedFolderThatLeadsOutOfTheCache()
    {
        QTemporaryDir cache;
        QTemporaryDir outside;
        HfCacheLayout layout(cache.path());
        const QString repo = QStringLiteral("org/name");
        const QString commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        QVERIFY(QDir().mkpath(layout.blobsDir(repo)));
        QFile blob(layout.blobPath(repo, QStringLiteral("b")));
        QVERIFY(blob.open(QIODevice::WriteOnly));
        blob.write("data");
        blob.close();
        // A planted link snapshots/<commit>/sub -> a folder outside the cache.
        const QString snapshots = layout.repoDir(repo) + QStringLiteral("/snapshots/") + commit;
        QVERIFY(QDir().mkpath(snapshots));
        QVERIFY(QFile::link(outside.path(), snapshots + QStringLiteral("/sub")));
        const auto linked =
            layout.linkSnapshot(repo, commit, QStringLiteral("sub/file.gguf"), QStringLiteral("b"), true);
        QVERIFY(!linked);
        QVERIFY(QDir(outside.path()).isEmpty());
    }

    void linksSnapshotsRelativelyOrCopies()
    {
        QTemporaryDir cache;
        HfCacheLayout layout(cache.path());
        const QString repo = QStringLiteral("org/name");
        const QString commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        QVERIFY(QDir().mkpath(layout.blobsDir(repo)));
        QFile partial(layout.incompletePath(repo, QStringLiteral("b")));
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write("content");
        partial.close();
        const auto blob = layout.publishBlob(repo, QStringLiteral("b"), partial.fileName());
        QVERIFY(blob);
        QVERIFY(!QFileInfo::exists(partial.fileName()));
        const auto link = layout.linkSnapshot(repo, commit, QStringLiteral("d/e.gguf"), QStringLiteral("b"), true);
        QVERIFY(link);
        QVERIFY(QFileInfo(*link).isSymLink());
        QCOMPARE(QFile::symLinkTarget(*link), QFileInfo(*blob).canonicalFilePath());
        QCOMPARE(QFileInfo(*link).symLinkTarget(), QFileInfo(*blob).canonicalFilePath());
        QCOMPARE(linkText(*link), QStringLiteral("../../../blobs/b"));
        const auto copy = layout.linkSnapshot(repo, commit, QStringLiteral("f.gguf"), QStringLiteral("b"), false);
        QVERIFY(copy);
        QVERIFY(!QFileInfo(*copy).isSymLink());
        QFile copied(*copy);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("content"));
        QVERIFY(layout.writeRef(repo, QStringLiteral("main"), commit));
        QCOMPARE(layout.readRef(repo, QStringLiteral("main")), commit);
    }

    void tokenGoesOnlyToTheEndpointOrigin()
    {
        HubConfig config;
        config.endpoint = QUrl(QStringLiteral("https://huggingface.co"));
        config.token = QStringLiteral("hf_x");
        QVERIFY(config.mayCarryToken(QUrl(QStringLiteral("https://huggingface.co/api/models"))));
        QVERIFY(!config.mayCarryToken(QUrl(QStringLiteral("https://cdn-lfs.huggingface.co/x"))));
        QVERIFY(!config.mayCarryToken(QUrl(QStringLiteral("https://huggingface.co:8443/x"))));
        QVERIFY(!config.mayCarryToken(QUrl(QStringLiteral("http://huggingface.co/x"))));
        QVERIFY(config.checkRedirect(QUrl(QStringLiteral("https://cas-bridge.xethub.hf.co/x"))));
        QVERIFY(!config.checkRedirect(QUrl(QStringLiteral("http://cdn.example.com/x"))));
        QVERIFY(!config.checkRedirect(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(!config.checkRedirect(QUrl(QStringLiteral("ftp://example.com/x"))));
        QVERIFY(!config.checkRedirect(QUrl(QStringLiteral("https://user:pw@example.com/x"))));
        config.endpoint = QUrl(QStringLiteral("http://127.0.0.1:8080"));
        QVERIFY(config.checkRedirect(QUrl(QStringLiteral("http://127.0.0.1:9090/blob"))));
        QVERIFY(!config.checkRedirect(QUrl(QStringLiteral("http://example.com/blob"))));
        QVERIFY(!config.mayCarryToken(QUrl(QStringLiteral("http://127.0.0.1:9090/blob"))));
    }

    void buildsResolveUrlsWithEncodedParts()
    {
        HubConfig config;
        const QUrl url =
            config.resolveUrl(QStringLiteral("org/name"), QStringLiteral("refs/pr/1"), QStringLiteral("dir/a b#.gguf"));
        QCOMPARE(url.toString(QUrl::FullyEncoded),
            QStringLiteral("https://huggingface.co/org/name/resolve/refs%2Fpr%2F1/dir/a%20b%23.gguf"));
    }
};

QTEST_GUILESS_MAIN(TestHubPaths)
#include "test_hub_paths.moc"
