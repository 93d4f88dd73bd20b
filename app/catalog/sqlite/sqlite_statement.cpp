// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/sqlite/sqlite_statement.h"

#include <utility>

#include <sqlite3.h>

#include "catalog/sqlite/sqlite_db.h"

namespace
{

AppError statementError(sqlite3 *db, const QString &context)
{
    return sqliteError(sqlite3_extended_errcode(db), context, QString::fromUtf8(sqlite3_errmsg(db)));
}

} // namespace

SqliteStatement::SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt)
{
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt); // NOTE: finalize returns the last step's error, already reported by step()
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt); // NOTE: see operator=; a null statement is a no-op
}

QString SqliteStatement::sql() const
{
    return m_stmt ? QString::fromUtf8(sqlite3_sql(m_stmt)) : QString();
}

AppExpected<void> SqliteStatement::checkBind(int rc, int index)
{
    if (rc != SQLITE_OK)
        return atrium::Unexpected<AppError>(
            statementError(m_db, QStringLiteral("binding parameter %1 of \"%2\"").arg(index).arg(sql().left(60))));
    return {};
}

AppExpected<void> SqliteStatement::bind(int index, qint64 value)
{
    return checkBind(sqlite3_bind_int64(m_stmt, index, value), index);
}

AppExpected<void> SqliteStatement::bind(int index, int value)
{
    return checkBind(sqlite3_bind_int(m_stmt, index, value), index);
}

AppExpected<void> SqliteStatement::bind(int index, double value)
{
    return checkBind(sqlite3_bind_double(m_stmt, index, value), index);
}

AppExpected<void> SqliteStatement::bind(int index, bool value)
{
    return checkBind(sqlite3_bind_int(m_stmt, index, value ? 1 : 0), index);
}

AppExpected<void> SqliteStatement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    // NOTE: a null QString gives a null QByteArray; "" keeps it TEXT rather than NULL.
    return checkBind(sqlite3_bind_text64(m_stmt,
                         index,
                         utf8.isNull() ? "" : utf8.constData(),
                         sqlite3_uint64(utf8.size()),
                         SQLITE_TRANSIENT,
                         SQLITE_UTF8),
        index);
}

AppExpected<void> SqliteStatement::bind(int index, const QByteArray &value)
{
    return checkBind(
        sqlite3_bind_blob64(
            m_stmt, index, value.isNull() ? "" : value.constData(), sqlite3_uint64(value.size()), SQLITE_TRANSIENT),
        index);
}

AppExpected<void> SqliteStatement::bindNull(int index)
{
    return checkBind(sqlite3_bind_null(m_stmt, index), index);
}

AppExpected<bool> SqliteStatement::step()
{
    if (!m_stmt)
        return atrium::Unexpected<AppError>(
            sqliteError(SQLITE_MISUSE, QStringLiteral("stepping"), QStringLiteral("the statement is not prepared")));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return atrium::Unexpected<AppError>(statementError(m_db, QStringLiteral("running \"%1\"").arg(sql().left(60))));
}

AppExpected<void> SqliteStatement::run()
{
    ATRIUM_TRY(const bool hasRow, step());
    if (hasRow)
        return atrium::Unexpected<AppError>(sqliteError(
            SQLITE_MISUSE, QStringLiteral("running \"%1\"").arg(sql().left(60)), QStringLiteral("unexpected row")));
    return {};
}

AppExpected<void> SqliteStatement::reset(bool clearBindings)
{
    // NOTE: sqlite3_reset repeats the error of the last failed step; that error was already returned by step(),
    // so the statement is reusable and the repeated code is not a new failure.
    sqlite3_reset(m_stmt);
    if (clearBindings) {
        const int rc = sqlite3_clear_bindings(m_stmt);
        if (rc != SQLITE_OK)
            return atrium::Unexpected<AppError>(statementError(m_db, QStringLiteral("clearing bindings")));
    }
    return {};
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

int SqliteStatement::columnInt(int column) const
{
    return sqlite3_column_int(m_stmt, column);
}

double SqliteStatement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

bool SqliteStatement::columnBool(int column) const
{
    return sqlite3_column_int(m_stmt, column) != 0;
}

QString SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::columnBlob(int column) const
{
    const void *blob = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!blob || size <= 0)
        return {};
    return QByteArray(static_cast<const char *>(blob), size);
}
