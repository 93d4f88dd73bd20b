// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include "catalog/catalog_types.h"
#include "common/app_error.h"

/// Deleting model files from disk under the catalog's ownership rules. Internal to CatalogStore::removeFromDisk():
/// plan() decides (and refuses) before anything is touched; execute() deletes.
namespace CatalogRemover
{

/// AppError::detail of a refusal that confirmExternal would lift.
inline constexpr QStringView kNeedsConfirmation = u"confirmation required";

struct Step {
    CatalogFile file;
    ModelSource source = ModelSource::Hub;
    QString rootPath;
};

struct Plan {
    QList<Step> steps;
};

/// Picks the files of `matches` the request names and checks every rule: a refusal for any file refuses all.
AppExpected<Plan> plan(const QList<CatalogModel> &matches, const RemovalRequest &request);

struct Outcome {
    RemovalReport report; ///< files whose content is gone (or was already gone) and what was deleted
    QStringList failures; ///< files that could not be deleted, with the reason
};

/// Deletes every planned file: in the HF cache the snapshot link, the blob when no other snapshot links it, empty
/// folders, and refs/markers of snapshots that no longer exist; elsewhere the file and the empty folders above it
/// up to the root.
Outcome execute(const Plan &plan);

} // namespace CatalogRemover
