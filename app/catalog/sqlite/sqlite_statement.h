// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QByteArray>
#include <QString>

#include "common/app_error.h"

struct sqlite3;
struct sqlite3_stmt;

/// Owns one prepared statement (sqlite3_prepare_v2 / sqlite3_finalize). Move-only; used only on the thread of
/// the connection that prepared it. Parameters are bound by 1-based index, columns are read by 0-based index.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt);
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    ~SqliteStatement();

    AppExpected<void> bind(int index, qint64 value);
    AppExpected<void> bind(int index, int value);
    AppExpected<void> bind(int index, double value);
    AppExpected<void> bind(int index, bool value);
    AppExpected<void> bind(int index, const QString &value); ///< text; a null QString binds '' (use bindNull)
    AppExpected<void> bind(int index, const QByteArray &value); ///< a blob; a null QByteArray binds an empty blob
    AppExpected<void> bind(int index, const char *) = delete; ///< say QStringLiteral or QByteArray
    AppExpected<void> bindNull(int index);

    /// Binds every argument in order, starting at index 1.
    template <typename... Args>
    AppExpected<void> bindAll(const Args &...args)
    {
        int index = 0;
        AppExpected<void> result;
        ((result ? (void)(result = bind(++index, args)) : (void)0), ...);
        return result;
    }

    /// Advances: true when a row is available, false when the statement is done.
    AppExpected<bool> step();
    /// Steps a statement that returns no rows (INSERT/UPDATE/DELETE); a returned row is an error.
    AppExpected<void> run();
    /// Makes the statement runnable again; bindings are kept unless clearBindings is set.
    AppExpected<void> reset(bool clearBindings = false);

    int columnCount() const;
    bool columnIsNull(int column) const;
    qint64 columnInt64(int column) const;
    int columnInt(int column) const;
    double columnDouble(int column) const;
    bool columnBool(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;

    bool isValid() const
    {
        return m_stmt != nullptr;
    }
    /// The SQL text, for error messages.
    QString sql() const;

private:
    AppExpected<void> checkBind(int rc, int index);
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};
