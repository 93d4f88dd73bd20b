// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/sqlite/sqlite_transaction.h"

#include <utility>

#include <QtGlobal>

#include "catalog/sqlite/sqlite_db.h"

AppExpected<SqliteTransaction> SqliteTransaction::begin(SqliteDb &db)
{
    ATRIUM_TRY_VOID(db.exec(QStringLiteral("BEGIN IMMEDIATE")));
    return SqliteTransaction(&db);
}

SqliteTransaction::SqliteTransaction(SqliteDb *db)
    : m_db(db)
{
}

SqliteTransaction::SqliteTransaction(SqliteTransaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
{
}

SqliteTransaction::~SqliteTransaction()
{
    auto rolledBack = rollback();
    if (!rolledBack)
        qWarning("catalog: rollback failed: %s", qPrintable(rolledBack.error().message));
}

AppExpected<void> SqliteTransaction::commit()
{
    if (!m_db)
        return appFail(
            AppError::Kind::Database, QStringLiteral("Catalog database error: commit without a transaction"));
    auto committed = m_db->exec(QStringLiteral("COMMIT"));
    if (!committed)
        return committed; // still active: the destructor rolls back
    m_db = nullptr;
    return {};
}

AppExpected<void> SqliteTransaction::rollback()
{
    if (!m_db)
        return {};
    SqliteDb *db = std::exchange(m_db, nullptr);
    return db->exec(QStringLiteral("ROLLBACK"));
}
