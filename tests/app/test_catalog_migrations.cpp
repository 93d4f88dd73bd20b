// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Schema migrations: a fresh catalog, the checked-in v1 database upgraded in a temporary copy, the downgrade guard
// (a newer database is refused and left byte-for-byte untouched) and a failing step that rolls back.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "catalog/catalog_schema.h"
#include "catalog/catalog_store.h"
#include "catalog/sqlite/sqlite_db.h"
#include "test_catalog_fixtures.h"

using CatalogFixtures::failureText;

namespace
{

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

qint64 queryInt(const QString &path, const QString &sql)
{
    auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
    if (!db)
        return -1;
    auto value = db->queryInt(sql);
    return value ? *value : -1;
}

} // namespace

class TestCatalogMigrations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(CatalogStore::schemaVersion(), 2);
    }

    void migrationScriptsAreCompiledIn()
    {
        for (int version = 1; version <= CatalogSchema::latestVersion(); ++version) {
            auto script = CatalogSchema::migrationScript(version);
            QVERIFY2(script, failureText(script).constData());
            QVERIFY(script->contains(QStringLiteral("CREATE TABLE")));
        }
        QVERIFY(!CatalogSchema::migrationScript(CatalogSchema::latestVersion() + 1));
    }

    void freshCatalogGetsTheLatestSchemaInWalMode()
    {
        const QString path = m_dir.filePath(QStringLiteral("fresh/nested/catalog.sqlite"));
        CatalogStore store(path);
        auto opened = store.open();
        QVERIFY2(opened, failureText(opened).constData());
        QCOMPARE(queryInt(path, QStringLiteral("PRAGMA user_version")), qint64(2));
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly);
        QVERIFY(db);
        QCOMPARE(db->queryText(QStringLiteral("PRAGMA journal_mode")).value(), QStringLiteral("wal"));
        const QStringList tables {QStringLiteral("models"),
            QStringLiteral("files"),
            QStringLiteral("downloads"),
            QStringLiteral("conversations"),
            QStringLiteral("messages"),
            QStringLiteral("comparisons"),
            QStringLiteral("votes"),
            QStringLiteral("user_folders")};
        for (const QString &table : tables) {
            const qint64 found =
                db->queryInt(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                            "name = '%1'")
                                 .arg(table))
                    .value();
            QVERIFY2(found == 1, qPrintable(table));
        }
        // Reopening an up-to-date catalog changes nothing.
        store.close();
        QVERIFY(store.open());
        QCOMPARE(queryInt(path, QStringLiteral("PRAGMA user_version")), qint64(2));
    }

    void upgradesTheCheckedInV1Database()
    {
        const QString source = QStringLiteral(ATRIUM_CATALOG_TEST_DATA "/schema_v1.sqlite");
        QVERIFY2(QFile::exists(source), qPrintable(source));
        QCOMPARE(queryInt(source, QStringLiteral("PRAGMA user_version")), qint64(1));
        const QString path = m_dir.filePath(QStringLiteral("v1/catalog.sqlite"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("v1"))));
        QVERIFY(QFile::copy(source, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

        CatalogStore store(path);
        auto opened = store.open();
        QVERIFY2(opened, failureText(opened).constData());
        QCOMPARE(queryInt(path, QStringLiteral("PRAGMA user_version")), qint64(2));

        // v1 rows survive, and read back through the v2 code.
        auto models = store.findModels(QStringLiteral("example-org/tiny-llama-GGUF"));
        QVERIFY(models);
        QCOMPARE(models->size(), 1);
        const CatalogModel &model = models->first();
        QCOMPARE(model.source, ModelSource::Hub);
        QCOMPARE(model.license, QStringLiteral("apache-2.0"));
        QCOMPARE(model.tags, QStringList({QStringLiteral("gguf"), QStringLiteral("llama")}));
        QCOMPARE(model.lastModified, QDateTime::fromMSecsSinceEpoch(Q_INT64_C(1767225600000), Qt::UTC));
        QCOMPARE(model.files.size(), 1);
        QCOMPARE(model.files.first().quantization, QStringLiteral("Q4_K_M"));
        QVERIFY(model.files.first().downloadedByAtrium);
        QCOMPARE(model.files.first().contextLength, qint64(2048));

        auto downloads = store.listDownloads(true);
        QVERIFY(downloads);
        QCOMPARE(downloads->size(), 1);
        QCOMPARE(downloads->first().state, DownloadState::Paused);
        QCOMPARE(downloads->first().bytesDone, qint64(524288));

        auto messages = store.messages(1);
        QVERIFY(messages);
        QCOMPARE(messages->size(), 2);
        QCOMPARE(messages->at(1).parentId, qint64(1));
        QCOMPARE(messages->at(1).stats.value(QStringLiteral("tokens_per_s")).toDouble(), 42.5);

        auto folders = store.userFolders();
        QVERIFY(folders);
        QCOMPARE(folders->size(), 1);

        // What v2 added works on the upgraded file.
        auto comparison = store.addComparison({0, QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("hi"), {}});
        QVERIFY2(comparison, failureText(comparison).constData());
        QVERIFY(store.addVote(*comparison, VoteResult::A));
        QCOMPARE(queryInt(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'files_by_model'")),
            qint64(1));
    }

    void refusesANewerDatabaseAndLeavesItUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY(db->exec(QStringLiteral("CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);"
                                            "PRAGMA user_version = 99")));
        }
        const QByteArray before = fileHash(path);
        const QDateTime modifiedBefore = QFileInfo(path).lastModified();
        QVERIFY(!before.isEmpty());

        CatalogStore store(path);
        auto opened = store.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind, AppError::Kind::Database);
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer version of Atrium")),
            qPrintable(opened.error().message));
        QVERIFY(!store.isOpen());
        QVERIFY(!store.listModels());

        QCOMPARE(fileHash(path), before);
        QCOMPARE(QFileInfo(path).lastModified(), modifiedBefore);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // not even switched to WAL
        QCOMPARE(queryInt(path, QStringLiteral("PRAGMA user_version")), qint64(99));

        auto reader = CatalogStore::openReader(path);
        QVERIFY(!reader);
    }

    void aFailingStepRollsBackToThePreviousVersion()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken-v1.sqlite"));
        {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY(CatalogSchema::migrateTo(*db, 1));
            // Something v2 is about to create already exists: step 2 must fail as a whole.
            QVERIFY(db->exec(QStringLiteral("CREATE TABLE votes (stray INTEGER)")));
        }
        CatalogStore store(path);
        auto opened = store.open();
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.contains(QStringLiteral("version 2")), qPrintable(opened.error().message));
        QCOMPARE(queryInt(path, QStringLiteral("PRAGMA user_version")), qint64(1));
        // The first statement of step 2 (CREATE TABLE comparisons) was rolled back with the rest.
        QCOMPARE(
            queryInt(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'comparisons'")), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCatalogMigrations)
#include "test_catalog_migrations.moc"
