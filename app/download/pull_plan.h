// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QStringList>

#include "common/app_error.h"
#include "download/download_types.h"
#include "hub/hub_types.h"

/// What to pull from a repository: one file, one quantization (all shards of it), or the default choice.
struct PullSelection {
    QString file; ///< exact path in the repository
    QString quant; ///< "Q4_K_M", matched as a whole word in GGUF file names
};

/// The files chosen for a pull, as download requests.
struct PullPlan {
    QList<DownloadRequest> requests;
    QStringList refusedNames; ///< hostile file names in the repository that were left out
};

/// Chooses the files of a pull. With no selection: the only GGUF file (or shard set), else the Q4_K_M one (the
/// common default), else an error that lists the choices. Hostile names are never chosen; naming one explicitly is
/// an error. Every request carries the size and hash from the file listing.
AppExpected<PullPlan> planPull(const HubModelInfo &info, const PullSelection &selection, const QString &refName);
/// The quantization named in a GGUF file name ("Q4_K_M", "F16", "IQ2_XS", …), or empty.
QString quantOfFileName(const QString &fileName);
