// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_schema.h"

#include <array>

#include <QFile>

#include "catalog/sqlite/sqlite_db.h"
#include "catalog/sqlite/sqlite_transaction.h"

namespace CatalogSchema
{

namespace
{

// NOTE: append only. A shipped migration never changes: databases out there are already at its version.
constexpr std::array<const char16_t *, 2> kMigrations {
    u":/atrium/sql/001_initial.sql",
    u":/atrium/sql/002_comparisons.sql",
};

} // namespace

int latestVersion()
{
    return int(kMigrations.size());
}

AppExpected<QString> migrationScript(int version)
{
    if (version < 1 || version > latestVersion())
        return appFail(AppError::Kind::Database, QStringLiteral("No catalog migration %1 exists.").arg(version));
    QFile file(QString::fromUtf16(kMigrations[size_t(version - 1)]));
    if (!file.open(QIODevice::ReadOnly))
        return appFail(AppError::Kind::Database,
            QStringLiteral("Catalog migration %1 is missing from the build.").arg(version),
            file.errorString());
    return QString::fromUtf8(file.readAll());
}

AppExpected<int> userVersion(SqliteDb &db)
{
    ATRIUM_TRY(const qint64 version, db.queryInt(QStringLiteral("PRAGMA user_version")));
    return int(version);
}

AppExpected<void> migrateTo(SqliteDb &db, int targetVersion)
{
    ATRIUM_TRY(const int current, userVersion(db));
    for (int version = current + 1; version <= targetVersion; ++version) {
        ATRIUM_TRY(const QString script, migrationScript(version));
        ATRIUM_TRY(SqliteTransaction transaction, SqliteTransaction::begin(db));
        auto applied = db.exec(script);
        if (!applied) {
            AppError error = applied.error();
            error.message =
                QStringLiteral("Could not upgrade the catalog to version %1: %2").arg(version).arg(error.message);
            return atrium::fail(std::move(error)); // the transaction rolls back: still at version - 1
        }
        ATRIUM_TRY_VOID(db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)));
        ATRIUM_TRY_VOID(transaction.commit());
    }
    return {};
}

AppExpected<void> prepareWriter(SqliteDb &db)
{
    ATRIUM_TRY(const int current, userVersion(db));
    if (current > latestVersion())
        return appFail(AppError::Kind::Database,
            QStringLiteral("The catalog %1 was written by a newer version of Atrium (schema %2; this "
                           "version knows up to %3). Update Atrium, or set ATRIUM_HOME to another folder.")
                .arg(db.path())
                .arg(current)
                .arg(latestVersion()),
            QStringLiteral("user_version %1 > %2").arg(current).arg(latestVersion()));
    ATRIUM_TRY(const QString mode, db.queryText(QStringLiteral("PRAGMA journal_mode = WAL")));
    if (mode.compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0 && db.path() != QStringLiteral(":memory:"))
        return appFail(AppError::Kind::Database,
            QStringLiteral("The catalog %1 could not switch to write-ahead logging (journal mode is %2).")
                .arg(db.path(), mode));
    return migrateTo(db, latestVersion());
}

} // namespace CatalogSchema
