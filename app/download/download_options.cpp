// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/download_types.h"
#include "settings/app_paths.h"

DownloadOptions DownloadOptions::fromEnvironment()
{
    DownloadOptions options;
    options.cacheRoot = AppPaths::hubCache();
    bool ok = false;
    const double timeoutS = qEnvironmentVariable("HF_HUB_DOWNLOAD_TIMEOUT").toDouble(&ok);
    if (ok && timeoutS > 0)
        options.stallTimeoutMs = static_cast<int>(timeoutS * 1000);
    const QString noLinks = qEnvironmentVariable("HF_HUB_DISABLE_SYMLINKS").trimmed().toLower();
    if (noLinks == QLatin1String("1") || noLinks == QLatin1String("true") || noLinks == QLatin1String("yes"))
        options.useSymlinks = false;
    return options;
}
