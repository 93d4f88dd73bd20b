// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>

#include "args.h"
#include "atrium/model.h"
#include "atrium/sampler.h"

namespace atrium::cli
{

/// The options loadModel reads.
Args::Specs modelOptions();
/// The options samplerFromArgs reads.
Args::Specs samplingOptions();

/// Loads -m MODEL with --backend auto|cpu|vulkan|reference, --device, --ctx, --threads and --exact.
Expected<std::shared_ptr<Model>> loadModel(const Args &args);

/// Sampling flags: --temp, --top-k, --top-p, --min-p, --repeat-penalty, --repeat-last-n, --seed (no seed: a fresh
/// random one, so a run can be repeated with the seed it reports).
Expected<SamplerParams> samplerFromArgs(const Args &args);

} // namespace atrium::cli
