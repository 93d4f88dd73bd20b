// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// One connection per thread, in WAL mode, on real files: a reader on another thread keeps a consistent snapshot
// while the writer commits, and readers poll download progress while a writer thread updates it.

#include <atomic>

#include <QElapsedTimer>
#include <QHash>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "catalog/catalog_store.h"
#include "catalog/sqlite/sqlite_db.h"
#include "catalog/sqlite/sqlite_statement.h"
#include "test_catalog_fixtures.h"

using CatalogFixtures::failureText;

namespace
{

CatalogDownload makeDownload(const QString &path)
{
    CatalogDownload d;
    d.repoId = QStringLiteral("org/wal");
    d.path = path;
    d.revision = QStringLiteral("0123");
    d.state = DownloadState::Running;
    d.bytesTotal = 1'000'000;
    return d;
}

} // namespace

class TestCatalogWal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void readerKeepsItsSnapshotWhileTheWriterCommits()
    {
        const QString path = m_dir.filePath(QStringLiteral("snapshot.sqlite"));
        CatalogStore store(path);
        QVERIFY(store.open());
        const qint64 id = store.upsertDownload(makeDownload(QStringLiteral("a.gguf"))).value();

        QSemaphore readerInTransaction;
        QSemaphore writerCommitted;
        qint64 before = -1;
        qint64 insideAfterCommit = -1;
        qint64 afterReaderCommit = -1;
        QString readerError;
        QThread *reader = QThread::create([&] {
            auto db = SqliteDb::open(path, SqliteDb::Mode::ReadOnly); // opened on, and used only by, this thread
            if (!db) {
                readerError = db.error().message;
                readerInTransaction.release();
                return;
            }
            const QString select = QStringLiteral("SELECT bytes_done FROM downloads WHERE id = %1").arg(id);
            auto began = db->exec(QStringLiteral("BEGIN"));
            auto first = db->queryInt(select); // the read transaction starts here
            before = first ? *first : -2;
            readerInTransaction.release();
            if (!writerCommitted.tryAcquire(1, 20000)) {
                readerError = QStringLiteral("writer did not commit");
                return;
            }
            auto inside = db->queryInt(select);
            insideAfterCommit = inside ? *inside : -2;
            auto ended = db->exec(QStringLiteral("COMMIT"));
            auto after = db->queryInt(select);
            afterReaderCommit = after ? *after : -2;
            if (!began || !ended)
                readerError = QStringLiteral("BEGIN/COMMIT failed");
        });
        reader->start();
        QVERIFY(readerInTransaction.tryAcquire(1, 20000));
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));

        // In rollback-journal mode this commit would wait for the reader and fail with SQLITE_BUSY.
        QElapsedTimer timer;
        timer.start();
        auto updated = store.updateDownloadProgress(id, 4096, 1'000'000);
        QVERIFY2(updated, failureText(updated).constData());
        QVERIFY(timer.elapsed() < 2000);
        writerCommitted.release();
        QVERIFY(reader->wait(20000));
        delete reader;

        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
        QCOMPARE(before, qint64(0));
        QCOMPARE(insideAfterCommit, qint64(0)); // snapshot isolation inside the read transaction
        QCOMPARE(afterReaderCommit, qint64(4096));
    }

    void readersPollProgressWhileAWriterThreadUpdates()
    {
        const QString path = m_dir.filePath(QStringLiteral("progress.sqlite"));
        constexpr int kSteps = 150;
        const QStringList files {QStringLiteral("a.gguf"), QStringLiteral("b.gguf"), QStringLiteral("c.gguf")};

        QSemaphore ready;
        std::atomic<bool> writerDone {false};
        QString writerError;
        QThread *writer = QThread::create([&] {
            CatalogStore store(path); // the writer connection lives and dies on this thread
            auto opened = store.open();
            QList<qint64> ids;
            for (const QString &file : files) {
                if (!opened)
                    break;
                auto id = store.upsertDownload(makeDownload(file));
                if (!id) {
                    writerError = id.error().message;
                    break;
                }
                ids.append(*id);
            }
            if (!opened)
                writerError = opened.error().message;
            ready.release();
            for (int step = 1; step <= kSteps && writerError.isEmpty(); ++step) {
                for (const qint64 id : std::as_const(ids)) {
                    auto updated = store.updateDownloadProgress(id, qint64(step) * 1000, 1'000'000);
                    if (!updated) {
                        writerError = updated.error().message;
                        break;
                    }
                }
            }
            for (const qint64 id : std::as_const(ids)) {
                if (writerError.isEmpty() && !store.setDownloadState(id, DownloadState::Completed))
                    writerError = QStringLiteral("final state not written");
            }
            writerDone = true;
        });
        writer->start();
        QVERIFY(ready.tryAcquire(1, 20000));
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));

        // This thread is a reader: its own read-only connection, polling while the writer writes.
        auto reader = CatalogStore::openReader(path);
        QVERIFY2(reader, failureText(reader).constData());
        QHash<QString, qint64> lastSeen;
        int polls = 0;
        bool sawProgressInFlight = false;
        QString readerError; // checked after the writer is joined: never return while it still runs
        while (!writerDone && readerError.isEmpty()) {
            auto rows = reader->listDownloads();
            if (!rows) {
                readerError = rows.error().message; // e.g. SQLITE_BUSY, which WAL must prevent
                break;
            }
            if (rows->size() != files.size())
                readerError = QStringLiteral("saw %1 rows").arg(rows->size());
            for (const CatalogDownload &row : *rows) {
                if (row.bytesDone < lastSeen.value(row.path) || row.bytesDone % 1000 != 0)
                    readerError = QStringLiteral("inconsistent progress %1 for %2").arg(row.bytesDone).arg(row.path);
                lastSeen[row.path] = row.bytesDone;
                sawProgressInFlight = sawProgressInFlight || (row.bytesDone > 0 && row.bytesDone < kSteps * 1000);
            }
            ++polls;
        }
        QVERIFY(writer->wait(30000));
        delete writer;
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
        QVERIFY(polls > 0);
        qInfo("%d polls, progress seen in flight: %s", polls, sawProgressInFlight ? "yes" : "no");

        auto finalRows = reader->listDownloads(true);
        QVERIFY(finalRows);
        QVERIFY(finalRows->isEmpty()); // all completed
        auto all = reader->listDownloads();
        QVERIFY(all);
        for (const CatalogDownload &row : *all) {
            QCOMPARE(row.bytesDone, qint64(kSteps) * 1000);
            QCOMPARE(row.state, DownloadState::Completed);
        }
        auto write = SqliteDb::open(path, SqliteDb::Mode::ReadOnly)->exec(QStringLiteral("DELETE FROM downloads"));
        QVERIFY(!write); // readers are read-only
    }
};

QTEST_GUILESS_MAIN(TestCatalogWal)
#include "test_catalog_wal.moc"
