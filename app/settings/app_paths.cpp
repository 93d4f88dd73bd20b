// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "settings/app_paths.h"

#include <QDir>
#include <QStandardPaths>

namespace AppPaths
{

QString atriumHome()
{
    const QString env = qEnvironmentVariable("ATRIUM_HOME");
    if (!env.isEmpty())
        return QDir::cleanPath(env);
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("atrium"));
}

QString hubCache()
{
    const QString cache = qEnvironmentVariable("HF_HUB_CACHE");
    if (!cache.isEmpty())
        return QDir::cleanPath(cache);
    const QString home = qEnvironmentVariable("HF_HOME");
    if (!home.isEmpty())
        return QDir(home).filePath(QStringLiteral("hub"));
    return QDir(QDir::homePath()).filePath(QStringLiteral(".cache/huggingface/hub"));
}

QString catalogDatabase()
{
    return QDir(atriumHome()).filePath(QStringLiteral("catalog.sqlite"));
}

} // namespace AppPaths
