// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>

#include "common/app_error.h"

/// Checks on names that come from the Hub (or a user) before they touch a URL or the disk. Everything the Hub sends
/// is treated as hostile: a file name must stay a relative path inside its snapshot folder on every OS.
namespace HubPaths
{

/// "org/name": letters, digits, '-', '_', '.'; no "..", no leading '-' or '.'.
AppExpected<void> validateRepoId(const QString &repoId);
/// A branch, tag or commit: no control characters, no backslash, no ".." segment, no empty segment.
AppExpected<void> validateRevision(const QString &revision);
/// A path inside a repository. Refuses absolute paths, '..' and '.' segments, backslashes, drive letters and any
/// ':' (alternate data streams), Windows device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with or without an
/// extension), segments ending in '.' or ' ', control characters, and over-long paths.
AppExpected<void> validateFilePath(const QString &path);
/// True for a full 40-hex commit id.
bool isCommitHash(const QString &revision);
/// True for a 64-hex sha256.
bool isSha256(const QString &value);
/// "models--org--name", the repository's folder in the Hugging Face cache.
QString repoFolderName(const QString &repoId);

} // namespace HubPaths
