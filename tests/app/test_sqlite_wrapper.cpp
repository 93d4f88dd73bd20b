// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The sqlite3 RAII wrapper: typed binds and columns, errors carrying extended result codes, transactions that
// roll back unless committed, per-connection settings.

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include "catalog/sqlite/sqlite_db.h"
#include "catalog/sqlite/sqlite_statement.h"
#include "catalog/sqlite/sqlite_transaction.h"

class TestSqliteWrapper : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    SqliteDb openScratch(const QString &name)
    {
        auto db = SqliteDb::open(m_dir.filePath(name), SqliteDb::Mode::ReadWriteCreate);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(name), qPrintable(db.error().message));
        return std::move(db).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void roundTripsEveryBoundType()
    {
        SqliteDb db = openScratch(QStringLiteral("types.sqlite"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n TEXT, e TEXT)")));
        auto insert = db.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)"));
        QVERIFY(insert);
        const qint64 big = Q_INT64_C(9007199254740993); // not representable as a double
        const QString text = QStringLiteral("Grüße, 世界 🙂");
        const QByteArray blob("\x00\x01\xff", 3);
        QVERIFY(insert->bindAll(big, 2.5, text, blob));
        QVERIFY(insert->bindNull(5));
        QVERIFY(insert->bind(6, QString())); // a null QString is stored as '' (TEXT), not NULL
        QVERIFY(insert->run());
        QCOMPARE(db.changes(), 1);
        QCOMPARE(db.lastInsertRowId(), qint64(1));

        auto select = db.prepare(QStringLiteral("SELECT i, d, s, b, n, e, typeof(e) FROM t"));
        QVERIFY(select);
        QCOMPARE(select->columnCount(), 7);
        auto row = select->step();
        QVERIFY(row);
        QVERIFY(*row);
        QCOMPARE(select->columnInt64(0), big);
        QCOMPARE(select->columnDouble(1), 2.5);
        QCOMPARE(select->columnText(2), text);
        QCOMPARE(select->columnBlob(3), blob);
        QVERIFY(select->columnIsNull(4));
        QVERIFY(!select->columnIsNull(5));
        QCOMPARE(select->columnText(6), QStringLiteral("text"));
        auto done = select->step();
        QVERIFY(done);
        QVERIFY(!*done);
    }

    void reusesAStatementAfterReset()
    {
        SqliteDb db = openScratch(QStringLiteral("reuse.sqlite"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (v INTEGER)")));
        auto insert = db.prepare(QStringLiteral("INSERT INTO t VALUES (?)"));
        QVERIFY(insert);
        for (int v = 1; v <= 5; ++v) {
            QVERIFY(insert->reset(true));
            QVERIFY(insert->bind(1, v));
            QVERIFY(insert->run());
        }
        auto sum = db.queryInt(QStringLiteral("SELECT SUM(v) FROM t"));
        QVERIFY(sum);
        QCOMPARE(*sum, qint64(15));
    }

    void errorsCarryExtendedCodes()
    {
        SqliteDb db = openScratch(QStringLiteral("errors.sqlite"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
                                       "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))")));

        auto syntax = db.prepare(QStringLiteral("SELEC nonsense"));
        QVERIFY(!syntax);
        QCOMPARE(syntax.error().kind, AppError::Kind::Database);
        QCOMPARE(syntax.error().code, SQLITE_ERROR);
        QVERIFY2(syntax.error().message.contains(QStringLiteral("syntax error")), qPrintable(syntax.error().message));

        QVERIFY(db.exec(QStringLiteral("INSERT INTO parent (id, name) VALUES (1, 'a')")));
        auto unique = db.exec(QStringLiteral("INSERT INTO parent (id, name) VALUES (2, 'a')"));
        QVERIFY(!unique);
        QCOMPARE(unique.error().code, SQLITE_CONSTRAINT_UNIQUE);
        QVERIFY(unique.error().detail.contains(QString::number(SQLITE_CONSTRAINT_UNIQUE)));

        auto notNull = db.prepare(QStringLiteral("INSERT INTO parent (id, name) VALUES (3, ?)"));
        QVERIFY(notNull);
        QVERIFY(notNull->bindNull(1));
        auto notNullRun = notNull->run();
        QVERIFY(!notNullRun);
        QCOMPARE(notNullRun.error().code, SQLITE_CONSTRAINT_NOTNULL);

        // PRAGMA foreign_keys=ON is a per-connection setting open() applies.
        auto foreign = db.exec(QStringLiteral("INSERT INTO child (parent_id) VALUES (42)"));
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().code, SQLITE_CONSTRAINT_FOREIGNKEY);

        auto range = db.prepare(QStringLiteral("SELECT ?"));
        QVERIFY(range);
        auto outOfRange = range->bind(2, qint64(1));
        QVERIFY(!outOfRange);
        QCOMPARE(outOfRange.error().code, SQLITE_RANGE);
    }

    void appliesPerConnectionSettings()
    {
        SqliteDb db = openScratch(QStringLiteral("pragmas.sqlite"));
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA foreign_keys")).value(), qint64(1));
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA synchronous")).value(), qint64(1)); // NORMAL
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA busy_timeout")).value(), qint64(5000));
    }

    void transactionRollsBackUnlessCommitted()
    {
        SqliteDb db = openScratch(QStringLiteral("tx.sqlite"));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE t (v INTEGER)")));
        {
            auto tx = SqliteTransaction::begin(db);
            QVERIFY(tx);
            QVERIFY(tx->isActive());
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
            QCOMPARE(db.queryInt(QStringLiteral("SELECT COUNT(*) FROM t")).value(), qint64(1));
        } // destroyed without commit()
        QCOMPARE(db.queryInt(QStringLiteral("SELECT COUNT(*) FROM t")).value(), qint64(0));
        {
            auto tx = SqliteTransaction::begin(db);
            QVERIFY(tx);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t VALUES (2)")));
            QVERIFY(tx->commit());
            QVERIFY(!tx->isActive());
        }
        QCOMPARE(db.queryInt(QStringLiteral("SELECT COUNT(*) FROM t")).value(), qint64(1));

        // A second BEGIN inside a transaction is an error with a code, and the first one still rolls back.
        {
            auto outer = SqliteTransaction::begin(db);
            QVERIFY(outer);
            QVERIFY(db.exec(QStringLiteral("INSERT INTO t VALUES (3)")));
            auto inner = SqliteTransaction::begin(db);
            QVERIFY(!inner);
            QCOMPARE(inner.error().code, SQLITE_ERROR);
        }
        QCOMPARE(db.queryInt(QStringLiteral("SELECT MAX(v) FROM t")).value(), qint64(2));
    }

    void readOnlyConnectionRefusesWrites()
    {
        {
            SqliteDb writer = openScratch(QStringLiteral("ro.sqlite"));
            QVERIFY(writer.exec(QStringLiteral("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7)")));
        }
        auto reader = SqliteDb::open(m_dir.filePath(QStringLiteral("ro.sqlite")), SqliteDb::Mode::ReadOnly);
        QVERIFY(reader);
        QCOMPARE(reader->queryInt(QStringLiteral("SELECT v FROM t")).value(), qint64(7));
        auto write = reader->exec(QStringLiteral("INSERT INTO t VALUES (8)"));
        QVERIFY(!write);
        QCOMPARE(write.error().code, SQLITE_READONLY);
    }

    void openingAMissingFileReadOnlyFails()
    {
        auto missing = SqliteDb::open(m_dir.filePath(QStringLiteral("nope/none.sqlite")), SqliteDb::Mode::ReadOnly);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code & 0xff, SQLITE_CANTOPEN);
        QVERIFY(missing.error().message.contains(QStringLiteral("none.sqlite")));
    }

    void notADatabaseIsReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        auto db = SqliteDb::open(path, SqliteDb::Mode::ReadWriteCreate);
        // Settings are per connection and may not read the file; the first real query must fail.
        if (db) {
            auto version = db->queryInt(QStringLiteral("PRAGMA user_version"));
            QVERIFY(!version);
            QCOMPARE(version.error().code, SQLITE_NOTADB);
        } else {
            QCOMPARE(db.error().code, SQLITE_NOTADB);
        }
    }

    void movesKeepOwnership()
    {
        SqliteDb db = openScratch(QStringLiteral("move.sqlite"));
        SqliteDb moved = std::move(db);
        QVERIFY(!db.isOpen()); // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
        QVERIFY(moved.isOpen());
        auto stmt = moved.prepare(QStringLiteral("SELECT 41 + 1"));
        QVERIFY(stmt);
        SqliteStatement other = std::move(*stmt);
        QVERIFY(!stmt->isValid());
        QVERIFY(other.step().value());
        QCOMPARE(other.columnInt(0), 42);
        auto used = db.exec(QStringLiteral("SELECT 1"));
        QVERIFY(!used);
        QCOMPARE(used.error().kind, AppError::Kind::Database);
    }
};

QTEST_GUILESS_MAIN(TestSqliteWrapper)
#include "test_sqlite_wrapper.moc"
