// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/sqlite/sqlite_db.h"

#include <utility>

#include <sqlite3.h>

#include "catalog/sqlite/sqlite_statement.h"

AppError sqliteError(int extendedCode, const QString &context, const QString &sqliteMessage)
{
    const QString codeName = QString::fromUtf8(sqlite3_errstr(extendedCode));
    return AppError {AppError::Kind::Database,
        QStringLiteral("Catalog database error while %1: %2").arg(context, sqliteMessage),
        QStringLiteral("sqlite extended code %1 (%2)").arg(extendedCode).arg(codeName),
        extendedCode};
}

AppExpected<SqliteDb> SqliteDb::open(const QString &path, Mode mode, int busyTimeoutMs)
{
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    sqlite3 *raw = nullptr;
    const QByteArray utf8 = path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &raw, flags, nullptr);
    SqliteDb db;
    db.m_db = raw; // NOTE: even a failed open returns a handle that must be closed
    db.m_path = path;
    if (rc != SQLITE_OK) {
        const QString message = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QString::fromUtf8(sqlite3_errstr(rc));
        const int code = raw ? sqlite3_extended_errcode(raw) : rc;
        return atrium::Unexpected<AppError>(sqliteError(code, QStringLiteral("opening %1").arg(path), message));
    }
    const int extendedRc = sqlite3_extended_result_codes(raw, 1);
    if (extendedRc != SQLITE_OK)
        return atrium::Unexpected<AppError>(db.lastError(QStringLiteral("enabling extended result codes")));
    const int busyRc = sqlite3_busy_timeout(raw, busyTimeoutMs);
    if (busyRc != SQLITE_OK)
        return atrium::Unexpected<AppError>(db.lastError(QStringLiteral("setting the busy timeout")));
    auto fk = db.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (!fk)
        return atrium::Unexpected<AppError>(fk.error());
    auto sync = db.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    if (!sync)
        return atrium::Unexpected<AppError>(sync.error());
    return db;
}

SqliteDb::SqliteDb(SqliteDb &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
{
}

SqliteDb &SqliteDb::operator=(SqliteDb &&other) noexcept
{
    if (this != &other) {
        (void)close(); // NOTE: nothing can be reported from a move; close_v2 defers until statements are finalized
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

SqliteDb::~SqliteDb()
{
    (void)close();
}

AppExpected<void> SqliteDb::close()
{
    if (!m_db)
        return {};
    sqlite3 *db = std::exchange(m_db, nullptr);
    const int rc = sqlite3_close_v2(db);
    if (rc != SQLITE_OK)
        return atrium::Unexpected<AppError>(
            sqliteError(rc, QStringLiteral("closing %1").arg(m_path), QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

AppError SqliteDb::lastError(const QString &context) const
{
    if (!m_db)
        return sqliteError(SQLITE_MISUSE, context, QStringLiteral("the connection is not open"));
    return sqliteError(sqlite3_extended_errcode(m_db), context, QString::fromUtf8(sqlite3_errmsg(m_db)));
}

AppExpected<void> SqliteDb::exec(const QString &sql)
{
    if (!m_db)
        return atrium::Unexpected<AppError>(lastError(QStringLiteral("running SQL")));
    char *errorText = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &errorText);
    if (rc != SQLITE_OK) {
        const QString message = errorText ? QString::fromUtf8(errorText) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(errorText);
        const QString head = sql.simplified().left(60);
        return atrium::Unexpected<AppError>(
            sqliteError(sqlite3_extended_errcode(m_db), QStringLiteral("running \"%1\"").arg(head), message));
    }
    return {};
}

AppExpected<SqliteStatement> SqliteDb::prepare(const QString &sql)
{
    if (!m_db)
        return atrium::Unexpected<AppError>(lastError(QStringLiteral("preparing SQL")));
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return atrium::Unexpected<AppError>(
            lastError(QStringLiteral("preparing \"%1\"").arg(sql.simplified().left(60))));
    }
    if (!stmt) // empty SQL (only whitespace or comments)
        return atrium::Unexpected<AppError>(
            sqliteError(SQLITE_MISUSE, QStringLiteral("preparing SQL"), QStringLiteral("the SQL text is empty")));
    return SqliteStatement(m_db, stmt);
}

AppExpected<qint64> SqliteDb::queryInt(const QString &sql)
{
    ATRIUM_TRY(SqliteStatement stmt, prepare(sql));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    return hasRow ? stmt.columnInt64(0) : qint64(0);
}

AppExpected<QString> SqliteDb::queryText(const QString &sql)
{
    ATRIUM_TRY(SqliteStatement stmt, prepare(sql));
    ATRIUM_TRY(const bool hasRow, stmt.step());
    return hasRow ? stmt.columnText(0) : QString();
}

qint64 SqliteDb::lastInsertRowId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

int SqliteDb::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}
