// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>

#include "common/app_error.h"

struct sqlite3;
class SqliteStatement;

/// Owns one sqlite3 connection (sqlite3_open_v2 / sqlite3_close_v2). Move-only and thread-confined: a connection
/// is opened on the thread that uses it and never leaves it. Every call's result code is checked; failures come
/// back as AppError{Kind::Database} carrying the extended result code and sqlite3_errmsg().
class SqliteDb
{
public:
    enum class Mode {
        ReadWriteCreate, ///< the writer: creates the file when missing
        ReadOnly, ///< a reader on another thread
    };

    /// Opens a connection and applies the per-connection settings: foreign_keys=ON, a busy timeout and
    /// synchronous=NORMAL. ":memory:" opens a private in-memory database.
    static AppExpected<SqliteDb> open(const QString &path, Mode mode, int busyTimeoutMs = 5000);

    SqliteDb() = default;
    SqliteDb(SqliteDb &&other) noexcept;
    SqliteDb &operator=(SqliteDb &&other) noexcept;
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;
    ~SqliteDb();

    bool isOpen() const
    {
        return m_db != nullptr;
    }
    const QString &path() const
    {
        return m_path;
    }
    sqlite3 *handle() const
    {
        return m_db;
    }

    /// Runs one or more statements with no results (a migration script, a PRAGMA).
    AppExpected<void> exec(const QString &sql);
    /// Compiles one statement.
    AppExpected<SqliteStatement> prepare(const QString &sql);
    /// Runs a statement that yields one integer (e.g. "PRAGMA user_version"); NULL or no row reads as 0.
    AppExpected<qint64> queryInt(const QString &sql);
    /// Runs a statement that yields one text value; NULL or no row reads as an empty string.
    AppExpected<QString> queryText(const QString &sql);

    qint64 lastInsertRowId() const;
    /// Rows changed by the last INSERT/UPDATE/DELETE.
    int changes() const;

    /// The connection's current error as an AppError; `context` says what was being done.
    AppError lastError(const QString &context) const;

    /// Closes the connection now (also done by the destructor); returns the close result.
    AppExpected<void> close();

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

/// Builds a Database AppError from a result code outside any connection (e.g. a failed open).
AppError sqliteError(int extendedCode, const QString &context, const QString &sqliteMessage);
