// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>

#include "atrium/expected.h"

namespace atrium
{

class GgufFile;

/// How much memory a model needs at a given context length (engine-notes §6.3).
struct MemoryEstimate {
    uint32_t contextLength = 0;
    uint64_t weightBytes = 0; ///< exact: the tensor data of the file
    uint64_t kvBytes = 0; ///< K and V caches: 2·n_layer·n_kv·d_h·ctx·bytesPerElement, SWA layers capped
    uint64_t scratchBytes = 0; ///< activations and logits for a 512-token batch (estimate)
    uint64_t totalBytes = 0; ///< the sum
};

/// Estimates memory for `contextLength` positions (0 = min(trained, 4096)) with a KV cache of
/// `kvBytesPerElement` bytes per value (2 = f16 as on GPUs, 4 = f32). Layers with a sliding window hold only
/// min(ctx, window + 512) positions.
MemoryEstimate estimateMemory(const GgufFile &file, uint32_t contextLength, uint32_t kvBytesPerElement = 2);
Expected<MemoryEstimate> estimateMemory(
    const std::string &path, uint32_t contextLength, uint32_t kvBytesPerElement = 2);

} // namespace atrium
