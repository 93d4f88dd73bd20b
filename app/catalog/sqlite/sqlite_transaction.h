// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include "common/app_error.h"

class SqliteDb;

/// A write transaction: BEGIN IMMEDIATE on begin(), an explicit commit(), and a rollback in the destructor when
/// commit() was not reached (an early return on error leaves the database unchanged). Move-only.
class SqliteTransaction
{
public:
    static AppExpected<SqliteTransaction> begin(SqliteDb &db);

    SqliteTransaction(SqliteTransaction &&other) noexcept;
    SqliteTransaction &operator=(SqliteTransaction &&other) = delete;
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;
    ~SqliteTransaction();

    AppExpected<void> commit();
    /// Rolls back now; later calls do nothing.
    AppExpected<void> rollback();
    bool isActive() const
    {
        return m_db != nullptr;
    }

private:
    explicit SqliteTransaction(SqliteDb *db);
    SqliteDb *m_db = nullptr;
};
