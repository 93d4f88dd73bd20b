// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "atrium/expected.h"
#include "gguf/gguf_file.h"

namespace atrium
{

/// Everything a GGUF header describes, validated against the bytes it came from.
struct GgufLayout {
    uint32_t version = 0;
    uint32_t alignment = 32;
    uint64_t dataOffset = 0; ///< absolute offset of the tensor data section
    std::vector<std::pair<std::string, GgufValue>> metadata;
    std::vector<GgufTensor> tensors; ///< `data` points into the parsed bytes
};

/// Parses and validates a whole GGUF image (engine-notes §1.1). Reads nothing outside [data, data + size).
Expected<GgufLayout> parseGguf(const uint8_t *data, uint64_t size);

} // namespace atrium
