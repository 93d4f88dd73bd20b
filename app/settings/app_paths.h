// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>

/// Where Atrium keeps things, resolved once from the environment (read only here, in app/).
namespace AppPaths
{
/// Atrium's own data (catalog database, settings): $ATRIUM_HOME, else the per-OS app data folder.
QString atriumHome();
/// The Hugging Face hub cache: $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub.
QString hubCache();
/// The catalog database file inside atriumHome().
QString catalogDatabase();
} // namespace AppPaths
